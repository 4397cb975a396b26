/** Rules on the access-log archive: its S3 lifecycle, Firehose buffering, and the names derived for it. */
import { lifecycleProblems } from "../../modules/lifecycle-rules";
import { arn, awsLocation, s3BucketArn } from "../../modules/arn";
import { iamPolicyLength, MAX_BUCKET_NAME_LENGTH, MAX_DELIVERY_STREAM_NAME_LENGTH, MAX_ROLE_INLINE_POLICIES_LENGTH, MAX_ROLE_NAME_LENGTH } from "../../modules/aws-limits";
import { archiveRoleNames, archiveStreamName, logArchiveBucketName } from "../../modules/naming";
import { MAX_FRESHNESS_TOLERANCE_SECONDS } from "../../modules/archive-alarms";
import { deliveryPermissions, firehoseErrorLogStreamArn, subscriptionPermissions } from "../../modules/log-archive";
import type { Environment, Lifecycle } from "../types";
import { type ConfigIssue, isObject, issue, numberIn } from "./checks";

/** S3's lifecycle rules (see `modules/lifecycle-rules.ts`), reported under `field`. */
export function lifecycleIssues(field: string, lifecycle: Lifecycle): ConfigIssue[] {
  return lifecycleProblems(lifecycle).map((p) => issue(p.field ? `${field}.${p.field}` : field, p.value, p.problem, p.allowed));
}

export function archiveLifecycle(env: Environment): ConfigIssue[] {
  if (!isObject(env.archive)) return [issue("archive", env.archive, "is not an archive setting", "{ lifecycle, bufferingIntervalSeconds, bufferingSizeMiB, freshnessToleranceSeconds }")];
  return lifecycleIssues("archive.lifecycle", env.archive.lifecycle);
}

/** Firehose's limits for buffering hints of an S3 destination. */
export function archiveBuffering(env: Environment): ConfigIssue[] {
  if (!isObject(env.archive)) return [];
  return [
    ...numberIn("archive.bufferingIntervalSeconds", env.archive.bufferingIntervalSeconds, 0, 900, { integer: true }),
    ...numberIn("archive.bufferingSizeMiB", env.archive.bufferingSizeMiB, 1, 128, { integer: true }),
  ];
}


/**
 * The archive-late alarm's slack past the buffering interval. Below a minute it fires on every normal
 * delivery; beyond 12 hours it leaves too little of Firehose's 24-hour retry window ("Data Delivery Failure
 * Handling": after 24 hours the data is lost) to repair delivery.
 */
export function archiveFreshnessAlarm(env: Environment): ConfigIssue[] {
  if (!isObject(env.archive)) return [];
  return numberIn("archive.freshnessToleranceSeconds", env.archive.freshnessToleranceSeconds, 60, MAX_FRESHNESS_TOLERANCE_SECONDS, { integer: true });
}

/** A name derived from config that AWS would reject as too long, reported on the field to shorten. */
export function nameLength(field: string, value: unknown, what: string, name: string, max: number): ConfigIssue[] {
  return name.length > max
    ? [issue(field, value, `makes the ${what} name "${name}" ${name.length} characters long`, `a shorter value: AWS allows at most ${max} characters`)]
    : [];
}

/** Bucket, role and stream names are built from service, environment, account and stage names. */
export function archiveNames(env: Environment): ConfigIssue[] {
  const parts = [env.service, env.name, env.account?.id, env.region];
  if (!parts.every((p) => typeof p === "string")) return []; // reported by the identity rules
  const prefix = `${env.service}-${env.name}`;
  const roles = archiveRoleNames(prefix);
  const both = `${env.service}, ${env.name}`;
  return [
    ...nameLength("service, name", both, "archive bucket", logArchiveBucketName(env.service, env.name, env.account.id, env.region), MAX_BUCKET_NAME_LENGTH),
    ...nameLength("service, name", both, "archive subscription role", roles.subscription, MAX_ROLE_NAME_LENGTH),
    ...(Array.isArray(env.stages) ? env.stages : []).flatMap((stage, i) =>
      typeof stage?.name === "string"
        ? nameLength(`stages[${i}].name`, stage.name, "archive delivery stream", archiveStreamName(prefix, stage.name), MAX_DELIVERY_STREAM_NAME_LENGTH)
        : [],
    ),
  ];
}

/**
 * The archive's roles name every stage: the subscription role's policy lists each delivery stream, the
 * delivery role's policy each stream's error log stream. IAM refuses a role's inline policies over 10,240
 * characters at apply ("IAM and AWS STS quotas", IAM User Guide; white space is not counted), so the number
 * of stages per environment is bounded. The policies measured are the ones `LogArchive` writes.
 */
export function archiveRolePolicySizes(env: Environment): ConfigIssue[] {
  const stages = Array.isArray(env.stages) ? env.stages.filter((s) => typeof s?.name === "string") : [];
  if (stages.length === 0 || typeof env.service !== "string" || typeof env.name !== "string" || typeof env.account?.id !== "string" || typeof env.region !== "string") return [];
  const at = awsLocation(env.account.id, env.region);
  const streamNames = stages.map((stage) => archiveStreamName(`${env.service}-${env.name}`, stage.name));
  const bucketArn = s3BucketArn(at.partition, logArchiveBucketName(env.service, env.name, env.account.id, env.region));
  // The key's ARN is known only at apply: a key id is a 36-character UUID.
  const keyArn = arn(at, "kms", `key/${"0".repeat(36)}`);
  const policies = [
    { role: "delivery role", length: iamPolicyLength(deliveryPermissions(at, bucketArn, keyArn, streamNames.map((name) => firehoseErrorLogStreamArn(at, name)))) },
    { role: "subscription role", length: iamPolicyLength(subscriptionPermissions(streamNames.map((name) => arn(at, "firehose", `deliverystream/${name}`)))) },
  ];
  return policies
    .filter((p) => p.length > MAX_ROLE_INLINE_POLICIES_LENGTH)
    .map((p) =>
      issue("stages", `${stages.length} stages`, `makes the archive's ${p.role} policy ${p.length} characters long (one entry per stage), over IAM's ${MAX_ROLE_INLINE_POLICIES_LENGTH}`, "fewer stages per environment (split the environment), or shorter stage names"),
    );
}
