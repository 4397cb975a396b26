/**
 * One stage's access logs to Splunk, beside the archive: a Firehose stream with a Splunk destination and the
 * subscription filter that sends every event of the stage's access log group to it.
 *
 * - Format: CloudWatch Logs delivers subscription data gzip-compressed in its JSON envelope. Firehose
 *   decompresses it and extracts the log events' messages (the access log JSON lines), as Splunk needs
 *   ("If you deliver data to a Splunk destination, you must turn on message extraction").
 * - Token: never in the HCL. Firehose reads `{ "hec_token": ... }` from the Secrets Manager secret at runtime
 *   (`secrets_manager_configuration`, refreshed every 10 minutes), with the delivery role.
 * - Failures: Firehose retries for `retryDurationSeconds`, then backs the records up into the archive bucket
 *   under `log-destinations/` (apart from the archive's `access-logs/` and `errors/`), gzip, encrypted with the
 *   archive key. Delivery and backup errors go to the stream's own log group `/aws/kinesisfirehose/<stream>`
 *   (log streams DestinationDelivery and BackupDelivery, created here: through the API Firehose writes only to
 *   existing ones), with the environment's retention and key. `LogDestinationAlarms` watch the stream.
 * - Limits: a log group takes at most two subscription filters (PutSubscriptionFilter); the archive's is one,
 *   so a stage has at most one destination (validated with the config).
 *
 * Construct ids, under the stage's (`stage-v1/splunk`): `aws_kinesis_firehose_delivery_stream.stage_v1_splunk`,
 * `aws_cloudwatch_log_subscription_filter.stage_v1_splunk`, `aws_cloudwatch_log_group.stage_v1_splunk_error_logs`.
 */
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { Construct } from "constructs";
import { FIREHOSE_ERROR_LOG_STREAM, firehoseErrorLogGroupName } from "../aws/archive-permissions";
import { assertWithinLimits, DELIVERY_STREAM_NAME, firehosePrefixProblems, type LimitProblem } from "../aws/limits";
import {
  CLOUDWATCH_LOGS_PROCESSORS,
  destinationBackupPrefixes,
  FIREHOSE_BACKUP_ERROR_LOG_STREAM,
  MAX_HEC_ENDPOINT_LENGTH,
  FIREHOSE_SECRET_ARN,
  SPLUNK_ACK_TIMEOUT_SECONDS,
  SPLUNK_BUFFERING_INTERVAL_SECONDS,
  SPLUNK_BUFFERING_SIZE_MIB,
  SPLUNK_HEC_ENDPOINT_TYPES,
  SPLUNK_RETRY_DURATION_SECONDS,
  SPLUNK_S3_BACKUP_MODES,
  type TokenSecret,
  tokenSecretArns,
} from "../aws/log-destinations";
import type { AwsLocation } from "../aws/arn";
import type { LogDestinationRoles } from "./log-destination-roles";
import { EncryptedLogGroup } from "./log-group";
import type { ErrorLogProps } from "./log-subscription";

/** What a stage's Splunk destination holds: the parsed `logDestinations[]` entry is one. */
export interface SplunkDestinationSettings {
  readonly type: "splunk";
  /** The stage whose access logs go to Splunk. */
  readonly stage: string;
  /** https://<host>:<port> of the HTTP Event Collector. */
  readonly hecEndpoint: string;
  /** @default "Raw" */
  readonly hecEndpointType?: (typeof SPLUNK_HEC_ENDPOINT_TYPES)[number];
  /** The secret `{ "hec_token": "..." }`: by name (this account and region) or by full ARN (this region). */
  readonly hecToken: TokenSecret;
  /** 180..600. @default 180 */
  readonly acknowledgmentTimeoutSeconds?: number;
  /** 0..7200. @default 3600 */
  readonly retryDurationSeconds?: number;
  /** 0..60. @default 60 */
  readonly bufferingIntervalSeconds?: number;
  /** 1..5. @default 5 */
  readonly bufferingSizeMiB?: number;
  /** @default "FailedEventsOnly" */
  readonly backupMode?: (typeof SPLUNK_S3_BACKUP_MODES)[number];
}

export interface LogDestinationProps {
  readonly settings: SplunkDestinationSettings;
  /** One of the roles' stream names. */
  readonly streamName: string;
  /** The stack's account and region: a secret named by name is there. */
  readonly location: AwsLocation;
  readonly roles: LogDestinationRoles;
  /** The archive bucket and key the failed records are backed up with. */
  readonly backup: { readonly bucketArn: string; readonly keyArn: string };
  /** The stage's access log group. */
  readonly logGroupName: string;
  /** The stream's error log group: the environment's retention and key. */
  readonly errorLogs: ErrorLogProps;
}

/** Firehose's backup buffering for failed records: the archive's defaults (they are rare, no hurry). */
const BACKUP_BUFFERING = { intervalSeconds: 300, sizeMiB: 5 } as const;

export class LogDestination extends Construct {
  public readonly stream: KinesisFirehoseDeliveryStream;
  public readonly filter: CloudwatchLogSubscriptionFilter;
  public readonly errorLogGroup: EncryptedLogGroup;
  public readonly deliveryErrors: CloudwatchLogStream;
  public readonly backupErrors: CloudwatchLogStream;
  /** The settings with every default applied, as the stream uses them. */
  public readonly resolved: Required<SplunkDestinationSettings>;
  /** The secret's ARN as Firehose gets it (a partial ARN for a secret named by name). */
  public readonly secretArn: string;

  constructor(scope: Construct, id: string, props: LogDestinationProps) {
    super(scope, id);
    const { settings, roles } = props;
    const resolved = {
      ...settings,
      hecEndpointType: settings.hecEndpointType ?? "Raw",
      acknowledgmentTimeoutSeconds: settings.acknowledgmentTimeoutSeconds ?? SPLUNK_ACK_TIMEOUT_SECONDS.default,
      retryDurationSeconds: settings.retryDurationSeconds ?? SPLUNK_RETRY_DURATION_SECONDS.default,
      bufferingIntervalSeconds: settings.bufferingIntervalSeconds ?? SPLUNK_BUFFERING_INTERVAL_SECONDS.default,
      bufferingSizeMiB: settings.bufferingSizeMiB ?? SPLUNK_BUFFERING_SIZE_MIB.default,
      backupMode: settings.backupMode ?? "FailedEventsOnly",
    };
    this.resolved = resolved;
    this.secretArn = tokenSecretArns(props.location, settings.hecToken).firehose;
    const { prefix, errorOutputPrefix } = destinationBackupPrefixes(settings.stage);
    assertWithinLimits(`LogDestination ${props.streamName}`, [
      ...splunkDestinationProblems(props.streamName, { ...resolved, secretArn: this.secretArn }),
      ...firehosePrefixProblems(prefix, errorOutputPrefix),
    ]);

    this.errorLogGroup = new EncryptedLogGroup(this, "error-logs", {
      name: firehoseErrorLogGroupName(props.streamName),
      retentionInDays: props.errorLogs.retentionInDays,
      kmsKeyArn: props.errorLogs.kmsKeyArn,
      preventDestroy: props.errorLogs.preventDestroy,
    });
    const logStream = (logStreamId: string, name: string) =>
      new CloudwatchLogStream(this, logStreamId, { name, logGroupName: this.errorLogGroup.name, lifecycle: props.errorLogs.preventDestroy ? { preventDestroy: true } : undefined });
    this.deliveryErrors = logStream("delivery", FIREHOSE_ERROR_LOG_STREAM);
    this.backupErrors = logStream("backup", FIREHOSE_BACKUP_ERROR_LOG_STREAM);

    const deliveryRoleArn = roles.deliveryRole.arn;
    this.stream = new KinesisFirehoseDeliveryStream(this, "stream", {
      name: props.streamName,
      destination: "splunk",
      // The records at rest in Firehose, with the archive's key (Firehose creates its own grant on it).
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: props.backup.keyArn },
      splunkConfiguration: {
        hecEndpoint: settings.hecEndpoint,
        hecEndpointType: resolved.hecEndpointType,
        hecAcknowledgmentTimeout: resolved.acknowledgmentTimeoutSeconds,
        retryDuration: resolved.retryDurationSeconds,
        bufferingInterval: resolved.bufferingIntervalSeconds,
        bufferingSize: resolved.bufferingSizeMiB,
        s3BackupMode: resolved.backupMode,
        // The token at runtime, from Secrets Manager: nothing secret in the HCL or the state.
        secretsManagerConfiguration: { enabled: true, secretArn: this.secretArn, roleArn: deliveryRoleArn },
        processingConfiguration: { enabled: true, processors: CLOUDWATCH_LOGS_PROCESSORS.map((p) => ({ type: p.type, parameters: p.parameters.map((x) => ({ ...x })) })) },
        cloudwatchLoggingOptions: { enabled: true, logGroupName: this.errorLogGroup.name, logStreamName: this.deliveryErrors.name },
        s3Configuration: {
          roleArn: deliveryRoleArn,
          bucketArn: props.backup.bucketArn,
          prefix,
          errorOutputPrefix,
          bufferingInterval: BACKUP_BUFFERING.intervalSeconds,
          bufferingSize: BACKUP_BUFFERING.sizeMiB,
          compressionFormat: "GZIP",
          kmsKeyArn: props.backup.keyArn,
          cloudwatchLoggingOptions: { enabled: true, logGroupName: this.errorLogGroup.name, logStreamName: this.backupErrors.name },
        },
      },
      // Firehose checks the role (backup bucket, secret) when the stream is created.
      dependsOn: [roles.deliveryPolicy],
    });

    this.filter = roles.subscription.subscribe(this, "subscription", { name: `splunk-to-${props.streamName}`, logGroupName: props.logGroupName, streamArn: this.stream.arn });
    roles.attach(props.streamName, { streamArn: this.stream.arn, errorLogStreamArns: [this.deliveryErrors.arn, this.backupErrors.arn] });
  }
}

/** What CreateDeliveryStream (SplunkDestinationConfiguration) would reject at apply. */
export function splunkDestinationProblems(
  streamName: string,
  s: Pick<SplunkDestinationSettings, "hecEndpoint"> & { readonly secretArn: string } &
    Required<Pick<SplunkDestinationSettings, "hecEndpointType" | "acknowledgmentTimeoutSeconds" | "retryDurationSeconds" | "bufferingIntervalSeconds" | "bufferingSizeMiB" | "backupMode">>,
): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const range = (field: string, value: number, r: { readonly min: number; readonly max: number }) => {
    if (!Number.isInteger(value) || value < r.min || value > r.max) problems.push({ field, value, problem: "is out of range", allowed: `a whole number from ${r.min} to ${r.max}` });
  };
  if (!DELIVERY_STREAM_NAME.test(streamName)) problems.push({ field: "streamName", value: streamName, problem: "is not a delivery stream name", allowed: "1 to 64 letters, digits, _ . -" });
  if (!s.hecEndpoint.startsWith("https://") || s.hecEndpoint.length > MAX_HEC_ENDPOINT_LENGTH) {
    problems.push({ field: "hecEndpoint", value: s.hecEndpoint, problem: "is not an https:// URL of at most 2048 characters", allowed: "https://<host>:<port>" });
  }
  // SecretsManagerConfiguration SecretARN's pattern (a partial ARN, for a secret named by name, matches it too).
  if (!FIREHOSE_SECRET_ARN.test(s.secretArn)) problems.push({ field: "secretArn", value: s.secretArn, problem: "is not a Secrets Manager secret ARN", allowed: "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>" });
  if (!(SPLUNK_HEC_ENDPOINT_TYPES as readonly string[]).includes(s.hecEndpointType)) problems.push({ field: "hecEndpointType", value: s.hecEndpointType, problem: "is not a HEC endpoint type", allowed: SPLUNK_HEC_ENDPOINT_TYPES.join(", ") });
  if (!(SPLUNK_S3_BACKUP_MODES as readonly string[]).includes(s.backupMode)) problems.push({ field: "backupMode", value: s.backupMode, problem: "is not an S3 backup mode for Splunk", allowed: SPLUNK_S3_BACKUP_MODES.join(", ") });
  range("acknowledgmentTimeoutSeconds", s.acknowledgmentTimeoutSeconds, SPLUNK_ACK_TIMEOUT_SECONDS);
  range("retryDurationSeconds", s.retryDurationSeconds, SPLUNK_RETRY_DURATION_SECONDS);
  range("bufferingIntervalSeconds", s.bufferingIntervalSeconds, SPLUNK_BUFFERING_INTERVAL_SECONDS);
  range("bufferingSizeMiB", s.bufferingSizeMiB, SPLUNK_BUFFERING_SIZE_MIB);
  return problems;
}
