/**
 * Config issues: one problem with one field, in the words the user reads. The schema (zod) finds the
 * problems; this file turns zod's issues into `ConfigIssue`s that name the field, the value, what is wrong
 * and what is allowed.
 *
 * Zod carries only a message per issue, so every check of the schema writes its message with `explain()`
 * (problem and allowed, encoded), and cross-field rules push whole `ConfigIssue`s (see `fields.ts`).
 */
import type { z } from "zod";

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

export function formatIssue(i: ConfigIssue): string {
  return `${i.field} = ${describeValue(i.value)}: ${i.problem}. Allowed: ${i.allowed}`;
}

/** The message of a zod check: what is wrong and what is allowed. */
interface Explanation {
  readonly problem: string;
  readonly allowed: string;
}
/** The message of a strict object's unknown keys: the keys it knows, to name the nearest. */
interface KnownKeys {
  readonly knownKeys: readonly string[];
}
/** The params of a custom issue pushed by a rule: a config issue, its field relative to the issue's path. */
export interface RuleIssueParams {
  readonly configIssue: ConfigIssue;
}

const MARK = "config-issue:";

/** A zod error message that says what is wrong and what is allowed (pass as a check's `error`). */
export function explain(problem: string, allowed: string): string {
  return MARK + JSON.stringify({ problem, allowed } satisfies Explanation);
}

/** The message of a strict object's unrecognized keys, listing the keys the object knows. */
export function knownKeys(keys: readonly string[]): string {
  return MARK + JSON.stringify({ knownKeys: keys } satisfies KnownKeys);
}

function decode(message: string): Partial<Explanation & KnownKeys> | undefined {
  return message.startsWith(MARK) ? (JSON.parse(message.slice(MARK.length)) as Partial<Explanation & KnownKeys>) : undefined;
}

/** `["stages", 0, "throttling"]` -> `stages[0].throttling`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((field, key) => (typeof key === "number" ? `${field}[${key}]` : field === "" ? String(key) : `${field}.${String(key)}`), "");
}

/** A rule's field, relative to the section it checks, joined to the section's path. */
function joinField(base: string, relative: string): string {
  if (base === "") return relative;
  if (relative === "") return base;
  return relative.startsWith("[") ? `${base}${relative}` : `${base}.${relative}`;
}

/** Edit distance (insert, delete, substitute, swap two neighbours), ignoring case: how close a typo is. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/** The known key closest to a typo (the first of equally close ones, in the schema's order). */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  return known.reduce<string | undefined>((best, k) => (best === undefined || distance(key, k) < distance(key, best) ? k : best), undefined);
}

/** Unknown keys: each names the nearest known key, unless the object says what they are in its own words (`explain`). */
function unknownKeyIssues(field: string, input: unknown, keys: readonly string[], decoded: Partial<Explanation & KnownKeys> | undefined): ConfigIssue[] {
  const record = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const known = decoded?.knownKeys ?? [];
  return keys.map((key) => {
    if (decoded?.problem !== undefined && decoded.allowed !== undefined) return issue(joinField(field, key), record[key], decoded.problem, decoded.allowed);
    const nearest = nearestKey(key, known);
    return issue(joinField(field, key), record[key], `is not a setting here${nearest ? ` (did you mean ${nearest}?)` : ""}`, known.join(", "));
  });
}

/** What zod says when a check has no message of ours: a fallback, so no issue is lost. */
function fallback(zodIssue: z.core.$ZodIssue): Explanation {
  if (zodIssue.code === "invalid_type") return { problem: `is not ${zodIssue.expected === "object" ? "an object" : `a ${zodIssue.expected}`}`, allowed: `a ${zodIssue.expected}` };
  return { problem: zodIssue.message.replace(/^./, (c) => c.toLowerCase()), allowed: "see the field's documentation" };
}

/** Zod's issues (parsed with `reportInput: true`) as config issues, in zod's order. */
export function toConfigIssues(zodIssues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return zodIssues.flatMap((zodIssue): ConfigIssue[] => {
    const field = fieldPath(zodIssue.path);
    if (zodIssue.code === "custom" && zodIssue.params && "configIssue" in zodIssue.params) {
      const { configIssue } = zodIssue.params as RuleIssueParams;
      return [{ ...configIssue, field: joinField(field, configIssue.field) }];
    }
    const decoded = decode(zodIssue.message);
    if (zodIssue.code === "unrecognized_keys") return unknownKeyIssues(field, zodIssue.input, zodIssue.keys, decoded);
    const { problem, allowed } = decoded?.problem !== undefined && decoded.allowed !== undefined ? (decoded as Explanation) : fallback(zodIssue);
    return [issue(field, zodIssue.input, problem, allowed)];
  });
}
