/**
 * What several test files read of the shipped app, made once per run (test/support/shared.ts): its HCL as
 * `npm run synth` writes it, and `npm run plan`'s offline plan of one of its stacks. Read them; never write
 * into their folders (a test that changes an output works on a copy).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { synthHcl } from "../../scripts/lib/synth";
import { sharedOnce } from "./shared";

const root = path.resolve(__dirname, "..", "..");

/** The shipped app synthesized as `npm run synth` does it (the compiled app, then repairs and formatting): its output folder. */
export async function shippedSynth(): Promise<string> {
  const { outdir } = await sharedOnce("shipped-synth", async (dir) => {
    const result = await synthHcl({ outdir: path.join(dir, "cdktf.out") });
    if (!result.ok) throw new Error(result.error);
    return { outdir: result.outdir };
  });
  return outdir;
}

export interface NodeRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a compiled script of the project with node, from the project's root, without blocking the test worker. */
export function runNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** No credentials: `npm run plan` must choose offline on its own flag, whatever the developer's shell holds. */
export const NO_CREDENTIALS = { AWS_PROFILE: "", AWS_ACCESS_KEY_ID: "" } as const;

export interface NpmRunPlan extends NodeRun {
  /** Its `PLANS_DIR`: `<stack>.txt`, `<stack>.changes.json`, `summary.md`. */
  readonly plansDir: string;
}

/** `npm run plan -- <stack> --no-synth --offline` of the shipped synth (dist/scripts/plan.js, which `npm test` built), once per run. */
export function npmRunPlanOffline(stack: string): Promise<NpmRunPlan> {
  return sharedOnce(`npm-run-plan-${stack}`, async (dir) => {
    const plansDir = path.join(dir, "plans");
    const env = { ...process.env, CDKTF_OUTDIR: await shippedSynth(), PLANS_DIR: plansDir, ...NO_CREDENTIALS };
    const run = await runNode(["dist/scripts/plan.js", stack, "--no-synth", "--offline"], env);
    if (!fs.existsSync(plansDir)) throw new Error(`npm run plan wrote no ${plansDir} (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    return { ...run, plansDir };
  });
}
