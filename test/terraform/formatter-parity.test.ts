/**
 * `npm run synth` runs the compiled app directly instead of through the cdktf CLI, and formats with its own
 * formatter instead of `terraform fmt`. This proves the result is the same: the shipped stacks as cdktf itself
 * renders them to HCL (what `cdktf synth --hcl` has the app write), after the same repairs and `terraform fmt`
 * itself, are byte for byte what `npm run synth` writes, so the fast formatter changes nothing but layout.
 * cdktf renders in this test's process; that the real CLI's `synth --hcl` writes exactly `npm run synth`'s
 * bytes is `npm run test:cli`'s (test/cli/cdktf-cli.test.ts; one start of the CLI costs 2 to 5 CPU-seconds).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { repairStacks, terraformFmt } from "../../scripts/lib/synth";
import { buildStacks } from "../../stacks/app";
import { shippedSynth } from "../support/shared-stacks";
import { renderAppHcl } from "../support/synth-registry";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "formatter-parity-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

it("npm run synth writes exactly what cdktf's own HCL is after the same repairs and terraform fmt", async () => {
  const viaTerraformFmt = path.join(work, "terraform-fmt");
  renderAppHcl(viaTerraformFmt, (app) => buildStacks(app, loadEnvironments(Object.values(ENVIRONMENTS))));
  repairStacks(viaTerraformFmt);
  await terraformFmt(viaTerraformFmt);

  const direct = await shippedSynth(); // npm run synth's output, made once per test run

  expect(files(viaTerraformFmt)).toEqual(files(direct));
  expect(files(direct)).toContain(path.join("stacks", "prod", "cdk.tf"));
  for (const file of files(direct)) {
    expect(`${file}:\n${fs.readFileSync(path.join(viaTerraformFmt, file), "utf8")}`).toBe(`${file}:\n${fs.readFileSync(path.join(direct, file), "utf8")}`);
  }
}, 120_000);
