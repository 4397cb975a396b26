/**
 * Guard rails of every stack, derived from the config rather than listed by hand: a provider pinned to its
 * account and region with the standard tags, state where the config says, and no path from a
 * non-production deploy to a production account.
 */
import { Testing, type TerraformStack } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { Environment } from "../../environments/types";
import { buildStacks } from "../../stacks/app";
import { accountStackName } from "../../stacks/account-stack";
import { withEnv } from "../support/environments";

function synthesizedApp(envs: readonly Environment[]) {
  const stacks = buildStacks(Testing.app(), envs);
  const json = (stack: TerraformStack) => JSON.parse(Testing.synth(stack));
  return { stacks, json, byName: new Map([...stacks.accounts, ...stacks.environments].map((s) => [s.node.id, s])) };
}

const envs = loadEnvironments(Object.values(ENVIRONMENTS));
const { stacks, json, byName } = synthesizedApp(envs);
/** Which account and region each stack must be confined to, from the config. */
const expected = new Map<string, Environment>([
  ...envs.map((e) => [e.name, e] as const),
  ...envs.map((e) => [accountStackName(e.account, e.region), e] as const),
]);
const GUARD_TAGS = ["environment", "service", "owner", "managed-by"];

describe("guard rails", () => {
  it("every stack has one AWS provider, pinned to its account and region, tagging every resource", () => {
    expect([...byName.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, stack] of byName) {
      const env = expected.get(name)!;
      const providers = json(stack).provider.aws;
      expect(providers).toHaveLength(1);
      expect(providers[0]).toMatchObject({ region: env.region, allowed_account_ids: [env.account.id] });
      expect(Object.keys(providers[0].default_tags[0].tags)).toEqual(expect.arrayContaining(GUARD_TAGS));
    }
  });

  it("an environment's own tags cannot overwrite the guard tags: the config is rejected (standardTags keeps the guard values besides)", () => {
    const spoofing = withEnv("dev", { tags: { environment: "prod", owner: "someone-else", team: "a" } });
    expect(() => loadEnvironments([spoofing])).toThrow('tags.environment = "prod": is set by the project on every resource, from the field name = "dev"');
    expect(() => loadEnvironments([spoofing])).toThrow(`tags.owner = "someone-else": is set by the project on every resource, from the field owner = "${ENVIRONMENTS.dev.owner}"`);
  });

  it("deploying a non-production environment (with the stacks it depends on) can never touch a production account", () => {
    const productionIds = [...new Set(envs.filter((e) => e.account.production).map((e) => e.account.id))];
    expect(productionIds.length).toBeGreaterThan(0);
    for (const stack of stacks.environments.filter((s) => expected.get(s.node.id)!.tier !== "production")) {
      for (const deployed of [stack, ...stack.dependencies as TerraformStack[]]) {
        const text = Testing.synth(deployed);
        for (const id of productionIds) expect({ stack: deployed.node.id, mentionsProductionAccount: text.includes(id) }).toEqual({ stack: deployed.node.id, mentionsProductionAccount: false });
      }
    }
  });

  it("state is where the config says: a local file, or one S3 object per stack in the team's bucket", () => {
    const keys = new Set<string>();
    let s3Stacks = 0;
    for (const [name, stack] of byName) {
      const env = expected.get(name)!;
      const configured = name === env.name ? env.stateBackend : env.account.stateBackend;
      const backend = json(stack).terraform.backend;
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
    expect(ENVIRONMENTS.staging.stateBackend?.type).toBe("s3");
    expect(ENVIRONMENTS.prod.stateBackend?.type).toBe("s3");
  });
});
