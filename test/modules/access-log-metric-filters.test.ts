import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { accessLogFields, accessLogFormat } from "../../modules/access-log-format";
import { AccessLogMetricFilters, statusFilterPattern } from "../../modules/access-log-metric-filters";
import { all, synth } from "../support/synth";

describe("AccessLogMetricFilters", () => {
  let filters!: AccessLogMetricFilters;
  const s = synth((scope) => {
    filters = new AccessLogMetricFilters(scope, "filters", { apiName: "orders-api-dev", stageName: "dev", logGroupName: "/apigateway/orders-api-dev/dev/access" });
  });

  it("counts 5xx responses of the stage's access log, by Stage", () => {
    expect(s.json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: "orders-api-dev-dev-5xx-responses",
      log_group_name: "/apigateway/orders-api-dev/dev/access",
      pattern: '{ $.status = "5*" }',
      metric_transformation: { namespace: "orders-api-dev/AccessLogs", name: "5xxResponses", value: "1", unit: "Count", dimensions: { Stage: "$.stage" } },
    });
  });

  it("counts 4xx responses too", () => {
    const fourXx = all(s, "aws_cloudwatch_log_metric_filter").find((f) => f.pattern === '{ $.status = "4*" }');
    expect(fourXx.metric_transformation).toMatchObject({ name: "4xxResponses", dimensions: { Stage: "$.stage" } });
    expect(all(s, "aws_cloudwatch_log_metric_filter")).toHaveLength(3);
  });

  it("GIVEN a stage WHEN throttling or a usage plan quota refuses a request THEN its 429 is counted (API Gateway publishes no metric of it)", () => {
    expect(s.json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: "orders-api-dev-dev-429-responses",
      pattern: '{ $.status = "429" }',
      metric_transformation: { namespace: "orders-api-dev/AccessLogs", name: "429Responses", value: "1", unit: "Count", dimensions: { Stage: "$.stage" } },
    });
    expect(filters.throttled).toEqual({ namespace: "orders-api-dev/AccessLogs", metricName: "429Responses", dimensions: { Stage: "dev" } });
    // The 429 filter matches 429 only, not every 4xx.
    expect(statusFilterPattern("429")).not.toContain("*");
  });

  it("exposes the metrics alarms and dashboards read", () => {
    expect(filters.serverErrors).toEqual({ namespace: "orders-api-dev/AccessLogs", metricName: "5xxResponses", dimensions: { Stage: "dev" } });
  });

  it("matches the access log's own fields: status is a quoted string, stage is present", () => {
    const fields = accessLogFields();
    expect(fields.status).toBe("$context.status");
    expect(fields.stage).toBe("$context.stage");
    // The format quotes every value ("status":"503"), so the pattern compares strings, not numbers.
    expect(JSON.parse(accessLogFormat().replace("$context.status", "503")).status).toBe("503");
    expect(statusFilterPattern("5xx")).toMatch(/^\{ \$\.status = "5\*" \}$/);
  });
});
