/**
 * The IAM permissions of the access-log archive's two roles (CloudWatch Logs -> Firehose -> S3), as policy
 * statements. Pure: the archive writes them and config validation measures them against IAM's size limit.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { arn, type AwsLocation, regionalServicePrincipal } from "./arn";

/**
 * The log stream Firehose writes a delivery stream's S3 delivery and processing errors to. Firehose does not
 * create it (nor its log group) when the stream is created through the API; both must exist first.
 */
export const FIREHOSE_ERROR_LOG_STREAM = "DestinationDelivery";

/** The error log group of one delivery stream: the name the Firehose console would give it. */
export function firehoseErrorLogGroupName(streamName: string): string {
  return `/aws/kinesisfirehose/${streamName}`;
}

/** The ARN of the log stream Firehose writes one delivery stream's errors to. */
export function firehoseErrorLogStreamArn(at: AwsLocation, streamName: string): string {
  return arn(at, "logs", `log-group:${firehoseErrorLogGroupName(streamName)}:log-stream:${FIREHOSE_ERROR_LOG_STREAM}`);
}

/**
 * The delivery role's permissions: Firehose's documented S3 destination permissions on this bucket only,
 * the key through S3 for this bucket, and its error-logging permission (PutLogEvents on the log streams it
 * names, nothing else). They grow by one log stream ARN per stage (see `archiveRolePolicySizes`).
 */
export function deliveryPermissions(at: AwsLocation, bucketArn: string, keyArn: string, errorLogStreamArns: readonly string[]): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "WriteArchiveObjects",
      effect: "Allow",
      actions: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
      resources: [bucketArn, `${bucketArn}/*`],
    },
    {
      sid: "EncryptArchiveObjects",
      effect: "Allow",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [keyArn],
      condition: [
        { test: "StringEquals", variable: "kms:ViaService", values: [regionalServicePrincipal("s3", at.region)] },
        { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArn, `${bucketArn}/*`] },
      ],
    },
    { sid: "LogDeliveryErrors", effect: "Allow", actions: ["logs:PutLogEvents"], resources: [...errorLogStreamArns] },
  ];
}

/** A subscription role's permissions: put records into exactly these Firehose streams, under the statement id `sid`. */
export function putIntoStreamsPermissions(sid: string, streamArns: readonly string[]): DataAwsIamPolicyDocumentStatement[] {
  return [{ sid, effect: "Allow", actions: ["firehose:PutRecord", "firehose:PutRecordBatch"], resources: [...streamArns] }];
}

/** The archive's subscription role's permissions: its streams (one ARN per stage). */
export function subscriptionPermissions(streamArns: readonly string[]): DataAwsIamPolicyDocumentStatement[] {
  return putIntoStreamsPermissions("PutIntoArchiveStreams", streamArns);
}

