/**
 * Every default of the environment config, in one place. Secure by default: data trace off,
 * execution logs at ERROR, throttling on, X-Ray on, deletion protection on.
 */
import type { AlarmConfig, AlarmKind, CacheClusterSize, LoggingLevel, Tracing } from "./types";

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

/** AWS's recommended API Gateway alarms ("Recommended alarms" in the CloudWatch user guide). */
export const ALARM_DEFAULTS: Readonly<Record<AlarmKind, AlarmConfig>> = {
  serverErrorRate: { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3 },
  clientErrorRate: { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  latency: { enabled: true, threshold: 2500, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  integrationLatency: { enabled: true, threshold: 2000, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  lowTraffic: { enabled: false, threshold: 1, periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 10 },
  serverErrorCount: { enabled: true, threshold: 10, periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1 },
};

/** X-Ray's own default sampling (one request a second, then 5%). */
export const TRACING_DEFAULTS: Tracing = { samplingRate: 0.05, reservoirSize: 1, priority: 1000 };
