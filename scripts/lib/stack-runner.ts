/**
 * The one runner for "do this with Terraform on these synthesized stacks", shared by the test harness
 * (`checkStacks`) and `npm run plan`: the stacks come from the manifest, every stack of a run shares one CLI
 * config and one plugin cache, `init` runs one at a time, and at most `parallelism` stacks run at once.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type Exclusive, exclusive, mapLimit, parallelismOf } from "./concurrency";
import { selectStacks, synthesizedStacks } from "./manifest";
import { prepareRunEnv } from "./terraform-env";

/** One stack of a run, with what all of the run's terraform calls share. */
export interface StackJob {
  readonly stack: string;
  /** The synthesized stack's folder: an offline job works on a copy in `workDir` instead. */
  readonly stackDir: string;
  /** This stack's folder of its own under the run's work root. */
  readonly workDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Wrap `init` in it: Terraform's plugin cache is not safe for concurrent installs. */
  readonly exclusive: Exclusive;
}

export interface StackRunOptions {
  /** The synthesized app: its `manifest.json` lists the stacks. */
  readonly outdir: string;
  /** @default every stack of the manifest, in name order */
  readonly stacks?: readonly string[];
  /** Where the copies, CLI config and plugin cache go; kept afterwards. @default a temporary directory, removed afterwards */
  readonly workRoot?: string;
  /** Stacks run at once. @default TF_PARALLELISM, or 2 */
  readonly parallelism?: number;
  /** Keep the caller's variables and credentials (an online plan). @default false: offline, see `terraformEnv` */
  readonly keepCallerEnv?: boolean;
  /** Without a mirror, keep providers in the user's plugin cache between runs. @default false */
  readonly userPluginCache?: boolean;
}

/** Runs `job` on each stack, results in stack order. */
export async function runOnStacks<R>(opts: StackRunOptions, job: (stack: StackJob) => Promise<R>): Promise<R[]> {
  const parallelism = parallelismOf(opts.parallelism ?? process.env.TF_PARALLELISM ?? 2);
  const all = synthesizedStacks(opts.outdir);
  if (all.length === 0) throw new Error(`No stacks in ${path.join(opts.outdir, "manifest.json")}: synthesize first (npm run synth).`);
  const names = selectStacks(all.map((s) => s.name).sort(), opts.stacks ?? []);
  const stacks = names.map((name) => all.find((s) => s.name === name)!);
  const workRoot = opts.workRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "tf-stacks-"));
  try {
    const env = prepareRunEnv(workRoot, { keepCallerEnv: opts.keepCallerEnv, userPluginCache: opts.userPluginCache });
    const lock = exclusive();
    return await mapLimit(stacks, parallelism, (s) => job({ stack: s.name, stackDir: s.dir, workDir: path.join(workRoot, "stacks", s.name), env, exclusive: lock }));
  } finally {
    // A leftover cache would look like a provider mirror to anyone searching for `registry.terraform.io`.
    if (!opts.workRoot) fs.rmSync(workRoot, { recursive: true, force: true });
  }
}
