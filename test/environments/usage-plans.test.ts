/**
 * Usage plans and API keys across sections, and the API definition that says which routes need a key. GIVEN an
 * environment whose plans, keys, stages or definition file disagree, WHEN it is loaded, THEN one issue names the
 * environment, the field, the value and what is allowed, and nothing is synthesized.
 * Sources: Developer Guide, "Configure a method to use API keys with an OpenAPI definition" (a security
 * requirement on an `apiKey` scheme named x-api-key in the header imports as apiKeyRequired) and "Usage plans and
 * API keys for REST APIs in API Gateway" (a key in one usage plan per stage; key values unique); "Quotas for
 * configuring and running a REST API in API Gateway" (300 usage plans and 10,000 API keys per account and region,
 * 10 usage plans per API key); aws/aws-cdk#15426 (a throttle of a method the stage does not have fails the apply);
 * terraform-provider-aws#17130 (a second key with the same value: 409 "API Key already exists").
 */
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { apiKeySchemes, apiOperations, loadApiDefinition, type OpenApiDocument } from "../../environments/openapi";
import { USAGE_PLAN_RULES } from "../../environments/rules/usage-plans";
import type { Environment } from "../../environments/schema/environment";
import { ORDERS_API } from "../../environments/sample-api";
import type { EnvironmentInput } from "../../environments/types";
import { definitionFile, sampleDocument } from "../support/api-definition";
import { rejectionOf, withEnv } from "../support/environments";
import { undeclaredReads } from "./schema/rule-reads";

/** prod with its plans, keys and other fields replaced. */
const prod = (changes: Record<string, unknown>): EnvironmentInput => withEnv("prod", changes);
/** The one line of a rejection about `environment "<name>": <field> = `. */
const issueLines = (message: string) => message.split("\n").filter((line) => line.startsWith("  - "));
const PLAN = { name: "partners" };

describe("the sample API: which routes need an API key", () => {
  const operations = apiOperations(loadApiDefinition(ORDERS_API.definitionFile).document!);

  it("GIVEN api/orders.openapi.json THEN the writes require a key and the reads do not", () => {
    expect(operations.filter((op) => op.apiKeyRequired).map((op) => `${op.httpMethod} ${op.resourcePath}`)).toEqual(["POST /orders", "DELETE /orders/{orderId}"]);
    expect(operations.filter((op) => !op.apiKeyRequired).map((op) => `${op.httpMethod} ${op.resourcePath}`)).toEqual(["GET /health", "GET /orders", "GET /orders/{orderId}"]);
  });

  it("GIVEN the document THEN its api_key scheme is the x-api-key header and its key source is HEADER (RestApi.apiKeySource's default, written out)", () => {
    const doc = sampleDocument();
    expect(doc.components.securitySchemes.api_key).toEqual({ type: "apiKey", name: "x-api-key", in: "header" });
    expect(doc["x-amazon-apigateway-api-key-source"]).toBe("HEADER");
    expect(apiKeySchemes(doc)).toEqual(["api_key"]);
  });
});

describe("security requirements in a definition", () => {
  const op = (extra: object = {}) => ({ responses: {}, "x-amazon-apigateway-integration": { type: "mock" }, ...extra });
  const doc = (fields: object): OpenApiDocument => ({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths: { "/a": { get: op(), post: op({ security: [{ key: [] }] }) } }, ...fields });
  const keyScheme = { components: { securitySchemes: { key: { type: "apiKey", name: "X-API-Key", in: "header" } } } };

  it("GIVEN a document-wide requirement THEN every operation without its own needs a key; `security: []` opts one out", () => {
    const withDefault = { ...doc({ ...keyScheme, security: [{ key: [] }] }), paths: { "/a": { get: op(), put: op({ security: [] }) } } };
    expect(apiOperations(withDefault).map((o) => [o.httpMethod, o.apiKeyRequired])).toEqual([["GET", true], ["PUT", false]]);
  });

  it("GIVEN an apiKey scheme on another header, or no scheme at all THEN no operation needs an API Gateway key", () => {
    const otherHeader = { components: { securitySchemes: { key: { type: "apiKey", name: "Authorization", in: "header" } } } };
    expect(apiOperations(doc(otherHeader)).some((o) => o.apiKeyRequired)).toBe(false);
    expect(apiOperations(doc({})).some((o) => o.apiKeyRequired)).toBe(false);
    // The header name is matched as HTTP does: without regard to case.
    expect(apiOperations(doc(keyScheme)).map((o) => o.apiKeyRequired)).toEqual([false, true]);
  });

  it.each([
    [{}, 'has POST /a requiring the security scheme "key", which components.securitySchemes does not define'],
    [{ components: { securitySchemes: { key: { type: "apiKey", name: "x-api-key", in: "query" } } } }, 'has the security scheme "key" with "in": "query": API Gateway reads API keys from the x-api-key header only'],
    [{ ...keyScheme, "x-amazon-apigateway-api-key-source": "QUERY" }, 'has "x-amazon-apigateway-api-key-source" = "QUERY"'],
    [{ ...keyScheme, security: [{ missing: [] }] }, 'has the document requiring the security scheme "missing", which components.securitySchemes does not define'],
  ])("GIVEN %j THEN the definition file is rejected, before PutRestApi sees it", (fields, problem) => {
    const file = definitionFile(doc(fields));
    expect(rejectionOf(withEnv("dev", { api: { ...ENVIRONMENTS.dev.api, definitionFile: file } }))).toContain(problem);
  });
});

describe("a key-required route on a stage that no usage plan covers", () => {
  it("GIVEN prod without usage plans THEN its stages are named once, with the routes and how to cover them", () => {
    expect(issueLines(rejectionOf(prod({ usagePlans: [], apiKeys: [] })))).toEqual([
      '  - environment "prod": stages = ["v1","v2"]: have routes that require an API key in api/orders.openapi.json (POST /orders, DELETE /orders/{orderId}) and no usage plan covers them, so every call to those routes is refused (403). Allowed: a usagePlans entry that covers "v1", "v2" (a plan without stages covers every stage: usagePlans: [{ name: "clients" }]), or no "security": [{ "api_key": [] }] on those routes',
    ]);
  });

  it("GIVEN a plan on v1 only THEN v2 is the stage named", () => {
    expect(rejectionOf(prod({ usagePlans: [{ name: "partners", stages: ["v1"] }], apiKeys: [] }))).toContain('environment "prod": stages = ["v2"]: has routes that require an API key');
  });

  it("GIVEN a definition where no route requires a key THEN no plan is needed", () => {
    const doc = sampleDocument();
    for (const item of Object.values<any>(doc.paths)) for (const operation of Object.values<any>(item)) delete operation.security;
    const file = definitionFile(doc);
    expect(() => loadEnvironments([withEnv("dev", { api: { ...ENVIRONMENTS.dev.api, definitionFile: file }, usagePlans: [], apiKeys: [] })])).not.toThrow();
  });

  it("GIVEN plans that together cover every stage THEN the environment validates", () => {
    const plans = [{ name: "first", stages: ["v1"] }, { name: "second", stages: ["v2"] }];
    expect(loadEnvironments([prod({ usagePlans: plans, apiKeys: [{ name: "acme", plans: ["first", "second"] }] })])[0].usagePlans.map((p) => p.stages)).toEqual([["v1"], ["v2"]]);
  });
});

describe("plans, keys, stages and routes that must exist and agree", () => {
  it.each([
    ["two plans of one name", { usagePlans: [PLAN, PLAN], apiKeys: [] }, 'usagePlans[].name = "partners": is used by more than one usage plan. Allowed: a unique name per usage plan'],
    ["two keys of one name", { usagePlans: [PLAN], apiKeys: [{ name: "a", plans: ["partners"] }, { name: "a", plans: ["partners"] }] }, 'apiKeys[].name = "a": is used by more than one API key. Allowed: a unique name per API key'],
    ["a key in a plan that does not exist", { usagePlans: [PLAN], apiKeys: [{ name: "a", plans: ["gold"] }] }, 'apiKeys[0].plans[0] = "gold": is not a usage plan of the environment. Allowed: one of partners'],
    ["a plan on a stage that does not exist", { usagePlans: [PLAN, { name: "x", stages: ["v3"] }], apiKeys: [] }, 'usagePlans[1].stages[0] = "v3": is not a stage of the environment. Allowed: one of v1, v2, or no stages (every stage)'],
    [
      "a method throttle on a stage the plan does not cover",
      { usagePlans: [{ name: "p", stages: ["v1"], methodThrottling: [{ method: "POST /orders", stages: ["v2"] }] }, { name: "q", stages: ["v2"] }], apiKeys: [] },
      'usagePlans[0].methodThrottling[0].stages[0] = "v2": is not a stage of usage plan "p". Allowed: one of v1, or no stages (every stage of the plan)',
    ],
    [
      "a method throttle of a route the API does not have (aws/aws-cdk#15426: \"Invalid method\" at apply)",
      { usagePlans: [{ name: "p", methodThrottling: [{ method: "PATCH /orders" }] }], apiKeys: [] },
      'usagePlans[0].methodThrottling[0].method = "PATCH /orders": is not an operation of the API definition. Allowed: GET /health, GET /orders, POST /orders, GET /orders/{orderId}, DELETE /orders/{orderId}',
    ],
    [
      "a method throttle of a route that needs no key (no key's throttle ever applies)",
      { usagePlans: [{ name: "p", methodThrottling: [{ method: "GET /orders" }] }], apiKeys: [] },
      'usagePlans[0].methodThrottling[0].method = "GET /orders": does not require an API key in api/orders.openapi.json, so no key\'s throttle ever applies to it. Allowed: "security": [{ "api_key": [] }] on the operation in api/orders.openapi.json, or one of the routes that require a key: POST /orders, DELETE /orders/{orderId}',
    ],
    [
      "two throttles of one method that meet on a stage",
      { usagePlans: [{ name: "p", methodThrottling: [{ method: "POST /orders" }, { method: "post /orders", stages: ["v2"] }] }], apiKeys: [] },
      'usagePlans[0].methodThrottling = "POST /orders on stage v2": is throttled more than once. Allowed: one throttle per method and stage',
    ],
    [
      "a key in two plans that cover one stage (Developer Guide: one usage plan per stage and key)",
      { usagePlans: [PLAN, { name: "gold", stages: ["v2"] }], apiKeys: [{ name: "acme", plans: ["partners", "gold"] }] },
      'apiKeys[0].plans = ["partners","gold"]: are usage plans that both cover stage "v2": API Gateway allows a key one usage plan per stage. Allowed: plans of the key that cover different stages',
    ],
    [
      "two keys reading one secret (one value: 409 \"API Key already exists\", terraform-provider-aws#17130)",
      { usagePlans: [PLAN], apiKeys: [{ name: "a", plans: ["partners"], value: { ssmParameter: "/k" } }, { name: "b", plans: ["partners"], value: { ssmParameter: "/k" } }] },
      'apiKeys[1].value = {"ssmParameter":"/k"}: is also the value of API key "a": API Gateway refuses a second key with the same value (409 "API Key already exists"). Allowed: a secret of its own per key',
    ],
    [
      "a key value in the alarm subscriber's URL variable",
      { usagePlans: [PLAN], apiKeys: [{ name: "a", plans: ["partners"], value: { variable: "orders_pagerduty_url" } }] },
      'apiKeys[0].value = {"variable":"orders_pagerduty_url"}: is also the variable of an alarm subscriber\'s URL (notifications.httpsEndpoints). Allowed: a Terraform variable of its own for the key',
    ],
    [
      "links that make one Terraform address",
      { usagePlans: [{ name: "c", stages: ["v1"] }, { name: "b-c", stages: ["v2"] }], apiKeys: [{ name: "a-b", plans: ["c"] }, { name: "a", plans: ["b-c"] }] },
      'apiKeys = ["a-b in c","a in b-c"]: make the same Terraform address aws_api_gateway_usage_plan_key.a_b_c. Allowed: key and plan names that differ once joined with \'_\'',
    ],
  ])("GIVEN %s THEN one issue", (_case, changes, problem) => {
    const lines = issueLines(rejectionOf(prod(changes)));
    expect(lines).toEqual([`  - environment "prod": ${problem}`]);
  });

  it("GIVEN more plans per key than API Gateway's quota (10 usage plans per API key) THEN the key is named", () => {
    const stages = Array.from({ length: 11 }, (_, i) => ({ name: `s${i}` }));
    const plans = stages.map((s) => ({ name: `p${s.name}`, stages: [s.name] }));
    const message = rejectionOf(withEnv("dev", { stages, quotas: { stagesPerApi: 11 }, usagePlans: plans, apiKeys: [{ name: "k", plans: plans.map((p) => p.name) }] }));
    expect(issueLines(message)).toEqual([expect.stringContaining('environment "dev": apiKeys[0].plans = ["ps0","ps1",'), ]);
    expect(message).toContain('puts the key in 11 usage plans (quota "Usage plans per API key": 10). Allowed: at most 10, or a raised quota');
  });

  it("GIVEN more usage plans than API Gateway allows per account and region (300) THEN the environment is told", () => {
    const plans = Array.from({ length: 301 }, (_, i) => ({ name: `p${i}` }));
    expect(rejectionOf(withEnv("dev", { usagePlans: plans, apiKeys: [] }))).toContain(
      'usagePlans = "301 usage plans": are more than the 300 API Gateway allows per account and region (quota "Usage plans per account per Region"). Allowed: at most 300, or a raised quota',
    );
  });

  it("GIVEN every usage plan rule THEN it reads only the fields it declares (it runs only once those parsed)", () => {
    const env = loadEnvironments([
      prod({
        usagePlans: [{ name: "partners", methodThrottling: [{ method: "POST /orders" }] }, { name: "gold", stages: ["v2"] }],
        apiKeys: [{ name: "a", plans: ["partners"], value: { variable: "acme_key" } }],
      }),
    ])[0];
    const fixture = { api: env.api, stages: env.stages, usagePlans: env.usagePlans, apiKeys: env.apiKeys, notifications: env.notifications } as unknown as Environment;
    for (const rule of USAGE_PLAN_RULES) expect(undeclaredReads(rule, fixture)).toEqual([]);
  });
});

describe("the guide's example (docs/terraform-teams.md, \"Usage plans and API keys\")", () => {
  it("GIVEN its usage plans and keys in prod THEN prod validates with them, each key where the guide says its value comes from", () => {
    const guide = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "terraform-teams.md"), "utf8");
    const blocks = [...guide.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(([, body]) => body).filter((body) => body.includes("orders_globex_api_key"));
    expect(blocks).toHaveLength(1);
    const example = new Function(`return {\n${blocks[0]}\n};`)();
    const [env] = loadEnvironments([prod(example)]);
    expect(env.usagePlans.map((p) => p.name)).toEqual(["partners"]);
    expect(env.apiKeys.map((k) => [k.name, k.value ?? "generated", k.enabled])).toEqual([
      ["acme-logistics", "generated", true],
      ["globex", { variable: "orders_globex_api_key" }, true],
      ["initech", { ssmParameter: "/orders/api-keys/initech" }, false],
    ]);
  });
});
