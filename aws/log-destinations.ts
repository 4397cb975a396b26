/**
 * Log analytics destinations besides the S3 archive: facts of Amazon Data Firehose's Splunk destination, the
 * names of the streams and roles, and their IAM permissions as pure statement builders (the module writes
 * them, config validation measures them). Sources: Amazon Data Firehose API Reference
 * (SplunkDestinationConfiguration, SplunkBufferingHints, SplunkRetryOptions, SecretsManagerConfiguration) and
 * Developer Guide ("Send CloudWatch Logs to Firehose", "Extract message after decompression of CloudWatch Logs",
 * "Authenticate with AWS Secrets Manager in Amazon Data Firehose").
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { arn, type AwsLocation, regionalServicePrincipal } from "./arn";
import { FIREHOSE_ERROR_LOG_STREAM, firehoseErrorLogGroupName, putIntoStreamsPermissions } from "./archive-permissions";

/** SplunkBufferingHints: IntervalInSeconds 0 to 60 (default 60), SizeInMBs 1 to 5 (default 5). */
export const SPLUNK_BUFFERING_INTERVAL_SECONDS = { min: 0, max: 60, default: 60 } as const;
export const SPLUNK_BUFFERING_SIZE_MIB = { min: 1, max: 5, default: 5 } as const;
/** SplunkDestinationConfiguration HECAcknowledgmentTimeoutInSeconds: 180 to 600 (default 180). */
export const SPLUNK_ACK_TIMEOUT_SECONDS = { min: 180, max: 600, default: 180 } as const;
/** SplunkRetryOptions DurationInSeconds: 0 to 7200 (default 3600); then the records go to the S3 backup. */
export const SPLUNK_RETRY_DURATION_SECONDS = { min: 0, max: 7200, default: 3600 } as const;
/** SplunkDestinationConfiguration HECEndpointType and S3BackupMode. */
export const SPLUNK_HEC_ENDPOINT_TYPES = ["Raw", "Event"] as const;
export const SPLUNK_S3_BACKUP_MODES = ["FailedEventsOnly", "AllEvents"] as const;
/** SplunkDestinationConfiguration HECEndpoint: at most 2048 characters. */
export const MAX_HEC_ENDPOINT_LENGTH = 2048;

/**
 * SecretsManagerConfiguration SecretARN: Pattern `arn:.*:secretsmanager:[a-zA-Z0-9\-]+:\d{12}:secret:[a-zA-Z0-9\-/_+=.@!]+`,
 * at most 2048 characters; "It must be in the same region as the Firehose stream and the role". Secrets Manager
 * ends every secret's ARN with `-` and six random characters (Secrets Manager User Guide, "Secret ARN").
 */
export const SECRET_ARN = /^arn:(aws|aws-cn|aws-us-gov):secretsmanager:([a-z0-9-]+):(\d{12}):secret:([a-zA-Z0-9\-/_+=.@!]+)-([a-zA-Z0-9]{6})$/;
export const MAX_SECRET_ARN_LENGTH = 2048;
/** SecretARN's own pattern, which partial ARNs (without the random characters) match too. */
export const FIREHOSE_SECRET_ARN = /^arn:.*:secretsmanager:[a-zA-Z0-9-]+:\d{12}:secret:[a-zA-Z0-9\-/_+=.@!]+$/;
/**
 * CreateSecret `Name`: 1 to 512 of letters, digits and `/_+=.@-`; "Do not end your secret name with a hyphen
 * followed by six characters": a partial ARN (the name without the suffix) would then be ambiguous.
 */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
export const SECRET_NAME_AMBIGUOUS_END = /-[A-Za-z0-9]{6}$/;
/** "Format of secret for Splunk": `{ "hec_token": "<hec token>" }`. */
export const SPLUNK_SECRET_KEY = "hec_token";

/** A KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<uuid>`). */
export const KMS_KEY_ARN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Why access logs cannot go to OpenSearch through Firehose ("Send CloudWatch Logs to Firehose"): "Amazon Data
 * Firehose currently does not support the delivery of CloudWatch Logs to Amazon OpenSearch Service destination
 * because Amazon CloudWatch combines multiple log events into one Firehose record and Amazon OpenSearch Service
 * cannot accept multiple log events in one record."
 */
export const OPENSEARCH_FROM_CLOUDWATCH_LOGS =
  "cannot receive CloudWatch Logs through Firehose: a subscription record holds several log events and OpenSearch indexes one document per record (Amazon Data Firehose Developer Guide, \"Send CloudWatch Logs to Firehose\")";
export const OPENSEARCH_DESTINATION_TYPES = ["opensearch", "opensearchserverless", "elasticsearch"] as const;

/**
 * The processors of a stream fed by a CloudWatch Logs subscription: records arrive gzip-compressed in CloudWatch
 * Logs' JSON envelope. Decompression unpacks them; message extraction keeps only the log events' messages (the
 * access log lines): "If you deliver data to a Splunk destination, you must turn on message extraction for
 * Splunk to parse the data" ("Extract message after decompression of CloudWatch Logs").
 */
export const CLOUDWATCH_LOGS_PROCESSORS = [
  { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
  { type: "CloudWatchLogProcessing", parameters: [{ parameterName: "DataMessageExtraction", parameterValue: "true" }] },
] as const;

/** The log stream Firehose writes a stream's S3 backup errors to (the console's name, beside DestinationDelivery). */
export const FIREHOSE_BACKUP_ERROR_LOG_STREAM = "BackupDelivery";

/** The ARNs of the log streams a destination stream writes its delivery and backup errors to. */
export function destinationErrorLogStreamArns(at: AwsLocation, streamName: string): string[] {
  return [FIREHOSE_ERROR_LOG_STREAM, FIREHOSE_BACKUP_ERROR_LOG_STREAM].map((logStream) => arn(at, "logs", `log-group:${firehoseErrorLogGroupName(streamName)}:log-stream:${logStream}`));
}

/** The stream that sends one stage's access logs to Splunk. */
export function splunkStreamName(prefix: string, stageName: string): string {
  return `${prefix}-splunk-${stageName}`;
}

/** The environment's two destination roles: Firehose delivers (and backs up); CloudWatch Logs puts records. */
export function logDestinationRoleNames(prefix: string): { delivery: string; subscription: string } {
  return { delivery: `${prefix}-log-dest-delivery`, subscription: `${prefix}-log-dest-subscription` };
}

/** Where a stage's failed records land in the archive bucket: apart from the archive's `access-logs/` and `errors/`. */
export function destinationBackupPrefixes(stageName: string): { prefix: string; errorOutputPrefix: string } {
  return { prefix: `log-destinations/splunk/stage=${stageName}/`, errorOutputPrefix: `log-destinations/errors/stage=${stageName}/` };
}

/**
 * Where a stream's Splunk token is: a secret of the environment's account and region by name, or any secret by its
 * full ARN (another account's too; Firehose supports cross-account secrets), and the key that encrypts it when it
 * is not Secrets Manager's AWS managed key.
 */
export type TokenSecret = ({ readonly secretName: string } | { readonly secretArn: string }) & {
  /** @default the AWS managed key aws/secretsmanager, which the account's principals use through Secrets Manager */
  readonly kmsKeyArn?: string;
};

/**
 * The ARN Firehose is given and the one the delivery role's policy names. A name becomes a partial ARN in the
 * environment's account and region, which Secrets Manager resolves by name ("Finding a secret from a partial
 * ARN"); the policy matches the 6 random characters with `??????` (Secrets Manager User Guide, "Limiting access to
 * specific secrets").
 */
export function tokenSecretArns(at: AwsLocation, secret: TokenSecret): { firehose: string; policy: string } {
  if ("secretArn" in secret) return { firehose: secret.secretArn, policy: secret.secretArn };
  const partial = arn(at, "secretsmanager", `secret:${secret.secretName}`);
  return { firehose: partial, policy: `${partial}-??????` };
}

/**
 * What the delivery role may do beyond writing the backup (`deliveryPermissions` of the archive): read the
 * streams' token secrets, and decrypt them through Secrets Manager when a customer managed key encrypts them
 * ("Grant access to Firehose to retrieve the secret").
 */
export function tokenSecretPermissions(at: AwsLocation, secrets: readonly TokenSecret[]): DataAwsIamPolicyDocumentStatement[] {
  const secretArns = [...new Set(secrets.map((s) => tokenSecretArns(at, s).policy))];
  const keyArns = [...new Set(secrets.flatMap((s) => (s.kmsKeyArn === undefined ? [] : [s.kmsKeyArn])))];
  return [
    { sid: "ReadSplunkTokens", effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resources: secretArns },
    ...(keyArns.length === 0
      ? []
      : [
          {
            sid: "DecryptSplunkTokens",
            effect: "Allow",
            actions: ["kms:Decrypt"],
            resources: keyArns,
            condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [regionalServicePrincipal("secretsmanager", at.region)] }],
          },
        ]),
  ];
}

/** The subscription role's permissions: put records into exactly the destination streams. */
export function destinationSubscriptionPermissions(streamArns: readonly string[]): DataAwsIamPolicyDocumentStatement[] {
  return putIntoStreamsPermissions("PutIntoLogDestinationStreams", streamArns);
}

/** The ARN of a stream, from its name (the ARN is known at synth). */
export function firehoseStreamArn(at: AwsLocation, streamName: string): string {
  return arn(at, "firehose", `deliverystream/${streamName}`);
}
