/**
 * An alarm that notifies one topic, checked against PutMetricAlarm's limits on the values it is written with
 * (CloudWatch API Reference, PutMetricAlarm: AlarmName 1 to 255 characters, AlarmDescription 0 to 1024).
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import { topicAlarm, type TopicAlarmConfig } from "../../modules/topic-alarm";
import { PUT_METRIC_ALARM } from "../support/aws-facts";
import { only, synth } from "../support/synth";

const topicArn = "arn:aws:sns:eu-west-1:111111111111:alarms";
const config = (changes: Partial<TopicAlarmConfig> = {}): TopicAlarmConfig => ({
  alarmName: "orders-5xx",
  alarmDescription: "5XX errors on orders",
  namespace: "AWS/ApiGateway",
  metricName: "5XXError",
  statistic: "Sum",
  comparisonOperator: "GreaterThanThreshold",
  threshold: 1,
  period: 60,
  evaluationPeriods: 1,
  topicArn,
  ...changes,
});
const build = (changes: Partial<TopicAlarmConfig> = {}, other: Parameters<typeof topicAlarm>[4] = []) => (scope: Construct) => {
  topicAlarm(scope, "alarm", "Owner", config(changes), other);
};

describe("topicAlarm", () => {
  it("notifies its topic when it fires and when it recovers, and writes the rest as given", () => {
    const alarm = only(synth(build()), CloudwatchMetricAlarm.tfResourceType);
    expect(alarm).toMatchObject({ alarm_name: "orders-5xx", alarm_description: "5XX errors on orders", alarm_actions: [topicArn], ok_actions: [topicArn], metric_name: "5XXError", threshold: 1 });
    expect(alarm).not.toHaveProperty("topic_arn");
  });

  it("GIVEN a name or description PutMetricAlarm would reject at apply THEN the synth fails naming the owner and the alarm", () => {
    const longName = "n".repeat(PUT_METRIC_ALARM.maxNameLength + 1);
    expect(() => synth(build({ alarmName: longName }))).toThrow(`Owner ${longName}: alarmName`);
    expect(() => synth(build({ alarmDescription: "d".repeat(PUT_METRIC_ALARM.maxDescriptionLength + 1) }))).toThrow(/Owner orders-5xx: alarmDescription/);
    expect(() => synth(build({ alarmName: "n".repeat(PUT_METRIC_ALARM.maxNameLength), alarmDescription: "d".repeat(PUT_METRIC_ALARM.maxDescriptionLength) }))).not.toThrow();
  });

  it("GIVEN other problems of its owner THEN they are in the same error as the alarm's own", () => {
    const other = [{ field: "settings.datapointsToAlarm", value: 3, problem: "is more than evaluationPeriods", allowed: "1 to evaluationPeriods" }];
    const failing = () => synth(build({ alarmName: "n".repeat(PUT_METRIC_ALARM.maxNameLength + 1) }, other));
    expect(failing).toThrow(/alarmName = .*; settings\.datapointsToAlarm = 3 is more than evaluationPeriods\. Allowed: 1 to evaluationPeriods$/);
  });
});
