/**
 * Settings that take one of several shapes, told apart by one key: `stateBackend.type` ("local" or "s3"),
 * `account.cloudTrail.mode` ("dedicated" or "existing").
 *
 * zod's discriminated union reports a missing or unknown tag with the whole object as the value; here the
 * tag's own value is reported on the tag's field (`stateBackend.type = "consul"`), a value that is no object
 * on the setting itself, and only then does the shape the tag selects check its own fields.
 */
import { z } from "zod";
import { explain, nearestKey } from "./issues";

/** One shape of a tagged setting: an object whose `key` is a literal. */
type Variant<K extends string> = z.ZodObject<{ [P in K]: z.ZodLiteral<string> } & z.ZodRawShape>;

interface TaggedMessages {
  /** What is wrong with a value that is no object, and what is allowed (every shape). */
  readonly notAnObject: readonly [problem: string, allowed: string];
  /** What is wrong with a tag that names no shape (the tags are what is allowed). */
  readonly unknownTag: string;
  /**
   * What is wrong with a key no shape has, and what is allowed. The nearest known key is named after it.
   * @default each shape reports its unknown keys itself ("is not a setting here")
   */
  readonly unknownKey?: readonly [problem: string, allowed: string];
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * One of `variants`, chosen by the value of `key`. The first step sees the raw input (it is typed as the
 * union's input only so the setting keeps its input type); the union then parses and types it.
 */
export function tagged<const K extends string, const T extends readonly [Variant<K>, ...Variant<K>[]]>(key: K, variants: T, messages: TaggedMessages) {
  const union = z.discriminatedUnion(key, variants);
  const tags = variants.flatMap((variant) => [...variant.shape[key].values]);
  const keys = [...new Set(variants.flatMap((variant) => Object.keys(variant.shape)))];
  const tagAndKeys = z.custom<z.input<typeof union>>().superRefine((value: unknown, ctx) => {
    if (!isRecord(value)) {
      ctx.addIssue({ code: "custom", input: value, message: explain(...messages.notAnObject) });
      return;
    }
    if (!tags.some((tag) => tag === value[key])) {
      ctx.addIssue({ code: "custom", path: [key], input: value[key], message: explain(messages.unknownTag, tags.join(", ")) });
    }
    const unknownKey = messages.unknownKey;
    if (unknownKey === undefined) return;
    for (const other of Object.keys(value).filter((k) => !keys.includes(k))) {
      const [problem, allowed] = unknownKey;
      ctx.addIssue({ code: "custom", path: [other], input: value[other], message: explain(`${problem} (did you mean ${nearestKey(other, keys)}?)`, allowed) });
    }
  });
  return tagAndKeys.pipe(union);
}
