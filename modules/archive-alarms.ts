/**
 * The alarms of one archive stream (CloudWatch Logs -> Firehose -> S3): delivery to S3 fails, or falls
 * behind. Without them a broken archive stays silent: the API keeps working, the access logs stay in
 * CloudWatch Logs for their retention, and Firehose drops what it could not deliver after 24 hours.
 *
 * - `DeliveryToS3.Success` ("the sum of successful Amazon S3 put commands over the sum of all Amazon S3 put
 *   commands") below 1: some puts failed (access denied, key disabled, bucket gone).
 * - `DeliveryToS3.DataFreshness` ("the age of the oldest record in Firehose") above the buffering interval
 *   plus a tolerance: AWS recommends alarming when it exceeds the buffering limit ("Implement best practices
 *   with CloudWatch Alarms", Amazon Data Firehose Developer Guide).
 *
 * Both metrics exist only while records flow: no data means no traffic, not a failure (`notBreaching`).
 * A stalled stream still holds records, so its DataFreshness keeps rising and the late alarm fires.
 */
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { dimensionsWith, type MetricId } from "./api-metrics";
import { topicAlarm } from "./topic-alarm";
import { MAX_FRESHNESS_TOLERANCE_SECONDS, wholeNumberIn } from "../aws/limits";
import { FIREHOSE_ERROR_LOG_STREAM } from "../aws/archive-permissions";

export const FIREHOSE_NAMESPACE = "AWS/Firehose";

export type FirehoseMetricName =
  | "DeliveryToS3.Success"
  | "DeliveryToS3.DataFreshness"
  | "DeliveryToS3.Records"
  | "IncomingRecords"
  // A Splunk destination's delivery, and the S3 backup of the records it could not deliver (LogDestinationAlarms).
  | "DeliveryToSplunk.Success"
  | "DeliveryToSplunk.DataFreshness"
  | "BackupToS3.Success";

/** A delivery stream's metric: namespace `AWS/Firehose`, dimension `DeliveryStreamName`. */
export function firehoseMetric(streamName: string, metricName: FirehoseMetricName): MetricId {
  return { namespace: FIREHOSE_NAMESPACE, metricName, dimensions: { DeliveryStreamName: streamName } };
}

/** Firehose publishes its metrics every five minutes ("Monitoring with CloudWatch Metrics"): one period. */
export const ARCHIVE_ALARM_PERIOD_SECONDS = 300;

export type ArchiveAlarmKind = "deliveryFailed" | "deliveryLate";
export const ARCHIVE_ALARM_KINDS: readonly ArchiveAlarmKind[] = ["deliveryFailed", "deliveryLate"];

const SUFFIX: Readonly<Record<ArchiveAlarmKind, string>> = { deliveryFailed: "delivery-failed", deliveryLate: "delivery-late" };

/** `<stream>-delivery-failed`, `<stream>-delivery-late`: known at synth, so dashboards can list them. */
export function archiveAlarmName(streamName: string, kind: ArchiveAlarmKind): string {
  return `${streamName}-${SUFFIX[kind]}`;
}

export function archiveAlarmNames(streamName: string): string[] {
  return ARCHIVE_ALARM_KINDS.map((kind) => archiveAlarmName(streamName, kind));
}

/** The DataFreshness threshold: records may wait one buffering interval, plus the tolerance. */
export function freshnessThresholdSeconds(bufferingIntervalSeconds: number, toleranceSeconds: number): number {
  return bufferingIntervalSeconds + toleranceSeconds;
}

export interface ArchiveAlarmsProps {
  /** The Firehose delivery stream. */
  readonly streamName: string;
  /** The stage whose access logs the stream archives, named in the descriptions. Leave out with `source`. */
  readonly stageName?: string;
  /** What the stream archives, for the descriptions (the WAF log). @default `stage <stageName>'s access logs` */
  readonly source?: string;
  /** Named in the descriptions as where the logs should arrive. */
  readonly bucketName: string;
  /** Named in the descriptions as the first place to look. */
  readonly errorLogGroupName: string;
  /** Named in the descriptions: its permissions are the usual cause of failed deliveries. */
  readonly deliveryRoleName: string;
  /** The stream's buffering interval, 0..900 seconds. */
  readonly bufferingIntervalSeconds: number;
  /** Seconds past the buffering interval before delivery counts as late. @default 900 */
  readonly freshnessToleranceSeconds?: number;
  /** The SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /** A reference to the stream's name, for the `DeliveryStreamName` dimension. @default the name, as a plain string */
  readonly streamNameReference?: string;
}

export class ArchiveAlarms extends Construct {
  public readonly deliveryFailed: CloudwatchMetricAlarm;
  public readonly deliveryLate: CloudwatchMetricAlarm;
  /** Names of the alarms, known at synth. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: ArchiveAlarmsProps) {
    super(scope, id);
    const owner = `ArchiveAlarms ${props.streamName}`;
    const interval = wholeNumberIn(owner, "bufferingIntervalSeconds", props.bufferingIntervalSeconds, 0, 900);
    const tolerance = wholeNumberIn(owner, "freshnessToleranceSeconds", props.freshnessToleranceSeconds ?? 900, 60, MAX_FRESHNESS_TOLERANCE_SECONDS);
    const threshold = freshnessThresholdSeconds(interval, tolerance);
    if (props.source === undefined && props.stageName === undefined) throw new Error(`${owner}: neither stageName nor source. Allowed: the stage whose access logs the stream archives, or what it archives`);
    const where = `${props.source ?? `stage ${props.stageName}'s access logs`} (Firehose stream ${props.streamName} -> s3://${props.bucketName})`;
    const errorLog = `the error log group ${props.errorLogGroupName} (log stream ${FIREHOSE_ERROR_LOG_STREAM})`;
    const dropped = "Firehose retries for 24 hours, then drops the records.";

    this.deliveryFailed = this.alarm("deliveryFailed", props, {
      description:
        `Archiving ${where} failed: some S3 puts failed (DeliveryToS3.Success below 1) in 2 of 3 periods of ${ARCHIVE_ALARM_PERIOD_SECONDS} s. ${dropped} ` +
        `First: read ${errorLog}. S3.AccessDenied or S3.KMS.* point at the role ${props.deliveryRoleName}, the bucket policy or the archive key's policy: check recent changes to them.`,
      metric: firehoseMetric(props.streamName, "DeliveryToS3.Success"),
      statistic: "Average",
      comparison: "LessThanThreshold",
      threshold: 1,
      // A single failed put is retried within seconds; two bad periods out of three is a real failure.
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    this.deliveryLate = this.alarm("deliveryLate", props, {
      description:
        `Archiving ${where} is late: the oldest waiting record is more than ${threshold} s old (DeliveryToS3.DataFreshness; buffering ${interval} s + tolerance ${tolerance} s). ${dropped} ` +
        `First: check the ${archiveAlarmName(props.streamName, "deliveryFailed")} alarm and ${errorLog}; if puts succeed, look at the stream's ThrottledRecords and buffering.`,
      metric: firehoseMetric(props.streamName, "DeliveryToS3.DataFreshness"),
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold,
      // The threshold already allows for buffering: one late period is late.
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
    this.alarmNames = archiveAlarmNames(props.streamName);
  }

  private alarm(kind: ArchiveAlarmKind, props: ArchiveAlarmsProps, spec: FirehoseAlarmSpec): CloudwatchMetricAlarm {
    return firehoseStreamAlarm(this, SUFFIX[kind], { ...spec, owner: "ArchiveAlarms", alarmName: archiveAlarmName(props.streamName, kind), topicArn: props.topicArn, streamNameReference: props.streamNameReference });
  }
}

/** One alarm on a Firehose stream's metric: what it watches, when it fires, and what it tells the reader. */
export interface FirehoseAlarmSpec {
  readonly description: string;
  readonly metric: MetricId;
  readonly statistic: "Average" | "Maximum";
  readonly comparison: "LessThanThreshold" | "GreaterThanThreshold";
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/**
 * A Firehose stream's alarm (the archive's and a log destination's), to `topicArn`, in periods of
 * `ARCHIVE_ALARM_PERIOD_SECONDS`, checked against PutMetricAlarm's limits before it is written.
 */
export function firehoseStreamAlarm(
  scope: Construct,
  id: string,
  spec: FirehoseAlarmSpec & {
    /** The construct that guards the alarm, named in an error. */
    readonly owner: string;
    readonly alarmName: string;
    readonly topicArn: string;
    /** The stream's name as a reference, so the alarm is created after the stream. @default the name in the metric */
    readonly streamNameReference?: string;
  },
): CloudwatchMetricAlarm {
  return topicAlarm(scope, id, spec.owner, {
    alarmName: spec.alarmName,
    alarmDescription: spec.description,
    namespace: spec.metric.namespace,
    metricName: spec.metric.metricName,
    dimensions: dimensionsWith(spec.metric.dimensions, spec.streamNameReference === undefined ? {} : { DeliveryStreamName: spec.streamNameReference }),
    statistic: spec.statistic,
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    period: ARCHIVE_ALARM_PERIOD_SECONDS,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    // A stream's metrics exist only while records flow: no data is no traffic, not a failure.
    treatMissingData: "notBreaching",
    topicArn: spec.topicArn,
  });
}
