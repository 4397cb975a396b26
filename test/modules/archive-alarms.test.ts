import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { MAX_FRESHNESS_TOLERANCE_SECONDS } from "../../aws/limits";
import { ARCHIVE_ALARM_PERIOD_SECONDS, ArchiveAlarms, type ArchiveAlarmsProps, archiveAlarmNames, freshnessThresholdSeconds } from "../../modules/archive-alarms";
import { all, synth } from "../support/synth";

const topicArn = "arn:aws:sns:eu-west-1:222222222222:orders-api-prod-alarms";
const props: ArchiveAlarmsProps = {
  streamName: "orders-api-prod-archive-v1",
  stageName: "v1",
  bucketName: "orders-api-prod-log-archive-222222222222-eu-west-1",
  errorLogGroupName: "/aws/kinesisfirehose/orders-api-prod-archive-v1",
  deliveryRoleName: "orders-api-prod-archive-delivery",
  bufferingIntervalSeconds: 300,
  topicArn,
};

describe("ArchiveAlarms", () => {
  describe("GIVEN a stream that buffers for 300 s and the default tolerance", () => {
    const s = synth((scope) => new ArchiveAlarms(scope, "alarms", props));
    const byName: Record<string, any> = Object.fromEntries(all(s, "aws_cloudwatch_metric_alarm").map((a) => [a.alarm_name, a]));

    // Firehose Developer Guide, "Monitoring with CloudWatch Metrics": DeliveryToS3.Success is "the sum of
    // successful Amazon S3 put commands over the sum of all Amazon S3 put commands" (namespace AWS/Firehose,
    // dimension DeliveryStreamName); below 1, puts failed.
    it("THEN it alarms when S3 puts fail: DeliveryToS3.Success Average < 1 in 2 of 3 five-minute periods", () => {
      expect(s.json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: "orders-api-prod-archive-v1-delivery-failed",
        namespace: "AWS/Firehose",
        metric_name: "DeliveryToS3.Success",
        dimensions: { DeliveryStreamName: "orders-api-prod-archive-v1" },
        statistic: "Average",
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        period: 300,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
      });
    });

    // Firehose Developer Guide, "Implement best practices with CloudWatch Alarms": "Add CloudWatch alarms for
    // when the following metrics exceed the buffering limit (a maximum of 15 minutes): DeliveryToS3.DataFreshness".
    it("THEN it alarms when delivery falls behind: DataFreshness Maximum > buffering interval + 900 s", () => {
      expect(byName["orders-api-prod-archive-v1-delivery-late"]).toMatchObject({
        namespace: "AWS/Firehose",
        metric_name: "DeliveryToS3.DataFreshness",
        dimensions: { DeliveryStreamName: "orders-api-prod-archive-v1" },
        statistic: "Maximum",
        comparison_operator: "GreaterThanThreshold",
        threshold: 1200,
        period: 300,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
      });
    });

    // Firehose Developer Guide, "Data Delivery Failure Handling": Firehose retries S3 for up to 24 hours, then
    // the data is lost. The alarm must fire well inside that window, however the tolerance is set.
    it("THEN the late alarm leaves at least 11 of Firehose's 24 retry hours to repair delivery, even at the largest settings", () => {
      const latest = freshnessThresholdSeconds(900, MAX_FRESHNESS_TOLERANCE_SECONDS) + ARCHIVE_ALARM_PERIOD_SECONDS;
      expect(24 * 3600 - latest).toBeGreaterThanOrEqual(11 * 3600);
    });

    it("THEN no traffic is not a failure: both metrics only exist while records flow", () => {
      for (const alarm of Object.values(byName)) expect(alarm.treat_missing_data).toBe("notBreaching");
    });

    it("THEN it notifies the topic when an alarm fires and when it recovers", () => {
      expect(Object.keys(byName).sort()).toEqual(archiveAlarmNames(props.streamName).sort());
      for (const alarm of Object.values(byName)) {
        expect(alarm.alarm_actions).toEqual([topicArn]);
        expect(alarm.ok_actions).toEqual([topicArn]);
      }
    });

    it("THEN each description says what failed and where to look first", () => {
      const failed = byName["orders-api-prod-archive-v1-delivery-failed"].alarm_description;
      expect(failed).toContain("s3://orders-api-prod-log-archive-222222222222-eu-west-1");
      expect(failed).toContain("First: read the error log group /aws/kinesisfirehose/orders-api-prod-archive-v1 (log stream DestinationDelivery)");
      expect(failed).toContain("orders-api-prod-archive-delivery");
      const late = byName["orders-api-prod-archive-v1-delivery-late"].alarm_description;
      expect(late).toContain("more than 1200 s old");
      expect(late).toContain("orders-api-prod-archive-v1-delivery-failed alarm");
      for (const alarm of Object.values(byName)) expect(alarm.alarm_description.length).toBeLessThanOrEqual(1024);
    });
  });

  describe("GIVEN dev's one-minute buffering and a tolerance of 10 minutes", () => {
    it("THEN the late threshold follows the buffering interval", () => {
      const s = synth((scope) => new ArchiveAlarms(scope, "alarms", { ...props, bufferingIntervalSeconds: 60, freshnessToleranceSeconds: 600 }));
      const late = all(s, "aws_cloudwatch_metric_alarm").find((a) => a.metric_name === "DeliveryToS3.DataFreshness");
      expect(late.threshold).toBe(660);
    });
  });

  describe("GIVEN settings Firehose or the alarm cannot work with", () => {
    it.each([
      ["freshnessToleranceSeconds", 30, "60 to 43200"],
      ["freshnessToleranceSeconds", 86_400, "60 to 43200"],
      ["bufferingIntervalSeconds", 901, "0 to 900"],
    ])("THEN %s = %p is refused", (field, value, range) => {
      expect(() => Testing.synthScope((scope) => new ArchiveAlarms(scope, "alarms", { ...props, [field]: value }))).toThrow(
        `ArchiveAlarms orders-api-prod-archive-v1: ${field} = ${value} is out of range. Allowed: a whole number from ${range}`,
      );
    });
  });
});
