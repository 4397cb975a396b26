/**
 * Bad input: every invalid config gets one error that names the environment, the field, the bad value
 * and what is allowed. GIVEN a shipped environment with one thing broken, WHEN it is loaded, THEN ...
 */
import { ENVIRONMENTS, loadEnvironments, selectEnvironments } from "../../environments";
import { ConfigValidationError, validateEnvironment } from "../../environments/validate";
import { withEnv, withStage } from "../support/environments";
import { definitionFile } from "../support/api-definition";
import type { EnvironmentInput } from "../../environments/types";

function errorOf(inputs: EnvironmentInput[]): ConfigValidationError {
  try {
    loadEnvironments(inputs);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

function expectRejected(input: EnvironmentInput, ...fragments: string[]): string {
  const message = errorOf([input]).message;
  for (const fragment of fragments) expect(message).toContain(fragment);
  return message;
}

describe("shipped environments", () => {
  it("all validate, with defaults applied, each registered under its own name", () => {
    const envs = loadEnvironments(Object.values(ENVIRONMENTS));
    expect(envs.map((e) => e.name)).toEqual(Object.keys(ENVIRONMENTS));
    const staging = envs.find((e) => e.name === "staging")!;
    expect(staging.stages.map((s) => s.name)).toEqual(["v1", "v1-qa"]);
    expect(staging.deletionProtection).toBe(true);
    expect(staging.stages[0].metricsEnabled).toBe(true);
  });

  it("prod is production-tier in a production account, with data trace off everywhere", () => {
    const prod = validateEnvironment(ENVIRONMENTS.prod);
    expect(prod.tier).toBe("production");
    expect(prod.account.production).toBe(true);
    expect(prod.stages.every((s) => !s.dataTraceEnabled && s.methodOverrides.every((o) => !o.dataTraceEnabled))).toBe(true);
  });

  it("method overrides inherit the stage's settings they do not set", () => {
    const prod = validateEnvironment(ENVIRONMENTS.prod);
    const post = prod.stages[0].methodOverrides.find((o) => o.httpMethod === "POST")!;
    expect(post).toMatchObject({ resourcePath: "/orders", loggingLevel: "ERROR", throttling: { burstLimit: 200, rateLimit: 100 } });
  });
});

describe("environment selection", () => {
  it("an unknown environment is named, with the known ones", () => {
    expect(() => selectEnvironments("dev,no-such-env")).toThrow(
      `environment "no-such-env": ENVIRONMENTS = "no-such-env": is not a known environment. Allowed: ${Object.keys(ENVIRONMENTS).join(", ")}`,
    );
  });

  it("selects a subset in the order given, and all when empty", () => {
    expect(selectEnvironments("prod, dev").map((e) => e.name)).toEqual(["prod", "dev"]);
    expect(selectEnvironments(undefined)).toEqual(Object.values(ENVIRONMENTS));
  });
});

describe("bad input", () => {
  it.each([
    ["too short", "12345"],
    ["letters", "12345678901a"],
  ])("a malformed account id (%s)", (_why, id) => {
    expectRejected(withEnv("dev", { account: { name: "nonprod", id, production: false } }), 'environment "dev": account.id = "' + id + '"', "exactly 12 digits");
  });

  it("a malformed region", () => {
    expectRejected(withEnv("staging", { region: "europe-1" }), 'environment "staging": region = "europe-1": is malformed', "such as eu-west-1");
  });

  it("a retention CloudWatch rejects", () => {
    expectRejected(withEnv("dev", { logs: { retentionDays: 45 } }), "logs.retentionDays = 45: is not a retention CloudWatch Logs accepts", "Allowed: 1, 3, 5, 7, 14, 30, 60, 90");
  });

  it("an unknown logging level", () => {
    expectRejected(withStage("dev", { loggingLevel: "DEBUG" }), 'stages[0].loggingLevel = "DEBUG": is not a valid value. Allowed: OFF, ERROR, INFO');
  });

  it("negative throttling", () => {
    expectRejected(withStage("dev", { throttling: { burstLimit: -1, rateLimit: 10 } }), "stages[0].throttling.burstLimit = -1: is out of range. Allowed: a whole number from 0 to 5000");
  });

  it("non-numeric throttling", () => {
    expectRejected(withStage("dev", { throttling: { burstLimit: 10, rateLimit: "fast" } }), 'stages[0].throttling.rateLimit = "fast": is not a number. Allowed: a number from 0 to 10000');
  });

  it("duplicate stage names", () => {
    const dev = ENVIRONMENTS.dev;
    expectRejected({ ...dev, stages: [dev.stages[0], dev.stages[0]] }, 'stages[].name = "dev": is used by more than one stage');
  });

  it("an invalid stage name", () => {
    expectRejected(withStage("dev", { name: "my stage!" }), 'stages[0].name = "my stage!": is malformed. Allowed: 1 to 64 letters, digits');
  });

  it("data trace on in prod", () => {
    expectRejected(withStage("prod", { dataTraceEnabled: true }), 'environment "prod": stages[0].dataTraceEnabled = true: logs full request and response bodies', "Allowed: false");
  });

  it("data trace on in a prod method override", () => {
    const overrides = [{ method: "GET /orders", dataTraceEnabled: true }];
    expectRejected(withStage("prod", { methodOverrides: overrides }, 1), "stages[1].methodOverrides[0].dataTraceEnabled = true");
  });

  it("a method override for an operation the API does not have", () => {
    expectRejected(withStage("dev", { methodOverrides: [{ method: "PUT /orders" }] }), 'stages[0].methodOverrides[0].method = "PUT /orders": is not an operation of the API definition. Allowed: GET /health, GET /orders, POST /orders');
  });

  it("a method override that caches without a stage cache", () => {
    expectRejected(withStage("dev", { methodOverrides: [{ method: "GET /orders", cachingEnabled: true }] }), "stages[0].methodOverrides[0].cachingEnabled = true: needs the stage cache cluster");
  });

  it("caching a method that is not a GET", () => {
    expectRejected(withStage("prod", { methodOverrides: [{ method: "POST /orders", cachingEnabled: true }] }), "stages[0].methodOverrides[0].cachingEnabled = true: would cache POST responses. Allowed: caching on GET methods only");
  });

  it("a cache cluster size API Gateway does not offer", () => {
    expectRejected(withStage("dev", { caching: { enabled: true, clusterSize: "2" } }), 'stages[0].caching.clusterSize = "2": is not a cache cluster size API Gateway offers. Allowed: 0.5, 1.6');
  });

  it("no stages", () => {
    expectRejected(withEnv("dev", { stages: [] }), "stages = []: must list at least one stage");
  });

  it("prod in a non-production account", () => {
    expectRejected(withEnv("prod", { account: ENVIRONMENTS.dev.account }), 'account = "nonprod (111111111111)": is not a production account');
  });

  it("prod with a short retention and deletion protection off", () => {
    const archive = { lifecycle: { transitions: [], expirationDays: 180 } };
    const message = expectRejected(
      withEnv("prod", { logs: { retentionDays: 30 }, archive, deletionProtection: false }),
      "logs.retentionDays = 30: is too short for production while the archive keeps logs only 180 days. Allowed: at least 365 days, or archive.lifecycle.expirationDays of at least 365",
      "deletionProtection = false",
    );
    expect(message).toMatch(/^Invalid environment configuration \(2 errors\)/);
  });

  it("an environment called prod that is not production-tier", () => {
    expectRejected(withEnv("prod", { tier: "non-production" }), 'tier = "non-production": must be "production" for the environment named prod');
  });

  it("a tag key AWS reserves", () => {
    expectRejected(withEnv("dev", { tags: { "aws:owner": "x" } }), 'tags.aws:owner = "aws:owner": is not a tag key AWS accepts');
  });

  it("an operation without an integration (PutRestApi rejects it at apply)", () => {
    const document = { openapi: "3.0.1", info: { title: "t", version: "1" }, paths: { "/x": { get: { responses: {} } } } };
    const file = definitionFile(document, "no-integration.json");
    expectRejected(withEnv("dev", { api: { ...ENVIRONMENTS.dev.api, definitionFile: file } }), `api.definitionFile = ${JSON.stringify(file)}: has GET /x without an x-amazon-apigateway-integration`);
  });

  it("gathers every error of every environment into one message", () => {
    const message = errorOf([withEnv("dev", { region: "nowhere" }), withStage("prod", { dataTraceEnabled: true, loggingLevel: "LOUD" })]).message;
    expect(message).toMatch(/^Invalid environment configuration \(3 errors\); nothing was synthesized:/);
    expect(message).toContain('environment "dev": region');
    expect(message).toContain('environment "prod": stages[0].loggingLevel');
    expect(message).toContain('environment "prod": stages[0].dataTraceEnabled');
  });

  it("one account id with two names across environments", () => {
    const renamed = withEnv("staging", { account: { ...ENVIRONMENTS.staging.account, name: "other" } });
    const message = errorOf([ENVIRONMENTS.dev, renamed]).message;
    expect(message).toContain('environment "staging": account = {"name":"other","id":"111111111111","production":false}: differs from environment "dev" for the same account id');
  });

  it("two environments with one name", () => {
    expect(errorOf([ENVIRONMENTS.dev, ENVIRONMENTS.dev]).message).toContain('environment "dev": name = "dev": is used by another environment');
  });
});

describe("method overrides report only what they change", () => {
  it("a bad stage throttling is reported once, not again for every override that inherits it", () => {
    const message = errorOf([withStage("prod", { throttling: { burstLimit: -5, rateLimit: 1 } })]).message;
    expect(message.match(/throttling\.burstLimit/g)).toHaveLength(1);
  });
});

describe("notifications", () => {
  it("an HTTPS endpoint must be https://", () => {
    expectRejected(withEnv("dev", { notifications: { httpsEndpoints: ["http://hooks.example.com/x"] } }), 'notifications.httpsEndpoints[0] = "http://hooks.example.com/x": is not an HTTPS URL. Allowed: an https:// URL');
  });

  it("an email must be an address", () => {
    expectRejected(withEnv("dev", { notifications: { emails: ["oncall"] } }), 'notifications.emails[0] = "oncall": is not an email address');
  });
});

describe("regions", () => {
  // us-isob-east-1 is no longer accepted: its partition (aws-iso-b) has ARNs this project does not write (test/environments/apply-time-inputs.test.ts).
  // Without the account's Slack channel: AWS Chatbot does not exist in China and GovCloud (tested apart).
  it.each(["eu-west-1", "us-east-1", "ap-southeast-5", "cn-northwest-1", "us-gov-west-1"])("accepts %s", (region) => {
    expect(() => validateEnvironment(withEnv("dev", { region, account: { ...ENVIRONMENTS.dev.account, slack: undefined } }))).not.toThrow();
  });

  it.each(["EU-WEST-1", "eu-west", "euwest1", "eu-west-1a"])("rejects %s", (region) => {
    expect(() => validateEnvironment(withEnv("dev", { region }))).toThrow(`region = "${region}": is malformed`);
  });
});
