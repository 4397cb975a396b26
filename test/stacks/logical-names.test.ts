/**
 * The naming rule of the HCL's addresses (stacks/logical-names.ts): snake_case, named for what the thing is,
 * without what only repeats the resource type (HashiCorp's style guide: "Use underscores to separate multiple
 * words in names", "Do not include the resource type in the resource name"; tflint's terraform_naming_convention
 * defaults to snake_case), stable and unique.
 */
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import fc from "fast-check";
import { ENVIRONMENTS } from "../../environments";
import { LogicalNameConflictError, logicalName, repeatsType, snakeCase, typeWords } from "../../stacks/logical-names";
import { ReadableStack } from "../../stacks/readable-stack";
import { synthesizeRegistry } from "../support/registry";

describe("GIVEN construct ids", () => {
  it.each([
    ["access-logs", "access_logs"],
    ["GET_orders_orderId", "get_orders_order_id"],
    ["v1-qa", "v1_qa"],
    ["HTTPSEndpoint", "https_endpoint"],
    ["5xx-rate", "5xx_rate"],
    ["--a..b--", "a_b"],
  ])("THEN %p is %p in snake_case", (id, expected) => {
    expect(snakeCase(id)).toBe(expected);
  });

  it("THEN an id made only of the type's words, singular or plural, repeats the type", () => {
    const alarm = typeWords("aws_cloudwatch_metric_alarm");
    expect(alarm).toEqual(["cloudwatch", "metric", "alarm"]);
    expect(["alarm", "alarms", "metric_alarm"].map((id) => repeatsType(id, alarm))).toEqual([true, true, true]);
    expect(["alarms_v1", "access_logs", ""].map((id) => repeatsType(id, alarm))).toEqual([false, false, false]);
    expect(repeatsType("queries", typeWords("aws_cloudwatch_query_definition"))).toBe(true);
  });

  it.each([
    [["stage-v1", "access-logs", "log-group"], "aws_cloudwatch_log_group", "stage_v1_access_logs"],
    [["observability", "key"], "aws_kms_key", "observability"],
    [["archive", "Default", "alias"], "aws_kms_alias", "archive"],
    [["archive", "bucket", "policy-document"], "aws_iam_policy_document", "archive_bucket"],
    [["stage-v1", "alarms", "5xx-rate"], "aws_cloudwatch_metric_alarm", "stage_v1_5xx_rate"],
    [["stage-v1", "GET_orders_orderId"], "aws_api_gateway_method_settings", "stage_v1_get_orders_order_id"],
    [["queries", "errors-by-route"], "aws_cloudwatch_query_definition", "errors_by_route"],
    [["api", "rest-api"], "aws_api_gateway_rest_api", "this"],
    [["api", "dashboard", "2"], "aws_cloudwatch_dashboard", "api_2"],
    [["invoke-urls"], undefined, "invoke_urls"],
    [["2024"], undefined, "_2024"],
  ])("THEN %p of type %p is named %p", (ids, type, expected) => {
    expect(logicalName(ids, type)).toBe(expected);
  });

  it("THEN every name is a valid snake_case Terraform identifier, the same on every call", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(undefined, "aws_kms_key", "aws_cloudwatch_log_group"), (ids, type) => {
        const name = logicalName(ids, type);
        expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
        expect(logicalName([...ids], type)).toBe(name);
      }),
    );
  });
});

describe("GIVEN two constructs of one stack whose ids differ only in case", () => {
  it("THEN the synth fails naming both, instead of one overwriting the other", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new SnsTopic(stack, "alerts", { name: "a" });
    new SnsTopic(stack, "Alerts", { name: "b" });
    expect(() => Testing.synth(stack)).toThrow(LogicalNameConflictError);
    expect(() => Testing.synth(stack)).toThrow('Stack "s": the constructs s/alerts and s/Alerts would both be named aws_sns_topic.alerts');
  });
});

describe("GIVEN the shipped stacks", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);
  const blocks = (s: any) => [
    ...["resource", "data"].flatMap((kind) => Object.entries(s[kind] ?? {}).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => ({ kind, type, name })))),
    ...["output", "variable"].flatMap((kind) => Object.keys(s[kind] ?? {}).map((name) => ({ kind, type: "", name }))),
  ];

  it("THEN every resource, data source, output and variable has a snake_case name", () => {
    for (const stack of app.all) for (const b of blocks(app.json(stack.node.id))) expect([stack.node.id, b.kind, b.name]).toEqual([stack.node.id, b.kind, expect.stringMatching(/^[a-z][a-z0-9_]*$/)]);
  });

  it("THEN no resource or data source name ends with its type's last word (aws_kms_key.observability, not .observability_key)", () => {
    for (const stack of app.all) {
      for (const b of blocks(app.json(stack.node.id)).filter((x) => x.type !== "")) {
        const last = b.type.split("_").pop()!;
        expect([stack.node.id, `${b.type}.${b.name}`, b.name.endsWith(`_${last}`) || b.name === last]).toEqual([stack.node.id, `${b.type}.${b.name}`, false]);
      }
    }
  });
});
