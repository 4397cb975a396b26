/**
 * Small building blocks for config rules. Each returns the issues it found (an empty list when the
 * value is fine), so rules can be composed by concatenation and every problem is reported at once.
 */

/** One problem with one field of one environment. */
export interface ConfigIssue {
  /** Dotted path of the field in the environment file, e.g. `stages[1].throttling.rateLimit`. */
  readonly field: string;
  readonly value: unknown;
  /** What is wrong with the value. */
  readonly problem: string;
  /** What would be accepted instead. */
  readonly allowed: string;
}

export function issue(field: string, value: unknown, problem: string, allowed: string): ConfigIssue {
  return { field, value, problem, allowed };
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

export function oneOf<T>(field: string, value: unknown, allowed: readonly T[], problem = "is not a valid value"): ConfigIssue[] {
  return allowed.includes(value as T) ? [] : [issue(field, value, problem, allowed.join(", "))];
}

export function isBoolean(field: string, value: unknown): ConfigIssue[] {
  return typeof value === "boolean" ? [] : [issue(field, value, "is not a boolean", "true or false")];
}

export function numberIn(field: string, value: unknown, min: number, max: number, opts: { integer?: boolean } = {}): ConfigIssue[] {
  const kind = opts.integer ? "a whole number" : "a number";
  const allowed = `${kind} from ${min} to ${max}`;
  if (typeof value !== "number" || !Number.isFinite(value)) return [issue(field, value, `is not ${kind}`, allowed)];
  if (opts.integer && !Number.isInteger(value)) return [issue(field, value, `is not ${kind}`, allowed)];
  if (value < min || value > max) return [issue(field, value, "is out of range", allowed)];
  return [];
}

export function matches(field: string, value: unknown, pattern: RegExp, allowed: string): ConfigIssue[] {
  return typeof value === "string" && pattern.test(value) ? [] : [issue(field, value, "is malformed", allowed)];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Values that occur more than once in a list, in order of first repetition. */
export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}
