/**
 * The building blocks of the config schema: fields whose errors say what is wrong and what is allowed,
 * sections that reject unknown keys, and rules across fields.
 */
import { z } from "zod";
import { type ConfigIssue, explain, knownKeys, type RuleIssueParams } from "./issues";

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, problem = "is not a valid value") {
  return z.enum(values, { error: explain(problem, values.join(", ")) });
}

/** One of a fixed list of numbers (CloudWatch's retention days, for one). */
export function oneOfNumbers<const T extends readonly [number, ...number[]]>(values: T, problem = "is not a valid value") {
  return z.literal(values, { error: explain(problem, values.join(", ")) });
}

/** A number from `min` to `max`; with `integer`, a whole number. */
export function numberIn(min: number, max: number, opts: { readonly integer?: boolean } = {}) {
  const kind = opts.integer ? "a whole number" : "a number";
  const allowed = `${kind} from ${min} to ${max}`;
  const notKind = { error: explain(`is not ${kind}`, allowed), abort: true };
  const outOfRange = { error: explain("is out of range", allowed) };
  const number = opts.integer ? z.number(notKind).int(notKind) : z.number(notKind);
  return number.min(min, outOfRange).max(max, outOfRange);
}

export function flag() {
  return z.boolean({ error: explain("is not a boolean", "true or false") });
}

/** A string matching `pattern`; anything else (another type included) "is malformed". */
export function text(pattern: RegExp, allowed: string, problem = "is malformed") {
  return z.string({ error: explain(problem, allowed) }).regex(pattern, { error: explain(problem, allowed) });
}

/** A list; a value that is not one gets `problem` and `allowed`. */
export function list<T extends z.ZodType>(item: T, problem: string, allowed: string) {
  return z.array(item, { error: explain(problem, allowed) });
}

/**
 * An object with exactly these fields: a value that is not an object gets `problem` and `allowed`, and an
 * unknown key (a typo such as `retentionDay`) is an issue that names the nearest known key.
 */
export function section<const S extends z.ZodRawShape>(shape: S, problem: string, allowed: string) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, { error: (iss) => (iss.code === "unrecognized_keys" ? knownKeys(keys) : explain(problem, allowed)) });
}

/** A rule across the fields of a parsed value: its issues' fields are relative to where it is attached. */
export interface Rule<T> {
  /** The fields the rule reads (`"stages"`, `"account.id"`, `"stages.*.name"`): it runs only when none of them has an issue. */
  readonly reads: readonly string[];
  readonly check: (value: T) => readonly ConfigIssue[];
}

export function rule<T>(reads: readonly string[], check: (value: T) => readonly ConfigIssue[]): Rule<T> {
  return { reads, check };
}

/**
 * An issue's path overlaps a path a rule reads when one is a prefix of the other (`stages` and
 * `stages[0].name`); `*` in a read path stands for any key (`stages.*.name`).
 */
const overlaps = (issuePath: readonly PropertyKey[], read: readonly string[]): boolean =>
  issuePath.every((key, i) => i >= read.length || read[i] === "*" || read[i] === String(key));

/**
 * Whether an issue leaves its value malformed. An unknown key does not (the known fields parsed), nor does
 * another rule's issue (the value parsed; a rule only judged it).
 */
const blocks = (i: { code?: string; params?: unknown }): boolean =>
  i.code !== "unrecognized_keys" && !(i.code === "custom" && typeof i.params === "object" && i.params !== null && "configIssue" in i.params);

/**
 * Attaches rules to a schema. A rule runs even when other fields have issues, so every problem is reported
 * at once, but only when the fields it reads parsed cleanly: it sees typed, defaulted values, never a
 * malformed one.
 */
export function withRules<S extends z.ZodType>(schema: S, rules: readonly Rule<z.output<S>>[]): S {
  return rules.reduce<S>((refined, { reads, check }) => {
    const paths = reads.map((read) => read.split("."));
    return refined.superRefine(
      (value, ctx) => {
        for (const configIssue of check(value as z.output<S>)) {
          ctx.addIssue({ code: "custom", message: configIssue.problem, input: configIssue.value, params: { configIssue } satisfies RuleIssueParams });
        }
      },
      { when: (payload) => !payload.issues.some((i) => blocks(i) && paths.some((path) => overlaps(i.path ?? [], path))) },
    ) as S;
  }, schema);
}

/** Values that occur more than once in a list, in order of first repetition. */
export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}
