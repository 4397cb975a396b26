/**
 * S3 lifecycle rules from a typed `Lifecycle`, and the checks S3 itself would apply at apply time, so a
 * bad lifecycle fails at synth with a clear message instead of half-way through a deployment.
 *
 * S3's rules (Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle"):
 * - objects only move to colder classes, in the order of `STORAGE_CLASSES` (the "waterfall");
 * - STANDARD_IA and ONEZONE_IA only for objects at least 30 days old, and an object stays at least 30
 *   days in one of them before the next transition;
 * - the expiration comes after the last transition.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { type Lifecycle, STORAGE_CLASSES, type StorageClass, type Transition } from "../environments/types";
import { MAX_LIFECYCLE_RULE_ID_LENGTH, MAX_LIFECYCLE_RULES } from "./aws-limits";

/** One problem with one field of a lifecycle (same shape as a config issue; `field` is relative). */
export interface LifecycleProblem {
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
  readonly allowed: string;
}

/** Storage classes S3 only accepts for objects that are at least 30 days old (and keeps them 30 days). */
export const INFREQUENT_ACCESS_CLASSES: readonly StorageClass[] = ["STANDARD_IA", "ONEZONE_IA"];
export const MIN_INFREQUENT_ACCESS_DAYS = 30;

function wholeNumber(field: string, value: unknown, min: number): LifecycleProblem[] {
  return typeof value === "number" && Number.isInteger(value) && value >= min
    ? []
    : [{ field, value, problem: "is not a whole number of days in range", allowed: `a whole number of at least ${min}` }];
}

function transitionProblems(transitions: readonly Transition[]): LifecycleProblem[] {
  return transitions.flatMap((t, i) => {
    const field = `transitions[${i}]`;
    if (typeof t !== "object" || t === null) return [{ field, value: t, problem: "is not a transition", allowed: "{ storageClass, days }" }];
    if (!STORAGE_CLASSES.includes(t.storageClass)) {
      return [{ field: `${field}.storageClass`, value: t.storageClass, problem: "is not a storage class a lifecycle rule can move objects to", allowed: STORAGE_CLASSES.join(", ") }];
    }
    const days = wholeNumber(`${field}.days`, t.days, 0);
    if (days.length > 0) return days;
    const previous = i > 0 ? transitions[i - 1] : undefined;
    const previousRank = previous ? STORAGE_CLASSES.indexOf(previous.storageClass) : -1;
    if (previous && previousRank >= STORAGE_CLASSES.indexOf(t.storageClass)) {
      return [{
        field: `${field}.storageClass`,
        value: t.storageClass,
        problem: `comes after ${previous.storageClass}, but S3 only moves objects to colder classes`,
        allowed: `a class after ${previous.storageClass} in the order ${STORAGE_CLASSES.join(", ")}`,
      }];
    }
    if (INFREQUENT_ACCESS_CLASSES.includes(t.storageClass) && t.days < MIN_INFREQUENT_ACCESS_DAYS) {
      return [{ field: `${field}.days`, value: t.days, problem: `is too early: S3 moves objects to ${t.storageClass} only after ${MIN_INFREQUENT_ACCESS_DAYS} days`, allowed: `at least ${MIN_INFREQUENT_ACCESS_DAYS}` }];
    }
    if (!previous || typeof previous.days !== "number") return [];
    const fromInfrequentAccess = INFREQUENT_ACCESS_CLASSES.includes(previous.storageClass);
    const earliest = previous.days + (fromInfrequentAccess ? MIN_INFREQUENT_ACCESS_DAYS : 1);
    if (t.days >= earliest) return [];
    const problem = fromInfrequentAccess
      ? `is too early: objects stay at least ${MIN_INFREQUENT_ACCESS_DAYS} days in ${previous.storageClass} (from day ${previous.days}) before the next transition`
      : `is not after the previous transition (${previous.storageClass} at day ${previous.days})`;
    return [{ field: `${field}.days`, value: t.days, problem, allowed: `at least ${earliest}` }];
  });
}

/** Everything S3 would reject in a lifecycle, each with its field; an empty list means S3 accepts it. */
export function lifecycleProblems(lifecycle: Lifecycle): LifecycleProblem[] {
  if (typeof lifecycle !== "object" || lifecycle === null) {
    return [{ field: "", value: lifecycle, problem: "is not a lifecycle", allowed: "{ transitions, expirationDays, ... }" }];
  }
  const { transitions } = lifecycle;
  if (!Array.isArray(transitions)) {
    return [{ field: "transitions", value: transitions, problem: "is not a list", allowed: "a list of { storageClass, days }" }];
  }
  const transitionIssues = transitionProblems(transitions);
  const expiration = wholeNumber("expirationDays", lifecycle.expirationDays, 1);
  const last = transitions[transitions.length - 1];
  const afterLast =
    expiration.length === 0 && transitionIssues.length === 0 && last !== undefined && lifecycle.expirationDays <= last.days
      ? [{
          field: "expirationDays",
          value: lifecycle.expirationDays,
          problem: `expires objects before their last transition (${last.storageClass} at day ${last.days})`,
          allowed: `more than ${last.days}`,
        }]
      : [];
  return [
    ...transitionIssues,
    ...expiration,
    ...afterLast,
    ...wholeNumber("noncurrentVersionExpirationDays", lifecycle.noncurrentVersionExpirationDays, 1),
    ...wholeNumber("abortIncompleteMultipartUploadDays", lifecycle.abortIncompleteMultipartUploadDays, 1),
  ];
}

/**
 * What PutBucketLifecycleConfiguration rejects, or the provider cannot read back, in a list of rules:
 * more than 1,000 rules, an `ID` over 255 characters or used twice, and an `Expiration` that sets
 * `ExpiredObjectDeleteMarker` together with `Days` or `Date` (S3 API reference, LifecycleExpiration: "This
 * cannot be specified with Days or Date"; the provider then fails with "Provider produced inconsistent
 * result after apply", terraform-provider-aws #41277, #42086).
 */
export function lifecycleRuleProblems(rules: readonly S3BucketLifecycleConfigurationRule[]): LifecycleProblem[] {
  const ids = rules.map((r) => r.id);
  return [
    ...(rules.length > MAX_LIFECYCLE_RULES ? [{ field: "rule", value: rules.length, problem: "is more rules than S3 accepts", allowed: `at most ${MAX_LIFECYCLE_RULES}` }] : []),
    ...rules.flatMap((rule, i): LifecycleProblem[] => {
      const expirations = (Array.isArray(rule.expiration) ? rule.expiration : []) as { days?: number; date?: string; expiredObjectDeleteMarker?: unknown }[];
      return [
        ...(rule.id.length > MAX_LIFECYCLE_RULE_ID_LENGTH ? [{ field: `rule[${i}].id`, value: rule.id, problem: "is too long", allowed: `at most ${MAX_LIFECYCLE_RULE_ID_LENGTH} characters` }] : []),
        ...(ids.indexOf(rule.id) !== i ? [{ field: `rule[${i}].id`, value: rule.id, problem: "is used by another rule", allowed: "a unique id per rule" }] : []),
        ...expirations.flatMap((e) =>
          e.expiredObjectDeleteMarker !== undefined && (e.days !== undefined || e.date !== undefined)
            ? [{ field: `rule[${i}].expiration`, value: e, problem: "sets expiredObjectDeleteMarker together with days or date", allowed: "expiredObjectDeleteMarker in a rule of its own" }]
            : [],
        ),
      ];
    }),
  ];
}

/**
 * The bucket's lifecycle rules. Every rule has a `filter` (an empty one: the whole bucket); provider 5.x
 * warns without one and 6.x rejects it. Throws when S3 would reject the lifecycle.
 */
export function lifecycleRules(lifecycle: Lifecycle): S3BucketLifecycleConfigurationRule[] {
  const problems = lifecycleProblems(lifecycle);
  if (problems.length > 0) {
    const p = problems[0];
    throw new Error(`lifecycle.${p.field} = ${JSON.stringify(p.value)}: ${p.problem}. Allowed: ${p.allowed}`);
  }
  const wholeBucket = [{}];
  const rules: S3BucketLifecycleConfigurationRule[] = [
    {
      id: "archive-then-expire",
      status: "Enabled",
      filter: wholeBucket,
      transition: lifecycle.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })),
      expiration: [{ days: lifecycle.expirationDays }],
      noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentVersionExpirationDays }],
    },
    {
      id: "abort-incomplete-multipart-uploads",
      status: "Enabled",
      filter: wholeBucket,
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: lifecycle.abortIncompleteMultipartUploadDays }],
    },
    {
      // Once an expired object's old versions are gone, only its delete marker is left: remove it too.
      id: "remove-expired-delete-markers",
      status: "Enabled",
      filter: wholeBucket,
      expiration: [{ expiredObjectDeleteMarker: true }],
    },
  ];
  const broken = lifecycleRuleProblems(rules);
  if (broken.length > 0) throw new Error(`lifecycleRules: ${broken.map((p) => `${p.field} ${p.problem}. Allowed: ${p.allowed}`).join("; ")}`);
  return rules;
}
