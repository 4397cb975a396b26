/**
 * The deploy path, end to end and offline, with the real cdktf CLI and `cdktf.json` as shipped:
 * `cdktf synth --hcl`, `diff`, `output` and `destroy` work after `npm run synth` (no `cdk.tf.json` beside the
 * HCL, which Terraform would read as every block twice), write the very bytes `npm run synth` wrote, and
 * `cdktf diff` plans what `npm run plan` plans. The deploy workflow runs `npm run synth` and then
 * `cdktf deploy --skip-synth` on the same folder (test/workflows).
 *
 * `npm run test:cli` runs it (jest.cli.config.js), not `npm test`: it checks the CLI's path, not the stacks,
 * and its four starts of the CLI were a fifth of `npm test`'s CPU. CI and both workflows run it after `npm test`.
 *
 * Each CLI start costs seconds of CPU, so each synth mode runs once: `cdktf synth --hcl` in the first test,
 * and the CLI's default (JSON) synth inside `cdktf diff`, which runs the very synth `cdktf synth` runs
 * (cli-core's `CdktfProject.synth`), through cdktf.json's app command as shipped (its build included).
 * `cdktf output` and `cdktf destroy` then run with `--skip-synth` on the folder that diff synthesized and
 * planned, as the deploy workflow runs `cdktf deploy`: synthesizing a third and fourth time would prove
 * nothing new. That `npm run synth` over an earlier output gives the same bytes again and replaces it whole
 * (a stale `cdk.tf.json` goes, `terraform init`'s files stay) is test/terraform/synthesized-stacks.test.ts's.
 *
 * Offline, the CLI's app command is chained with the harness's override (mock credentials, local state),
 * which Terraform merges into each stack: the only difference to a real run. The CLI's provider lock step
 * (`terraform providers lock`) asks the registry, so it is skipped (`--skip-provider-lock`).
 *
 * `npm run synth`'s output and `npm run plan`'s plan of dev are made once per test run
 * (test/support/shared-stacks.ts); each test starts from a copy of that output, in a folder of its own, so
 * that the tests run at the same time.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OFFLINE_OVERRIDE_FILE } from "../../scripts/lib/offline";
import { prepareRunEnv } from "../../scripts/lib/terraform-env";
import { npmRunPlanOffline, shippedSynth } from "../support/shared-stacks";

const root = path.resolve(__dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-cli-"));
/** A test's own output folder. */
const folder = (test: string): string => path.join(work, test, "cdktf.out");
/**
 * The CLI as `npx cdktf` starts it, with one V8 flag: `--liftoff-only`, WebAssembly (and asm.js) compiled by
 * the baseline compiler only. At each start the CLI compiles the WebAssembly of @cdktf/hcl-tools and
 * @cdktf/hcl2json and the asm.js of its terminal layout (yoga); the optimizing compiler's share of that was
 * about 0.6 of a start's 4 CPU-seconds, for code the commands run here barely use. The compiler tier changes
 * speed, never what the code does.
 */
const CDKTF_BIN = path.join(root, "node_modules", ".bin", "cdktf");
const appCommand: string = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")).app;
const BUILD = "npm run --silent build && ";
/** The app command without its build step (the whole command when it has none). */
const appAlone = appCommand.startsWith(BUILD) ? appCommand.slice(BUILD.length) : appCommand;
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

/**
 * Runs the CLI on an output folder. `app`: "built" synthesizes with cdktf.json's app command without its build
 * step (`npm test` has built), "shipped-offline" with the command as shipped (build included) followed by the
 * harness's offline override, "skip-synth" not at all: the CLI reads the folder as it is.
 */
function cdktf(args: readonly string[], app: "built" | "shipped-offline" | "skip-synth", outdir: string): Promise<string> {
  const appArgs = {
    built: ["--app", appAlone],
    "shipped-offline": ["--app", `${appCommand} && node dist/test/support/write-offline-overrides.js ${JSON.stringify(outdir)}`],
    "skip-synth": ["--skip-synth"],
  }[app];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--liftoff-only", CDKTF_BIN, ...args, ...appArgs, "--output", outdir], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => (status === 0 ? resolve(stdout) : reject(new Error(`cdktf ${args.join(" ")} exited ${status}:\n${stdout}\n${stderr}`))));
  });
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

/** An output folder as `npm run synth` leaves it (a copy of the run's), and its files. */
async function afterNpmRunSynth(outdir: string): Promise<Record<string, string>> {
  const shipped = await shippedSynth();
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.cpSync(shipped, outdir, { recursive: true });
  return synthesized(shipped);
}

it.concurrent("cdktf synth --hcl after npm run synth writes exactly what npm run synth wrote, HCL only", async () => {
  // GIVEN the reviewed output of npm run synth
  const outdir = folder("synth");
  const reviewed = await afterNpmRunSynth(outdir);
  expect(Object.keys(reviewed)).toContain(path.join("stacks", "prod", "cdk.tf"));
  // WHEN the CLI synthesizes HCL into the same folder
  await cdktf(["synth", "--hcl"], "built", outdir);
  // THEN the folder holds the same files, byte for byte, and no cdk.tf.json
  expect(synthesized(outdir)).toEqual(reviewed);
}, 180_000);

it.concurrent("cdktf diff after npm run synth synthesizes (JSON, as cdktf synth does) exactly what npm run synth wrote, HCL only, and plans to the end exactly what npm run plan plans; cdktf output and destroy --skip-synth then work on that folder", async () => {
  // GIVEN npm run synth's output, and npm run plan's offline plan of dev (made meanwhile, if no other test has)
  const outdir = folder("deploy");
  const reviewed = await afterNpmRunSynth(outdir);
  const planning = npmRunPlanOffline("dev");

  // WHEN the CLI diffs dev (it synthesizes again through the shipped app command, then inits and plans)
  const diff = await cdktf(["diff", "dev", "--skip-provider-lock", "--no-color"], "shipped-offline", outdir);
  const planned = await planning;
  expect(planned.status).toBe(0);

  // THEN its synth wrote the bytes npm run synth wrote and no cdk.tf.json, and it planned the same actions as npm run plan
  expect(synthesized(outdir)).toEqual(reviewed);
  // The CLI prefixes each line with the stack's name and adds the construct path after each address.
  const cliText = diff
    .split("\n")
    .map((l) => l.replace(/^(dev {2}| {5})/, ""))
    .join("\n")
    .replace(/^(\s*# \S+) \([^)\n]*\)/gm, "$1");
  expect(cliText).toMatch(/Plan: [1-9]\d* to add, 0 to change, 0 to destroy\./);
  expect(planBody(cliText)).toEqual(planBody(fs.readFileSync(path.join(planned.plansDir, "dev.txt"), "utf8")));

  // AND WHEN the CLI reads the outputs and destroys on the folder it planned, without synthesizing, THEN both finish (empty local state: nothing to destroy)
  expect(await cdktf(["output", "dev", "--skip-provider-lock"], "skip-synth", outdir)).toContain("dev");
  expect(await cdktf(["destroy", "dev", "--auto-approve", "--skip-provider-lock", "--no-color"], "skip-synth", outdir)).toMatch(/Destroy complete! Resources: 0 destroyed\./);
}, 300_000);
