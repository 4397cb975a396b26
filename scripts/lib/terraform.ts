/**
 * Runs Terraform on synthesized stacks: `fmt -check`, `init`, `validate` and `plan`, offline when asked.
 *
 * Offline means: a copy of the stack with an override file that swaps in mock credentials, `skip_*` flags,
 * a local backend and no `allowed_account_ids` (which would need the account id from AWS). The synthesized
 * HCL itself is never changed. Providers come from a filesystem mirror when `TF_PLUGIN_MIRROR` names one,
 * from the registry otherwise, through one CLI config and one plugin cache shared by every stack of a run.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const INSTALL_HINT =
  "Terraform 1.11 is required on PATH (or set TERRAFORM_BIN): install it from https://developer.hashicorp.com/terraform/install " +
  "(e.g. the `terraform` package of HashiCorp's apt repository, or `brew install hashicorp/tap/terraform`).";

/** The terraform binary: `TERRAFORM_BIN`, or the first `terraform` on PATH. Missing is an error, never a skip. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TERRAFORM_BIN) {
    if (fs.existsSync(env.TERRAFORM_BIN)) return env.TERRAFORM_BIN;
    throw new Error(`TERRAFORM_BIN=${env.TERRAFORM_BIN} does not exist. ${INSTALL_HINT}`);
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, process.platform === "win32" ? "terraform.exe" : "terraform");
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`terraform was not found on PATH. ${INSTALL_HINT}`);
}

/** The provider mirror named by `TF_PLUGIN_MIRROR` (the folder holding `registry.terraform.io`), if any. */
export function mirrorFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const mirror = env.TF_PLUGIN_MIRROR;
  if (!mirror) return undefined;
  if (!fs.existsSync(mirror) || !fs.statSync(mirror).isDirectory()) {
    throw new Error(`TF_PLUGIN_MIRROR=${mirror} is not a directory. Allowed: a provider mirror folder that contains registry.terraform.io/`);
  }
  return path.resolve(mirror);
}

/**
 * Writes a Terraform CLI config and returns its path. With a mirror, `init` links the provider straight from
 * it (nothing is copied); from the registry, the plugin cache keeps one download for every stack of a run.
 */
export function writeCliConfig(dir: string, opts: { mirror?: string; pluginCacheDir: string }): string {
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
      ]
    : [];
  if (!opts.mirror) fs.mkdirSync(opts.pluginCacheDir, { recursive: true });
  const cache = opts.mirror ? [] : [`plugin_cache_dir = ${JSON.stringify(opts.pluginCacheDir)}`];
  const file = path.join(dir, "terraform.rc");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, [...installation, ...cache, ""].join("\n"));
  return file;
}

/**
 * The environment of every terraform call. It always names our CLI config: the machine's
 * `TF_CLI_CONFIG_FILE` may point at a missing file, which makes Terraform warn on every call.
 */
export function terraformEnv(cliConfigPath: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of Object.keys(env)) if (key.startsWith("TF_LOG")) delete env[key];
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigPath,
    TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true",
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs terraform asynchronously, so several stacks can be checked at once. */
export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(findTerraform(env), ["-chdir=" + cwd, ...args, ...(args[0] === "fmt" ? [] : ["-no-color"])], { env, timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => resolve({ code: -1, stdout, stderr: stderr + String(error) }));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The override that makes a copy of a stack plan offline. Files ending `_override.tf` merge into the config. */
export const OFFLINE_OVERRIDE = `# Written by the test harness into a COPY of the stack: offline plan, no credentials, local state.
terraform {
  backend "local" {}
}

provider "aws" {
  access_key                  = "mock-access-key"
  secret_key                  = "mock-secret-key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  # The real config pins the account; without credentials the account id cannot be checked.
  allowed_account_ids = null
}
`;

export const OFFLINE_OVERRIDE_FILE = "zz_offline_override.tf";

/** Copies a synthesized stack (without state or `.terraform`) and adds the offline override to the copy. */
export function copyStackForOffline(stackDir: string, destDir: string): void {
  fs.rmSync(destDir, { recursive: true, force: true });
  fs.cpSync(stackDir, destDir, {
    recursive: true,
    filter: (src) => !/(^|[\\/])(\.terraform|terraform\.tfstate[^\\/]*|\.terraform\.lock\.hcl)$/.test(path.relative(stackDir, src)),
  });
  fs.writeFileSync(path.join(destDir, OFFLINE_OVERRIDE_FILE), OFFLINE_OVERRIDE);
}

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
}

export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

export interface StackCheck {
  readonly stack: string;
  /** `terraform fmt -check -diff` output; empty when the HCL is formatted. */
  readonly fmtDiff: string;
  readonly fmtOk: boolean;
  readonly initOk: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly planOk: boolean;
  readonly summary?: PlanSummary;
  /** `terraform show -json` of the plan. */
  readonly plan?: any;
  /** Output of the first step that failed. */
  readonly failure?: string;
}

function planSummary(plan: any): PlanSummary {
  const count = (action: string) => (plan.resource_changes ?? []).filter((c: any) => c.change.actions.includes(action)).length;
  return { add: count("create"), change: count("update"), destroy: count("delete") };
}

export interface CheckOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Run `terraform plan` (and `show -json`) after validate. @default true */
  readonly plan?: boolean;
}

/** fmt, init, validate and (offline) plan of one synthesized stack, in a copy under `workDir`. */
export async function checkStack(stackDir: string, workDir: string, opts: CheckOptions): Promise<StackCheck> {
  const stack = path.basename(stackDir);
  const fmt = await runTerraform(["fmt", "-check", "-diff", "-recursive"], stackDir, opts.env);
  const base = { stack, fmtDiff: fmt.stdout + fmt.stderr, fmtOk: fmt.code === 0 };
  copyStackForOffline(stackDir, workDir);
  const init = await runTerraform(["init", "-input=false"], workDir, opts.env);
  if (init.code !== 0) return { ...base, initOk: false, diagnostics: [], planOk: false, failure: init.stdout + init.stderr };
  const validate = await runTerraform(["validate", "-json"], workDir, opts.env);
  const diagnostics: Diagnostic[] = (JSON.parse(validate.stdout).diagnostics ?? []).map((d: any) => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail,
    address: d.address ?? d.snippet?.context,
  }));
  if (validate.code !== 0 || opts.plan === false) return { ...base, initOk: true, diagnostics, planOk: false };
  const planned = await runTerraform(["plan", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan"], workDir, opts.env);
  if (planned.code !== 0) return { ...base, initOk: true, diagnostics, planOk: false, failure: planned.stdout + planned.stderr };
  const shown = await runTerraform(["show", "-json", "tfplan"], workDir, opts.env);
  const plan = JSON.parse(shown.stdout);
  return { ...base, initOk: true, diagnostics, planOk: true, summary: planSummary(plan), plan };
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

export interface CheckStacksOptions {
  /** Where the copies, CLI config and plugin cache go. @default a new temporary directory */
  readonly workRoot?: string;
  /** Stacks checked at once. @default TF_PARALLELISM, or 2 */
  readonly parallelism?: number;
  readonly plan?: boolean;
}

/** Checks every stack under `<outdir>/stacks`, sharing one CLI config and one plugin cache. */
export async function checkStacks(outdir: string, opts: CheckStacksOptions = {}): Promise<StackCheck[]> {
  const workRoot = opts.workRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "tf-check-"));
  const cliConfig = writeCliConfig(workRoot, { mirror: mirrorFromEnv(), pluginCacheDir: path.join(workRoot, "plugin-cache") });
  const env = terraformEnv(cliConfig);
  const stacksDir = path.join(outdir, "stacks");
  const stacks = fs.readdirSync(stacksDir).sort();
  const parallelism = opts.parallelism ?? Number(process.env.TF_PARALLELISM ?? 2);
  return mapLimit(stacks, parallelism, (stack) =>
    checkStack(path.join(stacksDir, stack), path.join(workRoot, "stacks", stack), { env, plan: opts.plan }),
  );
}

/** `terraform version` of the binary in use, for messages and benchmarks. */
export function terraformVersion(): string {
  const run = spawnSync(findTerraform(), ["version", "-json"], { encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: os.devNull } });
  return run.status === 0 ? JSON.parse(run.stdout).terraform_version : "unknown";
}
