import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Testing } from "cdktf";
import { accessLogMetric } from "../../modules/access-log-metric-filters";
import { alarmName, StageAlarms, type StageAlarmsProps } from "../../modules/stage-alarms";
import { pagingAlarms, quietAlarms } from "../support/alarm-settings";
import { all, synth } from "../support/synth";

const topicArn = "arn:aws:sns:eu-west-1:222222222222:orders-api-prod-alarms";

function alarmsFor(alarms: StageAlarmsProps["alarms"], withLogMetric = true) {
  return synth((scope) =>
    new StageAlarms(scope, "alarms", {
      apiName: "orders-api-prod",
      stageName: "v1",
      alarms,
      topicArn,
      logServerErrors: withLogMetric ? accessLogMetric("orders-api-prod", "v1", "5xx") : undefined,
      dashboardName: "orders-api-prod",
    }),
  );
}

describe("StageAlarms", () => {
  describe("GIVEN every alarm on, at AWS's recommended settings", () => {
    const s = alarmsFor(pagingAlarms);
    const byName: Record<string, any> = Object.fromEntries(all(s, "aws_cloudwatch_metric_alarm").map((a) => [a.alarm_name, a]));

    it("alarms on the 5XXError rate as AWS recommends: Average > 0.05 in 3 of 3 one-minute periods", () => {
      expect(s.json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: "orders-api-prod-v1-5xx-rate",
        namespace: "AWS/ApiGateway",
        metric_name: "5XXError",
        dimensions: { ApiName: "orders-api-prod", Stage: "v1" },
        statistic: "Average",
        comparison_operator: "GreaterThanThreshold",
        threshold: 0.05,
        period: 60,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: "notBreaching",
      });
    });

    it("notifies the topic when an alarm fires and when it recovers", () => {
      for (const alarm of Object.values(byName)) {
        expect(alarm.alarm_actions).toEqual([topicArn]);
        expect(alarm.ok_actions).toEqual([topicArn]);
      }
    });

    it("creates all six alarms with deterministic names", () => {
      expect(Object.keys(byName).sort()).toEqual(
        ["5xx-count", "5xx-rate", "4xx-rate", "integration-latency-p90", "latency-p90", "low-traffic"].map((s) => `orders-api-prod-v1-${s}`).sort(),
      );
    });

    it("watches latencies on p90, in milliseconds, ignoring percentiles from a handful of requests", () => {
      expect(byName["orders-api-prod-v1-latency-p90"]).toMatchObject({
        metric_name: "Latency",
        extended_statistic: "p90",
        threshold: 2000,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        evaluate_low_sample_count_percentiles: "ignore",
      });
      expect(byName["orders-api-prod-v1-latency-p90"].statistic).toBeUndefined();
      expect(byName["orders-api-prod-v1-integration-latency-p90"]).toMatchObject({ metric_name: "IntegrationLatency", extended_statistic: "p90", threshold: 2000 });
    });

    it("treats no data as no traffic on the low-traffic alarm", () => {
      expect(byName["orders-api-prod-v1-low-traffic"]).toMatchObject({
        metric_name: "Count",
        statistic: "SampleCount",
        comparison_operator: "LessThanThreshold",
        threshold: 10,
        period: 300,
        evaluation_periods: 3,
        treat_missing_data: "breaching",
      });
    });

    it("alarms on the access log's 5xx count", () => {
      expect(byName["orders-api-prod-v1-5xx-count"]).toMatchObject({
        namespace: "orders-api-prod/AccessLogs",
        metric_name: "5xxResponses",
        dimensions: { Stage: "v1" },
        statistic: "Sum",
        threshold: 10,
      });
    });

    it("tells the reader what to do first", () => {
      const description: string = byName["orders-api-prod-v1-5xx-rate"].alarm_description;
      expect(description).toMatch(/^More than 5% of requests failed with a 5XX/);
      expect(description).toContain("in 3 of 3 periods of 60 s");
      expect(description).toContain("First: open the CloudWatch dashboard orders-api-prod");
      expect(description).toContain("orders-api-prod/errors-by-route");
      for (const alarm of Object.values(byName)) expect(alarm.alarm_description.length).toBeLessThanOrEqual(1024);
    });
  });

  describe("GIVEN development settings (client errors off, low traffic off)", () => {
    const s = alarmsFor(quietAlarms);

    it("creates only the enabled alarms", () => {
      const names = all(s, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
      expect(names).not.toContain("orders-api-prod-v1-4xx-rate");
      expect(names).not.toContain("orders-api-prod-v1-low-traffic");
      expect(names).toContain("orders-api-prod-v1-5xx-rate");
    });
  });

  it("without a log metric, there is no log-based alarm", () => {
    const names = all(alarmsFor(pagingAlarms, false), "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(names).not.toContain(alarmName("orders-api-prod", "v1", "serverErrorCount"));
  });

  describe("GIVEN settings PutMetricAlarm would reject (CloudWatch API Reference, PutMetricAlarm: Period, EvaluationPeriods, DatapointsToAlarm)", () => {
    const build = (alarms: StageAlarmsProps["alarms"]) => () =>
      Testing.synthScope((scope) => new StageAlarms(scope, "a", { apiName: "x", stageName: "v1", alarms, topicArn, dashboardName: "x" }));

    it("THEN a period other than 10, 20, 30 or a multiple of 60 throws, naming the construct and the prop", () => {
      const bad = { ...pagingAlarms, latency: { ...pagingAlarms.latency, periodSeconds: 45 } };
      expect(build(bad)).toThrow("StageAlarms x/v1: alarms.latency.periodSeconds = 45 is not a CloudWatch period. Allowed: 10, 20, 30 or a multiple of 60");
    });

    it("THEN more datapoints than evaluation periods (M > N) throws", () => {
      const bad = { ...pagingAlarms, serverErrorRate: { ...pagingAlarms.serverErrorRate, evaluationPeriods: 3, datapointsToAlarm: 4 } };
      expect(build(bad)).toThrow("alarms.serverErrorRate.datapointsToAlarm = 4 is not from 1 to evaluationPeriods (3)");
    });

    it("THEN N periods over one day throws", () => {
      const bad = { ...pagingAlarms, lowTraffic: { ...pagingAlarms.lowTraffic, periodSeconds: 3600, evaluationPeriods: 25, datapointsToAlarm: 1 } };
      expect(build(bad)).toThrow("alarms.lowTraffic.evaluationPeriods = 25 times periodSeconds (3600) is 90000 s, over CloudWatch's one-day evaluation limit");
    });

    it("THEN a high-resolution period on these one-minute metrics throws (the alarm would lack data)", () => {
      const bad = { ...pagingAlarms, latency: { ...pagingAlarms.latency, periodSeconds: 30 } };
      expect(build(bad)).toThrow("alarms.latency.periodSeconds = 30 is finer than the one-minute resolution of the metric");
    });

    it("THEN every problem is reported at once", () => {
      const bad = {
        ...pagingAlarms,
        latency: { ...pagingAlarms.latency, periodSeconds: 45 },
        clientErrorRate: { ...pagingAlarms.clientErrorRate, evaluationPeriods: 0 },
      };
      expect(build(bad)).toThrow(/alarms\.clientErrorRate\.evaluationPeriods = 0 .*; alarms\.latency\.periodSeconds = 45 /);
    });

    it("THEN a disabled alarm's settings are not checked: nothing of them reaches CloudWatch", () => {
      const off = { ...pagingAlarms, lowTraffic: { ...pagingAlarms.lowTraffic, enabled: false, periodSeconds: 45 } };
      expect(build(off)).not.toThrow();
    });
  });
});

describe("StageAlarms with references for the dimension values", () => {
  it("names the API and the stage by reference (created after them), everything else unchanged", () => {
    // GIVEN references to the REST API's name and the stage's name
    const refs = { ApiName: "${aws_api_gateway_rest_api.this.name}", Stage: "${aws_api_gateway_stage.stage_v1.stage_name}" };
    const s = synth((scope) =>
      new StageAlarms(scope, "alarms", {
        apiName: "orders-api-prod",
        stageName: "v1",
        alarms: pagingAlarms,
        topicArn,
        logServerErrors: accessLogMetric("orders-api-prod", "v1", "5xx"),
        dashboardName: "orders-api-prod",
        dimensionValues: refs,
      }),
    );
    // THEN the AWS/ApiGateway alarms carry both, the log-based one its Stage, and the names stay plain
    const alarms = all(s, "aws_cloudwatch_metric_alarm");
    expect(alarms.filter((a) => a.namespace === "AWS/ApiGateway").map((a) => a.dimensions)).toEqual(alarms.filter((a) => a.namespace === "AWS/ApiGateway").map(() => refs));
    expect(alarms.find((a) => a.metric_name === "5xxResponses").dimensions).toEqual({ Stage: refs.Stage });
    expect(alarms.map((a) => a.alarm_name)).toContain("orders-api-prod-v1-5xx-rate");
  });
});
