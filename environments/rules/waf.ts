/**
 * The web ACL's rules across sections: what production asks of its WAF log, and the archive's role policies,
 * which name the WAF log's stream besides every stage's. (Priorities, rule groups and capacity are checked
 * in the `waf` section itself, schema/waf.ts.)
 */
import { arn, awsLocation, s3BucketArn } from "../../aws/arn";
import { deliveryPermissions, firehoseErrorLogStreamArn, subscriptionPermissions } from "../../aws/archive-permissions";
import { iamPolicyLength, MAX_ROLE_INLINE_POLICIES_LENGTH } from "../../aws/limits";
import { archiveStreamName, logArchiveBucketName, Naming } from "../../aws/naming";
import { wafArchiveStreamName } from "../../aws/waf";
import type { Environment, EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";

const wafOn = (env: Pick<Environment, "waf">): boolean => env.waf.enabled;

/**
 * Production logs every request the web ACL sees: an attack is traced through the requests it let through as
 * much as through those it blocked. The filter that keeps only blocked and counted ones is for
 * non-production, where it saves cost.
 */
export const productionLogsEveryWafRequest: EnvironmentRule = rule(["tier", "waf.enabled", "waf.logging.onlyBlockedAndCounted"], (env) =>
  env.tier === "production" && wafOn(env) && env.waf.logging.onlyBlockedAndCounted
    ? [
        issue(
          "waf.logging.onlyBlockedAndCounted",
          true,
          "drops the allowed requests from production's WAF log, so an incident could not be traced through them",
          "false in production (the filter is for non-production environments)",
        ),
      ]
    : [],
);

/** The lengths IAM counts of the archive roles' policies when they name these delivery streams. */
function archivePolicyLengthsFor(env: Environment, streamNames: readonly string[]): { role: string; length: number }[] {
  const at = awsLocation(env.account.id, env.region);
  const bucketArn = s3BucketArn(at.partition, logArchiveBucketName(env.service, env.name, env.account.id, env.region));
  // The key's ARN is known only at apply: a key id is a 36-character UUID.
  const keyArn = arn(at, "kms", `key/${"0".repeat(36)}`);
  return [
    { role: "delivery role", length: iamPolicyLength(deliveryPermissions(at, bucketArn, keyArn, streamNames.map((name) => firehoseErrorLogStreamArn(at, name)))) },
    { role: "subscription role", length: iamPolicyLength(subscriptionPermissions(streamNames.map((name) => arn(at, "firehose", `deliverystream/${name}`)))) },
  ];
}

/**
 * The WAF log is archived like the access logs, through a stream of its own that both archive roles name:
 * with many stages it can be the entry that takes a role's inline policies past IAM's 10,240 characters
 * ("IAM and AWS STS quotas"), refused at apply. Reported only when the stages alone fit (otherwise the
 * archive's own rule has said so).
 */
export const wafArchiveFitsRolePolicies: EnvironmentRule = rule(["service", "name", "account.id", "region", "stages", "tier", "waf.enabled"], (env) => {
  if (!wafOn(env)) return [];
  const prefix = new Naming({ service: env.service, environment: env.name }).prefix;
  const stageStreams = env.stages.map((stage) => archiveStreamName(prefix, stage.name));
  const fits = (lengths: { length: number }[]) => lengths.every((p) => p.length <= MAX_ROLE_INLINE_POLICIES_LENGTH);
  if (!fits(archivePolicyLengthsFor(env, stageStreams))) return [];
  return archivePolicyLengthsFor(env, [...stageStreams, wafArchiveStreamName(prefix)])
    .filter((p) => p.length > MAX_ROLE_INLINE_POLICIES_LENGTH)
    .map((p) =>
      issue(
        "waf.enabled",
        true,
        `adds the WAF log's archive stream to the archive's ${p.role} policy, making it ${p.length} characters long (${env.stages.length} stages), over IAM's ${MAX_ROLE_INLINE_POLICIES_LENGTH}`,
        "fewer or shorter stage names (split the environment), or waf.enabled: false",
      ),
    );
});

/** The WAF rules across sections, in the order their issues are listed. */
export const WAF_RULES: readonly EnvironmentRule[] = [productionLogsEveryWafRequest, wafArchiveFitsRolePolicies];
