/** Test fixtures: shipped environments, and copies of them with one thing changed. */
import { ENVIRONMENTS } from "../../environments";
import type { EnvironmentInput, StageInput } from "../../environments/types";

/** A shipped environment with top-level fields replaced (for bad-input tests, typed loosely on purpose). */
export function withEnv(name: "dev" | "staging" | "prod", changes: Record<string, unknown>): EnvironmentInput {
  return { ...ENVIRONMENTS[name], ...changes } as EnvironmentInput;
}

/** A shipped environment whose first stage has fields replaced. */
export function withStage(name: "dev" | "staging" | "prod", changes: Record<string, unknown>, index = 0): EnvironmentInput {
  const env = ENVIRONMENTS[name];
  const stages = env.stages.map((s, i) => (i === index ? ({ ...s, ...changes } as StageInput) : s));
  return { ...env, stages };
}
