/**
 * The test harness's check of a synthesized stack: `terraform fmt -check`, then `init`, `validate` and an
 * offline `plan` of a copy (see `offline.ts`), with the diagnostics and the planned values.
 */
import { copyStackForOffline } from "./offline";
import { type RunResult, runTerraform } from "./run-terraform";
import { runOnStacks, type StackJob, type StackRunOptions } from "./stack-runner";

export interface Diagnostic {
  readonly severity: "error" | "warning";
  /** The command that reported it first: plan repeats validate's diagnostics, which are reported once. */
  readonly stage: "validate" | "plan";
  readonly summary: string;
  readonly detail?: string;
  /** Resource or provider address, or the enclosing block when Terraform gives no address. */
  readonly address?: string;
  /** `file:line` in the stack. */
  readonly range?: string;
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

export interface StackCheck {
  readonly stack: string;
  /** `terraform fmt -check -diff` output of the synthesized files; empty when they are formatted. */
  readonly fmtDiff: string;
  readonly fmtOk: boolean;
  readonly initOk: boolean;
  /** Errors and warnings of `validate` and `plan`, without repeats. */
  readonly diagnostics: readonly Diagnostic[];
  readonly planOk: boolean;
  readonly summary?: PlanSummary;
  /** `terraform show -json` of the plan: `resource_changes[].change.after` holds the planned values. */
  readonly plan?: any;
  /** Output of the step that failed. */
  readonly failure?: string;
}

export interface CheckOptions {
  /** Run `plan` (and `show -json`) after `validate`. @default true */
  readonly plan?: boolean;
}

/** `fmt -check` of the synthesized files, then `init`, `validate` and an offline `plan` of a copy in `job.workDir`. */
export async function checkStack(job: StackJob, opts: CheckOptions = {}): Promise<StackCheck> {
  const { env, workDir } = job;
  const fmt = await runTerraform(["fmt", "-check", "-diff", "-recursive", "-no-color"], job.stackDir, env);
  const checked = { stack: job.stack, fmtDiff: fmt.stdout + fmt.stderr, fmtOk: fmt.code === 0 };

  copyStackForOffline(job.stackDir, workDir);
  const init = await job.exclusive(() => runTerraform(["init", "-input=false", "-backend=true", "-no-color"], workDir, env));
  if (init.code !== 0) return { ...checked, initOk: false, diagnostics: [], planOk: false, failure: init.stdout + init.stderr };

  const validate = await runTerraform(["validate", "-json", "-no-color"], workDir, env);
  const validated: Diagnostic[] = parseJson(validate, "validate").diagnostics.map((d: any) => diagnostic(d, "validate"));
  if (validate.code !== 0) return { ...checked, initOk: true, diagnostics: validated, planOk: false, failure: errorsOf(validated, validate) };
  if (opts.plan === false) return { ...checked, initOk: true, diagnostics: validated, planOk: false };

  const planned = await runTerraform(["plan", "-json", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan"], workDir, env);
  const events: any[] = planned.stdout.split("\n").filter(Boolean).map((line) => parseJson({ ...planned, stdout: line }, "plan"));
  const diagnostics = uniqueDiagnostics([...validated, ...events.filter((e) => e.type === "diagnostic").map((e) => diagnostic(e.diagnostic, "plan"))]);
  if (planned.code !== 0) return { ...checked, initOk: true, diagnostics, planOk: false, failure: errorsOf(diagnostics, planned) };

  const { changes } = events.find((e) => e.type === "change_summary");
  const plan = parseJson(await runTerraform(["show", "-json", "tfplan"], workDir, env), "show");
  return { ...checked, initOk: true, diagnostics, planOk: true, summary: { add: changes.add, change: changes.change, destroy: changes.remove }, plan };
}

export type CheckStacksOptions = Pick<StackRunOptions, "stacks" | "workRoot" | "parallelism"> & CheckOptions;

/** Checks the stacks of the synthesized app in `outdir` (all by default, in name order). */
export function checkStacks(outdir: string, opts: CheckStacksOptions = {}): Promise<StackCheck[]> {
  return runOnStacks({ outdir, stacks: opts.stacks, workRoot: opts.workRoot, parallelism: opts.parallelism }, (job) => checkStack(job, { plan: opts.plan }));
}

/** Parses a `-json` command's output; no JSON at all means terraform itself failed, which is thrown. */
function parseJson(run: RunResult, command: string): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`terraform ${command} -json printed no JSON (exit ${run.code}):\n${run.stdout}${run.stderr}`);
  }
}

/** A failed command's errors, one per line, with where they are. */
function errorsOf(diagnostics: readonly Diagnostic[], run: RunResult): string {
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => `${d.summary}: ${d.detail ?? ""} (${d.range ?? d.address ?? "?"})`);
  return [...errors, run.stderr].filter(Boolean).join("\n");
}

function diagnostic(d: any, stage: Diagnostic["stage"]): Diagnostic {
  return {
    severity: d.severity,
    stage,
    summary: d.summary,
    detail: d.detail || undefined,
    address: d.address ?? d.snippet?.context,
    range: d.range ? `${d.range.filename}:${d.range.start.line}` : undefined,
  };
}

function uniqueDiagnostics(all: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => JSON.stringify([d.severity, d.summary, d.detail, d.address, d.range]);
  return all.filter((d, i) => all.findIndex((other) => key(other) === key(d)) === i);
}
