/**
 * The S3 lifecycle schema, shared by `archive.lifecycle` and `account.trail.lifecycle`: GIVEN what a config
 * writes, WHEN it is parsed, THEN it has every default, or every problem is reported with its field, value
 * and what is allowed. S3's rules: Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle"
 * (the waterfall; 30 days before and in STANDARD_IA/ONEZONE_IA) and S3 API Reference, `Transition.Days`.
 */
import type { z } from "zod";
import { lifecycleSchema } from "../../../environments/schema/lifecycle";
import { trailSchema } from "../../../environments/schema/trail";
import { type ConfigIssue, formatIssue, toConfigIssues } from "../../../environments/schema/issues";
import { archiveLifecycle } from "../../support/lifecycle";

/** Every issue of a parse; fields are relative to the schema parsed. */
function issuesOf(schema: z.ZodType, value: unknown): ConfigIssue[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : toConfigIssues(parsed.error.issues);
}

/** Every issue of a parse, as the user reads it. */
const problemsOf = (schema: z.ZodType, value: unknown): string[] => issuesOf(schema, value).map(formatIssue);

/** The defaults, written out: Standard-IA at a month, Glacier at a quarter, Deep Archive at half a year, gone after 7 years. */
const DEFAULT_LIFECYCLE = archiveLifecycle;

describe("lifecycle defaults", () => {
  it("GIVEN no lifecycle WHEN parsed THEN every field has its default", () => {
    expect(lifecycleSchema.parse(undefined)).toEqual(DEFAULT_LIFECYCLE);
    expect(lifecycleSchema.parse({})).toEqual(DEFAULT_LIFECYCLE);
  });

  it("GIVEN some fields WHEN parsed THEN the others keep their defaults", () => {
    const dev = lifecycleSchema.parse({ transitions: [{ storageClass: "STANDARD_IA", days: 30 }], expirationDays: 90, noncurrentVersionExpirationDays: 7 });
    expect(dev).toEqual({ transitions: [{ storageClass: "STANDARD_IA", days: 30 }], expirationDays: 90, noncurrentVersionExpirationDays: 7, abortIncompleteMultipartUploadDays: 7 });
    expect(lifecycleSchema.parse({ transitions: [], expirationDays: 1 })).toEqual({ ...DEFAULT_LIFECYCLE, transitions: [], expirationDays: 1 });
  });

  it("GIVEN two parses WHEN one result is changed THEN the other's default is not (no shared default list)", () => {
    const first = lifecycleSchema.parse({});
    first.transitions[0].days = 1;
    first.transitions.pop();
    expect(lifecycleSchema.parse({}).transitions).toEqual(DEFAULT_LIFECYCLE.transitions);
  });
});

describe("lifecycle field ranges", () => {
  it.each([
    ["expirationDays", 0, "expirationDays = 0: is not a whole number of days in range. Allowed: a whole number of at least 1"],
    ["noncurrentVersionExpirationDays", 0, "noncurrentVersionExpirationDays = 0: is not a whole number of days in range. Allowed: a whole number of at least 1"],
    ["abortIncompleteMultipartUploadDays", 1.5, "abortIncompleteMultipartUploadDays = 1.5: is not a whole number of days in range. Allowed: a whole number of at least 1"],
    ["expirationDays", "7y", 'expirationDays = "7y": is not a whole number of days in range. Allowed: a whole number of at least 1'],
  ])("GIVEN %s = %p THEN one issue: %s", (field, value, message) => {
    expect(problemsOf(lifecycleSchema, { [field]: value })).toEqual([message]);
  });

  it("GIVEN shapes that are not a lifecycle, a list or a transition THEN each is named", () => {
    expect(issuesOf(lifecycleSchema, "forever")).toEqual([{ field: "", value: "forever", problem: "is not a lifecycle", allowed: "{ transitions, expirationDays, ... }" }]);
    expect(problemsOf(lifecycleSchema, { transitions: "GLACIER" })).toEqual(['transitions = "GLACIER": is not a list. Allowed: a list of { storageClass, days }']);
    expect(problemsOf(lifecycleSchema, { transitions: [null] })).toEqual(["transitions[0] = null: is not a transition. Allowed: { storageClass, days }"]);
  });

  it("GIVEN a transition with a bad class and bad days THEN both are reported at once", () => {
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "COLD", days: -1 }] })).toEqual([
      'transitions[0].storageClass = "COLD": is not a storage class a lifecycle rule can move objects to. Allowed: STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE',
      "transitions[0].days = -1: is not a whole number of days in range. Allowed: a whole number of at least 0",
    ]);
  });

  it("GIVEN a typo in a key THEN it names the key and the nearest setting", () => {
    expect(problemsOf(lifecycleSchema, { expirationDay: 400 })).toEqual([
      "expirationDay = 400: is not a setting here (did you mean expirationDays?). Allowed: transitions, expirationDays, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadDays",
    ]);
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "GLACIER", day: 90 }] })).toContain("transitions[0].day = 90: is not a setting here (did you mean days?). Allowed: storageClass, days");
  });
});

describe("S3's order across the lifecycle", () => {
  it("GIVEN Standard-IA before 30 days THEN too early", () => {
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "STANDARD_IA", days: 7 }] })).toEqual([
      "transitions[0].days = 7: is too early: S3 moves objects to STANDARD_IA only after 30 days. Allowed: at least 30",
    ]);
  });

  it("GIVEN a warmer class after a colder one THEN the waterfall is named, and the expiry is not compared with an invalid order", () => {
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "DEEP_ARCHIVE", days: 90 }, { storageClass: "GLACIER", days: 180 }], expirationDays: 100 })).toEqual([
      'transitions[1].storageClass = "GLACIER": comes after DEEP_ARCHIVE, but S3 only moves objects to colder classes. Allowed: a class after DEEP_ARCHIVE in the order STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE',
    ]);
  });

  it("GIVEN a transition out of Standard-IA within 30 days THEN too early, with the earliest day allowed", () => {
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "STANDARD_IA", days: 30 }, { storageClass: "GLACIER", days: 40 }] })).toEqual([
      "transitions[1].days = 40: is too early: objects stay at least 30 days in STANDARD_IA (from day 30) before the next transition. Allowed: at least 60",
    ]);
  });

  it("GIVEN an expiry before the last transition THEN it names that transition", () => {
    expect(problemsOf(lifecycleSchema, { expirationDays: 120 })).toEqual([
      "expirationDays = 120: expires objects before their last transition (DEEP_ARCHIVE at day 180). Allowed: more than 180",
    ]);
  });

  it("GIVEN transitions out of order AND a malformed expiry THEN both are reported", () => {
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "GLACIER", days: 90 }, { storageClass: "STANDARD_IA", days: 180 }], expirationDays: "never" })).toEqual([
      'expirationDays = "never": is not a whole number of days in range. Allowed: a whole number of at least 1',
      'transitions[1].storageClass = "STANDARD_IA": comes after GLACIER, but S3 only moves objects to colder classes. Allowed: a class after GLACIER in the order STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE',
    ]);
  });

  it("GIVEN a malformed transition THEN the order is not checked on it", () => {
    expect(problemsOf(lifecycleSchema, { transitions: [{ storageClass: "GLACIER", days: 90 }, { storageClass: "STANDARD_IA", days: "soon" }] })).toEqual([
      'transitions[1].days = "soon": is not a whole number of days in range. Allowed: a whole number of at least 0',
    ]);
  });
});

describe("the account trail", () => {
  it("GIVEN no trail WHEN parsed THEN the default lifecycle and 90 days in CloudWatch", () => {
    expect(trailSchema.parse(undefined)).toEqual({ lifecycle: DEFAULT_LIFECYCLE, logRetentionDays: 90 });
  });

  it("GIVEN a retention CloudWatch Logs rejects (PutRetentionPolicy retentionInDays) THEN the accepted values are listed", () => {
    expect(problemsOf(trailSchema, { logRetentionDays: 100 })).toEqual([
      "logRetentionDays = 100: is not a retention CloudWatch Logs accepts. Allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ]);
  });

  it("GIVEN a trail that is not an object, or a bad lifecycle THEN reported under the trail's fields", () => {
    expect(issuesOf(trailSchema, [])).toEqual([{ field: "", value: [], problem: "is not a trail setting", allowed: "{ lifecycle, logRetentionDays }" }]);
    expect(problemsOf(trailSchema, { lifecycle: { transitions: [{ storageClass: "ONEZONE_IA", days: 1 }], expirationDays: 400 } })).toEqual([
      "lifecycle.transitions[0].days = 1: is too early: S3 moves objects to ONEZONE_IA only after 30 days. Allowed: at least 30",
    ]);
  });
});
