/**
 * Runs Terraform on synthesized stacks: `fmt -check`, `init`, `validate` and an offline `plan`.
 *
 * Offline means: a copy of the stack with an override file that swaps in mock credentials, `skip_*` flags,
 * a local backend and no `allowed_account_ids` (which needs the account id from AWS). The synthesized HCL
 * itself is never changed. Providers come from a filesystem mirror when `TF_PLUGIN_MIRROR` names one, from
 * the registry otherwise, through one CLI config and one plugin cache shared by every stack of a run.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const INSTALL_HINT =
  "Terraform 1.11 is required on PATH (or set TERRAFORM_BIN to the binary): install a 1.11.x release from " +
  "https://releases.hashicorp.com/terraform/ or https://developer.hashicorp.com/terraform/install " +
  "(e.g. the `terraform` package of HashiCorp's apt repository, https://apt.releases.hashicorp.com).";

/** The terraform binary: `TERRAFORM_BIN`, or the first executable `terraform` on PATH. Missing is an error, never a skip. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TERRAFORM_BIN) {
    if (isExecutable(env.TERRAFORM_BIN)) return env.TERRAFORM_BIN;
    throw new Error(`TERRAFORM_BIN=${env.TERRAFORM_BIN} is not an executable file. ${INSTALL_HINT}`);
  }
  const name = process.platform === "win32" ? "terraform.exe" : "terraform";
  const found = (env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
  if (!found) throw new Error(`terraform was not found on PATH. ${INSTALL_HINT}`);
  return found;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The provider mirror named by `TF_PLUGIN_MIRROR` (the folder that contains `registry.terraform.io`), if any. */
export function mirrorFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const mirror = env.TF_PLUGIN_MIRROR;
  if (!mirror) return undefined;
  if (!fs.existsSync(mirror) || !fs.statSync(mirror).isDirectory()) {
    throw new Error(`TF_PLUGIN_MIRROR=${mirror} is not a directory. Allowed: a provider mirror folder that contains registry.terraform.io/`);
  }
  return path.resolve(mirror);
}

/**
 * Writes a Terraform CLI config (`<dir>/terraform.rc`) and returns its path. The plugin cache is always on:
 * `init` then symlinks every stack's provider to one cached copy. From an unpacked mirror the cache entry
 * is itself a symlink into the mirror; from a packed (`.zip`) mirror or the registry, the 675 MB AWS
 * provider is extracted once per run instead of once per stack.
 */
export function writeCliConfig(dir: string, opts: { mirror?: string; pluginCacheDir: string }): string {
  fs.mkdirSync(opts.pluginCacheDir, { recursive: true });
  const installation = opts.mirror
    ? [
        "provider_installation {",
        "  filesystem_mirror {",
        `    path    = ${JSON.stringify(opts.mirror)}`,
        '    include = ["registry.terraform.io/*/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/*/*"]',
        "  }",
        "}",
        "",
      ]
    : [];
  const file = path.join(dir, "terraform.rc");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, [...installation, `plugin_cache_dir = ${JSON.stringify(opts.pluginCacheDir)}`, ""].join("\n"));
  return file;
}

/**
 * Inherited variables that would change what the harness runs or checks: logging, extra CLI arguments
 * (`TF_CLI_ARGS_plan=-destroy` silently inverts a plan), another data dir, workspace or plugin cache
 * (`TF_PLUGIN_CACHE_DIR` beats the CLI config), input variables, and every `AWS_*` setting (a missing
 * `AWS_PROFILE` fails the provider even with static mock keys).
 */
const DROPPED_VARIABLES = /^(TF_LOG|TF_CLI_ARGS|TF_VAR_|TF_DATA_DIR$|TF_WORKSPACE$|TF_PLUGIN_CACHE_DIR$|AWS_)/;

/**
 * The environment of every terraform call of an offline check. It always names our CLI config: a
 * `TF_CLI_CONFIG_FILE` that points at a missing file makes Terraform warn on every call.
 * `keepCallerEnv` (an online plan) keeps the caller's variables, credentials included, as they are.
 */
export function terraformEnv(cliConfigPath: string, base: NodeJS.ProcessEnv = process.env, opts: { keepCallerEnv?: boolean } = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(base).filter(([name]) => opts.keepCallerEnv || !DROPPED_VARIABLES.test(name));
  return {
    ...Object.fromEntries(kept),
    TF_CLI_CONFIG_FILE: cliConfigPath,
    // Without a lock file Terraform 1.4+ re-downloads from the registry rather than trust the cache.
    TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    // Offline, nothing may look for instance credentials; online, the caller's may be there.
    ...(opts.keepCallerEnv ? {} : { AWS_EC2_METADATA_DISABLED: "true" }),
  };
}

export interface RunResult {
  /** Exit code; -1 when terraform could not start or was killed (see `stderr`). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs terraform without blocking the event loop, so several stacks can be checked at once. */
export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 600_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(findTerraform(env), args, { cwd, env, timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on("close", (code, signal) => {
      const killed = signal ? `\nterraform ${args.join(" ")} was killed by ${signal} (the timeout is ${timeoutMs} ms)` : "";
      resolve({ code: code ?? -1, stdout, stderr: stderr + killed });
    });
  });
}

/** Terraform merges files named `override.tf` or `*_override.tf` into the config; any other name duplicates blocks. */
export const OFFLINE_OVERRIDE_FILE = "zz_offline_override.tf";

/**
 * Makes a copy of a stack plan offline. It merges into the stack's single, alias-less `provider "aws"`
 * (an override must name the same alias): `default_tags` and `region` stay as synthesized. Setting
 * `allowed_account_ids = null` unsets the real pin, without which the plan fails with "AWS account ID not
 * allowed" because `skip_requesting_account_id` leaves the account id empty.
 */
export const OFFLINE_OVERRIDE_HCL = `# Written by the test harness into a COPY of the stack: offline plan, no credentials, local state.
terraform {
  backend "local" {}
}

provider "aws" {
  access_key                  = "mock-access-key"
  secret_key                  = "mock-secret-key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true

  allowed_account_ids = null
}
`;

/** Writes the offline override into `dir` (a copy of a stack, never the synthesized one) and returns its path. */
export function writeOfflineOverride(dir: string): string {
  const file = path.join(dir, OFFLINE_OVERRIDE_FILE);
  fs.writeFileSync(file, OFFLINE_OVERRIDE_HCL);
  return file;
}

/** What `init` and `plan` leave behind; a copy must start without them. The lock file is left out too, so the mirror's build is used. */
const GENERATED = /^(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate.*|tfplan)$/;

/** Mock values of the copy's required string variables (secrets such as alarm integration URLs). */
export const OFFLINE_VARIABLES_FILE = "zz_offline.auto.tfvars";

/**
 * The `type = string` variables a stack declares without a default, each with a mock `https://` value. A real
 * run sets them through `TF_VAR_<name>`, which the offline environment drops (`terraformEnv`); without a value
 * the plan stops at "No value for required variable". Variables with a default keep it. Reads `terraform fmt`ed
 * HCL, where a top-level block ends at a `}` in column one.
 */
export function offlineVariableValues(stackDir: string): Record<string, string> {
  const hcl = fs.readdirSync(stackDir).filter((f) => f.endsWith(".tf")).sort().map((f) => fs.readFileSync(path.join(stackDir, f), "utf8")).join("\n");
  const required = [...hcl.matchAll(/^variable "([^"]+)" \{\n([\s\S]*?)^\}/gm)].filter(([, , body]) => /^ {2}type\s*=\s*string$/m.test(body) && !/^ {2}default\s*=/m.test(body));
  return Object.fromEntries(required.map(([, name]) => [name, `https://offline-mock.invalid/${name}`]));
}

/** Copies a synthesized stack to `destDir` (replacing it), without state or `.terraform`, and adds the offline override. */
export function copyStackForOffline(stackDir: string, destDir: string): void {
  fs.rmSync(destDir, { recursive: true, force: true });
  fs.cpSync(stackDir, destDir, { recursive: true, filter: (src) => !GENERATED.test(path.basename(src)) });
  writeOfflineOverride(destDir);
  const values = Object.entries(offlineVariableValues(destDir));
  if (values.length > 0) fs.writeFileSync(path.join(destDir, OFFLINE_VARIABLES_FILE), values.map(([name, value]) => `${name} = ${JSON.stringify(value)}\n`).join(""));
}

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
  /** From `terraformEnv`. */
  readonly env: NodeJS.ProcessEnv;
  /** Run `plan` (and `show -json`) after `validate`. @default true */
  readonly plan?: boolean;
  /** Runs `init` exclusively: Terraform's plugin cache is not safe for concurrent installs. @default run directly */
  readonly exclusive?: Exclusive;
}

/** Runs one job at a time, in call order. */
export type Exclusive = <T>(job: () => Promise<T>) => Promise<T>;

/** A new lock for `CheckOptions.exclusive`: one per plugin cache. */
export function exclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** `fmt -check` of the synthesized files, then `init`, `validate` and an offline `plan` of a copy in `workDir`. */
export async function checkStack(stackDir: string, workDir: string, opts: CheckOptions): Promise<StackCheck> {
  const { env } = opts;
  const fmt = await runTerraform(["fmt", "-check", "-diff", "-recursive", "-no-color"], stackDir, env);
  const checked = { stack: path.basename(stackDir), fmtDiff: fmt.stdout + fmt.stderr, fmtOk: fmt.code === 0 };

  copyStackForOffline(stackDir, workDir);
  const runInit = () => runTerraform(["init", "-input=false", "-backend=true", "-no-color"], workDir, env);
  const init = opts.exclusive ? await opts.exclusive(runInit) : await runInit();
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

export interface CheckStacksOptions {
  /** Where the copies, CLI config and plugin cache go; kept afterwards. @default a temporary directory, removed afterwards */
  readonly workRoot?: string;
  /** Stacks checked at once. @default TF_PARALLELISM, or 2 */
  readonly parallelism?: number;
  /** Run `plan` after `validate`. @default true */
  readonly plan?: boolean;
}

/** Checks every stack under `<outdir>/stacks`, in name order, sharing one CLI config and one plugin cache. */
export async function checkStacks(outdir: string, opts: CheckStacksOptions = {}): Promise<StackCheck[]> {
  const stacks = stackDirs(outdir);
  const parallelism = parallelismOf(opts.parallelism ?? process.env.TF_PARALLELISM ?? 2);
  const workRoot = opts.workRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "tf-check-"));
  try {
    const cliConfig = writeCliConfig(workRoot, { mirror: mirrorFromEnv(), pluginCacheDir: path.join(workRoot, "plugin-cache") });
    const stackOpts: CheckOptions = { env: terraformEnv(cliConfig), plan: opts.plan, exclusive: exclusive() };
    return await mapLimit(stacks, parallelism, (dir) => checkStack(dir, path.join(workRoot, "stacks", path.basename(dir)), stackOpts));
  } finally {
    // A leftover cache would look like a provider mirror to anyone searching for `registry.terraform.io`.
    if (!opts.workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
  }
}

function stackDirs(outdir: string): string[] {
  const root = path.join(outdir, "stacks");
  const dirs = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  if (dirs.length === 0) throw new Error(`No synthesized stacks in ${root}: synthesize first (npm run synth).`);
  return dirs.map((e) => path.join(root, e.name)).sort();
}

function parallelismOf(value: number | string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`parallelism (TF_PARALLELISM) = ${JSON.stringify(value)} is not allowed. Allowed: a whole number >= 1`);
  return n;
}

/** Runs `work` on every item with at most `limit` at a time, keeping the input order in the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
