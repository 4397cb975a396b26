/**
 * Key policy statements that let one AWS service use a customer-managed KMS key. Each is a small pure
 * function; `KmsKey` combines the ones a key needs. Conditions pin every grant to this account.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { type AwsLocation, arn, regionalServicePrincipal } from "./naming";

export type KeyPolicyStatement = DataAwsIamPolicyDocumentStatement;

/** The account itself administers the key through IAM; without it the key becomes unmanageable. */
export function accountRootGrant(at: AwsLocation): KeyPolicyStatement {
  return {
    sid: "AccountAdministersKeyThroughIam",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [`arn:${at.partition}:iam::${at.accountId}:root`] }],
    actions: ["kms:*"],
    resources: ["*"],
  };
}

/**
 * CloudWatch Logs encrypts log groups of this account and region only: the encryption context names the
 * log group ARN (see "Encrypt log data in CloudWatch Logs using AWS KMS").
 */
export function cloudWatchLogsGrant(at: AwsLocation): KeyPolicyStatement {
  return {
    sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [regionalServicePrincipal("logs", at.region)] }],
    actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    resources: ["*"],
    condition: [
      {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [arn(at, "logs", "log-group:*")],
      },
    ],
  };
}

/** CloudWatch alarms publish to an SNS topic encrypted with this key (AWS's documented key policy). */
export function cloudWatchAlarmsGrant(): KeyPolicyStatement {
  return {
    sid: "CloudWatchAlarmsPublishToEncryptedTopics",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
    actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    resources: ["*"],
  };
}
