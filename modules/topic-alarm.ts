/**
 * A CloudWatch alarm that notifies one topic when it fires and when it recovers. PutMetricAlarm rejects a
 * name over 255 or a description over 1,024 characters, or more than 5 actions per state, only at apply: they
 * are checked here, on the very values the alarm is written with, with any other problems of its owner
 * (its evaluation window, its metric math) in the same error.
 */
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import { alarmProblems, assertWithinLimits, type LimitProblem } from "../aws/limits";

export interface TopicAlarmConfig extends Omit<CloudwatchMetricAlarmConfig, "alarmActions" | "okActions"> {
  readonly alarmDescription: string;
  /** Notified in ALARM and OK. */
  readonly topicArn: string;
}

/** `owner` names the construct in an error, before the alarm's name (`StageAlarms <name>: ...`). */
export function topicAlarm(scope: Construct, id: string, owner: string, config: TopicAlarmConfig, otherProblems: readonly LimitProblem[] = []): CloudwatchMetricAlarm {
  const { topicArn, ...alarm } = config;
  const actions = { alarmActions: [topicArn], okActions: [topicArn] };
  assertWithinLimits(`${owner} ${alarm.alarmName}`, [...alarmProblems({ ...alarm, ...actions }), ...otherProblems]);
  return new CloudwatchMetricAlarm(scope, id, { ...alarm, ...actions });
}
