import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { accessLogFormat } from "../../modules/access-log-format";
import { ApiStage, type ApiStageProps, methodPath } from "../../modules/api-stage";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { ORDERS_DEFINITION_FILE } from "../support/definition-file";
import { cachedStage, verboseStage } from "../support/stage-settings";
import { all, only, synth } from "../support/synth";

function stageIn(scope: Construct, stage: ApiStageProps["stage"], preventDestroy = false): ApiStage {
  const api = new OpenApiRestApi(scope, "api", { name: "orders-api-test", definitionFile: ORDERS_DEFINITION_FILE });
  return new ApiStage(scope, `stage-${stage.name}`, { api, stage, logs: { retentionInDays: 365, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k", preventDestroy } });
}

describe("ApiStage", () => {
  describe("GIVEN a protected stage with a cache and three method overrides", () => {
    const s = synth((scope) => stageIn(scope, cachedStage, true));

    it("traces with X-Ray and writes JSON access logs to its own log group", () => {
      expect(s.json).toHaveResourceWithProperties(ApiGatewayStage, {
        stage_name: "v1",
        xray_tracing_enabled: true,
        cache_cluster_enabled: true,
        cache_cluster_size: "0.5",
        access_log_settings: { destination_arn: expect.stringMatching(/aws_cloudwatch_log_group\.stage-v1_access-logs.*\.arn/), format: accessLogFormat() },
      });
    });

    it("creates the execution log group under API Gateway's own name, before the stage", () => {
      expect(s.json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: expect.stringMatching(/^API-Gateway-Execution-Logs_\$\{aws_api_gateway_rest_api\..+\.id\}\/v1$/),
        retention_in_days: 365,
        kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/k",
      });
      expect(only(s, "aws_api_gateway_stage").depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\.stage-v1_execution-logs/)]);
    });

    it("encrypts and retains both log groups, protected from destroy", () => {
      const groups = all(s, "aws_cloudwatch_log_group");
      expect(groups).toHaveLength(2);
      for (const group of groups) {
        expect(group).toMatchObject({ retention_in_days: 365, kms_key_id: expect.stringContaining("arn:aws:kms"), lifecycle: { prevent_destroy: true } });
      }
      expect(groups.map((g) => g.name)).toContain("/apigateway/orders-api-test/v1/access");
    });

    it("sets stage defaults for */*: logging, metrics, throttling, no data trace, nothing cached", () => {
      expect(s.json).toHaveResourceWithProperties(ApiGatewayMethodSettings, {
        method_path: "*/*",
        settings: {
          logging_level: "ERROR",
          data_trace_enabled: false,
          metrics_enabled: true,
          throttling_burst_limit: 1000,
          throttling_rate_limit: 500,
          caching_enabled: false,
        },
      });
    });

    it("adds one method settings resource per override, with the override's values", () => {
      const byPath = Object.fromEntries(all(s, "aws_api_gateway_method_settings").map((m) => [m.method_path, m.settings]));
      // JSON Pointer method paths (terraform-provider-aws #9738): unescaped, AWS files them under keys no method has.
      expect(Object.keys(byPath).sort()).toEqual(["*/*", "~1health/GET", "~1orders/POST", "~1orders~1{orderId}/GET"]);
      expect(byPath["~1orders/POST"]).toMatchObject({ throttling_burst_limit: 200, throttling_rate_limit: 100, logging_level: "ERROR" });
      expect(byPath["~1health/GET"]).toMatchObject({ logging_level: "ERROR", metrics_enabled: false });
      expect(byPath["~1orders~1{orderId}/GET"]).toMatchObject({
        caching_enabled: true,
        cache_ttl_in_seconds: 60,
        cache_data_encrypted: true,
        require_authorization_for_cache_control: true,
      });
      expect(byPath["~1orders/POST"].caching_enabled).toBe(false);
    });
  });

  describe("GIVEN a development stage (INFO, data trace, no cache)", () => {
    const s = synth((scope) => stageIn(scope, verboseStage));

    it("logs at INFO with data trace and no cache settings", () => {
      const settings = only(s, "aws_api_gateway_method_settings").settings;
      expect(settings).toMatchObject({ logging_level: "INFO", data_trace_enabled: true, caching_enabled: false });
      expect(settings.cache_ttl_in_seconds).toBeUndefined();
      expect(only(s, "aws_api_gateway_stage").cache_cluster_size).toBeUndefined();
    });

    it("leaves log groups destroyable", () => {
      for (const group of all(s, "aws_cloudwatch_log_group")) expect(group.lifecycle).toBeUndefined();
    });
  });

  it("GIVEN a cache TTL over one hour THEN it throws, naming the stage and the prop (API Gateway Developer Guide, cache settings: the maximum TTL is 3600 seconds)", () => {
    const tooLong = { ...cachedStage, caching: { ...cachedStage.caching, ttlSeconds: 3601 } };
    expect(() => Testing.synthScope((scope) => stageIn(scope, tooLong))).toThrow("ApiStage v1: stage.caching.ttlSeconds = 3601 is out of range. Allowed: a whole number from 0 to 3600");
  });

  it("method paths are JSON Pointer tokens of the resource path (terraform-provider-aws #9738)", () => {
    expect(methodPath({ httpMethod: "GET", resourcePath: "/orders/{orderId}" })).toBe("~1orders~1{orderId}/GET");
  });
});
