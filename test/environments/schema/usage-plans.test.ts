/**
 * The usage plan and API key schema (`usagePlans`, `apiKeys`): GIVEN what an environment file writes, WHEN it
 * is parsed, THEN every default is applied, method throttles take from their plan what they do not set, and
 * every bad value is one issue naming its field, the value and what is allowed.
 * Sources: API Gateway API Reference, QuotaSettings (`period`: DAY | WEEK | MONTH) and ThrottleSettings;
 * terraform-provider-aws `validUsagePlanQuotaSettings` (offset 0 for DAY, 0..6 for WEEK, 0..27 for MONTH, checked
 * only when the plan is created); "Amazon API Gateway quotas" (10,000 requests per second, a 5,000-request bucket).
 */
import { apiKeysSchema, usagePlanSchema, usagePlansSchema } from "../../../environments/schema/usage-plans";
import { withEnv } from "../../support/environments";
import { environmentProblems, problemsOf } from "../../support/schema";

const KEY_VALUE_ALLOWED =
  'Allowed: { variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }; or no value (API Gateway generates one)';
const NAME_ALLOWED = "Allowed: 1 to 40 lower-case letters and digits, words joined by single '-', starting with a letter (e.g. partners)";
/** dev with its usage plans and keys replaced: every other field is the shipped, valid one. */
const dev = (changes: Record<string, unknown>) => environmentProblems(withEnv("dev", changes));

describe("usage plan defaults", () => {
  it("GIVEN no usage plans and no keys THEN none (an API without key-required routes needs none)", () => {
    expect(usagePlansSchema.parse(undefined)).toEqual([]);
    expect(apiKeysSchema.parse(undefined)).toEqual([]);
  });

  it("GIVEN a plan with only a name THEN it covers every stage (stages unset), throttles each key at 100/50, has no quota and no method throttle", () => {
    expect(usagePlanSchema.parse({ name: "partners" })).toEqual({ name: "partners", throttling: { burstLimit: 100, rateLimit: 50 }, methodThrottling: [] });
  });

  it("GIVEN a quota without offset THEN the offset is 0", () => {
    expect(usagePlanSchema.parse({ name: "p", quota: { limit: 1000, period: "WEEK" } }).quota).toEqual({ limit: 1000, period: "WEEK", offset: 0 });
  });

  it("GIVEN a method throttle that sets only its rate THEN its burst is the plan's, its route is parsed like a method override's", () => {
    const plan = usagePlanSchema.parse({ name: "p", throttling: { burstLimit: 40, rateLimit: 20 }, methodThrottling: [{ method: "post /orders", throttling: { rateLimit: 5 } }] });
    expect(plan.methodThrottling).toEqual([{ httpMethod: "POST", resourcePath: "/orders", stages: undefined, throttling: { burstLimit: 40, rateLimit: 5 } }]);
  });

  it("GIVEN a method throttle with no throttling at all THEN it carries the plan's values, never the provider's 0 (which refuses every request)", () => {
    const plan = usagePlanSchema.parse({ name: "p", methodThrottling: [{ method: "DELETE /orders/{orderId}", stages: ["v1"] }] });
    expect(plan.methodThrottling[0]).toMatchObject({ stages: ["v1"], throttling: { burstLimit: 100, rateLimit: 50 } });
  });

  it("GIVEN a key with a name and a plan THEN it is enabled and AWS generates its value (no value field)", () => {
    expect(apiKeysSchema.parse([{ name: "acme", plans: ["partners"] }])).toEqual([{ name: "acme", plans: ["partners"], enabled: true }]);
  });

  it("GIVEN a key value from a variable or an SSM parameter THEN the source is kept as written", () => {
    const keys = apiKeysSchema.parse([
      { name: "a", plans: ["p"], value: { variable: "orders_acme_api_key" } },
      { name: "b", plans: ["p"], value: { ssmParameter: "/orders/api-keys/b" }, enabled: false, description: "Suspended until the contract renews" },
    ]);
    expect(keys.map((k) => [k.value, k.enabled])).toEqual([
      [{ variable: "orders_acme_api_key" }, true],
      [{ ssmParameter: "/orders/api-keys/b" }, false],
    ]);
  });
});

describe("bad usage plans: one issue each, naming field, value and what is allowed", () => {
  it.each([
    [{ usagePlans: "partners" }, 'usagePlans = "partners": is not a list. Allowed: a list of usage plans'],
    [{ usagePlans: [{}] }, "usagePlans[0].name = (missing): is malformed. " + NAME_ALLOWED],
    [{ usagePlans: [{ name: "Partners" }] }, 'usagePlans[0].name = "Partners": is malformed. ' + NAME_ALLOWED],
    [{ usagePlans: [{ name: "a--b" }] }, 'usagePlans[0].name = "a--b": is malformed. ' + NAME_ALLOWED],
    [{ usagePlans: [{ name: "p".repeat(41) }] }, `usagePlans[0].name = "${"p".repeat(41)}": is too long. ` + NAME_ALLOWED],
    [{ usagePlans: [{ name: "p", plan: "gold" }] }, 'usagePlans[0].plan = "gold": is not a setting here (did you mean name?). Allowed: name, description, stages, throttling, quota, methodThrottling'],
    [{ usagePlans: [{ name: "p", description: "" }] }, "usagePlans[0].description = \"\": is empty. Allowed: 1 to 200 characters without backslash, '${', '%{' or control characters"],
    [{ usagePlans: [{ name: "p", description: "Partners ${var.x}" }] }, "usagePlans[0].description = \"Partners ${var.x}\": has characters the HCL cannot hold as written. Allowed: 1 to 200 characters without backslash, '${', '%{' or control characters"],
    [{ usagePlans: [{ name: "p", stages: [] }] }, "usagePlans[0].stages = []: is empty. Allowed: a non-empty list of stage names, or no setting (every stage)"],
    [{ usagePlans: [{ name: "p", stages: ["dev", "dev"] }] }, 'usagePlans[0].stages = "dev": is listed more than once. Allowed: each stage once'],
    [{ usagePlans: [{ name: "p", stages: "dev" }] }, 'usagePlans[0].stages = "dev": is not a list. Allowed: a non-empty list of stage names'],
    [{ usagePlans: [{ name: "p", throttling: { burstLimit: 5001 } }] }, "usagePlans[0].throttling.burstLimit = 5001: is out of range. Allowed: a whole number from 0 to 5000"],
    [{ usagePlans: [{ name: "p", throttling: { burstLimit: 1.5 } }] }, "usagePlans[0].throttling.burstLimit = 1.5: is not a whole number. Allowed: a whole number from 0 to 5000"],
    [{ usagePlans: [{ name: "p", throttling: { rateLimit: 10001 } }] }, "usagePlans[0].throttling.rateLimit = 10001: is out of range. Allowed: a number from 0 to 10000"],
    [{ usagePlans: [{ name: "p", throttling: { rateLimit: -1 } }] }, "usagePlans[0].throttling.rateLimit = -1: is out of range. Allowed: a number from 0 to 10000"],
    [{ usagePlans: [{ name: "p", quota: { period: "DAY" } }] }, "usagePlans[0].quota.limit = (missing): is not a whole number. Allowed: a whole number from 1 to 2147483647"],
    [{ usagePlans: [{ name: "p", quota: { limit: 0, period: "DAY" } }] }, "usagePlans[0].quota.limit = 0: is out of range. Allowed: a whole number from 1 to 2147483647"],
    [{ usagePlans: [{ name: "p", quota: { limit: 2 ** 31, period: "DAY" } }] }, "usagePlans[0].quota.limit = 2147483648: is out of range. Allowed: a whole number from 1 to 2147483647"],
    [{ usagePlans: [{ name: "p", quota: { limit: 10, period: "YEAR" } }] }, 'usagePlans[0].quota.period = "YEAR": is not a quota period. Allowed: DAY, WEEK, MONTH'],
    [{ usagePlans: [{ name: "p", quota: { limit: 10, period: "DAY", offset: 1 } }] }, "usagePlans[0].quota.offset = 1: is not an offset of a DAY quota. Allowed: 0 (a DAY quota has no offset)"],
    [{ usagePlans: [{ name: "p", quota: { limit: 10, period: "WEEK", offset: 7 } }] }, "usagePlans[0].quota.offset = 7: is not an offset of a WEEK quota. Allowed: a whole number from 0 to 6 for a WEEK quota"],
    [{ usagePlans: [{ name: "p", quota: { limit: 10, period: "MONTH", offset: 28 } }] }, "usagePlans[0].quota.offset = 28: is not an offset of a MONTH quota. Allowed: a whole number from 0 to 27 for a MONTH quota"],
    [{ usagePlans: [{ name: "p", quota: { limit: 10, period: "WEEK", offset: -1 } }] }, "usagePlans[0].quota.offset = -1: is not an offset of a WEEK quota. Allowed: a whole number from 0 to 6 for a WEEK quota"],
    [{ usagePlans: [{ name: "p", quota: { limit: 10, period: "WEEK", offset: 2.5 } }] }, "usagePlans[0].quota.offset = 2.5: is not a whole number. Allowed: a whole number"],
    [{ usagePlans: [{ name: "p", methodThrottling: [{ method: "POST" }] }] }, 'usagePlans[0].methodThrottling[0].method = "POST": is malformed. Allowed: "<HTTP method> <resource path>" as in the API definition, e.g. "POST /orders"'],
    [{ usagePlans: [{ name: "p", methodThrottling: [{ method: "POST /orders", throttling: { rateLimit: 20000 } }] }] }, "usagePlans[0].methodThrottling[0].throttling.rateLimit = 20000: is out of range. Allowed: a number from 0 to 10000"],
    [{ usagePlans: [{ name: "p", methodThrottling: [{ method: "POST /orders", burstLimit: 5 }] }] }, "usagePlans[0].methodThrottling[0].burstLimit = 5: is not a setting here (did you mean throttling?). Allowed: method, stages, throttling"],
  ])("GIVEN %j THEN one issue", (changes, message) => {
    expect(dev({ ...changes, apiKeys: [] })).toEqual([message]);
  });

  it("GIVEN a plan with several bad fields THEN each is reported, the offset rule waits for a valid period", () => {
    expect(problemsOf(usagePlanSchema, { name: "P", quota: { limit: 0, period: "YEAR", offset: 3 } })).toEqual([
      'name = "P": is malformed. ' + NAME_ALLOWED,
      "quota.limit = 0: is out of range. Allowed: a whole number from 1 to 2147483647",
      'quota.period = "YEAR": is not a quota period. Allowed: DAY, WEEK, MONTH',
    ]);
  });
});

describe("bad API keys: one issue each, and a key value never in the config", () => {
  const plans = [{ name: "developers" }];
  it.each([
    [[{ name: "k" }], "apiKeys[0].plans = (missing): is not a list. Allowed: a non-empty list of usage plan names"],
    [[{ name: "k", plans: [] }], "apiKeys[0].plans = []: is empty. Allowed: at least one usage plan: a key in no plan may call nothing"],
    [[{ name: "k", plans: ["developers", "developers"] }], 'apiKeys[0].plans = "developers": is listed more than once. Allowed: each plan once'],
    [[{ name: "k_1", plans: ["developers"] }], 'apiKeys[0].name = "k_1": is malformed. ' + NAME_ALLOWED],
    [[{ name: "k", plans: ["developers"], enabled: "yes" }], 'apiKeys[0].enabled = "yes": is not a boolean. Allowed: true or false'],
    [[{ name: "k", plans: ["developers"], value: "abcdefghij0123456789abcd" }], `apiKeys[0].value = "abcdefghij0123456789abcd": is a key value written into the config, so the secret would be in git. ${KEY_VALUE_ALLOWED}`],
    [[{ name: "k", plans: ["developers"], value: {} }], `apiKeys[0].value = {}: does not name exactly one source of the key value. ${KEY_VALUE_ALLOWED}`],
    [[{ name: "k", plans: ["developers"], value: { variable: "a", ssmParameter: "/b" } }], `apiKeys[0].value = {"variable":"a","ssmParameter":"/b"}: does not name exactly one source of the key value. ${KEY_VALUE_ALLOWED}`],
    [
      [{ name: "k", plans: ["developers"], value: { variable: "api-key" } }],
      'apiKeys[0].value.variable = "api-key": is not a Terraform variable name that TF_VAR_<name> can set. Allowed: letters, digits and _, not starting with a digit, e.g. pagerduty_url',
    ],
    [[{ name: "k", plans: ["developers"], value: { variable: "count" } }], 'apiKeys[0].value.variable = "count": is reserved by Terraform. Allowed: any other name than source, version, providers, count, for_each, lifecycle, depends_on, locals'],
    [
      [{ name: "k", plans: ["developers"], value: { ssmParameter: "orders/key" } }],
      'apiKeys[0].value.ssmParameter = "orders/key": has levels but no leading /, so GetParameter does not find it. Allowed: a parameter name of at most 1011 characters a-z A-Z 0-9 _ . - /, with a leading / when it has levels (at most 15), e.g. /orders/pagerduty-url',
    ],
  ])("GIVEN %j THEN one issue", (apiKeys, message) => {
    expect(dev({ usagePlans: plans, apiKeys })).toEqual([message]);
  });
});
