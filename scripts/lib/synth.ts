/**
 * Synthesizes the app to formatted HCL without the cdktf CLI's start-up cost: it runs the compiled app
 * with `SYNTH_HCL_OUTPUT=true` (what `cdktf synth --hcl` does), repairs the renderer's known defects
 * (`hcl-fixes.ts`), and formats the result with
 * `terraform fmt`, which, unlike the CLI's formatter, also unwraps `"${...}"`-only strings, so the HCL
 * passes `terraform fmt -check`. The old output is removed first, and a failed synth leaves no output
 * directory at all: never a stale or half-written one.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repairHcl } from "./hcl-fixes";
import { readManifest } from "./manifest";
import { runTerraform } from "./terraform";

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

/**
 * `terraform fmt` of every stack, in up to `parallelism` processes at once (fmt is the largest part of a
 * large synth, and stacks are independent). It needs no providers, so no CLI config (the machine's may be broken).
 */
export async function terraformFmt(dir: string, parallelism = os.availableParallelism()): Promise<void> {
  const stacksDir = path.join(dir, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).map((s) => path.join(stacksDir, s)) : [dir];
  const groups = balancedGroups(stacks, Math.max(1, Math.min(parallelism, stacks.length)));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: os.devNull, CHECKPOINT_DISABLE: "1" };
  const runs = await Promise.all(groups.map((group) => runTerraform(["fmt", "-recursive", "-list=false", ...group], dir, env)));
  const failed = runs.filter((r) => r.code !== 0);
  if (failed.length > 0) throw new Error(`terraform fmt failed in ${dir}:\n${failed.map((r) => r.stderr).join("\n")}`);
}

/** Splits stack folders into `count` groups of about equal HCL size (largest first, onto the lightest group). */
function balancedGroups(dirs: readonly string[], count: number): string[][] {
  const sized = dirs.map((dir) => ({ dir, bytes: fs.statSync(path.join(dir, "cdk.tf"), { throwIfNoEntry: false })?.size ?? 0 }));
  const groups = Array.from({ length: count }, () => ({ dirs: [] as string[], bytes: 0 }));
  for (const { dir, bytes } of sized.sort((a, b) => b.bytes - a.bytes)) {
    const lightest = groups.reduce((min, g) => (g.bytes < min.bytes ? g : min));
    lightest.dirs.push(dir);
    lightest.bytes += bytes;
  }
  return groups.map((g) => g.dirs).filter((g) => g.length > 0);
}

/** Repairs every stack's HCL in place and returns the stack names, in manifest order. */
export function repairStacks(outdir: string): string[] {
  const manifest = readManifest(outdir);
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    if (!stack.synthesizedStackPath) throw new Error(`${outdir}/manifest.json names no synthesized file for stack ${name}`);
    const file = path.join(outdir, stack.synthesizedStackPath);
    fs.writeFileSync(file, repairHcl(fs.readFileSync(file, "utf8")));
  }
  return Object.keys(manifest.stacks);
}

export async function synthHcl(options: SynthOptions = {}): Promise<SynthResult> {
  const outdir = path.resolve(options.outdir ?? "cdktf.out");
  const staging = `${outdir}.tmp-${process.pid}`;
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), options.app ?? "dist/main.js"], {
      env: { ...process.env, ...options.env, SYNTH_HCL_OUTPUT: "true", CDKTF_OUTDIR: staging },
      encoding: "utf8",
    });
    if (run.status !== 0) return { ok: false, outdir, stacks: [], error: run.stderr || String(run.error ?? "synth failed") };
    const stacks = repairStacks(staging);
    await terraformFmt(staging);
    fs.renameSync(staging, outdir);
    return { ok: true, outdir, stacks, error: "" };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
