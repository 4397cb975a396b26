/**
 * S3 lifecycle rules from a typed `Lifecycle`. A lifecycle S3 would reject (see aws/lifecycle.ts) throws at
 * synth with a clear message instead of failing half-way through a deployment.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { type Lifecycle, type LifecycleProblem, lifecycleProblems } from "../aws/lifecycle";
import { MAX_LIFECYCLE_RULE_ID_LENGTH, MAX_LIFECYCLE_RULES } from "../aws/limits";

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
