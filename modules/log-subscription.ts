/**
 * One stage's access logs into the archive: a Firehose stream that writes to the archive bucket under
 * the stage's own prefix, and the subscription filter that sends every event of the stage's access log
 * group to it.
 *
 * Compression: CloudWatch Logs delivers subscription data to Firehose already gzip-compressed, wrapped in
 * its own JSON envelope. Setting `compression_format = "GZIP"` on that alone would store gzip inside gzip
 * (the double-gzip pitfall); storing it `UNCOMPRESSED` would keep the envelopes and control messages.
 * Instead Firehose decompresses the records, extracts the log messages (the access log JSON lines) and
 * compresses the object once with GZIP: plain `.gz` files of JSON lines that Athena reads as they are.
 *
 * Construct ids: `error-logs`, `delivery` (the log stream), `stream` and `subscription`, under an id that names
 * the stage's archive (`stage-v1/archive`): `aws_kinesis_firehose_delivery_stream.stage_v1_archive`.
 *
 * Errors: Firehose logs failed S3 deliveries and processing failures to the stream's own log group
 * (retained and encrypted like every other log group), into a log stream created here: through the API,
 * Firehose writes only to a log group and log stream that already exist ("Monitoring Amazon Data Firehose
 * using CloudWatch Logs"). Records it cannot process go under the error prefix in the bucket.
 */
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { Construct } from "constructs";
import { assertWithinLimits, firehosePrefixProblems, wholeNumberIn } from "../aws/limits";
import { type LogArchive } from "./log-archive";
import { EncryptedLogGroup } from "./log-group";
import { FIREHOSE_ERROR_LOG_STREAM } from "../aws/archive-permissions";

/** Where a stream's error log group keeps its events: the environment's log settings. */
export interface ErrorLogProps {
  readonly retentionInDays: number;
  /** A key whose policy lets CloudWatch Logs use it (the environment's key). */
  readonly kmsKeyArn: string;
  /** `prevent_destroy` on the log group and its log stream. @default false */
  readonly preventDestroy?: boolean;
}

export interface LogSubscriptionProps {
  readonly archive: LogArchive;
  /** One of the archive's stream names. */
  readonly streamName: string;
  /** The stage whose access logs these are: the stream writes under its prefixes. Leave out with `prefixes`. */
  readonly stageName?: string;
  /** Where the stream writes in the bucket, for logs that are not a stage's access logs (the WAF log). @default the stage's (`archivePrefix`, `archiveErrorPrefix`) */
  readonly prefixes?: ArchivePrefixes;
  /** The access log group of the stage. */
  readonly logGroupName: string;
  /** Seconds Firehose buffers before writing an object, 0..900. @default 300 */
  readonly bufferingIntervalSeconds?: number;
  /** MiB Firehose buffers before writing an object, 1..128. @default 5 */
  readonly bufferingSizeMiB?: number;
  /** The stream's CloudWatch error log: a log group of its own. */
  readonly errorLogs: ErrorLogProps;
}

/** Where a stream writes its records, and the records Firehose could not process or deliver. */
export interface ArchivePrefixes {
  readonly prefix: string;
  readonly errorOutputPrefix: string;
}

/** `access-logs/stage=<stage>/year=.../month=.../day=.../`: one prefix per stage, partitioned by day (Hive style). */
export function archivePrefix(stageName: string): string {
  return `access-logs/stage=${stageName}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`;
}

/** Records Firehose could not process or deliver, by error type, apart from the archive. */
export function archiveErrorPrefix(stageName: string): string {
  return `errors/stage=${stageName}/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`;
}

export class LogSubscription extends Construct {
  public readonly stream: KinesisFirehoseDeliveryStream;
  public readonly filter: CloudwatchLogSubscriptionFilter;
  /** Where Firehose logs the stream's delivery and processing errors. */
  public readonly errorLogGroup: EncryptedLogGroup;
  public readonly errorLogStream: CloudwatchLogStream;

  constructor(scope: Construct, id: string, props: LogSubscriptionProps) {
    super(scope, id);
    const { archive } = props;
    archive.streamArn(props.streamName);
    const stage = props.stageName;
    if (props.prefixes === undefined && stage === undefined) {
      throw new Error(`LogSubscription ${props.streamName}: neither stageName nor prefixes. Allowed: the stage whose access logs these are, or the prefixes to write under`);
    }
    const { prefix, errorOutputPrefix } = props.prefixes ?? { prefix: archivePrefix(stage as string), errorOutputPrefix: archiveErrorPrefix(stage as string) };
    // CreateDeliveryStream rejects prefixes that break Firehose's semantic rules only at apply.
    assertWithinLimits(`LogSubscription ${props.streamName}`, firehosePrefixProblems(prefix, errorOutputPrefix));

    this.errorLogGroup = new EncryptedLogGroup(this, "error-logs", {
      name: archive.errorLogGroupName(props.streamName),
      retentionInDays: props.errorLogs.retentionInDays,
      kmsKeyArn: props.errorLogs.kmsKeyArn,
      preventDestroy: props.errorLogs.preventDestroy,
    });
    // Named after Firehose's log stream, DestinationDelivery.
    this.errorLogStream = new CloudwatchLogStream(this, "delivery", {
      name: FIREHOSE_ERROR_LOG_STREAM,
      logGroupName: this.errorLogGroup.name,
      lifecycle: props.errorLogs.preventDestroy ? { preventDestroy: true } : undefined,
    });

    this.stream = new KinesisFirehoseDeliveryStream(this, "stream", {
      name: props.streamName,
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: archive.key.arn },
      extendedS3Configuration: {
        roleArn: archive.deliveryRole.arn,
        bucketArn: archive.bucket.arn,
        prefix,
        errorOutputPrefix,
        bufferingInterval: wholeNumberIn("LogSubscription", "bufferingIntervalSeconds", props.bufferingIntervalSeconds ?? 300, 0, 900),
        bufferingSize: wholeNumberIn("LogSubscription", "bufferingSizeMiB", props.bufferingSizeMiB ?? 5, 1, 128),
        compressionFormat: "GZIP",
        fileExtension: ".json.gz",
        kmsKeyArn: archive.key.arn,
        // References, so the log group and log stream exist before the stream names them.
        cloudwatchLoggingOptions: { enabled: true, logGroupName: this.errorLogGroup.name, logStreamName: this.errorLogStream.name },
        processingConfiguration: {
          enabled: true,
          processors: [
            { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
            { type: "CloudWatchLogProcessing", parameters: [{ parameterName: "DataMessageExtraction", parameterValue: "true" }] },
            // Without it the extracted messages of one batch are written back to back, with no newline between
            // the records of different batches: one line would hold two JSON documents (Firehose API
            // Reference, Processor: "If you want to add a new line delimiter between records in objects that
            // are delivered to Amazon S3, choose AppendDelimiterToRecord").
            { type: "AppendDelimiterToRecord" },
          ],
        },
      },
      // Firehose checks that it can write to the bucket when the stream is created; the policy also lets it log errors.
      dependsOn: [archive.deliveryPolicy, archive.bucket.policy],
    });

    this.filter = archive.subscription.subscribe(this, "subscription", { name: `archive-to-${props.streamName}`, logGroupName: props.logGroupName, streamArn: this.stream.arn });
    archive.attach(props.streamName, { streamArn: this.stream.arn, errorLogStreamArn: this.errorLogStream.arn });
  }
}
