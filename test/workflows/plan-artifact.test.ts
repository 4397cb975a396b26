/**
 * The pull request plans what its synth job synthesized: the synth job's checksum step and the plan job's
 * verify step, run as written in pr.yml (bash) on a fake output folder. A changed, missing or extra file
 * stops the plan; the cdk.tf lines are the ones the deploy job logs for what it applies.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

const root = path.join(__dirname, "..", "..");
const load = (file: string): any => parse(fs.readFileSync(path.join(root, file), "utf8"));
const pr = load(".github/workflows/pr.yml");
const deployJob = load(".github/workflows/deploy-environment.yml").jobs.deploy;
const step = (job: any, name: string): any => job.steps.find((s: any) => s.name === name);
const CHECKSUM_STEP = "Checksums of the synthesized HCL (the deploy job logs the same for what it applies)";
const VERIFY_STEP = "Verify the HCL against the checksums the synth job logged";

let dir: string;
/** As GitHub runs a `run:` step without `shell:` (`bash -e {0}`); stdin from /dev/null, not a socket (bash would read ~/.bashrc). */
const bash = (script: string, env: Record<string, string>) =>
  spawnSync("bash", ["-e", "-c", script], { cwd: dir, env: { PATH: process.env.PATH!, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** GitHub's multi-line output syntax: `name<<DELIMITER`, the lines, `DELIMITER`. */
function multilineOutput(file: string, name: string): string {
  const match = fs.readFileSync(file, "utf8").match(new RegExp(`^${name}<<(\\S+)\\n([\\s\\S]*?)\\n\\1$`, "m"));
  if (!match) throw new Error(`no multi-line output ${name} in ${file}`);
  return match[2];
}

/** Runs the synth job's checksum step; returns what it put in the job's `checksums` output. */
function synthChecksums(): string {
  fs.writeFileSync(path.join(dir, "output"), "");
  const run = bash(step(pr.jobs.synth, CHECKSUM_STEP).run, { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") });
  expect(run.status).toBe(0);
  return multilineOutput(path.join(dir, "output"), "checksums");
}

const verify = (checksums: string) => bash(step(pr.jobs.plan, VERIFY_STEP).run, { CHECKSUMS: checksums });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-artifact-"));
  for (const [file, text] of [
    ["cdktf.out/manifest.json", "{}"],
    ["cdktf.out/stacks/dev/cdk.tf", 'resource "x" "y" {}\n'],
    ["cdktf.out/stacks/dev/assets/api_definition/orders.openapi.json", "{}"],
    ["cdktf.out/stacks/prod/cdk.tf", 'resource "x" "z" {}\n'],
  ]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the plan job checks the HCL artifact against the synth job's checksums", () => {
  it("wires the synth job's checksums output into the verify step", () => {
    expect(pr.jobs.synth.outputs.checksums).toBe("${{ steps.checksums.outputs.checksums }}");
    expect(step(pr.jobs.synth, CHECKSUM_STEP).id).toBe("checksums");
    expect(step(pr.jobs.plan, VERIFY_STEP).env).toEqual({ CHECKSUMS: "${{ needs.synth.outputs.checksums }}" });
  });

  it("GIVEN the artifact as synthesized THEN it verifies, and every file (HCL, assets, manifest) was summed", () => {
    const sums = synthChecksums();
    expect(sums.split("\n").map((l) => l.split("  ")[1])).toEqual([
      "cdktf.out/manifest.json",
      "cdktf.out/stacks/dev/assets/api_definition/orders.openapi.json",
      "cdktf.out/stacks/dev/cdk.tf",
      "cdktf.out/stacks/prod/cdk.tf",
    ]);
    const run = verify(sums);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("matches the synth job's checksums (4 files)");
  });

  it.each([
    ["a changed cdk.tf", () => fs.appendFileSync(path.join(dir, "cdktf.out/stacks/prod/cdk.tf"), 'resource "x" "extra" {}\n')],
    ["a missing asset", () => fs.rmSync(path.join(dir, "cdktf.out/stacks/dev/assets"), { recursive: true })],
    ["an extra file", () => fs.writeFileSync(path.join(dir, "cdktf.out/stacks/dev/extra_override.tf"), "")],
  ])("GIVEN %s THEN the plan job stops before planning, saying why", (_, tamper) => {
    const sums = synthChecksums();
    tamper();
    const run = verify(sums);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::The downloaded HCL is not what the synth job synthesized (checksums differ); not planning it.");
  });

  it("GIVEN no checksums (the synth job's output lost) THEN it does not plan", () => {
    expect(verify("").status).toBe(1);
  });

  it("logs for each cdk.tf the very line the deploy job logs for what it applies", () => {
    const sums = synthChecksums().split("\n");
    const deployLog = step(deployJob, "Checksums of the HCL this job deploys (the same bytes the pull request's plan reviewed)").run.replace("${{ steps.stacks.outputs.stacks }}", "dev prod");
    const run = bash(deployLog, { GITHUB_STEP_SUMMARY: path.join(dir, "summary") });
    expect(run.status).toBe(0);
    for (const line of run.stdout.trim().split("\n")) expect(sums).toContain(line);
  });
});
