/**
 * The log destinations' rules across sections: each names a stage of the environment, a stage has at most one
 * (CloudWatch Logs allows two subscription filters per log group, and the archive uses one), the token's secret
 * is where Firehose can read it, production has no placeholder endpoint, and the names and policies built from
 * the environment fit AWS's limits.
 */
import { arn, awsLocation, partitionOf, s3BucketArn } from "../../aws/arn";
import { deliveryPermissions } from "../../aws/archive-permissions";
import { iamPolicyLength, MAX_DELIVERY_STREAM_NAME_LENGTH, MAX_ROLE_INLINE_POLICIES_LENGTH, MAX_ROLE_NAME_LENGTH, MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../../aws/limits";
import {
  destinationErrorLogStreamArns,
  destinationSubscriptionPermissions,
  firehoseStreamArn,
  KMS_KEY_ARN,
  logDestinationRoleNames,
  SECRET_ARN,
  splunkStreamName,
  tokenSecretPermissions,
} from "../../aws/log-destinations";
import { logArchiveBucketName } from "../../aws/naming";
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";
import type { LogDestination } from "../schema/log-destinations";
import { nameLength } from "./name-length";
import { placeholderReason } from "./notifications";

/** Subscription filters of a stage's access log group that the archive already takes. */
const ARCHIVE_FILTERS = 1;

export const destinationStageExists: EnvironmentRule = rule(["stages.*.name", "logDestinations"], (env) => {
  const names = env.stages.map((s) => s.name);
  return env.logDestinations.flatMap((d, i) =>
    names.includes(d.stage) ? [] : [issue(`logDestinations[${i}].stage`, d.stage, "is not a stage of this environment", `one of ${names.join(", ")}`)],
  );
});

/** PutSubscriptionFilter: "Each log group can have up to two subscription filters associated with it." */
export const oneDestinationPerStage: EnvironmentRule = rule(["logDestinations"], (env) =>
  env.logDestinations.flatMap((d, i) => {
    const first = env.logDestinations.findIndex((other) => other.stage === d.stage);
    if (first >= i) return [];
    const filters = ARCHIVE_FILTERS + 2;
    return [
      issue(
        `logDestinations[${i}].stage`,
        d.stage,
        `already has a destination (logDestinations[${first}]): with the archive's, its access log group would need ${filters} subscription filters, and CloudWatch Logs allows ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP} per log group (PutSubscriptionFilter)`,
        "one destination per stage",
      ),
    ];
  }),
);

/**
 * SecretsManagerConfiguration SecretARN: "It must be in the same region as the Firehose stream and the role"; a
 * customer managed key that encrypts it is in its region too. Another account is allowed (cross-account secrets).
 */
export const tokenSecretInStreamRegion: EnvironmentRule = rule(["region", "logDestinations"], (env) =>
  env.logDestinations.flatMap((d, i) => {
    const issues: ConfigIssue[] = [];
    const token = d.hecToken;
    // A secret named by name is the environment's, in its region: only an ARN can be elsewhere.
    const [, partition, region] = "secretArn" in token ? (SECRET_ARN.exec(token.secretArn) ?? []) : [undefined, partitionOf(env.region), env.region];
    if ("secretArn" in token) {
      const field = `logDestinations[${i}].hecToken.secretArn`;
      if (partition !== partitionOf(env.region)) {
        issues.push(issue(field, token.secretArn, `is in partition ${partition}, not the environment's (${partitionOf(env.region)})`, `a secret in ${env.region}`));
      } else if (region !== env.region) {
        issues.push(issue(field, token.secretArn, `is in ${region}, and Firehose reads a secret in its own region only (SecretsManagerConfiguration)`, `a secret in ${env.region}, or { secretName }`));
      }
    }
    const keyRegion = token.kmsKeyArn === undefined ? undefined : KMS_KEY_ARN.exec(token.kmsKeyArn)?.[2];
    if (keyRegion !== undefined && keyRegion !== region) {
      issues.push(issue(`logDestinations[${i}].hecToken.kmsKeyArn`, token.kmsKeyArn, `is in ${keyRegion}, not the secret's region (${region}): a secret is encrypted with a key of its own region`, `a key in ${region}`));
    }
    return issues;
  }),
);

/** A placeholder HEC endpoint or secret sends production's access logs nowhere (the backup fills instead). */
export const productionDestinations: EnvironmentRule = rule(["tier", "logDestinations"], (env) =>
  env.tier !== "production"
    ? []
    : env.logDestinations.flatMap((d, i) => {
        const endpoint = placeholderReason(d.hecEndpoint);
        const token = d.hecToken;
        const [field, value, name] = "secretArn" in token ? ["secretArn", token.secretArn, SECRET_ARN.exec(token.secretArn)?.[4] ?? token.secretArn] : ["secretName", token.secretName, token.secretName];
        const secret = placeholderReason(name);
        return [
          ...(endpoint ? [issue(`logDestinations[${i}].hecEndpoint`, d.hecEndpoint, `is a placeholder (${endpoint}): production's access logs would never reach Splunk`, "the HEC endpoint of the team's Splunk")] : []),
          ...(secret ? [issue(`logDestinations[${i}].hecToken.${field}`, value, `names a placeholder secret (${secret})`, "the secret that holds the real HEC token")] : []),
        ];
      }),
);

/** Streams and roles are named from service, environment and stage. */
export const destinationNames: EnvironmentRule = rule(["service", "name", "logDestinations"], (env) => {
  if (env.logDestinations.length === 0) return [];
  const prefix = `${env.service}-${env.name}`;
  const roles = logDestinationRoleNames(prefix);
  return [
    ...nameLength("service, name", `${env.service}, ${env.name}`, "log destination subscription role", roles.subscription, MAX_ROLE_NAME_LENGTH),
    ...nameLength("service, name", `${env.service}, ${env.name}`, "log destination delivery role", roles.delivery, MAX_ROLE_NAME_LENGTH),
    ...env.logDestinations.flatMap((d, i) => nameLength(`logDestinations[${i}].stage`, d.stage, "Splunk delivery stream", splunkStreamName(prefix, d.stage), MAX_DELIVERY_STREAM_NAME_LENGTH)),
  ];
});

/** Where the destinations' policies point: the environment's archive bucket, in its account and region. */
interface DestinationSite {
  readonly service: string;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
}

/** The length IAM counts of each destination role's inline policy: the policies `LogDestinationRoles` writes. */
export function destinationPolicyLengths(site: DestinationSite, destinations: readonly Pick<LogDestination, "stage" | "hecToken">[]): { role: string; length: number }[] {
  const at = awsLocation(site.accountId, site.region);
  const prefix = `${site.service}-${site.name}`;
  const streams = destinations.map((d) => splunkStreamName(prefix, d.stage));
  const bucketArn = s3BucketArn(at.partition, logArchiveBucketName(site.service, site.name, site.accountId, site.region));
  // The key's ARN is known only at apply: a key id is a 36-character UUID.
  const keyArn = arn(at, "kms", `key/${"0".repeat(36)}`);
  const logStreams = streams.flatMap((s) => destinationErrorLogStreamArns(at, s));
  const secrets = destinations.map((d) => d.hecToken);
  return [
    { role: "delivery role", length: iamPolicyLength([...deliveryPermissions(at, bucketArn, keyArn, logStreams), ...tokenSecretPermissions(at, secrets)]) },
    { role: "subscription role", length: iamPolicyLength(destinationSubscriptionPermissions(streams.map((s) => firehoseStreamArn(at, s)))) },
  ];
}

/** IAM: a role's inline policies together at most 10,240 characters ("IAM and AWS STS quotas"). */
export const destinationPoliciesFit: EnvironmentRule = rule(["service", "name", "account.id", "region", "logDestinations"], (env) =>
  destinationPolicyLengths({ service: env.service, name: env.name, accountId: env.account.id, region: env.region }, env.logDestinations)
    .filter((p) => p.length > MAX_ROLE_INLINE_POLICIES_LENGTH)
    .map((p) =>
      issue("logDestinations", `${env.logDestinations.length} destinations`, `make the log destination ${p.role}'s policy ${p.length} characters long`, `fewer destinations: IAM allows ${MAX_ROLE_INLINE_POLICIES_LENGTH} characters of inline policy per role`),
    ),
);

export const LOG_DESTINATION_RULES: readonly EnvironmentRule[] = [destinationStageExists, oneDestinationPerStage, tokenSecretInStreamRegion, productionDestinations, destinationNames, destinationPoliciesFit];
