/**
 * An S3 lifecycle: what a bucket does with its objects over time. Used by the access-log archive
 * (`archive.lifecycle`) and the account's trail (`account.trail.lifecycle`); the issues of each are reported
 * under the path where it is used.
 *
 * Each field checks its own range; the order S3 requires across fields (the storage-class waterfall, 30 days
 * in an infrequent-access class, expiry after the last transition) is S3's rule in `aws/lifecycle.ts`, run
 * once the fields it reads are valid.
 */
import { z } from "zod";
import { lifecycleProblems, STORAGE_CLASSES } from "../../aws/lifecycle";
import { oneOf, list, rule, section, withRules } from "./fields";
import { explain, issue } from "./issues";

/** A whole number of days, at least `min` (S3 counts lifecycle days in whole days). */
function days(min: number) {
  const error = explain("is not a whole number of days in range", `a whole number of at least ${min}`);
  return z.number({ error }).int({ error, abort: true }).min(min, { error });
}

const transitionSchema = section(
  {
    /** The colder class objects move to; each transition's class comes after the previous one's. */
    storageClass: oneOf(STORAGE_CLASSES, "is not a storage class a lifecycle rule can move objects to"),
    /** Days after creation; STANDARD_IA and ONEZONE_IA need at least 30. */
    days: days(0),
  },
  "is not a transition",
  "{ storageClass, days }",
);

const lifecycleFields = section(
  {
    /**
     * Colder classes over time, in waterfall order. (A fresh list per parse: a config never shares another's.)
     * @default STANDARD_IA at 30 days, GLACIER at 90, DEEP_ARCHIVE at 180
     */
    transitions: list(transitionSchema, "is not a list", "a list of { storageClass, days }").default((): z.output<typeof transitionSchema>[] => [
      { storageClass: "STANDARD_IA", days: 30 },
      { storageClass: "GLACIER", days: 90 },
      { storageClass: "DEEP_ARCHIVE", days: 180 },
    ]),
    /** Days after creation the objects are deleted; after the last transition. @default 2557 (7 years) */
    expirationDays: days(1).default(2557),
    /** Days an overwritten or deleted object's old version is kept. @default 30 */
    noncurrentVersionExpirationDays: days(1).default(30),
    /** Days before an unfinished multipart upload is aborted (its parts are billed until then). @default 7 */
    abortIncompleteMultipartUploadDays: days(1).default(7),
  },
  "is not a lifecycle",
  "{ transitions, expirationDays, ... }",
);

type LifecycleFields = z.output<typeof lifecycleFields>;

/** S3's problems with a valid-typed lifecycle, on the fields `keep` selects, as issues relative to the lifecycle. */
const s3Problems = (lifecycle: LifecycleFields, keep: (field: string) => boolean) =>
  lifecycleProblems(lifecycle)
    .filter((p) => keep(p.field))
    .map((p) => issue(p.field, p.value, p.problem, p.allowed));

/**
 * S3's order rules. The transitions are checked on their own, so an out-of-order transition is reported
 * even when `expirationDays` is malformed; the expiry is compared with the last transition only once both
 * are valid (and `lifecycleProblems` skips that comparison while a transition is out of order).
 */
const LIFECYCLE_RULES = [
  rule<LifecycleFields>(["transitions"], (lifecycle) => s3Problems(lifecycle, (field) => field.startsWith("transitions"))),
  rule<LifecycleFields>(["transitions", "expirationDays"], (lifecycle) => s3Problems(lifecycle, (field) => field === "expirationDays")),
];

/**
 * What an S3 lifecycle configuration does with a bucket's objects: archive for years at archive prices
 * (Standard-IA after a month, Glacier after a quarter, Deep Archive after half a year, gone after 7 years).
 * @default every field's default
 */
export const lifecycleSchema = withRules(lifecycleFields, LIFECYCLE_RULES).prefault({});
