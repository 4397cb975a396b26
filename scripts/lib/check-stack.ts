/**
 * The test harness's check of a synthesized stack: `terraform fmt -check`, then `init` and an offline `plan`
 * of a copy (see `offline.ts`), with the diagnostics, the planned resources and (when asked) the planned values.
 *
 * `plan` is also the validation: before planning, Terraform's local backend runs the very walk `terraform
 * validate` runs (`Core.Validate`, logged as "backend/local: running validation operation"; terraform
 * internal/backend/local/backend_local.go), and its errors and warnings are in `plan -json`'s diagnostics. A
 * separate `validate` would start the 675 MB AWS provider once more per stack for the same diagnostics
 * (test/scripts/check-together.test.ts compares the two). `validate` runs on its own only with `plan: false`.
 */
import { copyStackForOffline, dropLockChecksums } from "./offline";
import { withRegistryHint } from "./registry-hint";
import { type RunResult, runTerraform } from "./run-terraform";
import { runOnStacks, type StackJob, type StackRunOptions } from "./stack-runner";

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  /** Resource or provider address, or the enclosing block when Terraform gives no address. */
  readonly address?: string;
  /** `file:line` in the stack. */
  readonly range?: string;
}

/** A resource the plan acts on, from `plan -json`'s `planned_change` messages (no values: see `StackCheck.plan`). */
export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  /** Terraform's action: `create`, `update`, `delete`, `replace`, `read`, ... */
  readonly action: string;
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
  /** Errors and warnings of the validation and the plan, without repeats. */
  readonly diagnostics: readonly Diagnostic[];
  readonly planOk: boolean;
  readonly summary?: PlanSummary;
  /** Every resource the plan acts on, in Terraform's order. */
  readonly resources?: readonly PlannedResource[];
  /** `terraform show -json` of the plan, when values were asked for: `resource_changes[].change.after` holds the planned values. */
  readonly plan?: any;
  /** Output of the step that failed. */
  readonly failure?: string;
}

export interface CheckOptions {
  /** Plan after `init`; without, `validate` alone. @default true */
  readonly plan?: boolean;
  /** Read the planned values (`terraform show -json`: one more start of the provider). @default true */
  readonly values?: boolean;
}

/** `fmt -check` of the synthesized files, then `init` and an offline `plan` (or `validate`) of a copy in `job.workDir`. */
export async function checkStack(job: StackJob, opts: CheckOptions = {}): Promise<StackCheck> {
  const { env, workDir } = job;
  const fmt = await runTerraform(["fmt", "-check", "-diff", "-recursive", "-no-color"], job.stackDir, env);
  const checked = { stack: job.stack, fmtDiff: fmt.stdout + fmt.stderr, fmtOk: fmt.code === 0 };

  copyStackForOffline(job.stackDir, workDir);
  const init = await job.exclusive(() => runTerraform(["init", "-input=false", "-backend=true", "-no-color"], workDir, env));
  if (init.code !== 0) return { ...checked, initOk: false, diagnostics: [], planOk: false, failure: withRegistryHint(init.stdout + init.stderr) };
  dropLockChecksums(workDir);

  if (opts.plan === false) {
    const validate = await runTerraform(["validate", "-json", "-no-color"], workDir, env);
    const validated: Diagnostic[] = parseJson(validate, "validate").diagnostics.map(toDiagnostic);
    return { ...checked, initOk: true, diagnostics: validated, planOk: false, ...(validate.code === 0 ? {} : { failure: errorsOf(validated, validate) }) };
  }

  const planned = await runTerraform(["plan", "-json", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan"], workDir, env);
  const events: any[] = planned.stdout.split("\n").filter(Boolean).map((line) => parseJson({ ...planned, stdout: line }, "plan"));
  const diagnostics = uniqueDiagnostics(events.filter((e) => e.type === "diagnostic").map((e) => toDiagnostic(e.diagnostic)));
  if (planned.code !== 0) return { ...checked, initOk: true, diagnostics, planOk: false, failure: errorsOf(diagnostics, planned) };

  const { changes } = events.find((e) => e.type === "change_summary");
  const resources: PlannedResource[] = events
    .filter((e) => e.type === "planned_change")
    .map((e) => ({ address: e.change.resource.addr, type: e.change.resource.resource_type, action: e.change.action }));
  const summary = { add: changes.add, change: changes.change, destroy: changes.remove };
  if (opts.values === false) return { ...checked, initOk: true, diagnostics, planOk: true, summary, resources };
  const plan = parseJson(await runTerraform(["show", "-json", "tfplan"], workDir, env), "show");
  return { ...checked, initOk: true, diagnostics, planOk: true, summary, resources, plan };
}

export type CheckStacksOptions = Pick<StackRunOptions, "stacks" | "workRoot" | "parallelism"> &
  Pick<CheckOptions, "plan"> & {
    /** The stacks whose planned values are read (`StackCheck.plan`): all, none, or those named. @default true */
    readonly values?: boolean | readonly string[];
  };

/** Checks the stacks of the synthesized app in `outdir` (all by default, in name order). */
export function checkStacks(outdir: string, opts: CheckStacksOptions = {}): Promise<StackCheck[]> {
  const wantsValues = valuesWanted(opts.values);
  return runOnStacks({ outdir, stacks: opts.stacks, workRoot: opts.workRoot, parallelism: opts.parallelism }, (job) =>
    checkStack(job, { plan: opts.plan, values: wantsValues(job.stack) }),
  );
}

/** Whether a stack's planned values are read, as a `values` option says: all (`true`, or unset), none (`false`), or those named. */
export function valuesWanted(values: boolean | readonly string[] | undefined): (stack: string) => boolean {
  return (stack) => (typeof values === "object" ? values.includes(stack) : values !== false);
}

/** Parses a `-json` command's output; no JSON at all means terraform itself failed, which is thrown. */
export function parseJson(run: RunResult, command: string): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`terraform ${command} -json printed no JSON (exit ${run.code}):\n${run.stdout}${run.stderr}`);
  }
}

/** A failed command's errors, one per line, with where they are. */
export function errorsOf(diagnostics: readonly Diagnostic[], run: RunResult): string {
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => `${d.summary}: ${d.detail ?? ""} (${d.range ?? d.address ?? "?"})`);
  return [...errors, run.stderr].filter(Boolean).join("\n");
}

/** A diagnostic of Terraform's JSON output (`validate -json`, or a `plan -json` message's), as the check reports it. */
export function toDiagnostic(d: any): Diagnostic {
  return {
    severity: d.severity,
    summary: d.summary,
    detail: d.detail || undefined,
    address: d.address ?? d.snippet?.context,
    range: d.range ? `${d.range.filename}:${d.range.start.line}` : undefined,
  };
}

/** Each diagnostic once: a plan's validation and its planning report the same warning. */
export function uniqueDiagnostics(all: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => JSON.stringify([d.severity, d.summary, d.detail, d.address, d.range]);
  return all.filter((d, i) => all.findIndex((other) => key(other) === key(d)) === i);
}
