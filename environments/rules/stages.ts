/** Rules on stages, their method settings and per-method overrides. */
import { apiOperations, operationKey } from "../openapi";
import { CACHE_CLUSTER_SIZES, LOGGING_LEVELS, type Environment, type MethodOverride, type StageConfig, type Throttling } from "../types";
import { type ConfigIssue, duplicates, isBoolean, isObject, issue, matches, numberIn, oneOf } from "./checks";

/** API Gateway stage names: letters, digits, `-`, `_`; we also keep them short enough for log group names. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** API Gateway's default account-level limits: a stage cannot usefully exceed them. */
const MAX_BURST = 5000;
const MAX_RATE = 10000;

function throttling(field: string, value: Throttling): ConfigIssue[] {
  if (!isObject(value)) return [issue(field, value, "is not a throttling setting", "{ burstLimit, rateLimit }")];
  return [
    ...numberIn(`${field}.burstLimit`, value.burstLimit, 0, MAX_BURST, { integer: true }),
    ...numberIn(`${field}.rateLimit`, value.rateLimit, 0, MAX_RATE),
  ];
}

function stageSettings(field: string, stage: StageConfig): ConfigIssue[] {
  return [
    ...matches(`${field}.name`, stage.name, STAGE_NAME, "1 to 64 letters, digits, '-' or '_'"),
    ...oneOf(`${field}.loggingLevel`, stage.loggingLevel, LOGGING_LEVELS),
    ...isBoolean(`${field}.dataTraceEnabled`, stage.dataTraceEnabled),
    ...isBoolean(`${field}.metricsEnabled`, stage.metricsEnabled),
    ...isBoolean(`${field}.tracingEnabled`, stage.tracingEnabled),
    ...throttling(`${field}.throttling`, stage.throttling),
    ...isBoolean(`${field}.caching.enabled`, stage.caching.enabled),
    ...oneOf(`${field}.caching.clusterSize`, stage.caching.clusterSize, CACHE_CLUSTER_SIZES, "is not a cache cluster size API Gateway offers"),
    ...numberIn(`${field}.caching.ttlSeconds`, stage.caching.ttlSeconds, 0, 3600, { integer: true }),
  ];
}

/** Checks only what the override changes: values inherited from its stage were checked there. */
function methodOverride(field: string, override: MethodOverride, stage: StageConfig, known: readonly string[]): ConfigIssue[] {
  const key = operationKey(override);
  const own = <K extends keyof MethodOverride & keyof StageConfig>(k: K, check: () => ConfigIssue[]) =>
    (override[k] as unknown) === stage[k] ? [] : check();
  return [
    ...(known.includes(key)
      ? []
      : [issue(`${field}.method`, key.trim() || undefined, "is not an operation of the API definition", known.join(", "))]),
    ...own("loggingLevel", () => oneOf(`${field}.loggingLevel`, override.loggingLevel, LOGGING_LEVELS)),
    ...own("dataTraceEnabled", () => isBoolean(`${field}.dataTraceEnabled`, override.dataTraceEnabled)),
    ...own("metricsEnabled", () => isBoolean(`${field}.metricsEnabled`, override.metricsEnabled)),
    ...own("throttling", () => throttling(`${field}.throttling`, override.throttling)),
    ...isBoolean(`${field}.cachingEnabled`, override.cachingEnabled),
    ...(override.cachingEnabled === true && override.httpMethod !== "GET"
      ? [issue(`${field}.cachingEnabled`, true, `would cache ${override.httpMethod} responses`, "caching on GET methods only")]
      : []),
    ...(override.cachingEnabled === true && stage.caching.enabled !== true
      ? [issue(`${field}.cachingEnabled`, true, "needs the stage cache cluster", `set ${field.replace(/\.methodOverrides\[\d+\]$/, "")}.caching.enabled to true, or cachingEnabled to false`)]
      : []),
  ];
}

export function stages(env: Environment): ConfigIssue[] {
  if (!Array.isArray(env.stages) || env.stages.length === 0) {
    return [issue("stages", env.stages, "must list at least one stage", "a non-empty list of stages")];
  }
  const names = env.stages.map((s) => s?.name);
  const known = isObject(env.api) && isObject(env.api.definition) ? apiOperations(env.api.definition).map(operationKey) : [];
  return [
    ...duplicates(names).map((name) => issue("stages[].name", name, "is used by more than one stage", "a unique name per stage")),
    ...env.stages.flatMap((stage, i) => {
      const field = `stages[${i}]`;
      if (typeof stage !== "object" || stage === null) return [issue(field, stage, "is not a stage", "{ name, loggingLevel, ... }")];
      const overrides = stage.methodOverrides;
      if (!Array.isArray(overrides)) return [...stageSettings(field, stage), issue(`${field}.methodOverrides`, overrides, "is not a list", "a list of method overrides")];
      return [
        ...stageSettings(field, stage),
        ...duplicates(overrides.map(operationKey)).map((key) =>
          issue(`${field}.methodOverrides[].method`, key, "is overridden more than once", "one override per method"),
        ),
        ...overrides.flatMap((o, j) => methodOverride(`${field}.methodOverrides[${j}]`, o, stage, known)),
      ];
    }),
  ];
}
