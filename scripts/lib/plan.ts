/**
 * `terraform plan` of synthesized stacks for review. With AWS credentials it plans in place, against the
 * real backend and account; without, it falls back to the offline mode of the test harness (a copy with
 * mock credentials and empty local state) and says so, because such a plan lists everything the HCL would
 * create rather than the difference to what is deployed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStack, exclusive, mapLimit, mirrorFromEnv, type PlanSummary, runTerraform, terraformEnv, writeCliConfig } from "./terraform";

export type PlanMode = "online" | "offline";

export interface PlanOutcome {
  readonly stack: string;
  readonly mode: PlanMode;
  readonly ok: boolean;
  readonly summary?: PlanSummary;
  /** `terraform show` of the plan, or what failed. */
  readonly text: string;
}

/**
 * Where the AWS SDK would find credentials, in words, or undefined when it would find none. Instance and
 * SSO credentials are not probed (that needs the network): use `--online` there.
 */
export function credentialSource(env: NodeJS.ProcessEnv, home = os.homedir()): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return "AWS_ACCESS_KEY_ID";
  if (env.AWS_PROFILE) return `AWS_PROFILE=${env.AWS_PROFILE}`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return "AWS_WEB_IDENTITY_TOKEN_FILE (OIDC)";
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return "container credentials";
  const shared = env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, ".aws", "credentials");
  return fs.existsSync(shared) ? shared : undefined;
}

export interface ModeChoice {
  readonly mode: PlanMode;
  /** One line for the reader: which mode and why. */
  readonly reason: string;
}

export function chooseMode(flags: { offline?: boolean; online?: boolean }, env: NodeJS.ProcessEnv, home = os.homedir()): ModeChoice {
  if (flags.offline && flags.online) throw new Error("--offline and --online exclude each other. Allowed: at most one of them");
  const offline =
    "mock credentials and empty local state: each plan lists everything its HCL creates, not the difference to what is deployed";
  if (flags.offline) return { mode: "offline", reason: `OFFLINE (--offline): ${offline}.` };
  if (flags.online) return { mode: "online", reason: "ONLINE (--online): the stacks' real backends and accounts, with the AWS SDK's default credentials." };
  const source = credentialSource(env, home);
  if (source) return { mode: "online", reason: `ONLINE with credentials from ${source}: the stacks' real backends and accounts.` };
  return {
    mode: "offline",
    reason:
      "OFFLINE: no AWS credentials found (AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE, container credentials, " +
      `~/.aws/credentials), so ${offline}. Use --online to plan with other credential sources.`,
  };
}

/** The requested stacks (all when none is named), or an error naming the unknown ones and the allowed. */
export function selectStacks(available: readonly string[], requested: readonly string[]): string[] {
  if (requested.length === 0) return [...available];
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown stack ${unknown.map((n) => `"${n}"`).join(", ")}. Allowed: ${available.join(", ")}`);
  return [...new Set(requested)];
}

/**
 * What a plan does, from `terraform show -json`: a replacement counts as one add and one destroy, as
 * Terraform's own "Plan:" line does; reads and no-ops count nothing.
 */
export function countChanges(plan: { resource_changes?: readonly { change: { actions: readonly string[] } }[] }): PlanSummary {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const { change: c } of plan.resource_changes ?? []) {
    if (c.actions.includes("create")) add += 1;
    if (c.actions.includes("delete")) destroy += 1;
    if (c.actions.length === 1 && c.actions[0] === "update") change += 1;
  }
  return { add, change, destroy };
}

/** The per-stack table a reviewer reads first (also the pull request's comment). */
export function summaryMarkdown(outcomes: readonly PlanOutcome[], reason: string): string {
  const rows = outcomes.map((o) => {
    const s = o.summary;
    const cells = o.ok && s ? [s.add, s.change, s.destroy].map(String) : ["-", "-", "-"];
    const status = !o.ok ? "FAILED" : s && s.destroy > 0 ? "destroys resources" : "ok";
    return `| ${o.stack} | ${o.mode} | ${cells.join(" | ")} | ${status} |`;
  });
  return [`Plan mode: ${reason}`, "", "| Stack | Mode | Add | Change | Destroy | Status |", "| --- | --- | ---: | ---: | ---: | --- |", ...rows, ""].join("\n");
}

/** The plan text file's first lines: which stack, which mode, and what an offline plan does not show. */
export function planHeader(outcome: Pick<PlanOutcome, "stack" | "mode">): string {
  const what =
    outcome.mode === "offline"
      ? "OFFLINE plan (mock credentials, empty local state): it lists everything this stack's HCL creates, not the difference to what is deployed."
      : "Plan against the stack's real backend and account.";
  return `# terraform plan of stack ${outcome.stack}\n# ${what}\n\n`;
}

export interface PlanStacksOptions {
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly mode: PlanMode;
  /** @default TF_PARALLELISM, or 2 */
  readonly parallelism?: number;
}

export async function planStacks(opts: PlanStacksOptions): Promise<PlanOutcome[]> {
  const dirs = opts.stacks.map((stack) => path.join(opts.outdir, "stacks", stack));
  const parallelism = opts.parallelism ?? Number(process.env.TF_PARALLELISM ?? 2);
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "tf-plan-"));
  try {
    const mirror = mirrorFromEnv();
    // A mirror makes the cache a set of symlinks; from the registry, keep the 675 MB provider between runs.
    const pluginCacheDir = mirror ? path.join(workRoot, "plugin-cache") : (process.env.TF_PLUGIN_CACHE_DIR ?? path.join(os.homedir(), ".terraform.d", "plugin-cache"));
    const cliConfig = writeCliConfig(workRoot, { mirror, pluginCacheDir });
    const lock = exclusive();
    if (opts.mode === "offline") {
      const env = terraformEnv(cliConfig);
      return await mapLimit(dirs, parallelism, (dir) => planOffline(dir, path.join(workRoot, "stacks", path.basename(dir)), env, lock));
    }
    const env = terraformEnv(cliConfig, process.env, { keepCallerEnv: true });
    return await mapLimit(dirs, parallelism, (dir) => planOnline(dir, env, lock));
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
}

async function planOffline(stackDir: string, workDir: string, env: NodeJS.ProcessEnv, lock: ReturnType<typeof exclusive>): Promise<PlanOutcome> {
  const stack = path.basename(stackDir);
  const checked = await checkStack(stackDir, workDir, { env, exclusive: lock });
  if (!checked.planOk || !checked.plan) return { stack, mode: "offline", ok: false, text: checked.failure ?? "plan failed" };
  const shown = await runTerraform(["show", "-no-color", "tfplan"], workDir, env);
  return { stack, mode: "offline", ok: shown.code === 0, summary: countChanges(checked.plan), text: shown.stdout + shown.stderr };
}

/** In place: the stack's own backend (local state in the project root, or S3) and its pinned account. */
async function planOnline(stackDir: string, env: NodeJS.ProcessEnv, lock: ReturnType<typeof exclusive>): Promise<PlanOutcome> {
  const stack = path.basename(stackDir);
  const failed = (step: string, run: { stdout: string; stderr: string }) => ({ stack, mode: "online" as const, ok: false, text: `terraform ${step} failed:\n${run.stdout}${run.stderr}` });
  const init = await lock(() => runTerraform(["init", "-input=false", "-no-color"], stackDir, env));
  if (init.code !== 0) return failed("init", init);
  // A plan for review takes no state lock: it never blocks a deploy, and a read-only role can run it.
  const planned = await runTerraform(["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"], stackDir, env);
  if (planned.code !== 0) return failed("plan", planned);
  const json = await runTerraform(["show", "-json", "tfplan"], stackDir, env);
  const shown = await runTerraform(["show", "-no-color", "tfplan"], stackDir, env);
  if (json.code !== 0 || shown.code !== 0) return failed("show", json.code !== 0 ? json : shown);
  return { stack, mode: "online", ok: true, summary: countChanges(JSON.parse(json.stdout)), text: shown.stdout };
}

/** Writes `<dir>/<stack>.txt` per stack and `<dir>/summary.md`, replacing the previous run's files. */
export function writePlans(dir: string, outcomes: readonly PlanOutcome[], summary: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const o of outcomes) fs.writeFileSync(path.join(dir, `${o.stack}.txt`), planHeader(o) + o.text);
  fs.writeFileSync(path.join(dir, "summary.md"), summary);
}
