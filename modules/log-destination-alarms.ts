/**
 * The alarms of one Splunk destination stream, the archive streams' alarms for Splunk (modules/archive-alarms.ts):
 * delivery fails, delivery falls behind, and the backup of the records Splunk did not take fails.
 *
 * - `DeliveryToSplunk.Success` ("the sum of the successfully indexed records over the sum of records that were
 *   attempted") below 1: Splunk refused or did not acknowledge some records (token, HEC down, certificate).
 * - `DeliveryToSplunk.DataFreshness` (the age of the oldest record not yet delivered) above the buffering
 *   interval plus the archive's tolerance: records wait through retries; after `retryDurationSeconds` they go
 *   to the backup, which is not Splunk.
 * - `BackupToS3.Success` below 1: records Splunk did not take could not be written to the archive bucket either,
 *   and Firehose drops them after 24 hours.
 *
 * The metrics exist only while records flow (`notBreaching`), as the archive's. Names are known at synth:
 * `<stream>-delivery-failed`, `<stream>-delivery-late`, `<stream>-backup-failed`.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { MAX_FRESHNESS_TOLERANCE_SECONDS, wholeNumberIn } from "../aws/limits";
import { FIREHOSE_ERROR_LOG_STREAM } from "../aws/archive-permissions";
import { FIREHOSE_BACKUP_ERROR_LOG_STREAM, SPLUNK_BUFFERING_INTERVAL_SECONDS } from "../aws/log-destinations";
import { ARCHIVE_ALARM_PERIOD_SECONDS, type FirehoseAlarmSpec, firehoseMetric, firehoseStreamAlarm, freshnessThresholdSeconds } from "./archive-alarms";

export type DestinationAlarmKind = "deliveryFailed" | "deliveryLate" | "backupFailed";
export const DESTINATION_ALARM_KINDS: readonly DestinationAlarmKind[] = ["deliveryFailed", "deliveryLate", "backupFailed"];

const SUFFIX: Readonly<Record<DestinationAlarmKind, string>> = { deliveryFailed: "delivery-failed", deliveryLate: "delivery-late", backupFailed: "backup-failed" };

export function destinationAlarmNames(streamName: string): string[] {
  return DESTINATION_ALARM_KINDS.map((kind) => `${streamName}-${SUFFIX[kind]}`);
}

export interface LogDestinationAlarmsProps {
  readonly streamName: string;
  readonly stageName: string;
  /** The HEC endpoint, named in the descriptions. */
  readonly hecEndpoint: string;
  /** The bucket the failed records are backed up into. */
  readonly bucketName: string;
  readonly errorLogGroupName: string;
  /** Named in the descriptions: its permissions (secret, bucket) are the usual cause of failures. */
  readonly deliveryRoleName: string;
  readonly secretArn: string;
  /** The stream's buffering interval, 0..60 seconds. */
  readonly bufferingIntervalSeconds: number;
  /** Seconds past the buffering interval before delivery counts as late. @default 900 */
  readonly freshnessToleranceSeconds?: number;
  readonly topicArn: string;
  /** A reference to the stream's name, for the dimension. @default the name, as a plain string */
  readonly streamNameReference?: string;
}


export class LogDestinationAlarms extends Construct {
  public readonly alarms: Readonly<Record<DestinationAlarmKind, CloudwatchMetricAlarm>>;
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: LogDestinationAlarmsProps) {
    super(scope, id);
    const owner = `LogDestinationAlarms ${props.streamName}`;
    const interval = wholeNumberIn(owner, "bufferingIntervalSeconds", props.bufferingIntervalSeconds, SPLUNK_BUFFERING_INTERVAL_SECONDS.min, SPLUNK_BUFFERING_INTERVAL_SECONDS.max);
    const tolerance = wholeNumberIn(owner, "freshnessToleranceSeconds", props.freshnessToleranceSeconds ?? 900, 60, MAX_FRESHNESS_TOLERANCE_SECONDS);
    const threshold = freshnessThresholdSeconds(interval, tolerance);
    const where = `stage ${props.stageName}'s access logs to Splunk (Firehose stream ${props.streamName} -> ${props.hecEndpoint})`;
    const errors = (logStream: string) => `the error log group ${props.errorLogGroupName} (log stream ${logStream})`;
    const twoOfThree = { evaluationPeriods: 3, datapointsToAlarm: 2 };
    const specs: Record<DestinationAlarmKind, FirehoseAlarmSpec> = {
      deliveryFailed: {
        description:
          `Sending ${where} failed: Splunk did not index some records (DeliveryToSplunk.Success below 1) in 2 of 3 periods of ${ARCHIVE_ALARM_PERIOD_SECONDS} s. ` +
          `Firehose retries, then backs them up to s3://${props.bucketName}/log-destinations/. First: read ${errors(FIREHOSE_ERROR_LOG_STREAM)}. ` +
          `Splunk.InvalidToken or SecretsManager errors point at the secret ${props.secretArn} or the role ${props.deliveryRoleName}; ` +
          "Splunk.ConnectionTimeout or certificate errors at the HEC endpoint.",
        metric: firehoseMetric(props.streamName, "DeliveryToSplunk.Success"),
        statistic: "Average",
        comparison: "LessThanThreshold",
        threshold: 1,
        ...twoOfThree,
      },
      deliveryLate: {
        description:
          `Sending ${where} is late: the oldest waiting record is more than ${threshold} s old (DeliveryToSplunk.DataFreshness; buffering ${interval} s + tolerance ${tolerance} s). ` +
          `First: check the ${props.streamName}-${SUFFIX.deliveryFailed} alarm and ${errors(FIREHOSE_ERROR_LOG_STREAM)}; a slow indexer acknowledgment also delays delivery.`,
        metric: firehoseMetric(props.streamName, "DeliveryToSplunk.DataFreshness"),
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
      },
      backupFailed: {
        description:
          `Backing up what Splunk did not take of stage ${props.stageName}'s access logs (Firehose stream ${props.streamName}) to s3://${props.bucketName}/log-destinations/ failed (BackupToS3.Success below 1) in 2 of 3 periods of ${ARCHIVE_ALARM_PERIOD_SECONDS} s. ` +
          `Firehose drops them after 24 hours. First: read ${errors(FIREHOSE_BACKUP_ERROR_LOG_STREAM)}; S3.AccessDenied or S3.KMS.* point at the role ${props.deliveryRoleName} or the archive key's policy.`,
        metric: firehoseMetric(props.streamName, "BackupToS3.Success"),
        statistic: "Average",
        comparison: "LessThanThreshold",
        threshold: 1,
        ...twoOfThree,
      },
    };
    this.alarms = {
      deliveryFailed: this.alarm("deliveryFailed", props, specs.deliveryFailed),
      deliveryLate: this.alarm("deliveryLate", props, specs.deliveryLate),
      backupFailed: this.alarm("backupFailed", props, specs.backupFailed),
    };
    this.alarmNames = destinationAlarmNames(props.streamName);
  }

  private alarm(kind: DestinationAlarmKind, props: LogDestinationAlarmsProps, spec: FirehoseAlarmSpec): CloudwatchMetricAlarm {
    return firehoseStreamAlarm(this, SUFFIX[kind], { ...spec, owner: "LogDestinationAlarms", alarmName: `${props.streamName}-${SUFFIX[kind]}`, topicArn: props.topicArn, streamNameReference: props.streamNameReference });
  }
}
