/**
 * Key policy statements that let one AWS service use a customer-managed KMS key. Each is a small pure
 * function; `KmsKey` combines the ones a key needs. Conditions pin every grant to this account.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { arn, type AwsLocation, regionalServicePrincipal } from "../aws/arn";

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

/**
 * CloudTrail encrypts the log files of one trail (AWS's documented key policy for CloudTrail): only for
 * requests made on behalf of that trail (`aws:SourceArn`), for trails of this account (encryption context).
 */
export function cloudTrailEncryptGrant(at: AwsLocation, trailArn: string): KeyPolicyStatement {
  return {
    sid: "CloudTrailEncryptsThisTrailsLogs",
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
    actions: ["kms:GenerateDataKey*"],
    resources: ["*"],
    condition: [
      { test: "StringEquals", variable: "aws:SourceArn", values: [trailArn] },
      { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: [`arn:${at.partition}:cloudtrail:*:${at.accountId}:trail/*`] },
    ],
  };
}

/** A statement for CloudTrail acting for this trail only (`aws:SourceArn`). */
function forTrail(sid: string, action: string, trailArn: string): KeyPolicyStatement {
  return {
    sid,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
    actions: [action],
    resources: ["*"],
    condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [trailArn] }],
  };
}

/** CloudTrail checks the key when the trail is created or updated (DescribeKey carries no encryption context). */
export function cloudTrailDescribeKeyGrant(trailArn: string): KeyPolicyStatement {
  return forTrail("CloudTrailDescribesKey", "kms:DescribeKey", trailArn);
}

/**
 * The Firehose delivery role encrypts the objects it writes to one bucket, through S3 only
 * (`kms:ViaService`) and only for that bucket (the S3 encryption context is the object or, with an S3
 * Bucket Key, the bucket ARN). Name the role by a reference to it: the key policy must come after the role.
 */
export function firehoseDeliveryGrant(at: AwsLocation, roleArn: string, bucketArn: string): KeyPolicyStatement {
  return {
    sid: "FirehoseDeliveryRoleEncryptsArchiveObjects",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [roleArn] }],
    actions: ["kms:GenerateDataKey", "kms:Decrypt"],
    resources: ["*"],
    condition: [
      { test: "StringEquals", variable: "kms:ViaService", values: [regionalServicePrincipal("s3", at.region)] },
      { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArn, `${bucketArn}/*`] },
    ],
  };
}

/**
 * CloudTrail decrypts with the key when its bucket uses an S3 Bucket Key (`SecureBucket` enables one):
 * "If you are using an existing S3 bucket with an S3 Bucket Key, kms:Decrypt permissions are required to
 * create or update a trail with SSE-KMS encryption enabled" (CloudTrail User Guide, "Configure AWS KMS key
 * policies for CloudTrail", required elements for trails). Without it CreateTrail fails at apply with
 * InsufficientEncryptionPolicyException. Scoped to requests made for this trail (`aws:SourceArn`): S3
 * Bucket Key requests carry the bucket's encryption context, not the trail's.
 */
export function cloudTrailBucketKeyDecryptGrant(trailArn: string): KeyPolicyStatement {
  return forTrail("CloudTrailDecryptsThroughBucketKey", "kms:Decrypt", trailArn);
}

/** Every statement a trail's key needs: encrypt, decrypt through the bucket's S3 Bucket Key, describe. */
export function cloudTrailKeyGrants(at: AwsLocation, trailArn: string): KeyPolicyStatement[] {
  return [cloudTrailEncryptGrant(at, trailArn), cloudTrailBucketKeyDecryptGrant(trailArn), cloudTrailDescribeKeyGrant(trailArn)];
}
