/**
 * Every default of the environment config, in one place. Secure by default: data trace off,
 * execution logs at ERROR, throttling on, X-Ray on, deletion protection on.
 */
import type { AlarmConfig, AlarmKind, CacheClusterSize, CloudTrailInput, LoggingLevel, StateBackend, Tracing, Transition } from "./types";

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
/** Archive for years at archive prices: Standard-IA after a month, Glacier after a quarter, Deep Archive after half a year. */
export const LIFECYCLE_DEFAULTS = {
  transitions: [
    { storageClass: "STANDARD_IA", days: 30 },
    { storageClass: "GLACIER", days: 90 },
    { storageClass: "DEEP_ARCHIVE", days: 180 },
  ] as readonly Transition[],
  expirationDays: 2557,
  noncurrentVersionExpirationDays: 30,
  abortIncompleteMultipartUploadDays: 7,
} as const;

export const ARCHIVE_DEFAULTS = {
  lifecycle: LIFECYCLE_DEFAULTS,
  bufferingIntervalSeconds: 300,
  bufferingSizeMiB: 5,
  /** The archive-late alarm fires once the oldest undelivered record is 15 minutes older than buffering explains. */
  freshnessToleranceSeconds: 900,
} as const;

export const TRAIL_DEFAULTS = {
  lifecycle: LIFECYCLE_DEFAULTS,
  logRetentionDays: 90,
} as const;

/** Local state works out of the box; a team configures its S3 state bucket per environment and account. */
export const STATE_BACKEND_DEFAULTS = {
  backend: { type: "local" } as StateBackend,
  /** Folder of this project's state objects in an S3 state bucket. */
  s3KeyPrefix: "apigw-observability",
} as const;

export const ACCOUNT_DEFAULTS = {
  notifications: ENVIRONMENT_DEFAULTS.notifications,
  trail: TRAIL_DEFAULTS,
  configRules: false,
  deletionProtection: true,
  /** One multi-region trail of this project's own; the pipeline is not left out until the account names it. */
  cloudTrail: { mode: "dedicated" } as CloudTrailInput,
  deployerPrincipals: [] as readonly string[],
} as const;
