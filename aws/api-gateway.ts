/**
 * What API Gateway accepts in a REST API stage and its method settings (Amazon API Gateway API Reference:
 * `CreateStage`, `MethodSetting`; Developer Guide, "Cache settings for REST APIs in API Gateway").
 */

/** `CreateStage` `cacheClusterSize`: the stage cache's capacity in GB. */
export const CACHE_CLUSTER_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;
export type CacheClusterSize = (typeof CACHE_CLUSTER_SIZES)[number];

/** `MethodSetting` `loggingLevel`: what a method writes to the execution log (`OFF`, errors, or errors and info). */
export const LOGGING_LEVELS = ["OFF", "ERROR", "INFO"] as const;
export type LoggingLevel = (typeof LOGGING_LEVELS)[number];

/** `MethodSetting` `cacheTtlInSeconds`: at most one hour (0 turns caching off). */
export const MAX_CACHE_TTL_SECONDS = 3600;
