/**
 * The stages schema: GIVEN what an environment file writes for its stages, WHEN it is parsed, THEN every
 * stage has every default, each method override carries its own setting or its stage's, and every problem is
 * reported once, on the field that has it.
 */
import { ENVIRONMENTS } from "../../../environments";
import { environmentSchema } from "../../../environments/schema/environment";
import { stageSchema } from "../../../environments/schema/stages";
import { withEnv, withStage } from "../../support/environments";
import { environmentProblems, problemsOf } from "../../support/schema";

/** The defaults of a stage's hit-ratio alarm and canary (tested on their own in cache-and-canary.test.ts). */
const DEFAULT_HIT_RATIO_ALARM = { enabled: true, threshold: 0.5, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 };
const NO_CANARY = { enabled: false, percentTraffic: 10, stageVariableOverrides: {}, useStageCache: false };

describe("stage defaults", () => {
  it("GIVEN a stage with only a name WHEN parsed THEN every field has its default, in the shape the stacks read", () => {
    expect(stageSchema.parse({ name: "v1" })).toEqual({
      name: "v1",
      loggingLevel: "ERROR",
      dataTraceEnabled: false,
      metricsEnabled: true,
      tracingEnabled: true,
      throttling: { burstLimit: 100, rateLimit: 50 },
      caching: { enabled: false, clusterSize: "0.5", ttlSeconds: 300, hitRatioAlarm: DEFAULT_HIT_RATIO_ALARM },
      canary: NO_CANARY,
      methodOverrides: [],
    });
  });

  it("GIVEN part of the throttling and the cache WHEN parsed THEN the other fields keep their defaults", () => {
    const stage = stageSchema.parse({ name: "v1", throttling: { rateLimit: 10 }, caching: { enabled: true } });
    expect(stage.throttling).toEqual({ burstLimit: 100, rateLimit: 10 });
    expect(stage.caching).toEqual({ enabled: true, clusterSize: "0.5", ttlSeconds: 300, hitRatioAlarm: DEFAULT_HIT_RATIO_ALARM });
  });
});

describe("method overrides take from their stage what they do not set", () => {
  const stage = { name: "v1", loggingLevel: "INFO", metricsEnabled: false, throttling: { burstLimit: 80, rateLimit: 40 } };

  it("GIVEN an override that sets only its burst WHEN parsed THEN the rest is its stage's, and its method key is split", () => {
    const [override] = stageSchema.parse({ ...stage, methodOverrides: [{ method: " get   /orders/{orderId} ", throttling: { burstLimit: 5 } }] }).methodOverrides;
    expect(override).toEqual({
      httpMethod: "GET",
      resourcePath: "/orders/{orderId}",
      loggingLevel: "INFO",
      dataTraceEnabled: false,
      metricsEnabled: false,
      throttling: { burstLimit: 5, rateLimit: 40 },
      cachingEnabled: false,
    });
    expect(Object.keys(override)).toEqual(["httpMethod", "resourcePath", "loggingLevel", "dataTraceEnabled", "metricsEnabled", "throttling", "cachingEnabled"]);
  });

  it("GIVEN an override that sets a value WHEN parsed THEN its own value wins over the stage's", () => {
    const [override] = stageSchema.parse({ ...stage, methodOverrides: [{ method: "POST /orders", loggingLevel: "ERROR", metricsEnabled: true }] }).methodOverrides;
    expect(override).toMatchObject({ loggingLevel: "ERROR", metricsEnabled: true, throttling: { burstLimit: 80, rateLimit: 40 } });
  });

  it("GIVEN a bad stage throttling and overrides that inherit it WHEN parsed THEN it is reported once, on the stage", () => {
    const overrides = [{ method: "GET /orders" }, { method: "POST /orders", throttling: { burstLimit: 10 } }];
    expect(problemsOf(stageSchema, { name: "v1", throttling: { rateLimit: -1 }, methodOverrides: overrides })).toEqual([
      "throttling.rateLimit = -1: is out of range. Allowed: a number from 0 to 10000",
    ]);
  });

  it("GIVEN an override's own bad value WHEN parsed THEN it is reported on the override", () => {
    expect(problemsOf(stageSchema, { name: "v1", methodOverrides: [{ method: "GET /orders", throttling: { burstLimit: 2.5 } }] })).toEqual([
      "methodOverrides[0].throttling.burstLimit = 2.5: is not a whole number. Allowed: a whole number from 0 to 5000",
    ]);
  });

  it("GIVEN a method key without a resource path WHEN parsed THEN it is malformed, and the form is named", () => {
    expect(problemsOf(stageSchema, { name: "v1", methodOverrides: [{ method: "GET/orders" }] })).toEqual([
      'methodOverrides[0].method = "GET/orders": is malformed. Allowed: "<HTTP method> <resource path>" as in the API definition, e.g. "GET /orders"',
    ]);
  });
});

describe("rules within a stage", () => {
  it("GIVEN two overrides of one method, however written WHEN parsed THEN one issue names the method", () => {
    const methodOverrides = [{ method: "get /orders" }, { method: "GET /orders", metricsEnabled: false }];
    expect(problemsOf(stageSchema, { name: "v1", methodOverrides })).toEqual([
      'methodOverrides[].method = "GET /orders": is overridden more than once. Allowed: one override per method',
    ]);
  });

  it("GIVEN caching on a write WHEN parsed THEN it is refused (a cache would answer the next caller's POST)", () => {
    const methodOverrides = [{ method: "POST /orders", cachingEnabled: true }];
    expect(problemsOf(stageSchema, { name: "v1", caching: { enabled: true }, methodOverrides })).toEqual([
      "methodOverrides[0].cachingEnabled = true: would cache POST responses. Allowed: caching on GET methods only",
    ]);
  });
});

describe("the stages list", () => {
  it.each([
    [[], "stages = []: must list at least one stage. Allowed: a non-empty list of stages"],
    [{ name: "v1" }, 'stages = {"name":"v1"}: must list at least one stage. Allowed: a non-empty list of stages'],
    [["v1"], 'stages[0] = "v1": is not a stage. Allowed: { name, loggingLevel, ... }'],
  ])("GIVEN stages = %j THEN one issue", (stages, message) => {
    expect(environmentProblems(withEnv("dev", { stages }))).toEqual([message]);
  });
});

describe("unknown keys name the nearest setting", () => {
  it.each([
    [{ name: "v1", loggingLevels: "INFO" }, 'loggingLevels = "INFO": is not a setting here (did you mean loggingLevel?)'],
    [{ name: "v1", throttling: { burst: 10 } }, "throttling.burst = 10: is not a setting here (did you mean burstLimit?)"],
    [{ name: "v1", caching: { ttlSecond: 60 } }, "caching.ttlSecond = 60: is not a setting here (did you mean ttlSeconds?)"],
    [{ name: "v1", methodOverrides: [{ method: "GET /orders", cacheEnabled: true }] }, "methodOverrides[0].cacheEnabled = true: is not a setting here (did you mean cachingEnabled?)"],
  ])("GIVEN %j THEN the typo is named with its nearest key", (stage, message) => {
    expect(problemsOf(stageSchema, stage)).toEqual([expect.stringContaining(message)]);
  });
});

/**
 * API Gateway quotas (Developer Guide, "Amazon API Gateway quotas"): 10,000 requests per second per account
 * and region, with a token bucket of at most 5,000 requests; a stage cannot usefully exceed them. API caching
 * (Developer Guide, "Cache settings for REST APIs"): the TTL is at most 3600 seconds.
 */
describe("AWS's throttling quota and cache TTL", () => {
  it.each([
    [{ throttling: { burstLimit: 5000, rateLimit: 10000 } }, []],
    [{ throttling: { burstLimit: 5001 } }, ["throttling.burstLimit = 5001: is out of range. Allowed: a whole number from 0 to 5000"]],
    [{ throttling: { rateLimit: 10000.5 } }, ["throttling.rateLimit = 10000.5: is out of range. Allowed: a number from 0 to 10000"]],
    [{ caching: { ttlSeconds: 3600 } }, []],
    [{ caching: { ttlSeconds: 3601 } }, ["caching.ttlSeconds = 3601: is out of range. Allowed: a whole number from 0 to 3600"]],
  ])("GIVEN %j THEN %j", (settings, problems) => {
    expect(problemsOf(stageSchema, { name: "v1", ...settings })).toEqual(problems);
  });
});

describe("rules across the environment", () => {
  it("GIVEN two stages of one name WHEN another stage field is broken too THEN both are reported", () => {
    const dev = ENVIRONMENTS.dev;
    const problems = environmentProblems({ ...dev, stages: [dev.stages[0], { ...dev.stages[0], loggingLevel: "LOUD" }] });
    expect(problems).toContain('stages[].name = "dev": is used by more than one stage. Allowed: a unique name per stage');
    expect(problems).toContain('stages[1].loggingLevel = "LOUD": is not a valid value. Allowed: OFF, ERROR, INFO');
  });

  it("GIVEN a stage rule's issue WHEN the environment's rules run THEN they see the stage with its overrides resolved", () => {
    const overrides = [{ method: "POST /orders", cachingEnabled: true, loggingLevel: "OFF" }];
    const problems = environmentProblems(withStage("prod", { methodOverrides: overrides }));
    expect(problems).toEqual([
      "stages[0].methodOverrides[0].cachingEnabled = true: would cache POST responses. Allowed: caching on GET methods only",
      'stages[0].methodOverrides[0].loggingLevel = "OFF": turns execution logging off in production for POST /orders. Allowed: ERROR or INFO',
    ]);
  });

  it("GIVEN a stage that is not an object beside a valid one WHEN parsed THEN that stage is reported, once", () => {
    expect(environmentProblems(withEnv("prod", { stages: [null, ENVIRONMENTS.prod.stages[1]] }))).toEqual(["stages[0] = null: is not a stage. Allowed: { name, loggingLevel, ... }"]);
  });

  it("GIVEN a valid environment WHEN parsed THEN the stages are exactly what the stacks read", () => {
    const parsed = environmentSchema.parse(ENVIRONMENTS.staging);
    expect(parsed.stages.map((s) => s.name)).toEqual(["v1", "v1-qa"]);
    expect(parsed.stages[1]).toEqual({
      name: "v1-qa",
      loggingLevel: "INFO",
      dataTraceEnabled: true,
      metricsEnabled: true,
      tracingEnabled: true,
      throttling: { burstLimit: 20, rateLimit: 10 },
      caching: { enabled: false, clusterSize: "0.5", ttlSeconds: 300, hitRatioAlarm: DEFAULT_HIT_RATIO_ALARM },
      canary: NO_CANARY,
      methodOverrides: [],
    });
  });
});
