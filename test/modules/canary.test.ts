/**
 * A stage's canary release: GIVEN a stage with a canary, THEN the stage carries its settings on the stage's own
 * deployment, its two log groups are owned like the stage's (retention, KMS, protected, created first), its
 * alarms watch the canary's metrics, the dashboard shows it beside its stage and a saved query compares them.
 * Sources: API Gateway Developer Guide, "Set up an API Gateway canary release deployment" (deployment id
 * initially the stage's; canary log groups with the `/Canary` suffix; canary logs also in the stage's groups);
 * terraform-provider-aws #39929 (`canary_settings.deployment_id`, required in the pinned provider).
 */
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { ApiStage, type ApiStageProps } from "../../modules/api-stage";
import { canaryWidgets } from "../../modules/canary-widgets";
import type { MetricWidget, Unplaced } from "../../modules/dashboard-widgets";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { SavedQueries } from "../../modules/saved-queries";
import { CANARY_ALARM_KINDS, StageAlarms } from "../../modules/stage-alarms";
import { stageExtraWidgets } from "../../modules/stage-extra-widgets";
import { ORDERS_DEFINITION_FILE } from "../support/definition-file";
import { pagingAlarms } from "../support/alarm-settings";
import { cachedStage, plainStage } from "../support/stage-settings";
import { all, only, synth } from "../support/synth";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/k";
const CANARY = { enabled: true, percentTraffic: 10, stageVariableOverrides: { backendVersion: "v2" }, useStageCache: true };

function stageIn(scope: Construct, stage: ApiStageProps["stage"]): ApiStage {
  const api = new OpenApiRestApi(scope, "api", { name: "orders-api-test", definitionFile: ORDERS_DEFINITION_FILE });
  return new ApiStage(scope, `stage-${stage.name}`, { api, stage, logs: { retentionInDays: 30, executionRetentionInDays: 365, kmsKeyArn: KEY, preventDestroy: true } });
}

describe("ApiStage with a canary", () => {
  describe("GIVEN a cached stage with a canary on 10% of its requests", () => {
    const s = synth((scope) => stageIn(scope, { ...cachedStage, canary: CANARY }));
    const stage = only(s, "aws_api_gateway_stage");

    it("carries the canary's settings, on the stage's own deployment (the same reference: both move together on redeploy)", () => {
      expect(s.json).toHaveResourceWithProperties(ApiGatewayStage, {
        canary_settings: { percent_traffic: 10, stage_variable_overrides: { backendVersion: "v2" }, use_stage_cache: true, deployment_id: expect.stringMatching(/^\$\{aws_api_gateway_deployment\./) },
      });
      expect(stage.canary_settings.deployment_id).toBe(stage.deployment_id);
    });

    it("owns the canary's access and execution log groups, named as API Gateway writes them, retained like the stage's", () => {
      const groups = all(s, "aws_cloudwatch_log_group");
      expect(groups).toHaveLength(4);
      const canaryGroups = groups.filter((g) => g.name.endsWith("/Canary"));
      expect(canaryGroups.map((g) => [g.name, g.retention_in_days])).toEqual([
        [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.stage-v1_access-logs_log-group_[0-9A-F]+\.name\}\/Canary$/), 30],
        [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.stage-v1_execution-logs_log-group_[0-9A-F]+\.name\}\/Canary$/), 365],
      ]);
      for (const group of canaryGroups) expect(group).toMatchObject({ kms_key_id: KEY, lifecycle: { prevent_destroy: true } });
    });

    it("creates the stage after every execution log group and the canary's access log group, which API Gateway would create without retention", () => {
      expect(stage.depends_on).toEqual([
        expect.stringMatching(/^aws_cloudwatch_log_group\.stage-v1_execution-logs/),
        expect.stringMatching(/^aws_cloudwatch_log_group\.stage-v1_canary-execution-logs/),
        expect.stringMatching(/^aws_cloudwatch_log_group\.stage-v1_canary-access-logs/),
      ]);
    });
  });

  it("GIVEN a canary without overrides THEN it sets none; GIVEN a disabled canary or none THEN no canary settings and two log groups", () => {
    const bare = only(synth((scope) => stageIn(scope, { ...plainStage, canary: { ...CANARY, stageVariableOverrides: {}, useStageCache: false } })), "aws_api_gateway_stage");
    expect(bare.canary_settings).toEqual({ deployment_id: bare.deployment_id, percent_traffic: 10, use_stage_cache: false });
    for (const canary of [undefined, { ...CANARY, enabled: false }]) {
      const s = synth((scope) => stageIn(scope, { ...cachedStage, canary }));
      expect(only(s, "aws_api_gateway_stage").canary_settings).toBeUndefined();
      expect(all(s, "aws_cloudwatch_log_group")).toHaveLength(2);
    }
  });

  it.each([
    [{ ...CANARY, percentTraffic: 101 }, cachedStage, "ApiStage v1: canary.percentTraffic = 101 is out of range. Allowed: a number from 0 to 100"],
    [{ ...CANARY, percentTraffic: -5 }, cachedStage, "ApiStage v1: canary.percentTraffic = -5 is out of range. Allowed: a number from 0 to 100"],
    [CANARY, { ...plainStage, name: "v1" }, "ApiStage v1: canary.useStageCache = true needs the stage cache cluster. Allowed: caching.enabled true, or useStageCache false"],
  ])("GIVEN canary %j on a stage CreateStage would refuse THEN it is refused at synth", (canary, base, message) => {
    expect(() => Testing.synthScope((scope) => stageIn(scope, { ...base, canary }))).toThrow(message);
  });
});

describe("StageAlarms with a canary", () => {
  const alarmsOf = (alarms = pagingAlarms) =>
    all(
      synth(
        (scope) =>
          new StageAlarms(scope, "alarms", {
            apiName: "orders-api-prod",
            stageName: "v1",
            alarms,
            topicArn: "arn:aws:sns:eu-west-1:222222222222:t",
            dashboardName: "orders-api-prod",
            canary: true,
            dimensionValues: { Stage: "stage-name-reference" },
          }),
      ),
      "aws_cloudwatch_metric_alarm",
    );

  it("GIVEN a canary THEN its 5XX, 4XX, latency and integration latency alarms watch Stage <stage>/Canary with the stage's settings", () => {
    const order = ["5xx-rate", "4xx-rate", "latency-p90", "integration-latency-p90"];
    const canary = alarmsOf()
      .filter((a) => a.alarm_name.includes("-canary-"))
      .sort((a, b) => order.findIndex((o) => a.alarm_name.endsWith(`canary-${o}`)) - order.findIndex((o) => b.alarm_name.endsWith(`canary-${o}`)));
    expect(CANARY_ALARM_KINDS).toEqual(["serverErrorRate", "clientErrorRate", "latency", "integrationLatency"]);
    expect(canary.map((a) => [a.alarm_name, a.metric_name, a.dimensions.Stage])).toEqual([
      ["orders-api-prod-v1-canary-5xx-rate", "5XXError", "stage-name-reference/Canary"],
      ["orders-api-prod-v1-canary-4xx-rate", "4XXError", "stage-name-reference/Canary"],
      ["orders-api-prod-v1-canary-latency-p90", "Latency", "stage-name-reference/Canary"],
      ["orders-api-prod-v1-canary-integration-latency-p90", "IntegrationLatency", "stage-name-reference/Canary"],
    ]);
    expect(canary[0]).toMatchObject({ statistic: "Average", threshold: 0.05, evaluation_periods: 3, treat_missing_data: "notBreaching" });
    expect(canary[0].alarm_description).toMatch(/on the canary of orders-api-prod stage v1 \(metrics of stage v1\/Canary\).*canary-vs-base/);
  });

  it("GIVEN a kind turned off THEN the canary has no alarm of it either; no low-traffic or log-count alarm for a canary", () => {
    const names = alarmsOf({ ...pagingAlarms, clientErrorRate: { ...pagingAlarms.clientErrorRate, enabled: false } }).map((a) => a.alarm_name);
    expect(names.filter((n) => n.includes("-canary-")).sort()).toEqual(["orders-api-prod-v1-canary-5xx-rate", "orders-api-prod-v1-canary-integration-latency-p90", "orders-api-prod-v1-canary-latency-p90"]);
  });
});

describe("the canary on the dashboard and in the saved queries", () => {
  it("GIVEN a canary THEN its row has requests, 5XX rate and p90 latency of the stage and of the canary on the same graphs", () => {
    const [text, ...graphs] = canaryWidgets("orders-api-prod", "eu-west-1", "v1", 10);
    expect(text.properties).toEqual({ markdown: expect.stringContaining("v1: canary (10% of requests)") });
    expect(graphs.map((g) => (g as Unplaced<MetricWidget>).properties.metrics.map((line) => line.slice(0, 6)))).toEqual(
      ["Count", "5XXError", "Latency"].map((metric) => [
        ["AWS/ApiGateway", metric, "ApiName", "orders-api-prod", "Stage", "v1"],
        ["AWS/ApiGateway", metric, "ApiName", "orders-api-prod", "Stage", "v1/Canary"],
      ]),
    );
  });

  it("GIVEN a stage with a cache and a canary THEN both add widgets to its row; a plain stage adds none", () => {
    expect(stageExtraWidgets("a", "eu-west-1", { ...cachedStage, canary: CANARY })).toHaveLength(2 + 4);
    expect(stageExtraWidgets("a", "eu-west-1", plainStage)).toEqual([]);
  });

  it("GIVEN canary stages THEN the canary-vs-base query reads their access log groups (canary requests are logged there too); without, no such query", () => {
    const withCanary = synth((scope) => new SavedQueries(scope, "q", { apiName: "a", accessLogGroupNames: ["/a/v1", "/a/v2"], executionLogGroupNames: ["e1", "e2"], canaryAccessLogGroupNames: ["/a/v1"] }));
    const query = all(withCanary, "aws_cloudwatch_query_definition").find((q) => q.name === "a/canary-vs-base");
    expect(query.log_group_names).toEqual(["/a/v1"]);
    expect(query.query_string).toMatch(/filter isCanaryRequest = "true" or isCanaryRequest = "false" \|.*stats count\(\*\) as requests, count\(status5xx\) as responses5xx, .* by stage, isCanaryRequest/);
    const without = synth((scope) => new SavedQueries(scope, "q", { apiName: "a", accessLogGroupNames: ["/a/v1"], executionLogGroupNames: ["e1"] }));
    expect(all(without, "aws_cloudwatch_query_definition").map((q) => q.name)).not.toContain("a/canary-vs-base");
  });
});
