/** Rules on stages, their method settings and per-method overrides. */
import { type ApiOperation, apiOperations, loadApiDefinition, operationKey, pathTemplateParameters } from "../openapi";
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

/** The operations of the API definition file, or undefined when it cannot be read (the api rule reports why). */
interface ApiRoutes {
  readonly file: string;
  readonly operations: ReadonlyMap<string, ApiOperation>;
}

function apiRoutes(env: Environment): ApiRoutes | undefined {
  if (!isObject(env.api)) return undefined;
  const loaded = loadApiDefinition(env.api.definitionFile);
  const operations = loaded.document ? apiOperations(loaded.document) : [];
  if (operations.length === 0) return undefined;
  return { file: loaded.shown ?? String(env.api.definitionFile), operations: new Map(operations.map((op) => [operationKey(op), op])) };
}

/**
 * A cached method is keyed only on its integration's `cacheKeyParameters`: without its path parameters there,
 * `GET /orders/1` and `GET /orders/2` share one cache entry and callers get each other's responses. A cache key
 * must also be a declared method request parameter (API reference, Integration.cacheKeyParameters).
 */
function cacheKeys(field: string, override: MethodOverride, operation: ApiOperation, file: string): ConfigIssue[] {
  if (override.cachingEnabled !== true) return [];
  const route = operationKey(operation);
  return pathTemplateParameters(operation.resourcePath)
    .filter((name) => !operation.cacheKeyParameters.includes(`method.request.path.${name}`))
    .map((name) => {
      const key = `method.request.path.${name}`;
      const declared = operation.parameters.some((p) => p.in === "path" && p.name === name);
      return issue(
        `${field}.cachingEnabled`,
        true,
        `caches ${route} without its path parameter ${name} in the cache key: one caller's response would be served for every ${name}`,
        `"cacheKeyParameters": ["${key}"] in the x-amazon-apigateway-integration of ${route} in ${file}` +
          (declared ? "" : `, with { "name": "${name}", "in": "path", "required": true } in the parameters of the operation or its path item`) +
          "; or cachingEnabled false",
      );
    });
}

/** Checks only what the override changes: values inherited from its stage were checked there. */
function methodOverride(field: string, override: MethodOverride, stage: StageConfig, api: ApiRoutes | undefined): ConfigIssue[] {
  const key = operationKey(override);
  const operation = api?.operations.get(key);
  const own = <K extends keyof MethodOverride & keyof StageConfig>(k: K, check: () => ConfigIssue[]) =>
    (override[k] as unknown) === stage[k] ? [] : check();
  return [
    // Its method settings would be filed under a path no method has: AWS accepts it and nothing changes.
    ...(api === undefined || operation !== undefined
      ? []
      : [issue(`${field}.method`, key.trim() || undefined, "is not an operation of the API definition", [...api.operations.keys()].join(", "))]),
    ...(api && operation ? cacheKeys(field, override, operation, api.file) : []),
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
  const api = apiRoutes(env);
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
        ...overrides.flatMap((o, j) => methodOverride(`${field}.methodOverrides[${j}]`, o, stage, api)),
      ];
    }),
  ];
}
