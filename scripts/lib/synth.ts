/**
 * Synthesizes the app to formatted HCL without the cdktf CLI's start-up cost: it runs the compiled app
 * with `SYNTH_HCL_OUTPUT=true` (what `cdktf synth --hcl` does), repairs the renderer's known defects and
 * lays the HCL out as a Terraform engineer writes it (`hcl-fixes.ts`: blank lines between blocks, no
 * interpolation-only strings, dashboards as `jsonencode({...})`), and formats the result as `terraform fmt`
 * does, so the HCL passes `terraform fmt -check`. Formatting uses
 * `hcl-format.ts`, which gives the same bytes as `terraform fmt` over ten times faster. A stack it does not
 * recognize, or every stack with `SYNTH_FORMATTER=terraform`, goes through `terraform fmt` itself.
 * The new output replaces the old one whole (only Terraform's working files are carried over), and a
 * failed synth leaves no output directory at all: never a stale or half-written one. `cdktf.json` runs this
 * same pipeline (`scripts/cdktf-app.ts`), so the cdktf CLI writes the same bytes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InvalidHclError, formatCdktfHcl } from "./hcl-format";
import { repairHcl } from "./hcl-fixes";
import { synthesizedStacks } from "./manifest";
import { runTerraform } from "./run-terraform";

export interface SynthOptions {
  /** Output directory. @default "cdktf.out" */
  readonly outdir?: string;
  /** The compiled app. @default "dist/main.js" */
  readonly app?: string;
  /** Extra environment for the app (e.g. `ENVIRONMENTS=dev`). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra arguments for node before the app (the benchmark preloads a memory probe). @default [] */
  readonly nodeArgs?: readonly string[];
}

export interface SynthResult {
  readonly ok: boolean;
  readonly outdir: string;
  /** Stack names, in manifest order. */
  readonly stacks: readonly string[];
  /** What failed (the validation message when the config is invalid). */
  readonly error: string;
}

export type Formatter = "fast" | "terraform";

/** `SYNTH_FORMATTER=terraform` formats every stack with `terraform fmt` (to rule the fast formatter out). */
export function formatterFromEnv(env: NodeJS.ProcessEnv = process.env): Formatter {
  return env.SYNTH_FORMATTER === "terraform" ? "terraform" : "fast";
}

/**
 * `terraform fmt` of the given files, in up to `parallelism` processes at once. It needs no providers,
 * so no CLI config (the machine's may be broken).
 */
export async function terraformFmtFiles(files: readonly string[], cwd: string, parallelism = os.availableParallelism()): Promise<void> {
  const env = { ...process.env, TF_CLI_CONFIG_FILE: os.devNull, CHECKPOINT_DISABLE: "1" };
  const groups = balancedGroups(files, Math.max(1, parallelism));
  const runs = await Promise.all(groups.map((group) => runTerraform(["fmt", "-list=false", "-no-color", ...group], cwd, env)));
  const failed = runs.filter((r) => r.code !== 0);
  if (failed.length > 0) throw new Error(`terraform fmt failed in ${cwd}:\n${failed.map((r) => r.stderr).join("\n")}`);
}

/** `terraform fmt` of every stack in `outdir` (e.g. the CLI's output, to compare with ours). */
export async function terraformFmt(outdir: string, parallelism = os.availableParallelism()): Promise<void> {
  await terraformFmtFiles(synthesizedStacks(outdir).map((s) => s.file), outdir, parallelism);
}

/** Splits files into `count` groups of about equal size (largest first, onto the lightest group). */
function balancedGroups(files: readonly string[], count: number): string[][] {
  const sized = files.map((file) => ({ file, bytes: fs.statSync(file).size }));
  const groups = Array.from({ length: Math.min(count, sized.length) }, () => ({ files: [] as string[], bytes: 0 }));
  for (const { file, bytes } of sized.sort((a, b) => b.bytes - a.bytes)) {
    const lightest = groups.reduce((min, g) => (g.bytes < min.bytes ? g : min));
    lightest.files.push(file);
    lightest.bytes += bytes;
  }
  return groups.map((g) => g.files);
}

/** Repairs every stack's HCL in place and returns the stack names, in manifest order. */
export function repairStacks(outdir: string): string[] {
  return synthesizedStacks(outdir).map(({ name, file }) => {
    fs.writeFileSync(file, repairHcl(fs.readFileSync(file, "utf8")));
    return name;
  });
}

export interface FormattedStacks {
  /** Stack names, in manifest order. */
  readonly stacks: readonly string[];
  /** The files the fast formatter declined (or all, with the "terraform" formatter), which `terraform fmt` formatted. */
  readonly byTerraformFmt: readonly string[];
}

/**
 * Repairs and formats every stack in place. The fast formatter takes what it recognizes;
 * `terraform fmt` takes the rest. HCL that Terraform rejects (an invalid escape) throws, naming the stack
 * and the value, whichever formatter met it: it is never written on as if it were valid.
 */
export async function repairAndFormatStacks(outdir: string, formatter: Formatter = formatterFromEnv()): Promise<FormattedStacks> {
  const stacks = synthesizedStacks(outdir);
  const byTerraformFmt: string[] = [];
  for (const { name, file } of stacks) {
    const repaired = repairHcl(fs.readFileSync(file, "utf8"));
    const formatted = formatter === "fast" ? formatFast(name, repaired) : undefined;
    fs.writeFileSync(file, formatted ?? repaired);
    if (formatted === undefined) byTerraformFmt.push(file);
  }
  if (byTerraformFmt.length > 0) await terraformFmtFiles(byTerraformFmt, outdir);
  return { stacks: stacks.map((s) => s.name), byTerraformFmt };
}

/** The fast formatter's output for one stack; an invalid escape names the stack. */
function formatFast(stack: string, hcl: string): string | undefined {
  try {
    return formatCdktfHcl(hcl);
  } catch (error) {
    if (error instanceof InvalidHclError) throw new Error(`stack ${stack}: Terraform would reject its HCL: ${error.message}`);
    throw error;
  }
}

/**
 * What `terraform init` left in a stack's folder (providers, modules, the backend's settings, the provider
 * lock file), carried over to the new output so the next `cdktf diff` or `deploy` does not start over.
 */
const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

function keepTerraformWorkingFiles(previous: string, next: string): void {
  for (const stack of synthesizedStacks(next)) {
    const previousDir = path.join(previous, path.relative(next, stack.dir));
    for (const name of TERRAFORM_WORKING_FILES) {
      const from = path.join(previousDir, name);
      if (fs.existsSync(from)) fs.renameSync(from, path.join(stack.dir, name));
    }
  }
}

/**
 * Synthesizes into a staging folder, then replaces `outdir` with it: the output holds exactly what this
 * run wrote (no `cdk.tf.json` of an earlier JSON synth beside the HCL), plus Terraform's working files.
 * A failed synth leaves no output at all: never a stale or half-written one.
 */
export async function synthHcl(options: SynthOptions = {}): Promise<SynthResult> {
  const outdir = path.resolve(options.outdir ?? "cdktf.out");
  const staging = `${outdir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  let ok = false;
  try {
    const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), options.app ?? "dist/main.js"], {
      env: { ...process.env, ...options.env, SYNTH_HCL_OUTPUT: "true", CDKTF_OUTDIR: staging },
      encoding: "utf8",
    });
    if (run.status !== 0) return { ok: false, outdir, stacks: [], error: run.stderr || String(run.error ?? "synth failed") };
    let stacks: readonly string[];
    try {
      ({ stacks } = await repairAndFormatStacks(staging));
    } catch (error) {
      // HCL that Terraform rejects: the fast formatter's message, or terraform fmt's (naming the stack's file)
      return { ok: false, outdir, stacks: [], error: error instanceof Error ? error.message : String(error) };
    }
    keepTerraformWorkingFiles(outdir, staging);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(staging, outdir);
    ok = true;
    return { ok: true, outdir, stacks, error: "" };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!ok) fs.rmSync(outdir, { recursive: true, force: true });
  }
}
