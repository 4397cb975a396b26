/**
 * GIVEN the shipped registry plus an environment in a new account (test/support/extra-environment.ts),
 * WHEN it is synthesized to HCL, THEN the new account stack and environment stack pass what every shipped
 * stack passes in Terraform (fmt, validate, an offline plan), the shipped stacks are byte for byte what
 * `npm run synth` writes without it, and the deploy workflow's list has the new environment, before production.
 */
import * as fs from "fs";
import * as path from "path";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { deployOrder } from "../../scripts/lib/deploy-order";
import { readManifest, synthesizedStacks } from "../../scripts/lib/manifest";
import { describeTerraformChecks } from "../support/checks/terraform";
import { EXTRA_ENVIRONMENT, EXTRA_NEW_STACKS, WITH_EXTRA_ENVIRONMENT } from "../support/extra-environment";
import { expectedStackNames } from "../support/registry";
import { shippedSynth } from "../support/shared-stacks";
import { terraformChecks } from "../support/shared-terraform-checks";

let outdir = "";
/** The shipped stacks are checked by synthesized-stacks.test.ts: here only the new ones. */
let checks: readonly StackCheck[] = [];

beforeAll(async () => {
  // Synthesized and planned once per run with the other terraform tests' stacks (test/support/shared-terraform-checks.ts).
  ({ outdir, checks } = (await terraformChecks()).extraEnvironment);
}, 600_000);

describe("GIVEN the shipped registry plus an environment in a new account, WHEN synthesized to HCL", () => {
  it("THEN the manifest has every stack of the registry, the new account stack and environment among them", () => {
    expect(synthesizedStacks(outdir).map((s) => s.name).sort()).toEqual(expectedStackNames(WITH_EXTRA_ENVIRONMENT));
    expect(checks.map((c) => c.stack)).toEqual(EXTRA_NEW_STACKS);
  });

  it("THEN every shipped stack's files are byte for byte what npm run synth writes for the shipped registry", async () => {
    const shipped = await shippedSynth(); // npm run synth's output, made once per test run
    const files = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
    for (const stack of synthesizedStacks(shipped)) {
      const extraDir = path.join(outdir, path.relative(shipped, stack.dir));
      expect(files(extraDir)).toEqual(files(stack.dir));
      for (const file of files(stack.dir)) {
        expect(`${stack.name}/${file}: ${fs.readFileSync(path.join(extraDir, file), "utf8")}`).toBe(`${stack.name}/${file}: ${fs.readFileSync(path.join(stack.dir, file), "utf8")}`);
      }
    }
  });

  it("THEN the deploy workflow's list has the new environment once, before every production environment", () => {
    const order = deployOrder(readManifest(outdir), WITH_EXTRA_ENVIRONMENT);
    expect(order.filter((name) => name === EXTRA_ENVIRONMENT.name)).toHaveLength(1);
    expect(order.indexOf(EXTRA_ENVIRONMENT.name)).toBeLessThan(order.indexOf("prod"));
  });

  describe("THEN its new stacks", () => {
    describeTerraformChecks(() => checks);
  });
});
