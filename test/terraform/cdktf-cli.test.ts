/**
 * The deploy path, end to end and offline, with the real cdktf CLI and `cdktf.json` as shipped:
 * `cdktf synth`, `diff`, `output` and `destroy` work after `npm run synth` (no `cdk.tf.json` beside the HCL,
 * which Terraform would read as every block twice), write the very bytes `npm run synth` wrote, and
 * `cdktf diff` plans what `npm run plan` plans. The deploy workflow runs `npm run synth` and then
 * `cdktf deploy --skip-synth` on the same folder (test/workflows).
 *
 * Offline, the CLI's app command is chained with the harness's override (mock credentials, local state),
 * which Terraform merges into each stack: the only difference to a real run. The CLI's provider lock step
 * (`terraform providers lock`) asks the registry, so it is skipped (`--skip-provider-lock`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStacks } from "../../scripts/lib/plan";
import { synthHcl } from "../../scripts/lib/synth";
import { OFFLINE_OVERRIDE_FILE } from "../../scripts/lib/offline";
import { prepareRunEnv } from "../../scripts/lib/terraform-env";

const root = path.resolve(__dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-cli-"));
const outdir = path.join(work, "cdktf.out");
const appCommand: string = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")).app;
const env = { ...prepareRunEnv(path.join(work, "terraform")), CI: "true", FORCE_COLOR: "0" };

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What Terraform and the CLI add to a stack folder; everything else is what was synthesized. */
const WORKING_FILES = new Set([".terraform", ".terraform.lock.hcl", "plan", OFFLINE_OVERRIDE_FILE]);

/** Every synthesized file of the output, by path, with its bytes. */
function synthesized(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      if (WORKING_FILES.has(entry.name)) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}

function cdktf(args: readonly string[], opts: { offline?: boolean } = {}): string {
  const app = opts.offline ? ["--app", `${appCommand} && node dist/test/support/write-offline-overrides.js ${JSON.stringify(outdir)}`] : [];
  const run = spawnSync(path.join(root, "node_modules", ".bin", "cdktf"), [...args, ...app, "--output", outdir], { cwd: root, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cdktf ${args.join(" ")} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/**
 * The actions of a plan as Terraform prints them, from the first resource to the "Plan:" line, as one string
 * without white space: the CLI re-emits Terraform's output in chunks and may break a line where a chunk ends.
 */
function planBody(text: string): string {
  const start = text.search(/# \S+ (will|must) be /);
  const end = text.search(/Plan: \d+ to add, \d+ to change, \d+ to destroy\./);
  if (start < 0 || end < start) throw new Error(`no plan in:\n${text}`);
  return text.slice(start, text.indexOf(".", end) + 1).replace(/\s+/g, "");
}

async function npmRunSynth(): Promise<Record<string, string>> {
  const result = await synthHcl({ outdir });
  if (!result.ok) throw new Error(result.error);
  return synthesized(outdir);
}

it("cdktf synth (JSON or --hcl) after npm run synth writes exactly what npm run synth wrote, HCL only", async () => {
  // GIVEN the reviewed output of npm run synth
  const reviewed = await npmRunSynth();
  expect(Object.keys(reviewed)).toContain(path.join("stacks", "prod", "cdk.tf"));
  for (const args of [["synth"], ["synth", "--hcl"]]) {
    // WHEN the CLI synthesizes into the same folder
    cdktf(args);
    // THEN the folder holds the same files, byte for byte, and no cdk.tf.json
    expect(synthesized(outdir)).toEqual(reviewed);
  }
  // AND npm run synth after the CLI gives the same bytes again
  expect(await npmRunSynth()).toEqual(reviewed);
}, 120_000);

it("each synth replaces the output whole: an earlier JSON synth's cdk.tf.json goes, terraform init's files stay", async () => {
  // GIVEN a stack folder with a stale cdk.tf.json and what terraform init leaves
  const reviewed = await npmRunSynth();
  const dev = path.join(outdir, "stacks", "dev");
  fs.writeFileSync(path.join(dev, "cdk.tf.json"), "{}");
  fs.mkdirSync(path.join(dev, ".terraform", "providers"), { recursive: true });
  fs.writeFileSync(path.join(dev, ".terraform.lock.hcl"), "# lock");
  // WHEN npm run synth runs again
  const again = await npmRunSynth();
  // THEN only the synthesized files are there, with terraform's working files carried over
  expect(again).toEqual(reviewed);
  expect(fs.existsSync(path.join(dev, "cdk.tf.json"))).toBe(false);
  expect(fs.existsSync(path.join(dev, ".terraform", "providers"))).toBe(true);
  expect(fs.readFileSync(path.join(dev, ".terraform.lock.hcl"), "utf8")).toBe("# lock");
  fs.rmSync(path.join(dev, ".terraform"), { recursive: true });
  fs.rmSync(path.join(dev, ".terraform.lock.hcl"));
});

it("cdktf diff after npm run synth plans to the end, exactly what npm run plan plans", async () => {
  // GIVEN npm run synth's output, and npm run plan's offline plan of it
  const reviewed = await npmRunSynth();
  const [planned] = await planStacks({ outdir, stacks: ["dev"], mode: "offline" });
  expect(planned.ok).toBe(true);

  // WHEN the CLI diffs dev (it synthesizes again through cdktf.json's app, then inits and plans)
  const diff = cdktf(["diff", "dev", "--skip-provider-lock", "--no-color"], { offline: true });

  // THEN it planned the bytes npm run synth wrote, and the same actions as npm run plan
  expect(synthesized(outdir)).toEqual(reviewed);
  // The CLI prefixes each line with the stack's name and adds the construct path after each address.
  const cliText = diff
    .split("\n")
    .map((l) => l.replace(/^(dev {2}| {5})/, ""))
    .join("\n")
    .replace(/^(\s*# \S+) \([^)\n]*\)/gm, "$1");
  expect(cliText).toMatch(/Plan: [1-9]\d* to add, 0 to change, 0 to destroy\./);
  expect(planBody(cliText)).toEqual(planBody(planned.text));
}, 180_000);

it("cdktf output and cdktf destroy work on the same folder (empty local state: nothing to destroy)", () => {
  // GIVEN the folder the diff above planned WHEN the CLI reads outputs and destroys THEN both finish
  expect(cdktf(["output", "dev", "--skip-provider-lock"], { offline: true })).toContain("dev");
  expect(cdktf(["destroy", "dev", "--auto-approve", "--skip-provider-lock", "--no-color"], { offline: true })).toMatch(/Destroy complete! Resources: 0 destroyed\./);
}, 120_000);
