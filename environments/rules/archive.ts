/** Rules on the access-log archive: its S3 lifecycle, Firehose buffering, and the names derived for it. */
import { lifecycleProblems } from "../../modules/lifecycle-rules";
import {
  archiveRoleNames,
  archiveStreamName,
  logArchiveBucketName,
  MAX_BUCKET_NAME_LENGTH,
  MAX_DELIVERY_STREAM_NAME_LENGTH,
  MAX_ROLE_NAME_LENGTH,
} from "../../modules/naming";
import type { Environment, Lifecycle } from "../types";
import { type ConfigIssue, isObject, issue, numberIn } from "./checks";

/** S3's lifecycle rules (see `modules/lifecycle-rules.ts`), reported under `field`. */
export function lifecycleIssues(field: string, lifecycle: Lifecycle): ConfigIssue[] {
  return lifecycleProblems(lifecycle).map((p) => issue(p.field ? `${field}.${p.field}` : field, p.value, p.problem, p.allowed));
}

export function archiveLifecycle(env: Environment): ConfigIssue[] {
  if (!isObject(env.archive)) return [issue("archive", env.archive, "is not an archive setting", "{ lifecycle, bufferingIntervalSeconds, bufferingSizeMiB }")];
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
