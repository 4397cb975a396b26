/** The environment variables of every terraform call of a run. */
import * as os from "os";
import * as path from "path";
import { mirrorFromEnv, writeCliConfig } from "./cli-config";

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
    // Terraform and the provider (both Go, which passes its environment on) spend much of a command's CPU
    // collecting the garbage of the AWS provider's schema: at 400 instead of Go's 100, a plan or `show -json`
    // takes about a quarter less CPU for about 50 MB more memory per process. A caller's own setting wins.
    GOGC: base.GOGC ?? "400",
    // Offline, nothing may look for instance credentials; online, the caller's may be there.
    ...(opts.keepCallerEnv ? {} : { AWS_EC2_METADATA_DISABLED: "true" }),
  };
}

export interface RunEnvOptions {
  /** Keep the caller's variables, credentials included (an online plan). @default false */
  readonly keepCallerEnv?: boolean;
  /**
   * Without a mirror, keep downloaded providers in the user's plugin cache (`TF_PLUGIN_CACHE_DIR`, or
   * `~/.terraform.d/plugin-cache`) so the next run does not download the 675 MB provider again.
   * @default false: a cache of this run only, under `workRoot`
   */
  readonly userPluginCache?: boolean;
}

/** Writes a run's CLI config (mirror from `TF_PLUGIN_MIRROR`) into `workRoot` and returns the run's environment. */
export function prepareRunEnv(workRoot: string, opts: RunEnvOptions = {}): NodeJS.ProcessEnv {
  const mirror = mirrorFromEnv();
  // From a mirror the cache is a set of symlinks, cheap to build again.
  const pluginCacheDir =
    opts.userPluginCache && !mirror ? (process.env.TF_PLUGIN_CACHE_DIR ?? path.join(os.homedir(), ".terraform.d", "plugin-cache")) : path.join(workRoot, "plugin-cache");
  const cliConfig = writeCliConfig(workRoot, { mirror, pluginCacheDir });
  return terraformEnv(cliConfig, process.env, { keepCallerEnv: opts.keepCallerEnv });
}
