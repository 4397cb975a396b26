/**
 * The registry of environments and the one entry point that loads them: `loadEnvironments()` validates
 * every selected environment and either returns them all or throws one error listing every problem.
 */
import dev from "./dev";
import prod from "./prod";
import staging from "./staging";
import { type ConfigIssue, issue } from "./schema/issues";
import type { Environment, EnvironmentInput } from "./types";
import { checkEnvironment, ConfigValidationError, crossEnvironmentIssues, environmentLabel } from "./validate";

export type { Environment, EnvironmentInput } from "./types";
export { ConfigValidationError } from "./validate";

/** Every environment this project deploys, by name. */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = { dev, staging, prod };

/**
 * The environments to synthesize, from a comma-separated list (the `ENVIRONMENTS` variable), or all.
 * Used to synthesize a subset; an unknown name is an error, never silently ignored.
 */
export function selectEnvironments(selection: string | undefined, registry = ENVIRONMENTS): EnvironmentInput[] {
  const names = (selection ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return Object.values(registry);
  const unknown = names.filter((n) => !(n in registry));
  if (unknown.length > 0) {
    const issues: ConfigIssue[] = unknown.map((n) => issue("ENVIRONMENTS", n, "is not a known environment", Object.keys(registry).join(", ")));
    throw new ConfigValidationError(new Map([[unknown.join(","), issues]]));
  }
  return names.map((n) => registry[n]);
}

/** Validates every environment (and the rules across them) and returns them resolved, or throws once. */
export function loadEnvironments(inputs: readonly unknown[]): Environment[] {
  const checked = inputs.map(checkEnvironment);
  const issues = new Map<string, readonly ConfigIssue[]>();
  checked.forEach(({ issues: list }, i) => {
    if (list.length > 0) issues.set(environmentLabel(inputs[i]), list);
  });
  const envs = checked.flatMap((c) => (c.env === undefined ? [] : [c.env]));
  if (issues.size === 0) crossEnvironmentIssues(envs).forEach((list, env) => issues.set(env, list));
  if (issues.size > 0) throw new ConfigValidationError(issues);
  return envs;
}
