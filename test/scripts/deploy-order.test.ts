/**
 * The deploy workflow's order (`npm run --silent stacks -- --environments --json`): the synthesized
 * environments, non-production before production, registry order within a tier, none skipped silently.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS } from "../../environments";
import { deployOrder } from "../../scripts/lib/deploy-order";

const manifestOf = (stacks: Record<string, string[]>) => ({ stacks: Object.fromEntries(Object.entries(stacks).map(([name, dependencies]) => [name, { dependencies }])) });
const nonProduction = { tier: "non-production" };
const production = { tier: "production" };

describe("GIVEN a registry and the manifest synthesized from it", () => {
  const manifest = manifestOf({ "account-a": [], "account-b": [], dev: ["account-a"], live: ["account-b"], qa: ["account-a"], staging: ["account-a"] });

  it("WHEN production is registered before a non-production environment, THEN it is still deployed last", () => {
    expect(deployOrder(manifest, { dev: nonProduction, live: production, staging: nonProduction, qa: nonProduction })).toEqual(["dev", "staging", "qa", "live"]);
  });

  it("WHEN only some environments were synthesized (ENVIRONMENTS=...), THEN only those are deployed, in the same order", () => {
    const some = manifestOf({ "account-a": [], staging: ["account-a"], dev: ["account-a"] });
    expect(deployOrder(some, { dev: nonProduction, live: production, staging: nonProduction })).toEqual(["dev", "staging"]);
  });

  it("WHEN the manifest has a stack that is neither a registered environment nor a dependency, THEN it is an error naming it", () => {
    expect(() => deployOrder(manifest, { dev: nonProduction, staging: nonProduction, qa: nonProduction })).toThrow(
      'Stack "live" is not an environment of the registry (dev, staging, qa): synthesize again (npm run synth).',
    );
  });
});

describe("GIVEN the shipped registry's manifest, WHEN the workflow's command runs", () => {
  it("THEN it prints the JSON list of environments in deploy order", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-order-"));
    try {
      const names = Object.keys(ENVIRONMENTS);
      const stacks = Object.fromEntries(names.map((name) => [name, { dependencies: [] }]));
      fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ stacks }));
      const run = spawnSync(process.execPath, ["dist/scripts/stacks.js", "--environments", "--json"], { env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
      expect(run.stderr).toBe("");
      const order: string[] = JSON.parse(run.stdout);
      expect([...order].sort()).toEqual([...names].sort());
      expect(order.filter((name) => ["dev", "staging", "prod"].includes(name))).toEqual(["dev", "staging", "prod"]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
