/** Test fixtures: shipped environments, and copies of them with one thing changed. */
import { ConfigValidationError, ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { EnvironmentInput, StageInput } from "../../environments/types";

/** A shipped environment with top-level fields replaced (for bad-input tests, typed loosely on purpose). */
export function withEnv(name: "dev" | "staging" | "prod", changes: Record<string, unknown>): EnvironmentInput {
  return { ...ENVIRONMENTS[name], ...changes } as EnvironmentInput;
}

/** A shipped environment whose first stage has fields replaced; a renamed stage keeps its log destinations. */
export function withStage(name: "dev" | "staging" | "prod", changes: Record<string, unknown>, index = 0): EnvironmentInput {
  const env = ENVIRONMENTS[name];
  const stages = env.stages.map((s, i) => (i === index ? ({ ...s, ...changes } as StageInput) : s));
  const from = env.stages[index].name;
  const to = typeof changes.name === "string" ? changes.name : from;
  const logDestinations = env.logDestinations?.map((d) => (d.stage === from ? { ...d, stage: to } : d));
  return { ...env, stages, ...(logDestinations === undefined ? {} : { logDestinations }) };
}

/** The message of the `ConfigValidationError` a config is rejected with; fails the test when it is accepted. */
export function rejectionOf(...inputs: EnvironmentInput[]): string {
  try {
    loadEnvironments(inputs);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

/** A shipped environment with its alarm settings replaced (loosely typed, for bad input). */
export function withAlarms(name: "dev" | "staging" | "prod", alarms: unknown): EnvironmentInput {
  return withEnv(name, { alarms });
}
