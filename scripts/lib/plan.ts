/**
 * `terraform plan` of synthesized stacks for review. With AWS credentials it plans in place, against the
 * real backend and account; without, it falls back to the offline mode of the test harness (a copy with
 * mock credentials and empty local state) and says so, because such a plan lists everything the HCL would
 * create rather than the difference to what is deployed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStack, type PlanSummary } from "./check-stack";
import { changesFile, emptyStateChanges, type PlanMode, type ResourceChange, resourceChanges, type StackPlanRecord } from "./plan-changes";
import { withRegistryHint } from "./registry-hint";
import { runTerraform } from "./run-terraform";
import { runOnStacks, type StackJob } from "./stack-runner";

export interface PlanOutcome {
  readonly stack: string;
  readonly mode: PlanMode;
  readonly ok: boolean;
  readonly summary?: PlanSummary;
  /** The changed resources (address and actions), for the pull request's comment. */
  readonly changes?: readonly ResourceChange[];
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
  /** @default every stack of the manifest */
  readonly stacks?: readonly string[];
  readonly mode: PlanMode;
  /** @default TF_PARALLELISM, or 2 */
  readonly parallelism?: number;
}

export function planStacks(opts: PlanStacksOptions): Promise<PlanOutcome[]> {
  const online = opts.mode === "online";
  // Without a mirror, keep the 675 MB provider between runs: a reviewer plans again and again.
  const run = { outdir: opts.outdir, stacks: opts.stacks, parallelism: opts.parallelism, keepCallerEnv: online, userPluginCache: true };
  return runOnStacks(run, online ? planOnline : planOffline);
}

/**
 * The test harness's offline check of a copy, then the plan as Terraform prints it. The copy has no state, so
 * the plan's own messages give its summary and changes: no `show -json` (`emptyStateChanges`).
 */
async function planOffline(job: StackJob): Promise<PlanOutcome> {
  const { stack } = job;
  const checked = await checkStack(job, { values: false });
  if (!checked.planOk || !checked.summary || !checked.resources) return { stack, mode: "offline", ok: false, text: checked.failure ?? "plan failed" };
  let changes: ResourceChange[];
  try {
    changes = emptyStateChanges(stack, checked.resources);
  } catch (error) {
    return { stack, mode: "offline", ok: false, text: (error as Error).message };
  }
  const shown = await runTerraform(["show", "-no-color", "tfplan"], job.workDir, job.env);
  return { stack, mode: "offline", ok: shown.code === 0, summary: checked.summary, changes, text: shown.stdout + shown.stderr };
}

/** In place: the stack's own backend (local state in the project root, or S3) and its pinned account. */
async function planOnline({ stack, stackDir, env, exclusive }: StackJob): Promise<PlanOutcome> {
  const failed = (step: string, run: { stdout: string; stderr: string }) => ({ stack, mode: "online" as const, ok: false, text: `terraform ${step} failed:\n${run.stdout}${run.stderr}` });
  const init = await exclusive(() => runTerraform(["init", "-input=false", "-no-color"], stackDir, env));
  if (init.code !== 0) return failed("init", { stdout: init.stdout, stderr: withRegistryHint(init.stderr) });
  // A plan for review takes no state lock: it never blocks a deploy, and a read-only role can run it.
  const planned = await runTerraform(["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"], stackDir, env);
  if (planned.code !== 0) return failed("plan", planned);
  const json = await runTerraform(["show", "-json", "tfplan"], stackDir, env);
  const shown = await runTerraform(["show", "-no-color", "tfplan"], stackDir, env);
  if (json.code !== 0 || shown.code !== 0) return failed("show", json.code !== 0 ? json : shown);
  const plan = JSON.parse(json.stdout);
  return { stack, mode: "online", ok: true, summary: countChanges(plan), changes: resourceChanges(plan), text: shown.stdout };
}

/** Writes `<dir>/<stack>.txt` and `<dir>/<stack>.changes.json` per stack and `<dir>/summary.md`, replacing the previous run's files. */
export function writePlans(dir: string, outcomes: readonly PlanOutcome[], summary: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const o of outcomes) fs.writeFileSync(path.join(dir, `${o.stack}.txt`), planHeader(o) + o.text);
  for (const { stack, mode, ok, changes } of outcomes) {
    const record: StackPlanRecord = { stack, mode, ok, ...(ok && changes ? { changes } : {}) };
    fs.writeFileSync(changesFile(dir, stack), `${JSON.stringify(record, null, 2)}\n`);
  }
  fs.writeFileSync(path.join(dir, "summary.md"), summary);
}
