/**
 * The usage plan and API key constructs, the saved query of the API's clients and the dashboard row built from
 * it: GIVEN plans and keys as the stacks pass them, THEN the resources carry them, reference the stages and
 * keys they need, and never hold a key value; GIVEN what AWS would refuse at apply, THEN the construct throws,
 * naming it.
 */
import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";
import { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { ApiGatewayUsagePlanKey } from "@cdktf/provider-aws/lib/api-gateway-usage-plan-key";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { accessLogFields } from "../../modules/access-log-format";
import { apiClientsSection } from "../../modules/api-clients-dashboard";
import { ApiKeys, type ApiKeySettings } from "../../modules/api-keys";
import { ApiStage } from "../../modules/api-stage";
import { logQuery, queryString } from "../../modules/log-queries";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { SavedQueries } from "../../modules/saved-queries";
import { UsagePlans, type UsagePlanSettings } from "../../modules/usage-plans";
import { ORDERS_DEFINITION_FILE } from "../support/definition-file";
import { plainStage } from "../support/stage-settings";
import { all, synth } from "../support/synth";

const LOGS = { retentionInDays: 30, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" };

/** An API with stages v1 and v2, and plans and keys on it. */
function build(scope: Construct, plans: readonly UsagePlanSettings[], keys: readonly ApiKeySettings[] = []): { plans: UsagePlans; keys: ApiKeys } {
  const api = new OpenApiRestApi(scope, "api", { name: "orders-api-test", definitionFile: ORDERS_DEFINITION_FILE });
  const stages = ["v1", "v2"].map((name) => new ApiStage(scope, `stage-${name}`, { api, stage: { ...plainStage, name }, logs: LOGS }));
  const usagePlans = new UsagePlans(scope, "usage-plans", { api, stages, namePrefix: "orders-api-test", plans });
  return { plans: usagePlans, keys: new ApiKeys(scope, "api-keys", { namePrefix: "orders-api-test", keys, usagePlans }) };
}

const PARTNERS: UsagePlanSettings = {
  name: "partners",
  throttling: { burstLimit: 100, rateLimit: 50 },
  quota: { limit: 1_000_000, period: "MONTH", offset: 0 },
  methodThrottling: [{ httpMethod: "POST", resourcePath: "/orders", throttling: { burstLimit: 20, rateLimit: 10 } }],
};

describe("UsagePlans", () => {
  describe("GIVEN a plan on every stage with a quota and a method throttle", () => {
    const s = synth((scope) => build(scope, [PARTNERS]));
    const plan = all(s, "aws_api_gateway_usage_plan")[0];

    it("THEN it is named after the environment, throttles and meters each key", () => {
      expect(s.json).toHaveResourceWithProperties(ApiGatewayUsagePlan, {
        name: "orders-api-test-partners",
        description: "partners usage plan of orders-api-test",
        throttle_settings: { burst_limit: 100, rate_limit: 50 },
        quota_settings: { limit: 1_000_000, period: "MONTH", offset: 0 },
      });
    });

    it("THEN it covers both stages through their stage resources' stage_name (so Terraform creates the stages first)", () => {
      expect(plan.api_stages.map((stage: any) => stage.stage)).toEqual([
        expect.stringMatching(/^\$\{aws_api_gateway_stage\.stage-v1_stage_[0-9A-F]+\.stage_name\}$/),
        expect.stringMatching(/^\$\{aws_api_gateway_stage\.stage-v2_stage_[0-9A-F]+\.stage_name\}$/),
      ]);
      expect(plan.api_stages.map((stage: any) => stage.api_id)).toEqual([expect.stringMatching(/^\$\{aws_api_gateway_rest_api\..+\.id\}$/), expect.stringMatching(/^\$\{aws_api_gateway_rest_api\..+\.id\}$/)]);
    });

    it("THEN the method throttle is keyed /<resource path>/<METHOD> on each stage, not as a JSON Pointer (no ~1)", () => {
      for (const stage of plan.api_stages) expect(stage.throttle).toEqual([{ path: "/orders/POST", burst_limit: 20, rate_limit: 10 }]);
    });
  });

  it("GIVEN a plan on v1 and a throttle on some of its stages THEN only v1 is covered; GIVEN no quota and no throttles THEN none are written", () => {
    const s = synth((scope) => build(scope, [{ name: "v1-only", stages: ["v1"], throttling: { burstLimit: 10, rateLimit: 5 }, description: "First stage only" }]));
    const [plan] = all(s, "aws_api_gateway_usage_plan");
    expect(plan.api_stages).toEqual([{ api_id: expect.any(String), stage: expect.stringContaining("stage-v1") }]);
    expect(plan.quota_settings).toBeUndefined();
    expect(plan.description).toBe("First stage only");
  });

  it("GIVEN a method throttle limited to v2 THEN v1's api stage has none", () => {
    const s = synth((scope) => build(scope, [{ ...PARTNERS, methodThrottling: [{ ...PARTNERS.methodThrottling![0], stages: ["v2"] }] }]));
    const [plan] = all(s, "aws_api_gateway_usage_plan");
    expect(plan.api_stages.map((stage: any) => stage.throttle)).toEqual([undefined, [{ path: "/orders/POST", burst_limit: 20, rate_limit: 10 }]]);
  });

  it.each([
    [{ name: "p", stages: ["v3"] }, 'UsagePlans orders-api-test-p: stages = "v3" is not a stage of the API. Allowed: v1, v2'],
    [{ name: "p", quota: { limit: 10, period: "DAY", offset: 2 } }, 'UsagePlans orders-api-test-p: quota.offset = 2 is not an offset of a DAY quota. Allowed: 0 (a DAY quota has no offset)'],
    [{ name: "p", quota: { limit: 0, period: "WEEK", offset: 0 } }, "UsagePlans orders-api-test-p: quota.limit = 0 is out of range. Allowed: a whole number from 1 to 2147483647"],
    [{ name: "p", throttling: { burstLimit: 6000, rateLimit: 1 } }, "UsagePlans orders-api-test-p: throttling.burstLimit = 6000 is out of range. Allowed: a whole number from 0 to 5000"],
    [
      { name: "p", methodThrottling: PARTNERS.methodThrottling },
      'UsagePlans orders-api-test-p: methodThrottling = ["/orders/POST"] needs the plan\'s own throttling (API Gateway: "Can not define fine grain throttling if usage plan throttle is not defined"). Allowed: throttling on the plan, or no method throttles',
    ],
    [
      { ...PARTNERS, stages: ["v1"], methodThrottling: [{ ...PARTNERS.methodThrottling![0], stages: ["v2"] }] },
      'UsagePlans orders-api-test-partners: methodThrottling[0].stages = "v2" is not a stage of the plan. Allowed: v1',
    ],
  ] as [UsagePlanSettings, string][])("GIVEN %j THEN the construct throws what AWS would refuse at apply", (plan, message) => {
    expect(() => Testing.synthScope((scope) => build(scope, [plan]))).toThrow(message);
  });

  it("GIVEN two plans of one name THEN it throws", () => {
    expect(() => Testing.synthScope((scope) => build(scope, [PARTNERS, PARTNERS]))).toThrow('UsagePlans orders-api-test-partners: name = "partners" is used by another plan. Allowed: a unique name per plan');
  });
});

describe("ApiKeys", () => {
  const GOLD: UsagePlanSettings = { name: "gold", stages: ["v2"] };

  describe("GIVEN a generated key in two plans, a suspended key from a variable and one from SSM", () => {
    const s = synth((scope) =>
      build(scope, [{ ...PARTNERS, stages: ["v1"] }, GOLD], [
        { name: "acme", plans: ["partners", "gold"], description: "Acme, partner" },
        { name: "beta", plans: ["gold"], enabled: false, value: { variable: "orders_beta_api_key" } },
        { name: "gamma", plans: ["partners"], value: { ssmParameter: "/orders/api-keys/gamma" } },
      ]),
    );
    const keys = Object.fromEntries(all(s, "aws_api_gateway_api_key").map((k) => [k.name, k]));

    it("THEN AWS generates acme's value: no value attribute at all", () => {
      expect(keys["orders-api-test-acme"]).toEqual({ name: "orders-api-test-acme", description: "Acme, partner", enabled: true });
    });

    it("THEN beta's value is a sensitive variable with no default and a length check, and the key is disabled", () => {
      expect(keys["orders-api-test-beta"]).toMatchObject({ enabled: false, value: "${var.orders_beta_api_key}" });
      const variable = JSON.parse(s.json).variable.orders_beta_api_key;
      expect(variable).toMatchObject({ type: "string", sensitive: true });
      expect(variable.default).toBeUndefined();
      expect(variable.validation).toEqual([
        { condition: "${((length(var.orders_beta_api_key) >= 20) && (length(var.orders_beta_api_key) <= 128))}", error_message: "Set TF_VAR_orders_beta_api_key to the API key's value: 20 to 128 characters." },
      ]);
    });

    it("THEN gamma's value is read from its SecureString, decrypted", () => {
      expect(keys["orders-api-test-gamma"].value).toMatch(/^\$\{data\.aws_ssm_parameter\..*gamma-value.*\.value\}$/);
      expect(Object.values(s.data.aws_ssm_parameter)).toEqual([{ name: "/orders/api-keys/gamma", with_decryption: true }]);
    });

    it("THEN each key-plan link references the key and the plan", () => {
      const links = all(s, "aws_api_gateway_usage_plan_key");
      expect(links).toHaveLength(4);
      expect(s.json).toHaveResourceWithProperties(ApiGatewayUsagePlanKey, {
        key_id: expect.stringMatching(/^\$\{aws_api_gateway_api_key\.api-keys_acme_.+\.id\}$/),
        key_type: "API_KEY",
        usage_plan_id: expect.stringMatching(/^\$\{aws_api_gateway_usage_plan\.usage-plans_gold_.+\.id\}$/),
      });
    });

    it("THEN no key value is written into the configuration", () => {
      expect(JSON.stringify(all(s, "aws_api_gateway_api_key").map((k) => k.value))).not.toMatch(/"[A-Za-z0-9]{20,}"/);
      expect(s.json).toHaveResource(ApiGatewayApiKey);
    });
  });

  it.each([
    [[{ name: "a", plans: ["nope"] }], "ApiKeys orders-api-test-a: plans nope do not exist. Allowed: partners"],
    [[{ name: "a", plans: [] }], "ApiKeys orders-api-test-a: plans = [] names no usage plan, so the key may call nothing. Allowed: at least one plan of partners"],
    [[{ name: "a", plans: ["partners"] }, { name: "a", plans: ["partners"] }], 'ApiKeys orders-api-test-a: name = "a" is used by another key. Allowed: a unique name per key'],
    [
      [{ name: "a", plans: ["partners"], value: { variable: "k" } }, { name: "b", plans: ["partners"], value: { variable: "k" } }],
      'ApiKeys orders-api-test-b: value = variable k is also the value of key a; API Gateway refuses a second key with one value (409 "API Key already exists"). Allowed: a secret per key',
    ],
    [[{ name: "k".repeat(1010), plans: ["partners"] }], `ApiKeys orders-api-test-${"k".repeat(1010)}: name is 1026 characters long. Allowed: at most 1024 (CreateApiKey)`],
  ] as [ApiKeySettings[], string][])("GIVEN keys %# THEN the construct throws", (keys, message) => {
    expect(() => Testing.synthScope((scope) => build(scope, [PARTNERS], keys))).toThrow(message);
  });
});

describe("the API's clients in the saved queries and on the dashboard", () => {
  const groups = ["/apigateway/orders-api-prod/v1/access", "/apigateway/orders-api-prod/v2/access"];

  it("GIVEN keyed stages THEN the top-clients query reads their access logs only, grouped by apiKeyId with their 429s", () => {
    const s = synth((scope) => new SavedQueries(scope, "queries", { apiName: "orders-api-prod", accessLogGroupNames: groups, executionLogGroupNames: ["x"], keyedAccessLogGroupNames: [groups[1]] }));
    const query = all(s, "aws_cloudwatch_query_definition").find((q) => q.name === "orders-api-prod/top-clients");
    expect(query.log_group_names).toEqual([groups[1]]);
    expect(query.query_string).toContain("by apiKeyId, stage");
    expect(query.query_string).toContain("parse status /^(?<limited>429)$/");
  });

  it("GIVEN no keyed stage THEN there is no top-clients query and no clients row", () => {
    const s = synth((scope) => new SavedQueries(scope, "queries", { apiName: "a", accessLogGroupNames: groups, executionLogGroupNames: [] }));
    expect(all(s, "aws_cloudwatch_query_definition").map((q) => q.name)).not.toContain("a/top-clients");
    expect(apiClientsSection("eu-west-1", [])).toEqual([]);
  });

  it("GIVEN the query THEN it reads only fields the access log writes (apiKeyId among them: the key's id, never its value)", () => {
    const fields = Object.keys(accessLogFields());
    expect(fields).toContain("apiKeyId");
    expect(accessLogFields().apiKeyId).toBe("$context.identity.apiKeyId");
    const read = logQuery("top-clients").commands[0].replace(/^fields /, "").split(", ");
    for (const field of read) expect(fields).toContain(field);
  });

  it("GIVEN keyed stages THEN the dashboard row is one log widget over their access logs", () => {
    const [section] = apiClientsSection("eu-west-1", groups.map((accessLogGroupName, i) => ({ stageName: `v${i + 1}`, accessLogGroupName })));
    expect(section.title).toBe("API clients");
    expect(section.widgets).toEqual([
      expect.objectContaining({ type: "log", properties: expect.objectContaining({ query: queryString(logQuery("top-clients"), groups), region: "eu-west-1", title: expect.stringContaining("stages v1, v2") }) }),
    ]);
  });

  it("GIVEN more keyed stages than one Logs Insights query reads (50 log groups, StartQuery) THEN the row has a widget per run of them", () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ stageName: `s${i}`, accessLogGroupName: `/apigateway/a/s${i}/access` }));
    const [section] = apiClientsSection("eu-west-1", many);
    expect(section.widgets.map((w: any) => (w.properties.query.match(/SOURCE '/g) ?? []).length)).toEqual([50, 1]);
  });
});
