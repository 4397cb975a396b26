/**
 * An environment's log destinations: the roles they share (`LogDestinationRoles`), and for each configured
 * stage its Splunk stream and subscription filter (`LogDestination`) and their alarms
 * (`LogDestinationAlarms`). What belongs to a stage is built in the stage's construct, so the HCL names it
 * after the stage (`aws_kinesis_firehose_delivery_stream.stage_v1_splunk`); the roles are the environment's
 * (`aws_iam_role.log_destinations_delivery`).
 */
import { Construct } from "constructs";
import type { AwsLocation } from "../aws/arn";
import { firehoseErrorLogGroupName } from "../aws/archive-permissions";
import { logDestinationRoleNames, splunkStreamName } from "../aws/log-destinations";
import { LogDestination, type SplunkDestinationSettings } from "./log-destination";
import { LogDestinationAlarms } from "./log-destination-alarms";
import { LogDestinationRoles } from "./log-destination-roles";
import type { ErrorLogProps } from "./log-subscription";

/** A stage a destination can read: its construct (the scope of what is built for it) and its access log group. */
export interface DestinationStage {
  readonly construct: Construct;
  readonly stageName: string;
  readonly accessLogGroupName: string;
}

export interface LogDestinationsProps {
  readonly location: AwsLocation;
  /** `<service>-<environment>`: the prefix of the streams' and roles' names. */
  readonly namePrefix: string;
  readonly destinations: readonly SplunkDestinationSettings[];
  readonly stages: readonly DestinationStage[];
  /** The archive bucket and key the failed records are backed up with. */
  readonly backup: { readonly bucketArn: string; readonly bucketName: string; readonly keyArn: string };
  readonly errorLogs: ErrorLogProps;
  /** The alarm topic, and how late a delivery may be past its buffering (the archive's tolerance). */
  readonly topicArn: string;
  readonly freshnessToleranceSeconds?: number;
}

export class LogDestinations extends Construct {
  public readonly roles: LogDestinationRoles;
  public readonly destinations: readonly LogDestination[];
  public readonly alarms: readonly LogDestinationAlarms[];

  constructor(scope: Construct, id: string, props: LogDestinationsProps) {
    super(scope, id);
    const roleNames = logDestinationRoleNames(props.namePrefix);
    const streamName = (d: SplunkDestinationSettings) => splunkStreamName(props.namePrefix, d.stage);
    this.roles = new LogDestinationRoles(this, "Default", {
      location: props.location,
      deliveryRoleName: roleNames.delivery,
      subscriptionRoleName: roleNames.subscription,
      backup: props.backup,
      streams: props.destinations.map((d) => ({ streamName: streamName(d), ...d.hecToken })),
    });
    const stageOf = (d: SplunkDestinationSettings): DestinationStage => {
      const stage = props.stages.find((s) => s.stageName === d.stage);
      if (stage === undefined) throw new Error(`LogDestinations ${props.namePrefix}: stage = "${d.stage}" is not a stage of the API. Allowed: ${props.stages.map((s) => s.stageName).join(", ")}`);
      return stage;
    };
    this.destinations = props.destinations.map(
      (d) =>
        new LogDestination(stageOf(d).construct, d.type, {
          settings: d,
          streamName: streamName(d),
          location: props.location,
          roles: this.roles,
          backup: props.backup,
          logGroupName: stageOf(d).accessLogGroupName,
          errorLogs: props.errorLogs,
        }),
    );
    this.alarms = this.destinations.map(
      (destination, i) =>
        new LogDestinationAlarms(destination, "alarms", {
          streamName: streamName(props.destinations[i]),
          stageName: props.destinations[i].stage,
          hecEndpoint: props.destinations[i].hecEndpoint,
          bucketName: props.backup.bucketName,
          errorLogGroupName: firehoseErrorLogGroupName(streamName(props.destinations[i])),
          deliveryRoleName: roleNames.delivery,
          secretArn: destination.secretArn,
          bufferingIntervalSeconds: destination.resolved.bufferingIntervalSeconds,
          freshnessToleranceSeconds: props.freshnessToleranceSeconds,
          topicArn: props.topicArn,
          streamNameReference: destination.stream.name,
        }),
    );
  }
}
