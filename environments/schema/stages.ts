/**
 * The API's stages (`stages`): each stage's method settings and cache, and per-method overrides that take
 * from their stage what they do not set. A field checks its own value, so an override checks only what it
 * changes: a value it inherits was checked (and reported) on its stage. The stage's rules compare its
 * overrides with each other; rules/stages.ts compares them with their stage's cache and with the routes of
 * the API definition.
 */
import { z } from "zod";
import { CACHE_CLUSTER_SIZES, type CacheClusterSize, LOGGING_LEVELS, type LoggingLevel, MAX_CACHE_TTL_SECONDS } from "../../aws/api-gateway";
import { operationKey } from "../openapi";
import { hitRatioAlarmSchema } from "./cache-alarm";
import { canarySchema } from "./canary";
import { duplicates, flag, list, numberIn, oneOf, rule, section, text, withRules } from "./fields";
import { explain, issue } from "./issues";

export { CACHE_CLUSTER_SIZES, type CacheClusterSize, LOGGING_LEVELS, type LoggingLevel };

/** API Gateway stage names: letters, digits, `-`, `_`; we also keep them short enough for log group names. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * API Gateway's default account-level throttle quota (Developer Guide, "Amazon API Gateway quotas": 10,000
 * requests per second per account and region, a token bucket of at most 5,000 requests): a stage cannot
 * usefully exceed it.
 */
const MAX_RATE = 10_000;
const MAX_BURST = 5000;

const burstLimit = numberIn(0, MAX_BURST, { integer: true });
const rateLimit = numberIn(0, MAX_RATE);

/** A stage's request throttling: steady-state rate (requests/second) and burst (bucket size). */
const stageThrottlingSchema = section(
  {
    /** Requests that may arrive at once beyond the steady rate (the token bucket's size). @default 100 */
    burstLimit: burstLimit.default(100),
    /** Steady-state requests per second. @default 50 */
    rateLimit: rateLimit.default(50),
  },
  "is not a throttling setting",
  "{ burstLimit, rateLimit }",
).prefault({});

/** A method override's throttling: what it sets; the rest comes from its stage. */
const overrideThrottlingSchema = section(
  {
    /** @default the stage's burstLimit */
    burstLimit: burstLimit.optional(),
    /** @default the stage's rateLimit */
    rateLimit: rateLimit.optional(),
  },
  "is not a throttling setting",
  "{ burstLimit, rateLimit }",
).optional();

const cachingSchema = section(
  {
    /**
     * Provision the stage's cache cluster. Nothing is cached until a method override sets `cachingEnabled`
     * (caching every method would cache writes too). @default false
     */
    enabled: flag().default(false),
    /** Cache cluster size in GB. @default "0.5" */
    clusterSize: oneOf(CACHE_CLUSTER_SIZES, "is not a cache cluster size API Gateway offers").default("0.5"),
    /** Time to live of a cached response, 0..3600 seconds. @default 300 */
    ttlSeconds: numberIn(0, MAX_CACHE_TTL_SECONDS, { integer: true }).default(300),
    /**
     * The alarm on the cache's hit ratio, created where the cache caches at least one method.
     * @default { enabled: true, threshold: 0.5, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 }
     */
    hitRatioAlarm: hitRatioAlarmSchema,
  },
  "is not a cache setting",
  "{ enabled?, clusterSize?, ttlSeconds?, hitRatioAlarm? }",
).prefault({});

/** `"GET /pets/{petId}"`: an HTTP method, white space, a resource path. */
const METHOD_KEY = /^\s*(\S+)\s+(\S.*?)\s*$/;

/** Splits `"get /pets/{petId}"` into its HTTP method (upper case) and resource path. */
export function parseMethodKey(key: string): { httpMethod: string; resourcePath: string } {
  const [, httpMethod = "", resourcePath = ""] = METHOD_KEY.exec(key) ?? [];
  return { httpMethod: httpMethod.toUpperCase(), resourcePath };
}

/** Settings for one method that differ from its stage's; what it does not set comes from the stage. */
const overrideFields = section(
  {
    /** `"<HTTP method> <resource path>"` as in the API definition, e.g. `"POST /orders"`. */
    method: text(METHOD_KEY, '"<HTTP method> <resource path>" as in the API definition, e.g. "GET /orders"').transform(parseMethodKey),
    /** @default the stage's loggingLevel */
    loggingLevel: oneOf(LOGGING_LEVELS).optional(),
    /** @default the stage's dataTraceEnabled */
    dataTraceEnabled: flag().optional(),
    /** @default the stage's metricsEnabled */
    metricsEnabled: flag().optional(),
    /** @default the stage's throttling */
    throttling: overrideThrottlingSchema,
    /** Cache this method's responses: GET methods only, and the stage needs its cache cluster. @default false */
    cachingEnabled: flag().default(false),
  },
  "is not a method override",
  "{ method, loggingLevel?, dataTraceEnabled?, metricsEnabled?, throttling?, cachingEnabled? }",
);

type OverrideFields = z.output<typeof overrideFields>;

const stageFields = section(
  {
    /** Stage name: 1 to 64 letters, digits, `-` and `_`. */
    name: text(STAGE_NAME, "1 to 64 letters, digits, '-' or '_'"),
    /** What the stage's methods write to its execution log. @default "ERROR" */
    loggingLevel: oneOf(LOGGING_LEVELS).default("ERROR"),
    /** Logs full request and response bodies: sensitive data, never allowed in production. @default false */
    dataTraceEnabled: flag().default(false),
    /** Per-method CloudWatch metrics (needed for per-route dashboards). @default true */
    metricsEnabled: flag().default(true),
    /** X-Ray tracing of the stage's requests. @default true */
    tracingEnabled: flag().default(true),
    /** @default { burstLimit: 100, rateLimit: 50 } */
    throttling: stageThrottlingSchema,
    /** @default caching disabled: { enabled: false, clusterSize: "0.5", ttlSeconds: 300, hitRatioAlarm: its defaults } */
    caching: cachingSchema,
    /** A canary release on the stage. @default no canary: { enabled: false, percentTraffic: 10, stageVariableOverrides: {}, useStageCache: false } */
    canary: canarySchema,
    /** Methods whose settings differ from the stage's. @default none */
    methodOverrides: list(overrideFields, "is not a list", "a list of method overrides").default([]),
  },
  "is not a stage",
  "{ name, loggingLevel, ... }",
);

type StageFields = z.output<typeof stageFields>;

/** An override with what it does not set taken from its stage. */
function inherit(override: OverrideFields, stage: Omit<StageFields, "methodOverrides">) {
  return {
    ...override.method,
    loggingLevel: override.loggingLevel ?? stage.loggingLevel,
    dataTraceEnabled: override.dataTraceEnabled ?? stage.dataTraceEnabled,
    metricsEnabled: override.metricsEnabled ?? stage.metricsEnabled,
    throttling: {
      burstLimit: override.throttling?.burstLimit ?? stage.throttling.burstLimit,
      rateLimit: override.throttling?.rateLimit ?? stage.throttling.rateLimit,
    },
    cachingEnabled: override.cachingEnabled,
  };
}

/** A stage with each method override carrying every setting, its own or its stage's. */
const inheritedStage = stageFields.transform(({ methodOverrides, ...stage }) => ({
  ...stage,
  methodOverrides: methodOverrides.map((override) => inherit(override, stage)),
}));

type InheritedStage = z.output<typeof inheritedStage>;

/** Two overrides of one method: API Gateway keeps one method setting per method, so one of them would be lost. */
const oneOverridePerMethod = rule<InheritedStage>(["methodOverrides"], ({ methodOverrides }) =>
  duplicates(methodOverrides.map(operationKey)).map((key) => issue("methodOverrides[].method", key, "is overridden more than once", "one override per method")),
);

/** A cache answers whoever asks next: a cached write would never reach the integration again. */
const cachesGetsOnly = rule<InheritedStage>(["methodOverrides"], ({ methodOverrides }) =>
  methodOverrides.flatMap((override, j) =>
    override.cachingEnabled && override.httpMethod !== "GET"
      ? [issue(`methodOverrides[${j}].cachingEnabled`, true, `would cache ${override.httpMethod} responses`, "caching on GET methods only")]
      : [],
  ),
);

/** A canary that uses the stage cache needs one: "The cache is not available for the canary release until API caching is enabled". */
const canaryCacheNeedsCluster = rule<InheritedStage>(["canary", "caching.enabled"], ({ canary, caching }) =>
  canary.enabled && canary.useStageCache && !caching.enabled
    ? [issue("canary.useStageCache", true, "needs the stage cache cluster", "caching.enabled true, or useStageCache false")]
    : [],
);

/**
 * One stage. Its rules run on the stage with inheritance applied (so after every field parsed): a rule's
 * issue stops no transform, and the environment's rules always see stages of the parsed shape.
 */
export const stageSchema = withRules(inheritedStage, [oneOverridePerMethod, cachesGetsOnly, canaryCacheNeedsCluster]);

const NO_STAGES = explain("must list at least one stage", "a non-empty list of stages");

/** The API's stages, at least one. */
export const stagesSchema = list(stageSchema, "must list at least one stage", "a non-empty list of stages").min(1, { error: NO_STAGES });

/** What an environment file writes for a stage. */
export type StageInput = z.input<typeof stageSchema>;
/** A parsed stage. */
export type StageConfig = z.output<typeof stageSchema>;
/** What an environment file writes for a method override. */
export type MethodOverrideInput = z.input<typeof overrideFields>;
/** A parsed method override: its own settings, or its stage's. */
export type MethodOverride = StageConfig["methodOverrides"][number];
export type Throttling = StageConfig["throttling"];
export type Caching = StageConfig["caching"];
export type StageCanary = StageConfig["canary"];
