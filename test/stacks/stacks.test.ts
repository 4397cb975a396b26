/**
 * The whole app's wiring: the checks that hold for any registry (test/support/checks/stack-wiring.ts, also run
 * on a registry with an extra environment), and what differs between the shipped environments.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { buildStacks } from "../../stacks/app";
import { describeStackWiring } from "../support/checks/stack-wiring";
import { synthesizeRegistry } from "../support/registry";

function parsed(stack: Parameters<typeof Testing.synth>[0]): any {
  return JSON.parse(Testing.synth(stack));
}

describeStackWiring(ENVIRONMENTS);

describe("stacks", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);

  it("every provider is pinned to its account and region and tags everything", () => {
    const [dev, prod] = ["dev", "prod"].map(app.json);
    expect(dev.provider.aws[0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: ["111111111111"] });
    expect(prod.provider.aws[0]).toMatchObject({ allowed_account_ids: ["222222222222"] });
    expect(prod.provider.aws[0].default_tags[0].tags).toMatchObject({ environment: "prod", service: "orders-api", owner: "platform-team", "managed-by": "cdktf" });
  });

  it("without a stateBackend, keeps local state in the project root, by a path relative to the stack's folder", () => {
    const local = buildStacks(Testing.app(), loadEnvironments([{ ...ENVIRONMENTS.dev, stateBackend: undefined }]));
    expect(parsed(local.environments[0]).terraform.backend).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
  });

  it("differs per environment where the config does", () => {
    const [dev, staging, prod] = ["dev", "staging", "prod"].map(app.json);
    const stageNames = (s: any) => Object.values(s.resource.aws_api_gateway_stage).map((x: any) => x.stage_name).sort();
    expect(stageNames(dev)).toEqual(["dev"]);
    expect(stageNames(staging)).toEqual(["v1", "v1-qa"]);
    expect(stageNames(prod)).toEqual(["v1", "v2"]);
    const retention = (s: any) => new Set(Object.values(s.resource.aws_cloudwatch_log_group).map((g: any) => g.retention_in_days));
    expect(retention(dev)).toEqual(new Set([14]));
    expect(retention(prod)).toEqual(new Set([365]));
    const protectedGroups = (s: any) => Object.values(s.resource.aws_cloudwatch_log_group).filter((g: any) => g.lifecycle?.prevent_destroy);
    expect(protectedGroups(dev)).toHaveLength(0);
    // Per stage: access and execution logs, and the archive stream's Firehose error log; the WAF log and its stream's error log.
    expect(protectedGroups(prod)).toHaveLength(8);
  });

  it("names resources in snake_case by what they are, without hash suffixes (stacks/logical-names.ts)", () => {
    const dev = app.json("dev");
    expect(Object.keys(dev.resource.aws_api_gateway_stage)).toEqual(["stage_dev"]);
    expect(Object.keys(dev.resource.aws_kms_key).sort()).toEqual(["archive", "observability"]);
    expect(Object.keys(dev.resource.aws_cloudwatch_log_group).sort()).toEqual(["stage_dev_access_logs", "stage_dev_archive_error_logs", "stage_dev_execution_logs"]);
  });

  it("encrypts every log group and the alarm topic of prod with its own key", () => {
    const prod = app.json("prod");
    for (const group of Object.values(prod.resource.aws_cloudwatch_log_group) as any[]) {
      expect(group.kms_key_id).toBe("${aws_kms_key.observability.arn}");
    }
    expect(Object.values(prod.resource.aws_sns_topic)).toEqual([expect.objectContaining({ name: "orders-api-prod-alarms", kms_master_key_id: "${aws_kms_key.observability.arn}" })]);
  });
});

describe("observability per environment", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);
  const [dev, staging, prod] = ["dev", "staging", "prod"].map(app.json);
  const alarmNames = (s: any) => Object.values(s.resource.aws_cloudwatch_metric_alarm).map((a: any) => a.alarm_name).sort();

  it("alarms differ where the config does: low traffic only in prod, no 4xx paging in dev", () => {
    expect(alarmNames(prod)).toEqual(expect.arrayContaining(["orders-api-prod-v1-low-traffic", "orders-api-prod-v2-low-traffic"]));
    expect(alarmNames(staging).filter((n) => n.endsWith("low-traffic"))).toEqual([]);
    expect(alarmNames(dev)).toEqual([
      "orders-api-dev-archive-dev-delivery-failed",
      "orders-api-dev-archive-dev-delivery-late",
      "orders-api-dev-dev-5xx-count",
      "orders-api-dev-dev-5xx-rate",
      "orders-api-dev-dev-integration-latency-p90",
      "orders-api-dev-dev-latency-p90",
    ]);
  });

  it("counts 5xx, 4xx and 429 from every stage's access log group", () => {
    const filters = Object.values(prod.resource.aws_cloudwatch_log_metric_filter) as any[];
    expect(filters.map((f) => f.log_group_name).sort()).toEqual([
      "${aws_cloudwatch_log_group.stage_v1_access_logs.name}",
      "${aws_cloudwatch_log_group.stage_v1_access_logs.name}",
      "${aws_cloudwatch_log_group.stage_v1_access_logs.name}",
      "${aws_cloudwatch_log_group.stage_v2_access_logs.name}",
      "${aws_cloudwatch_log_group.stage_v2_access_logs.name}",
      "${aws_cloudwatch_log_group.stage_v2_access_logs.name}",
    ]);
  });

  it("samples traces more in dev than in prod, one rule per traced stage scoped to it", () => {
    const rules = (s: any) => Object.values(s.resource.aws_xray_sampling_rule) as any[];
    expect(rules(dev).map((r) => r.fixed_rate)).toEqual([0.5]);
    expect(rules(prod).map((r) => [r.service_name, r.fixed_rate])).toEqual([["orders-api-prod/v1", 0.01], ["orders-api-prod/v2", 0.01]]);
    expect(rules(prod)[0].resource_arn).toBe("${aws_api_gateway_stage.stage_v1.arn}");
  });

  it("saves the Logs Insights queries once per environment", () => {
    // top_clients: usage plans cover staging's stages; canary_vs_base: a stage has a canary.
    expect(Object.keys(staging.resource.aws_cloudwatch_query_definition).sort()).toEqual(["canary_vs_base", "errors_by_route", "one_request", "slowest_requests", "top_callers", "top_clients"]);
  });
});
