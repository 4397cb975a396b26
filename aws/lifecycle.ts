/**
 * What S3 accepts in a lifecycle (Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle"):
 * - objects only move to colder classes, in the order of `STORAGE_CLASSES` (the "waterfall");
 * - STANDARD_IA and ONEZONE_IA only for objects at least 30 days old, and an object stays at least 30
 *   days in one of them before the next transition;
 * - the expiration comes after the last transition.
 */

/**
 * S3 storage classes a lifecycle rule can move objects to, in the only order S3 allows (the "waterfall":
 * an object only ever moves to a colder class).
 */
export const STORAGE_CLASSES = ["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];

/** Move objects to a storage class a number of days after they were written. */
export interface Transition {
  readonly storageClass: StorageClass;
  /** Days after creation; STANDARD_IA and ONEZONE_IA need at least 30. */
  readonly days: number;
}

/** What a bucket's lifecycle does with its objects. */
export interface Lifecycle {
  /** Colder classes over time, in waterfall order. */
  readonly transitions: readonly Transition[];
  /** Days after creation the objects are deleted; after the last transition. */
  readonly expirationDays: number;
  /** Days an overwritten or deleted object's old version is kept. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days before an unfinished multipart upload is aborted (its parts are billed until then). */
  readonly abortIncompleteMultipartUploadDays: number;
}

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

