/**
 * The Terraform half of the property tests: generated configs that pass validation synthesize HCL that
 * passes `terraform fmt -check` and `terraform validate` (zero errors, zero warnings) with the real AWS
 * provider, and the fast formatter writes exactly what `terraform fmt` writes for it. Validation alone
 * cannot prove that a config it accepts is deployable; this does, for a sample. The sample is
 * reproducible: FC_SEED (printed on failure) picks it.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Environment, EnvironmentInput } from "../../environments/types";
import { checkEnvironment } from "../../environments/validate";
import { loadEnvironments } from "../../environments";
import { buildStacks } from "../../stacks/app";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { checkStacksTogether } from "../../scripts/lib/check-together";
import { synthesizedStacks } from "../../scripts/lib/manifest";
import { repairAndFormatStacks, repairStacks, terraformFmt } from "../../scripts/lib/synth";
import { arbitraryEnvironment } from "../support/arbitraries";
import { renderAppHcl } from "../support/synth-registry";

const SEED = Number(process.env.FC_SEED ?? 20261123);
const SAMPLE_SIZE = 3;

/** Valid generated configs, each renamed (shorter, so still valid) into an account of its own so that they share one app. */
function sampleValidConfigs(): EnvironmentInput[] {
  return fc
    .sample(arbitraryEnvironment(), { numRuns: 200, seed: SEED })
    .map((input, i): EnvironmentInput => ({ ...input, name: `g${i}`, account: { ...input.account, name: `a${i}`, id: String(100000000000 + i) } }))
    .filter((input) => checkEnvironment(input).issues.length === 0)
    .slice(0, SAMPLE_SIZE);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "generated-configs-"));
const outdir = path.join(work, "cdktf.out");
const viaTerraformFmt = path.join(work, "terraform-fmt");
let envs: Environment[] = [];
let checks: StackCheck[] = [];
/** Stacks the fast formatter declined (so `terraform fmt` formatted them). */
let declined: string[] = [];

beforeAll(async () => {
  envs = loadEnvironments(sampleValidConfigs());
  renderAppHcl(outdir, (app) => buildStacks(app, envs));
  fs.cpSync(outdir, viaTerraformFmt, { recursive: true });
  repairStacks(viaTerraformFmt);
  await terraformFmt(viaTerraformFmt);
  declined = [...(await repairAndFormatStacks(outdir, "fast")).byTerraformFmt];
  // Validation only: a generated config may read its secrets from SSM parameters (data sources), which a plan
  // reads from AWS and an offline plan cannot.
  checks = await checkStacksTogether(outdir, { workRoot: path.join(work, "terraform"), plan: false });
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe(`generated valid configs (FC_SEED=${SEED})`, () => {
  it("are formatted by the fast formatter, to exactly what terraform fmt writes", () => {
    expect(declined).toEqual([]);
    for (const { file } of synthesizedStacks(outdir)) {
      const twin = path.join(viaTerraformFmt, path.relative(outdir, file));
      expect(`${file}:\n${fs.readFileSync(file, "utf8")}`).toBe(`${file}:\n${fs.readFileSync(twin, "utf8")}`);
    }
  });

  it(`samples ${SAMPLE_SIZE} of them, with their account stacks`, () => {
    expect(envs).toHaveLength(SAMPLE_SIZE);
    expect(checks.map((c) => c.stack).sort()).toEqual([...envs.map((e) => e.name), ...envs.map((e) => `account-${e.account.name}-${e.region}`)].sort());
  });

  it("synthesize HCL that passes terraform fmt -check and validate with zero errors and zero warnings", () => {
    const problems = checks.flatMap((c) => [
      ...(c.fmtOk ? [] : [`${c.stack}: not fmt-clean`]),
      ...(c.initOk ? [] : [`${c.stack}: init failed: ${c.failure}`]),
      ...c.diagnostics.map((d) => `${c.stack}: ${d.severity}: ${d.summary} ${d.detail ?? ""} (${d.range ?? d.address ?? ""})`),
    ]);
    expect({ seed: SEED, configs: envs.map((e) => e.name), problems }).toEqual({ seed: SEED, configs: envs.map((e) => e.name), problems: [] });
  });
});
