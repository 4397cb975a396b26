/** Runs one terraform command as a child process. */
import { spawn } from "child_process";
import { findTerraform } from "./terraform-binary";

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
