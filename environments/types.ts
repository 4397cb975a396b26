/**
 * The typed shape of an environment's configuration.
 *
 * `*Input` types are what an environment file writes: optional fields fall back to the defaults in
 * `defaults.ts`. Validation (`validate.ts`) turns an input into the resolved `Environment*` types, in
 * which every field is present and has been checked. Modules and stacks only ever see resolved types.
 */

/** Execution log level of API Gateway: what it writes to `API-Gateway-Execution-Logs_{apiId}/{stage}`. */
export type LoggingLevel = "OFF" | "ERROR" | "INFO";
export const LOGGING_LEVELS: readonly LoggingLevel[] = ["OFF", "ERROR", "INFO"];

/** Sizes (GB) API Gateway accepts for a stage cache cluster. */
export type CacheClusterSize = "0.5" | "1.6" | "6.1" | "13.5" | "28.4" | "58.2" | "118" | "237";
export const CACHE_CLUSTER_SIZES: readonly CacheClusterSize[] = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

/** Whether production rules apply (data trace off, long retention, deletion protection...). */
export type Tier = "production" | "non-production";
export const TIERS: readonly Tier[] = ["production", "non-production"];

/** An AWS account that environments deploy into. */
export interface AccountConfig {
  /** Short readable name, used in the account stack's name (`account-<name>-<region>`). */
  readonly name: string;
  /** The 12-digit AWS account id. */
  readonly id: string;
  /** Only production accounts may host production-tier environments. */
  readonly production: boolean;
  /** Subscribers of the account's security alarm topic (API Gateway control-plane changes). @default no subscribers */
  readonly notifications?: NotificationsInput;
  /** The account's CloudTrail trail: its S3 archive and its CloudWatch log group. @default TRAIL_DEFAULTS */
  readonly trail?: TrailInput;
  /**
   * AWS Config managed rules (API Gateway execution logging and X-Ray, CloudTrail). They need a
   * configuration recorder, which this project does not create: turn on only where one exists. @default false
   */
  readonly configRules?: boolean;
  /** `prevent_destroy` on the trail's bucket, log group and key. Required in production accounts. @default true */
  readonly deletionProtection?: boolean;
}

/** Request throttling: steady-state rate (requests/second) and burst (bucket size). */
export interface ThrottlingInput {
  /** @default 100 */
  readonly burstLimit?: number;
  /** @default 50 */
  readonly rateLimit?: number;
}

export interface CachingInput {
  /**
   * Provision the stage's cache cluster. Nothing is cached until a method override sets
   * `cachingEnabled` (caching every method would cache writes too). @default false
   */
  readonly enabled?: boolean;
  /** Cache cluster size in GB. @default "0.5" */
  readonly clusterSize?: CacheClusterSize;
  /** Time to live of a cached response, 0..3600 seconds. @default 300 */
  readonly ttlSeconds?: number;
}

/** Settings for one method (`"GET /pets/{petId}"`) that differ from its stage's defaults. */
export interface MethodOverrideInput {
  /** `"<HTTP method> <resource path>"` as in the API definition, e.g. `"POST /orders"`. */
  readonly method: string;
  /** @default the stage's loggingLevel */
  readonly loggingLevel?: LoggingLevel;
  /** @default the stage's dataTraceEnabled */
  readonly dataTraceEnabled?: boolean;
  /** @default the stage's metricsEnabled */
  readonly metricsEnabled?: boolean;
  /** @default the stage's throttling */
  readonly throttling?: ThrottlingInput;
  /** Cache this method's responses: GET methods only, and the stage needs its cache cluster. @default false */
  readonly cachingEnabled?: boolean;
}

export interface StageInput {
  /** Stage name: letters, digits, `-` and `_`. */
  readonly name: string;
  /** @default "ERROR" */
  readonly loggingLevel?: LoggingLevel;
  /** Logs full request and response bodies: sensitive data, never allowed in production. @default false */
  readonly dataTraceEnabled?: boolean;
  /** Per-method CloudWatch metrics (needed for per-route dashboards). @default true */
  readonly metricsEnabled?: boolean;
  /** @default true */
  readonly tracingEnabled?: boolean;
  /** @default { burstLimit: 100, rateLimit: 50 } */
  readonly throttling?: ThrottlingInput;
  /** @default caching disabled */
  readonly caching?: CachingInput;
  /** @default none */
  readonly methodOverrides?: readonly MethodOverrideInput[];
}

export interface LogsInput {
  /** Retention of every log group, one of the values CloudWatch Logs accepts. @default 30 */
  readonly retentionDays?: number;
  /**
   * Retention of the stages' execution logs, if it differs. The S3 archive receives only the access logs,
   * so in production this one must itself be at least 365 days (access logs may keep less in CloudWatch
   * when the archive keeps them a year). @default retentionDays
   */
  readonly executionRetentionDays?: number;
}

/** The REST API this environment deploys: a name and the file of its OpenAPI 3.0 definition. */
export interface ApiInput {
  /** Short name; the deployed API is called `<service>-<environment>`. */
  readonly name: string;
  /**
   * The OpenAPI 3.0 document (JSON) with an `x-amazon-apigateway-integration` on every operation: absolute,
   * or relative to the project root (the folder of package.json). The one source: validation reads and
   * checks this file, and the stack ships it beside the HCL and deploys it with `file()`.
   */
  readonly definitionFile: string;
}

/** The subset of an OpenAPI document this project reads. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [key: string]: unknown;
}

/**
 * An HTTPS subscriber (PagerDuty, Opsgenie, a chat webhook). Integration URLs carry their secret in the URL,
 * so they stay out of git: name a SecureString SSM parameter (read at plan time, `with_decryption`), or a
 * sensitive Terraform variable (set through `TF_VAR_<name>`). A plain `https://` string is for a URL that is
 * not secret; production rejects it.
 */
export type { HttpsEndpointInput } from "../modules/notification-topic";
import type { HttpsEndpointInput } from "../modules/notification-topic";

/** Who is told when an alarm fires. */
export interface NotificationsInput {
  /** Email subscribers; each must confirm the subscription by email. @default [] */
  readonly emails?: readonly string[];
  /** HTTPS subscribers (paging or chat webhooks): `https://` URLs, or where a secret URL comes from. @default [] */
  readonly httpsEndpoints?: readonly HttpsEndpointInput[];
}

export interface Notifications {
  readonly emails: readonly string[];
  readonly httpsEndpoints: readonly HttpsEndpointInput[];
}

export interface EnvironmentInput {
  /** Environment name, also the stack name: lower-case letters, digits and `-`. */
  readonly name: string;
  readonly tier: Tier;
  readonly account: AccountConfig;
  /** AWS region code, e.g. `eu-west-1`. */
  readonly region: string;
  /** Service name, the prefix of every resource name. */
  readonly service: string;
  /** Team that owns the service, written to the `owner` tag. */
  readonly owner: string;
  readonly api: ApiInput;
  readonly stages: readonly StageInput[];
  /** @default { retentionDays: 30 } */
  readonly logs?: LogsInput;
  /** `prevent_destroy` on log groups (and, later, buckets). Required in production. @default true */
  readonly deletionProtection?: boolean;
  /** Extra tags on every resource (merged into the provider's default tags). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Subscribers of the environment's alarm topic. @default no subscribers */
  readonly notifications?: NotificationsInput;
  /** The S3 archive of the access logs (CloudWatch Logs -> Firehose -> S3). @default ARCHIVE_DEFAULTS */
  readonly archive?: ArchiveInput;
}

export interface Throttling {
  readonly burstLimit: number;
  readonly rateLimit: number;
}

export interface Caching {
  readonly enabled: boolean;
  readonly clusterSize: CacheClusterSize;
  readonly ttlSeconds: number;
}

export interface MethodOverride {
  readonly httpMethod: string;
  readonly resourcePath: string;
  readonly loggingLevel: LoggingLevel;
  readonly dataTraceEnabled: boolean;
  readonly metricsEnabled: boolean;
  readonly throttling: Throttling;
  readonly cachingEnabled: boolean;
}

export interface StageConfig {
  readonly name: string;
  readonly loggingLevel: LoggingLevel;
  readonly dataTraceEnabled: boolean;
  readonly metricsEnabled: boolean;
  readonly tracingEnabled: boolean;
  readonly throttling: Throttling;
  readonly caching: Caching;
  readonly methodOverrides: readonly MethodOverride[];
}

/** A validated environment with every default applied. */
export interface Environment {
  readonly name: string;
  readonly tier: Tier;
  readonly account: Account;
  readonly region: string;
  readonly service: string;
  readonly owner: string;
  readonly api: ApiInput;
  readonly stages: readonly StageConfig[];
  readonly logs: { readonly retentionDays: number; readonly executionRetentionDays: number };
  readonly deletionProtection: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly notifications: Notifications;
  readonly archive: Archive;
}

/**
 * S3 storage classes a lifecycle rule can move objects to, in the only order S3 allows (the "waterfall":
 * an object only ever moves to a colder class).
 */
export type StorageClass = "STANDARD_IA" | "INTELLIGENT_TIERING" | "ONEZONE_IA" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";
export const STORAGE_CLASSES: readonly StorageClass[] = ["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"];

/** Move objects to a storage class a number of days after they were written. */
export interface Transition {
  readonly storageClass: StorageClass;
  /** Days after creation; STANDARD_IA and ONEZONE_IA need at least 30. */
  readonly days: number;
}

/** What an S3 lifecycle configuration does with a bucket's objects. */
export interface LifecycleInput {
  /** Colder classes over time, in waterfall order. @default STANDARD_IA at 30, GLACIER at 90, DEEP_ARCHIVE at 180 days */
  readonly transitions?: readonly Transition[];
  /** Days after creation the objects are deleted; after the last transition. @default 2557 (7 years) */
  readonly expirationDays?: number;
  /** Days an overwritten or deleted object's old version is kept. @default 30 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before an unfinished multipart upload is aborted (its parts are billed until then). @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
}

export interface Lifecycle {
  readonly transitions: readonly Transition[];
  readonly expirationDays: number;
  readonly noncurrentVersionExpirationDays: number;
  readonly abortIncompleteMultipartUploadDays: number;
}

/** The access-log archive: a Firehose stream per stage writes into one bucket per environment. */
export interface ArchiveInput {
  /** @default LIFECYCLE_DEFAULTS */
  readonly lifecycle?: LifecycleInput;
  /** Firehose flushes to S3 after this many seconds, 0..900. @default 300 */
  readonly bufferingIntervalSeconds?: number;
  /** ... or this many MiB, 1..128, whichever comes first. @default 5 */
  readonly bufferingSizeMiB?: number;
  /**
   * How far past the buffering interval delivery to S3 may fall behind (`DeliveryToS3.DataFreshness`)
   * before the archive-late alarm fires, 60..43200 seconds: the alarm must leave time to act before
   * Firehose drops records it could not deliver for 24 hours. @default 900
   */
  readonly freshnessToleranceSeconds?: number;
}

export interface Archive {
  readonly lifecycle: Lifecycle;
  readonly bufferingIntervalSeconds: number;
  readonly bufferingSizeMiB: number;
  readonly freshnessToleranceSeconds: number;
}

/** The account's CloudTrail trail. */
export interface TrailInput {
  /** Archive of the trail's log files in S3. @default LIFECYCLE_DEFAULTS */
  readonly lifecycle?: LifecycleInput;
  /** Retention of the trail's CloudWatch log group (the alarm source; S3 is the record). @default 90 */
  readonly logRetentionDays?: number;
}

export interface Trail {
  readonly lifecycle: Lifecycle;
  readonly logRetentionDays: number;
}

/** An account with every default applied. */
export interface Account extends AccountConfig {
  readonly notifications: Notifications;
  readonly trail: Trail;
  readonly configRules: boolean;
  readonly deletionProtection: boolean;
}

/**
 * The per-stage CloudWatch alarms, by kind. Rates are `Average` of `4XXError`/`5XXError` (0..1), latencies
 * are p90 in milliseconds, `lowTraffic` is requests per period, `serverErrorCount` counts 5xx access log lines.
 */
export type AlarmKind = "serverErrorRate" | "clientErrorRate" | "latency" | "integrationLatency" | "lowTraffic" | "serverErrorCount";
export const ALARM_KINDS: readonly AlarmKind[] = ["serverErrorRate", "clientErrorRate", "latency", "integrationLatency", "lowTraffic", "serverErrorCount"];

/** One alarm's settings; every field falls back to that alarm's default (see `ALARM_DEFAULTS`). */
export interface AlarmInput {
  /** @default true, except lowTraffic (false: only where traffic is steady enough to expect it) */
  readonly enabled?: boolean;
  /** In the metric's unit: a rate 0..1, milliseconds, or a count. @default see each alarm */
  readonly threshold?: number;
  /** Seconds: 60 or a multiple of 60 (API Gateway metrics have one-minute resolution). @default 60 */
  readonly periodSeconds?: number;
  /** How many recent periods are evaluated. @default see each alarm */
  readonly evaluationPeriods?: number;
  /** How many of those periods must breach ("M out of N"). @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
}

/** Alarms of every stage of the environment, each optional (AWS's recommended alarms by default). */
export interface AlarmsInput {
  /** 5XXError Average > threshold. @default { threshold: 0.05, periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3 } */
  readonly serverErrorRate?: AlarmInput;
  /** 4XXError Average > threshold. @default { threshold: 0.05, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } */
  readonly clientErrorRate?: AlarmInput;
  /** Latency p90 >= threshold ms. @default { threshold: 2500, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } */
  readonly latency?: AlarmInput;
  /** IntegrationLatency p90 >= threshold ms. @default { threshold: 2000, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } */
  readonly integrationLatency?: AlarmInput;
  /** Count < threshold requests per period. @default { enabled: false, threshold: 1, periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 10 } */
  readonly lowTraffic?: AlarmInput;
  /** 5xx access log lines per period > threshold. @default { threshold: 10, periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1 } */
  readonly serverErrorCount?: AlarmInput;
}

export interface AlarmConfig {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export type Alarms = Readonly<Record<AlarmKind, AlarmConfig>>;

/** X-Ray sampling of every traced stage (a rule per stage, scoped to it). */
export interface TracingInput {
  /** Share of requests traced beyond the reservoir, 0..1. @default 0.05 */
  readonly samplingRate?: number;
  /** Requests per second traced before the rate applies. @default 1 */
  readonly reservoirSize?: number;
  /** Rule priority, 1..9999 (lower is evaluated first). @default 1000 */
  readonly priority?: number;
}

export interface Tracing {
  readonly samplingRate: number;
  readonly reservoirSize: number;
  readonly priority: number;
}

/** Alarm and tracing fields of `EnvironmentInput` (TypeScript merges this declaration with the one above). */
export interface EnvironmentInput {
  /** Per-stage CloudWatch alarms. @default AWS's recommended alarms, low-traffic alarm off */
  readonly alarms?: AlarmsInput;
  /** X-Ray sampling of the traced stages. @default { samplingRate: 0.05, reservoirSize: 1, priority: 1000 } */
  readonly tracing?: TracingInput;
}

/** Alarm and tracing fields of `Environment` (merged with the declaration above). */
export interface Environment {
  readonly alarms: Alarms;
  readonly tracing: Tracing;
}

/** Where Terraform keeps a stack's state. */
export type StateBackendType = "local" | "s3";
export const STATE_BACKEND_TYPES: readonly StateBackendType[] = ["local", "s3"];

/** State in `terraform.<stack>.tfstate` in the project folder: works out of the box, for one person only. */
export interface LocalStateBackend {
  readonly type: "local";
}

/**
 * State in an S3 bucket the team already has (this project does not create it): one object per stack
 * (`<keyPrefix>/<stack>/terraform.tfstate`), encrypted, locked with an S3 lock file (`use_lockfile`).
 */
export interface S3StateBackendInput {
  readonly type: "s3";
  /** The state bucket (versioning on, access limited to the deploy roles). */
  readonly bucket: string;
  /** The bucket's region, which may differ from the environment's. */
  readonly region: string;
  /** Folder of this project's state objects in the bucket. @default "apigw-observability" */
  readonly keyPrefix?: string;
  /** A customer-managed KMS key (ARN or `alias/...`) for the state objects. @default the bucket's default encryption */
  readonly kmsKeyId?: string;
}

export type StateBackendInput = LocalStateBackend | S3StateBackendInput;

export interface S3StateBackend extends S3StateBackendInput {
  readonly keyPrefix: string;
}

export type StateBackend = LocalStateBackend | S3StateBackend;

/** State backend fields (merged with the declarations above). */
export interface EnvironmentInput {
  /** Where the environment stack keeps its state. Required to be S3 in production. @default { type: "local" } */
  readonly stateBackend?: StateBackendInput;
}

export interface Environment {
  readonly stateBackend: StateBackend;
}

export interface AccountConfig {
  /**
   * Where the account stack keeps its state. Every environment in the account names the same account, so
   * they agree on it. Required to be S3 in production accounts. @default { type: "local" }
   */
  readonly stateBackend?: StateBackendInput;
}

export interface Account {
  readonly stateBackend: StateBackend;
}

/**
 * The account's audit trail, where the API Gateway change alarm reads. `dedicated`: this project creates one
 * multi-region trail (bucket, log group, delivery role) in the home region; it records every region, so the
 * account stacks of the other regions create none. `existing`: an organization or landing-zone trail already
 * delivers to a CloudWatch log group of this account; the alarm reads that log group and no trail is created
 * (the `trail` settings are then unused).
 */
export type CloudTrailInput =
  | {
      readonly mode: "dedicated";
      /** Region whose account stack creates the trail and the change alarm. @default the account's only region; required when its environments use several */
      readonly homeRegion?: string;
    }
  | {
      readonly mode: "existing";
      /** The existing trail's CloudWatch log group, by name (not ARN): 1..512 of `[.-_/#A-Za-z0-9]`. */
      readonly logGroupName: string;
      /** Region of that log group, whose account stack creates the change alarm. @default the account's only region; required when its environments use several */
      readonly homeRegion?: string;
    };
export const CLOUD_TRAIL_MODES: readonly CloudTrailInput["mode"][] = ["dedicated", "existing"];

/** Audit fields of `AccountConfig` (merged with the declarations above). */
export interface AccountConfig {
  /** Where the account's audit trail comes from. @default { mode: "dedicated" } */
  readonly cloudTrail?: CloudTrailInput;
  /**
   * Roles whose API Gateway changes the control-plane alarm leaves out: the deploy pipeline changes APIs on
   * every deploy. A role ARN of this account (`arn:aws:iam::111111111111:role/github-deploy`, may end in `*`)
   * or a role name (`github-deploy`, `*` allowed at its start or end). Only role sessions are left out: IAM
   * users and root always alarm. @default []
   */
  readonly deployerPrincipals?: readonly string[];
}

export interface Account {
  readonly cloudTrail: CloudTrailInput;
  readonly deployerPrincipals: readonly string[];
}
