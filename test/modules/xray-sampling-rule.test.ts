import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Testing } from "cdktf";
import { StageSamplingRule, type StageSamplingRuleProps } from "../../modules/xray-sampling-rule";
import { synth } from "../support/synth";

const base: StageSamplingRuleProps = {
  apiName: "orders-api-prod",
  stageName: "v1",
  stageArn: "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/v1",
  samplingRate: 0.01,
  reservoirSize: 1,
};

describe("StageSamplingRule", () => {
  it("samples only the API Gateway stage it is scoped to, at the configured rate and reservoir", () => {
    const s = synth((scope) => new StageSamplingRule(scope, "sampling", base));
    expect(s.json).toHaveResourceWithProperties(XraySamplingRule, {
      rule_name: "orders-api-prod-v1",
      service_name: "orders-api-prod/v1",
      service_type: "AWS::ApiGateway::Stage",
      resource_arn: "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/v1",
      fixed_rate: 0.01,
      reservoir_size: 1,
      priority: 1000,
      host: "*",
      http_method: "*",
      url_path: "*",
      version: 1,
    });
  });

  it.each([
    [{ stageName: "a-very-long-stage-name" }, "StageSamplingRule orders-api-prod-a-very-long-stage-name: rule name is 38 characters long. Allowed: at most 32"],
    [{ samplingRate: 5 }, "StageSamplingRule orders-api-prod-v1: samplingRate = 5 is out of range. Allowed: a number from 0 to 1"],
    [{ reservoirSize: 1.5 }, "StageSamplingRule orders-api-prod-v1: reservoirSize = 1.5 is invalid. Allowed: a whole number >= 0"],
    [{ priority: 0 }, "StageSamplingRule orders-api-prod-v1: priority = 0 is out of range. Allowed: a whole number from 1 to 9999"],
  ])("rejects %j", (change, message) => {
    expect(() => Testing.synthScope((scope) => new StageSamplingRule(scope, "s", { ...base, ...change }))).toThrow(message);
  });
});
