/**
 * Guard rails of every stack of a registry, derived from its config: a provider pinned to its account and
 * region with the standard tags, state where the config says, and no path from a non-production deploy to
 * a production account.
 */
import { Testing, type TerraformStack } from "cdktf";
import type { Environment } from "../../../environments/types";
import { accountStackOf, type Registry, synthesizeRegistry } from "../registry";

const GUARD_TAGS = ["environment", "service", "owner", "managed-by"];

export function describeGuardRails(registry: Registry): void {
  describe("GIVEN the registry's stacks, THEN their guard rails", () => {
    const app = synthesizeRegistry(registry);
    const byName = new Map(app.all.map((s) => [s.node.id, s]));
    /** Which account and region each stack must be confined to, from the config. */
    const expected = new Map<string, Environment>([...app.envs.map((e) => [e.name, e] as const), ...app.envs.map((e) => [accountStackOf(e), e] as const)]);

    it("every stack has one AWS provider, pinned to its account and region, tagging every resource", () => {
      expect([...byName.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const name of byName.keys()) {
        const env = expected.get(name)!;
        const providers = app.json(name).provider.aws;
        expect(providers).toHaveLength(1);
        expect(providers[0]).toMatchObject({ region: env.region, allowed_account_ids: [env.account.id] });
        expect(Object.keys(providers[0].default_tags[0].tags)).toEqual(expect.arrayContaining(GUARD_TAGS));
      }
    });

    it("deploying a non-production environment (with the stacks it depends on) can never touch a production account", () => {
      const productionIds = [...new Set(app.envs.filter((e) => e.account.production).map((e) => e.account.id))];
      expect(productionIds.length).toBeGreaterThan(0);
      for (const stack of app.stacks.environments.filter((s) => expected.get(s.node.id)!.tier !== "production")) {
        for (const deployed of [stack, ...(stack.dependencies as TerraformStack[])]) {
          const text = Testing.synth(deployed);
          for (const id of productionIds) expect({ stack: deployed.node.id, mentionsProductionAccount: text.includes(id) }).toEqual({ stack: deployed.node.id, mentionsProductionAccount: false });
        }
      }
    });

    it("state is where the config says: a local file, or one S3 object per stack in the team's bucket", () => {
      const keys = new Set<string>();
      let s3Stacks = 0;
      for (const name of byName.keys()) {
        const env = expected.get(name)!;
        const configured = name === env.name ? env.stateBackend : env.account.stateBackend;
        const backend = app.json(name).terraform.backend;
        if (configured.type === "local") {
          expect(backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
          continue;
        }
        expect(backend.s3).toMatchObject({ bucket: configured.bucket, region: configured.region, encrypt: true, use_lockfile: true });
        expect(backend.s3.key).toContain(`/${name}/`);
        s3Stacks += 1;
        keys.add(`${backend.s3.bucket}/${backend.s3.key}`);
      }
      expect(keys.size).toBe(s3Stacks); // no two stacks share a state object
    });
  });
}
