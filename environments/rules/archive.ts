/**
 * The archive's rules across sections: the names and policies built from the environment's service, name,
 * account, region and stages, checked against AWS's limits.
 */
import { arn, awsLocation, s3BucketArn } from "../../aws/arn";
import { deliveryPermissions, firehoseErrorLogStreamArn, subscriptionPermissions } from "../../aws/archive-permissions";
import { iamPolicyLength, MAX_BUCKET_NAME_LENGTH, MAX_DELIVERY_STREAM_NAME_LENGTH, MAX_ROLE_INLINE_POLICIES_LENGTH, MAX_ROLE_NAME_LENGTH } from "../../aws/limits";
import { archiveRoleNames, archiveStreamName, logArchiveBucketName } from "../../aws/naming";
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";
import { nameLength } from "./name-length";

/** The bucket and the subscription role are named from service, environment, account and region. */
export const archiveBucketAndRoleNames: EnvironmentRule = rule(["service", "name", "account.id", "region"], (env) => {
  const both = `${env.service}, ${env.name}`;
  const bucket = logArchiveBucketName(env.service, env.name, env.account.id, env.region);
  return [
    ...nameLength("service, name", both, "archive bucket", bucket, MAX_BUCKET_NAME_LENGTH),
    ...nameLength("service, name", both, "archive subscription role", archiveRoleNames(`${env.service}-${env.name}`).subscription, MAX_ROLE_NAME_LENGTH),
  ];
});

/** What the archive reads of a stage. */
type StageName = { readonly name: string };

/** Each stage's delivery stream is named from service, environment and stage. */
export const archiveStreamNames: EnvironmentRule = rule(["service", "name", "stages"], (env) =>
  env.stages.flatMap((stage: StageName, i: number) =>
    nameLength(`stages[${i}].name`, stage.name, "archive delivery stream", archiveStreamName(`${env.service}-${env.name}`, stage.name), MAX_DELIVERY_STREAM_NAME_LENGTH),
  ),
);

/** Where the archive's policies point: the environment's bucket, in its account and region. */
interface ArchiveSite {
  readonly service: string;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * The length IAM counts of each archive role's inline policy for these stage names: the policies `LogArchive`
 * writes. The subscription role's policy lists each delivery stream; the delivery role's each stream's error
 * log stream.
 */
export function archivePolicyLengths(site: ArchiveSite, stageNames: readonly string[]): { role: string; length: number }[] {
  return archivePolicyLengthsOfStreams(site, stageNames.map((stage) => archiveStreamName(`${site.service}-${site.name}`, stage)));
}

/** The same for the archive's delivery streams by name: the stages', and any other stream the archive takes (the WAF log's). */
export function archivePolicyLengthsOfStreams(site: ArchiveSite, streamNames: readonly string[]): { role: string; length: number }[] {
  const at = awsLocation(site.accountId, site.region);
  const bucketArn = s3BucketArn(at.partition, logArchiveBucketName(site.service, site.name, site.accountId, site.region));
  // The key's ARN is known only at apply: a key id is a 36-character UUID.
  const keyArn = arn(at, "kms", `key/${"0".repeat(36)}`);
  return [
    { role: "delivery role", length: iamPolicyLength(deliveryPermissions(at, bucketArn, keyArn, streamNames.map((name) => firehoseErrorLogStreamArn(at, name)))) },
    { role: "subscription role", length: iamPolicyLength(subscriptionPermissions(streamNames.map((name) => arn(at, "firehose", `deliverystream/${name}`)))) },
  ];
}

const fits = (site: ArchiveSite, stageNames: readonly string[]) => archivePolicyLengths(site, stageNames).every((p) => p.length <= MAX_ROLE_INLINE_POLICIES_LENGTH);

/**
 * The most stages whose names are all `stageName` (or shorter) that the archive's role policies hold, measured
 * by writing the policies (every stage adds the same ARNs, so the length grows with the count).
 */
export function maxArchiveStages(site: ArchiveSite, stageName: string): number {
  let low = 0; // fits
  let high = Math.ceil(MAX_ROLE_INLINE_POLICIES_LENGTH / (stageName.length + 1)) + 1; // every stage adds more than its name: too many
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(site, Array.from({ length: middle }, () => stageName))) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * The archive's roles name every stage, and IAM refuses a role's inline policies over 10,240 characters at
 * apply ("IAM and AWS STS quotas", IAM User Guide; white space is not counted), so the number of stages per
 * environment is bounded: the issue says the bound for the environment's longest stage name.
 */
export const archiveRolePolicySizes: EnvironmentRule = rule(["service", "name", "account.id", "region", "stages"], (env) => {
  const site: ArchiveSite = { service: env.service, name: env.name, accountId: env.account.id, region: env.region };
  const stageNames: string[] = env.stages.map((stage: StageName) => stage.name);
  const longest = stageNames.reduce((a, b) => (b.length > a.length ? b : a), "");
  const over = archivePolicyLengths(site, stageNames).filter((p) => p.length > MAX_ROLE_INLINE_POLICIES_LENGTH);
  if (over.length === 0) return [];
  const allowed = `fewer stages per environment: at most ${maxArchiveStages(site, longest)} with names of up to ${longest.length} characters, the longest here (split the environment), or shorter stage names`;
  return over.map((p) =>
    issue("stages", `${stageNames.length} stages`, `makes the archive's ${p.role} policy ${p.length} characters long (one entry per stage), over IAM's ${MAX_ROLE_INLINE_POLICIES_LENGTH}`, allowed),
  );
});

/** The archive's rules across sections, in the order their issues are listed. */
export const ARCHIVE_RULES: readonly EnvironmentRule[] = [archiveBucketAndRoleNames, archiveStreamNames, archiveRolePolicySizes];
