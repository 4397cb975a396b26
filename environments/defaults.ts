/**
 * Every default of the environment config, in one place. Secure by default: data trace off,
 * execution logs at ERROR, throttling on, X-Ray on, deletion protection on.
 */
import type { CacheClusterSize, LoggingLevel } from "./types";

export const STAGE_DEFAULTS = {
  loggingLevel: "ERROR" as LoggingLevel,
  dataTraceEnabled: false,
  metricsEnabled: true,
  tracingEnabled: true,
  throttling: { burstLimit: 100, rateLimit: 50 },
  caching: { enabled: false, clusterSize: "0.5" as CacheClusterSize, ttlSeconds: 300 },
} as const;

export const ENVIRONMENT_DEFAULTS = {
  logs: { retentionDays: 30 },
  deletionProtection: true,
  tags: {} as Readonly<Record<string, string>>,
  notifications: { emails: [] as readonly string[], httpsEndpoints: [] as readonly string[] },
} as const;
