/**
 * A stage's cache hit-ratio alarm (`caching.hitRatioAlarm`) and canary release (`canary`): GIVEN what an
 * environment file writes, WHEN parsed, THEN every default is applied, or every problem is reported with its
 * field, value and what is allowed. Sources: CloudWatch API Reference, PutMetricAlarm (`Period` 10, 20, 30 or a
 * multiple of 60; `DatapointsToAlarm` at most `EvaluationPeriods`; a day of evaluation at most) and
 * MetricDataQuery (at most 10 metrics per alarm); API Gateway API Reference, `CanarySettings.percentTraffic`
 * (0.0 to 100.0) and CreateStage `variables` (names of letters, digits and `_`, values of `[A-Za-z0-9-._~:/?#&=,]+`);
 * Developer Guide, "Quotas for configuring and running a REST API" (100 stage variables per stage, keys of 64 and
 * values of 512 characters), "Set up an API Gateway canary release deployment" (a canary uses the stage cache only
 * when API caching is enabled) and "Amazon API Gateway dimensions and metrics" (per-method metrics only with
 * detailed metrics).
 */
import { ENVIRONMENTS, loadEnvironments } from "../../../environments";
import { CACHE_RULES, hitRatioAlarmWatchable } from "../../../environments/rules/cache";
import { CANARY_RULES, canaryNamesFree } from "../../../environments/rules/canary";
import type { Environment } from "../../../environments/schema/environment";
import { stageSchema } from "../../../environments/schema/stages";
import { MAX_STAGE_VARIABLES } from "../../../aws/canary";
import { rejectionOf, withStage } from "../../support/environments";
import { environmentProblems, problemsOf } from "../../support/schema";
import { undeclaredReads } from "./rule-reads";

const ALARM = "caching.hitRatioAlarm";
const cacheAlarm = (hitRatioAlarm: unknown) => problemsOf(stageSchema, { name: "v1", caching: { enabled: true, hitRatioAlarm } });
const canary = (settings: unknown) => problemsOf(stageSchema, { name: "v1", canary: settings });

describe("cache hit-ratio alarm", () => {
  it("GIVEN a cache with no alarm settings WHEN parsed THEN the alarm is on: below 0.5 in 3 of 3 periods of 5 minutes", () => {
    expect(stageSchema.parse({ name: "v1", caching: { enabled: true } }).caching.hitRatioAlarm).toEqual({
      enabled: true,
      threshold: 0.5,
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
  });

  it("GIVEN some settings WHEN parsed THEN the rest keep their defaults and M follows N", () => {
    expect(stageSchema.parse({ name: "v1", caching: { hitRatioAlarm: { threshold: 0.2, evaluationPeriods: 6 } } }).caching.hitRatioAlarm).toEqual({
      enabled: true,
      threshold: 0.2,
      periodSeconds: 300,
      evaluationPeriods: 6,
      datapointsToAlarm: 6,
    });
  });

  it.each([
    [{ threshold: 1.5 }, `${ALARM}.threshold = 1.5: is out of range. Allowed: a number from 0 to 1`],
    [{ threshold: -0.1 }, `${ALARM}.threshold = -0.1: is out of range. Allowed: a number from 0 to 1`],
    [{ threshold: "half" }, `${ALARM}.threshold = "half": is not a number. Allowed: a number from 0 to 1`],
    [{ periodSeconds: 45 }, `${ALARM}.periodSeconds = 45: is not a period CloudWatch accepts. Allowed: 10, 20, 30 or a multiple of 60`],
    [{ periodSeconds: 30 }, `${ALARM}.periodSeconds = 30: is finer than the one-minute resolution of the metric, so the alarm would lack data. Allowed: 60 or a multiple of 60`],
    [{ periodSeconds: 60.5 }, `${ALARM}.periodSeconds = 60.5: is not a whole number of seconds. Allowed: 10, 20, 30 or a multiple of 60`],
    [{ evaluationPeriods: 0 }, `${ALARM}.evaluationPeriods = 0: is out of range. Allowed: a whole number from 1 to 1440`],
    [{ periodSeconds: 3600, evaluationPeriods: 25 }, `${ALARM}.evaluationPeriods = 25: times periodSeconds (3600) is 90000 s, over CloudWatch's one-day evaluation limit. Allowed: at most 24 periods of 3600 s`],
    [{ evaluationPeriods: 3, datapointsToAlarm: 4 }, `${ALARM}.datapointsToAlarm = 4: is not from 1 to evaluationPeriods (3). Allowed: a whole number from 1 to 3`],
    [{ datapointsToAlarm: 0 }, `${ALARM}.datapointsToAlarm = 0: is not from 1 to evaluationPeriods (3). Allowed: a whole number from 1 to 3`],
    [{ datapointsToAlarm: 1.5 }, `${ALARM}.datapointsToAlarm = 1.5: is not from 1 to evaluationPeriods (3). Allowed: a whole number from 1 to 3`],
    [{ enabled: "yes" }, `${ALARM}.enabled = "yes": is not a boolean. Allowed: true or false`],
    [{ treshold: 0.3 }, `${ALARM}.treshold = 0.3: is not a setting here (did you mean threshold?). Allowed: enabled, threshold, periodSeconds, evaluationPeriods, datapointsToAlarm`],
    [0.5, `${ALARM} = 0.5: is not a hit-ratio alarm setting. Allowed: { enabled?, threshold?, periodSeconds?, evaluationPeriods?, datapointsToAlarm? }`],
  ])("GIVEN %j THEN %s", (settings, problem) => {
    expect(cacheAlarm(settings)).toEqual([problem]);
  });

  it("GIVEN 0 and 1 as the floor THEN both are accepted (never fires, fires on any miss)", () => {
    expect(cacheAlarm({ threshold: 0 })).toEqual([]);
    expect(cacheAlarm({ threshold: 1 })).toEqual([]);
  });
});

describe("canary", () => {
  it("GIVEN no canary WHEN parsed THEN there is none, and its settings have their defaults", () => {
    expect(stageSchema.parse({ name: "v1" }).canary).toEqual({ enabled: false, percentTraffic: 10, stageVariableOverrides: {}, useStageCache: false });
  });

  it("GIVEN a canary with overrides WHEN parsed THEN it is kept as written", () => {
    const settings = { enabled: true, percentTraffic: 2.5, stageVariableOverrides: { backend_Version: "v2", url: "https://b.example.com/x?a=1&b=2,3#f~" } };
    expect(stageSchema.parse({ name: "v1", canary: settings }).canary).toEqual({ ...settings, useStageCache: false });
  });

  it.each([[0], [100], [33.3]])("GIVEN percentTraffic %j THEN it is accepted (0.0 to 100.0 inclusive)", (percentTraffic) => {
    expect(canary({ enabled: true, percentTraffic })).toEqual([]);
  });

  const NAME_ALLOWED = "Allowed: 1 to 64 letters, digits or '_' (API Gateway stage variable names)";
  const VALUE_ALLOWED = "Allowed: 1 to 512 of letters, digits and - . _ ~ : / ? # & = , (API Gateway stage variable values)";
  it.each([
    [{ percentTraffic: -1 }, "canary.percentTraffic = -1: is out of range. Allowed: a number from 0 to 100"],
    [{ percentTraffic: 100.5 }, "canary.percentTraffic = 100.5: is out of range. Allowed: a number from 0 to 100"],
    [{ percentTraffic: "10%" }, 'canary.percentTraffic = "10%": is not a number. Allowed: a number from 0 to 100'],
    [{ stageVariableOverrides: { "backend-url": "x" } }, `canary.stageVariableOverrides.backend-url = "backend-url": is not a stage variable name API Gateway accepts. ${NAME_ALLOWED}`],
    [{ stageVariableOverrides: { ["v".repeat(65)]: "x" } }, `canary.stageVariableOverrides.${"v".repeat(65)} = "${"v".repeat(65)}": is not a stage variable name API Gateway accepts. ${NAME_ALLOWED}`],
    [{ stageVariableOverrides: { version: "v 2" } }, `canary.stageVariableOverrides.version = "v 2": is not a stage variable value API Gateway accepts. ${VALUE_ALLOWED}`],
    [{ stageVariableOverrides: { version: "" } }, `canary.stageVariableOverrides.version = "": is not a stage variable value API Gateway accepts. ${VALUE_ALLOWED}`],
    [{ stageVariableOverrides: { version: "v".repeat(513) } }, `canary.stageVariableOverrides.version = "${"v".repeat(513)}": is not a stage variable value API Gateway accepts. ${VALUE_ALLOWED}`],
    [{ stageVariableOverrides: { version: 2 } }, `canary.stageVariableOverrides.version = 2: is not a stage variable value. ${VALUE_ALLOWED}`],
    [{ stageVariableOverrides: ["version=v2"] }, 'canary.stageVariableOverrides = ["version=v2"]: is not a map of stage variables. Allowed: an object of variable name to value'],
    [{ enabled: 1 }, "canary.enabled = 1: is not a boolean. Allowed: true or false"],
    [{ percent: 5 }, "canary.percent = 5: is not a setting here (did you mean enabled?). Allowed: enabled, percentTraffic, stageVariableOverrides, useStageCache"],
  ])("GIVEN %j THEN %s", (settings, problem) => {
    expect(canary({ enabled: true, ...settings })).toEqual([problem]);
  });

  it("GIVEN a canary that is not an object THEN its shape is named", () => {
    expect(canary(true)).toEqual(["canary = true: is not a canary setting. Allowed: { enabled?, percentTraffic?, stageVariableOverrides?, useStageCache? }"]);
  });

  it("GIVEN more stage variables than a stage may have THEN the count is named with the quota", () => {
    const overrides = Object.fromEntries(Array.from({ length: MAX_STAGE_VARIABLES + 1 }, (_, i) => [`v${i}`, "x"]));
    expect(canary({ enabled: true, stageVariableOverrides: overrides })).toEqual([
      expect.stringMatching(/^canary\.stageVariableOverrides = .*: is more than the 100 stage variables a stage may have\. Allowed: at most 100 variables \("Stage variables per stage"\)$/),
    ]);
  });

  it("GIVEN a canary that uses the stage cache on a stage without one THEN it is refused, on useStageCache", () => {
    expect(canary({ enabled: true, useStageCache: true })).toEqual(["canary.useStageCache = true: needs the stage cache cluster. Allowed: caching.enabled true, or useStageCache false"]);
    expect(problemsOf(stageSchema, { name: "v1", caching: { enabled: true }, canary: { enabled: true, useStageCache: true } })).toEqual([]);
    // A disabled canary keeps its settings without effect.
    expect(canary({ enabled: false, useStageCache: true })).toEqual([]);
  });
});

/** A stage as the cache and canary rules read it. */
function stageFor(name: string, changes: Record<string, unknown> = {}) {
  return { ...stageSchema.parse({ name }), ...changes };
}
const envWith = (...stages: ReturnType<typeof stageFor>[]) => ({ stages }) as unknown as Environment;
const cachedOverride = (resourcePath: string, metricsEnabled = true) => ({ ...stageSchema.parse({ name: "x", methodOverrides: [{ method: `GET ${resourcePath}`, cachingEnabled: true, metricsEnabled }] }).methodOverrides[0] });
const cache = { enabled: true, clusterSize: "0.5", ttlSeconds: 60, hitRatioAlarm: { enabled: true, threshold: 0.5, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 } };

describe("the hit-ratio alarm can watch what the stage caches", () => {
  it("GIVEN a cached method without detailed metrics THEN the alarm would lack data: refused on metricsEnabled", () => {
    const problems = environmentProblems(withStage("prod", { methodOverrides: [{ method: "GET /orders/{orderId}", cachingEnabled: true, metricsEnabled: false }] }));
    expect(problems).toEqual([
      "stages[0].methodOverrides[0].metricsEnabled = false: leaves the hit-ratio alarm of GET /orders/{orderId} without data: API Gateway publishes a method's CacheHitCount and CacheMissCount only with its detailed metrics. Allowed: true (the stage's default), or caching.hitRatioAlarm.enabled false",
    ]);
    expect(
      environmentProblems(withStage("prod", { caching: { enabled: true, hitRatioAlarm: { enabled: false } }, methodOverrides: [{ method: "GET /orders/{orderId}", cachingEnabled: true, metricsEnabled: false }] })),
    ).toEqual([]);
  });

  it("GIVEN six cached methods THEN more than the 10 metrics of one alarm: refused, with the way out", () => {
    const methods = ["/a", "/b", "/c", "/d", "/e", "/f"].map((p) => cachedOverride(p));
    expect(hitRatioAlarmWatchable.check(envWith(stageFor("v1", { caching: cache, methodOverrides: methods })))).toEqual([
      {
        field: "stages[0].methodOverrides",
        value: "6 cached methods",
        problem: "are more than the hit-ratio alarm can watch: two metrics each, and a CloudWatch alarm retrieves at most 10",
        allowed: "at most 5 methods with cachingEnabled, or caching.hitRatioAlarm.enabled false",
      },
    ]);
    expect(hitRatioAlarmWatchable.check(envWith(stageFor("v1", { caching: cache, methodOverrides: methods.slice(0, 5) })))).toEqual([]);
    expect(hitRatioAlarmWatchable.check(envWith(stageFor("v1", { caching: { ...cache, hitRatioAlarm: { ...cache.hitRatioAlarm, enabled: false } }, methodOverrides: methods })))).toEqual([]);
  });
});

describe("a canary's names are its own", () => {
  it("GIVEN a canary on v1 and a stage named v1-canary THEN the clash of log groups and alarms is named", () => {
    const problems = rejectionOf({ ...ENVIRONMENTS.staging, stages: [...ENVIRONMENTS.staging.stages, { name: "v1-canary" }] });
    expect(problems).toContain(
      'environment "staging": stages[0].canary.enabled = true: names the canary\'s log groups and alarms "v1-canary", as the stage "v1-canary" names its own. Allowed: a canary on a stage with no sibling named "v1-canary" or "v1_canary" (rename that stage), or enabled false',
    );
  });

  it("GIVEN v1_canary, or no canary on v1 THEN only the canary makes the clash", () => {
    expect(canaryNamesFree.check(envWith(stageFor("v1", { canary: { enabled: true } }), stageFor("v1_canary")))).toHaveLength(1);
    expect(canaryNamesFree.check(envWith(stageFor("v1"), stageFor("v1-canary")))).toEqual([]);
    expect(canaryNamesFree.check(envWith(stageFor("v1", { canary: { enabled: true } }), stageFor("v2")))).toEqual([]);
  });
});

describe("reads", () => {
  it.each([...CACHE_RULES, ...CANARY_RULES].map((rule, i) => [i, rule] as const))("GIVEN rule %i THEN it reads only the fields it declares", (_, rule) => {
    const value = envWith(stageFor("v1", { caching: cache, canary: { enabled: true }, methodOverrides: [cachedOverride("/orders", false)] }), stageFor("v1-canary"));
    expect(undeclaredReads(rule, value)).toEqual([]);
  });
});

describe("shipped environments", () => {
  const [, staging, prod] = loadEnvironments([ENVIRONMENTS.dev, ENVIRONMENTS.staging, ENVIRONMENTS.prod]);

  it("staging's v1 caches order reads, with the hit-ratio alarm by default, and runs a canary on 10% with the stage cache", () => {
    const v1 = staging.stages[0];
    expect(v1.caching).toMatchObject({ enabled: true, hitRatioAlarm: { enabled: true, threshold: 0.5 } });
    expect(v1.methodOverrides.filter((o) => o.cachingEnabled).map((o) => `${o.httpMethod} ${o.resourcePath}`)).toEqual(["GET /orders/{orderId}"]);
    expect(v1.canary).toEqual({ enabled: true, percentTraffic: 10, stageVariableOverrides: { backendVersion: "v2" }, useStageCache: true });
  });

  it("prod's v1 cache gets its hit-ratio alarm by default; no stage of prod runs a canary", () => {
    expect(prod.stages[0].caching.hitRatioAlarm.enabled).toBe(true);
    expect(prod.stages.map((s) => s.canary.enabled)).toEqual([false, false]);
  });
});
