/**
 * Usage plans and API keys: what `validate` and `plan` accept and `apply` (or the running API) refuses. Each test
 * names its source. The shipped stacks, and the extra environment whose key value comes from a variable, are
 * synthesized once; every emitted plan, key and link is checked against the AWS rule, and the guard or config
 * rule that enforces it is shown refusing a value that breaks it.
 */
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { loadEnvironments } from "../../environments";
import { apiOperations, loadApiDefinition } from "../../environments/openapi";
import { ORDERS_API } from "../../environments/sample-api";
import type { EnvironmentInput } from "../../environments/types";
import { ACCOUNT_THROTTLE, API_KEY_VALUE_LENGTH, MAX_API_KEY_NAME_LENGTH, QUOTA_OFFSET_MAX, QUOTA_PERIODS, USAGE_PLAN_QUOTAS, usagePlanThrottlePath } from "../../aws/usage-plans";
import { methodPath } from "../../modules/api-stage";
import { buildStacks } from "../../stacks/app";
import { ACCOUNT_THROTTLE_QUOTA, API_KEY_RULES, QUOTA_OFFSET_RANGES_PROVIDER_CHECKS, QUOTA_PERIODS_API_GATEWAY_ACCEPTS, USAGE_PLAN_QUOTAS_API_GATEWAY } from "../support/aws-facts";
import { rejectionOf, withEnv } from "../support/environments";
import { WITH_EXTRA_ENVIRONMENT } from "../support/extra-environment";

const envs = loadEnvironments(Object.values(WITH_EXTRA_ENVIRONMENT));
const stacks = buildStacks(Testing.app(), envs);
const emitted = stacks.environments.map((stack) => ({ stack: stack.node.id, json: JSON.parse(Testing.synth(stack)) }));
const resources = (type: string) => emitted.flatMap(({ stack, json }) => Object.entries<any>(json.resource?.[type] ?? {}).map(([id, r]) => ({ stack, id, ...r })));
const plans = resources("aws_api_gateway_usage_plan");
const keys = resources("aws_api_gateway_api_key");
const links = resources("aws_api_gateway_usage_plan_key");
/** `${aws_api_gateway_usage_plan.partners.id}` -> `partners` */
const target = (reference: string) => /^\$\{[a-z_]+\.([^.]+)\.id\}$/.exec(reference)?.[1];

describe("the facts, as the code has them", () => {
  it("match the documentation and the provider (test/support/aws-facts.ts)", () => {
    expect([...QUOTA_PERIODS]).toEqual(QUOTA_PERIODS_API_GATEWAY_ACCEPTS);
    expect(Object.fromEntries(QUOTA_PERIODS.map((p) => [p, [0, QUOTA_OFFSET_MAX[p]]]))).toEqual(QUOTA_OFFSET_RANGES_PROVIDER_CHECKS);
    expect({ ...API_KEY_VALUE_LENGTH }).toEqual(API_KEY_RULES.valueLength);
    expect(MAX_API_KEY_NAME_LENGTH).toBe(API_KEY_RULES.maxNameLength);
    expect({ ...USAGE_PLAN_QUOTAS }).toEqual(USAGE_PLAN_QUOTAS_API_GATEWAY);
    expect({ ...ACCOUNT_THROTTLE }).toEqual(ACCOUNT_THROTTLE_QUOTA);
  });

  it("the shipped environments have usage plans and keys to check (prod among them)", () => {
    expect(plans.map((p) => p.stack)).toContain("prod");
    expect(keys.map((k) => k.stack)).toContain("prod");
  });
});

// terraform-provider-aws `validUsagePlanQuotaSettings` runs in the resource's Create and Update, not at plan: a
// WEEK quota with offset 7 plans clean and fails the apply ("Usage Plan quota offset must be between 0 and 6").
describe("quota offset within its period (terraform-provider-aws validUsagePlanQuotaSettings, at apply)", () => {
  it("every emitted quota's offset is in its period's range, its limit at least 1", () => {
    for (const plan of plans.filter((p) => p.quota_settings)) {
      const [min, max] = QUOTA_OFFSET_RANGES_PROVIDER_CHECKS[plan.quota_settings.period];
      expect([plan.id, plan.quota_settings.offset >= min && plan.quota_settings.offset <= max, plan.quota_settings.limit >= 1]).toEqual([plan.id, true, true]);
    }
  });

  it.each(Object.entries(QUOTA_OFFSET_RANGES_PROVIDER_CHECKS))("GIVEN a %s quota THEN its last valid offset loads and the next is refused", (period, [, max]) => {
    const plan = (offset: number) => withEnv("dev", { usagePlans: [{ name: "developers", quota: { limit: 10, period, offset } }] });
    expect(() => loadEnvironments([plan(max)])).not.toThrow();
    expect(rejectionOf(plan(max + 1))).toContain(`usagePlans[0].quota.offset = ${max + 1}: is not an offset of a ${period} quota`);
  });
});

// CreateApiKey (Developer Guide, "Usage plans and API keys"): a value is 20 to 128 characters; the provider refuses
// another length. A value from a variable is only known when Terraform runs, so the variable checks it itself.
describe("API key values: never in the HCL, 20 to 128 characters, each key its own (Developer Guide; terraform-provider-aws#17130)", () => {
  it("no emitted key has a literal value: AWS generates it, or it is a variable or an SSM reference", () => {
    for (const key of keys) expect([key.id, key.value === undefined || /^\$\{(var|data\.aws_ssm_parameter)\.[^}]+\}$/.test(key.value)]).toEqual([key.id, true]);
  });

  it("a key's variable is sensitive, without default, and its validation holds the documented length", () => {
    const variables = emitted.flatMap(({ json }) => Object.entries<any>(json.variable ?? {})).filter(([, v]) => /API key/.test(v.description ?? ""));
    expect(variables.map(([name]) => name)).toEqual(["extra_qa_suite_api_key"]);
    for (const [name, v] of variables) {
      expect(v).toMatchObject({ type: "string", sensitive: true });
      expect(v.default).toBeUndefined();
      expect(v.validation[0].condition).toBe(`\${((length(var.${name}) >= ${API_KEY_RULES.valueLength.min}) && (length(var.${name}) <= ${API_KEY_RULES.valueLength.max}))}`);
    }
  });

  it("no two emitted keys of a stack read the same secret (\"API Key already exists\", 409)", () => {
    for (const { stack } of emitted) {
      const values = keys.filter((k) => k.stack === stack && k.value !== undefined).map((k) => k.value);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it("names fit CreateApiKey's 1024 characters", () => {
    for (const key of keys) expect(key.name.length).toBeLessThanOrEqual(API_KEY_RULES.maxNameLength);
  });
});

// CloudFormation AWS::ApiGateway::UsagePlan ApiStage, `Throttle`: "The key for the map is the path and method ... for
// example, '/pets/GET'"; the provider's `api_stages.throttle.path` ("for example /test/GET"), as aws-cdk's
// renderThrottlePerMethod writes it (`//GET` for the root). Not the JSON Pointer of method settings
// (terraform-provider-aws#9738): an unknown method fails the apply ("Invalid method", aws/aws-cdk#15426).
describe("per-method throttle paths: /<resource path>/<METHOD> of a route the stage has", () => {
  it("every emitted throttle path is a route of the API written out, never escaped", () => {
    const routes = apiOperations(loadApiDefinition(ORDERS_API.definitionFile).document!).map(usagePlanThrottlePath);
    const paths = plans.flatMap((p) => p.api_stages.flatMap((s: any) => (s.throttle ?? []).map((t: any) => t.path)));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p).toMatch(/^\/[^~]*\/[A-Z]+$/);
      expect(routes).toContain(p);
    }
  });

  it("the builder: /orders/POST, the root //GET, and unlike methodPath no ~1", () => {
    expect(usagePlanThrottlePath({ httpMethod: "POST", resourcePath: "/orders" })).toBe("/orders/POST");
    expect(usagePlanThrottlePath({ httpMethod: "GET", resourcePath: "/" })).toBe("//GET");
    expect(usagePlanThrottlePath({ httpMethod: "DELETE", resourcePath: "/orders/{orderId}" })).not.toBe(methodPath({ httpMethod: "DELETE", resourcePath: "/orders/{orderId}" }));
  });

  // aws/aws-cdk#6411: "Can not define fine grain throttling if usage plan throttle is not defined."
  it("a plan with method throttles has a throttle of its own", () => {
    for (const plan of plans.filter((p) => p.api_stages.some((s: any) => s.throttle))) expect([plan.id, plan.throttle_settings]).toEqual([plan.id, expect.objectContaining({ burst_limit: expect.any(Number) })]);
  });
});

// CreateUsagePlan refuses a stage that does not exist yet: "Invalid API Stage {api: ..., stage: ...} specified for
// usageplan" (aws/aws-cdk#6169; aws/serverless-application-model#32: "Your UsagePlan was being created before the
// Stage resource"). A reference to the stage resource's stage_name orders it (terraform-provider-aws#29913 corrected
// the provider's example to exactly that).
describe("a usage plan is created after the stages it covers", () => {
  it("every emitted api stage references an aws_api_gateway_stage's stage_name and the REST API's id", () => {
    const apiStages = plans.flatMap((p) => p.api_stages);
    expect(apiStages.length).toBeGreaterThan(0);
    for (const s of apiStages) {
      expect(s.stage).toMatch(/^\$\{aws_api_gateway_stage\.[a-z0-9_]+\.stage_name\}$/);
      expect(s.api_id).toBe("${aws_api_gateway_rest_api.this.id}");
    }
  });
});

// Developer Guide, "Usage plans and API keys": "a given API key can only be associated with one usage plan for each
// stage of your API"; CreateUsagePlanKey refuses the second plan half-way through the apply.
describe("a key in at most one usage plan per stage", () => {
  it("every emitted key's plans cover disjoint stages", () => {
    for (const key of keys) {
      const keyLinks = links.filter((l) => l.stack === key.stack && target(l.key_id) === key.id);
      const stagesOf = (planId: string) => plans.find((p) => p.stack === key.stack && p.id === planId)!.api_stages.map((s: any) => s.stage);
      const stages = keyLinks.flatMap((l) => stagesOf(target(l.usage_plan_id)!));
      expect([key.id, stages.length]).toEqual([key.id, new Set(stages).size]);
    }
  });

  it("the config rule refuses a key in two plans of one stage", () => {
    const env = withEnv("dev", { usagePlans: [{ name: "developers" }, { name: "gold" }], apiKeys: [{ name: "k", plans: ["developers", "gold"] }] });
    expect(rejectionOf(env)).toContain('are usage plans that both cover stage "dev": API Gateway allows a key one usage plan per stage');
  });
});

// "Quotas for configuring and running a REST API in API Gateway".
describe("within API Gateway's quotas on plans and keys", () => {
  it("the emitted plans and keys of each account and region, and the plans of each key, are within them", () => {
    const byPlace = new Map<string, { plans: number; keys: number }>();
    for (const env of envs) {
      const place = `${env.account.id} ${env.region}`;
      const seen = byPlace.get(place) ?? { plans: 0, keys: 0 };
      byPlace.set(place, { plans: seen.plans + env.usagePlans.length, keys: seen.keys + env.apiKeys.length });
      for (const key of env.apiKeys) expect(key.plans.length).toBeLessThanOrEqual(USAGE_PLAN_QUOTAS_API_GATEWAY.usagePlansPerApiKey);
    }
    for (const counts of byPlace.values()) {
      expect(counts.plans).toBeLessThanOrEqual(USAGE_PLAN_QUOTAS_API_GATEWAY.usagePlansPerRegion);
      expect(counts.keys).toBeLessThanOrEqual(USAGE_PLAN_QUOTAS_API_GATEWAY.apiKeysPerRegion);
    }
  });

  it("emitted throttles are within the account's throttle quota", () => {
    const throttles = [...plans.map((p) => p.throttle_settings), ...plans.flatMap((p) => p.api_stages.flatMap((s: any) => s.throttle ?? []))].filter(Boolean);
    for (const t of throttles) {
      expect(t.rate_limit).toBeLessThanOrEqual(ACCOUNT_THROTTLE_QUOTA.rateLimit);
      expect(t.burst_limit).toBeLessThanOrEqual(ACCOUNT_THROTTLE_QUOTA.burstLimit);
    }
  });
});

// Developer Guide, "Configure a method to use API keys with an OpenAPI definition": an API key is accepted only
// through a usage plan of the stage; without one every call to a key-required route is refused (403), and plan
// and apply say nothing.
describe("every stage with key-required routes is covered by a usage plan", () => {
  it("every emitted stack's stages are each in a plan", () => {
    for (const { stack, json } of emitted) {
      const stageNames = Object.values<any>(json.resource.aws_api_gateway_stage).length;
      const covered = new Set(plans.filter((p) => p.stack === stack).flatMap((p) => p.api_stages.map((s: any) => s.stage)));
      expect([stack, covered.size]).toEqual([stack, stageNames]);
    }
  });
});

// The deploy and plan jobs must set TF_VAR_<name> for a key value named by variable, as for alarm URLs
// (test/workflows/secret-variables.test.ts), or the apply stops at "No value for required variable".
describe("key values named by variable reach the workflows", () => {
  it("every shipped key's variable is set from the secret <NAME> in the deploy and plan steps", () => {
    const shipped: EnvironmentInput[] = Object.entries(WITH_EXTRA_ENVIRONMENT).filter(([name]) => ["dev", "staging", "prod"].includes(name)).map(([, e]) => e);
    const named = loadEnvironments(shipped).flatMap((e) => e.apiKeys.flatMap((k) => (k.value && "variable" in k.value ? [k.value.variable] : [])));
    const root = path.join(__dirname, "..", "..");
    const step = (file: string, job: string, name: string) => parse(fs.readFileSync(path.join(root, file), "utf8")).jobs[job].steps.find((s: any) => s.name === name).env ?? {};
    for (const env of [step(".github/workflows/deploy-environment.yml", "deploy", "Deploy"), step(".github/workflows/pr.yml", "plan", "Plan")]) {
      for (const name of named) expect([name, env[`TF_VAR_${name}`]]).toEqual([name, `\${{ secrets.${name.toUpperCase()} }}`]);
    }
  });
});
