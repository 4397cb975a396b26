/**
 * Applies the defaults of `defaults.ts` to an environment input. It does not check anything: values of
 * the wrong type are carried through unchanged, so that the rules can report them with their field.
 */
import { ACCOUNT_DEFAULTS, ALARM_DEFAULTS, ARCHIVE_DEFAULTS, ENVIRONMENT_DEFAULTS, LIFECYCLE_DEFAULTS, STAGE_DEFAULTS, STATE_BACKEND_DEFAULTS, TRACING_DEFAULTS } from "./defaults";
import { ALARM_KINDS, type AlarmConfig, type AlarmKind, type Alarms, type AlarmsInput, type StateBackend, type StateBackendInput, type Tracing } from "./types";
import type {
  Account,
  AccountConfig,
  Archive,
  ArchiveInput,
  Lifecycle,
  LifecycleInput,
  Caching,
  EnvironmentInput,
  Environment,
  MethodOverride,
  MethodOverrideInput,
  StageConfig,
  StageInput,
  Throttling,
  ThrottlingInput,
} from "./types";

/** Splits `"GET /pets/{petId}"` into its HTTP method and resource path. */
export function parseMethodKey(key: unknown): { httpMethod: string; resourcePath: string } {
  const text = typeof key === "string" ? key.trim() : "";
  const space = text.indexOf(" ");
  if (space < 0) return { httpMethod: "", resourcePath: "" };
  return { httpMethod: text.slice(0, space).toUpperCase(), resourcePath: text.slice(space + 1).trim() };
}

function resolveThrottling(input: ThrottlingInput | undefined, base: Throttling): Throttling {
  if (input === undefined) return base; // the very object, so rules can tell an inherited value
  return { burstLimit: input?.burstLimit ?? base.burstLimit, rateLimit: input?.rateLimit ?? base.rateLimit };
}

function resolveOverride(input: MethodOverrideInput, stage: Omit<StageConfig, "methodOverrides">): MethodOverride {
  return {
    ...parseMethodKey(input?.method),
    loggingLevel: input?.loggingLevel ?? stage.loggingLevel,
    dataTraceEnabled: input?.dataTraceEnabled ?? stage.dataTraceEnabled,
    metricsEnabled: input?.metricsEnabled ?? stage.metricsEnabled,
    throttling: resolveThrottling(input?.throttling, stage.throttling),
    cachingEnabled: input?.cachingEnabled ?? false,
  };
}

function resolveStage(input: StageInput): StageConfig {
  const caching: Caching = { ...STAGE_DEFAULTS.caching, ...input?.caching };
  const stage = {
    name: input?.name,
    loggingLevel: input?.loggingLevel ?? STAGE_DEFAULTS.loggingLevel,
    dataTraceEnabled: input?.dataTraceEnabled ?? STAGE_DEFAULTS.dataTraceEnabled,
    metricsEnabled: input?.metricsEnabled ?? STAGE_DEFAULTS.metricsEnabled,
    tracingEnabled: input?.tracingEnabled ?? STAGE_DEFAULTS.tracingEnabled,
    throttling: resolveThrottling(input?.throttling, STAGE_DEFAULTS.throttling),
    caching,
  };
  const overrides = input?.methodOverrides ?? [];
  return {
    ...stage,
    // A malformed list is carried through as it is, for the rules to report.
    methodOverrides: Array.isArray(overrides) ? overrides.map((o) => resolveOverride(o, stage)) : (overrides as unknown as MethodOverride[]),
  };
}

/**
 * Every known alarm with its defaults applied; `datapointsToAlarm` follows `evaluationPeriods` unless set.
 * Unknown keys and non-object values are carried through for the rules to report.
 */
function resolveAlarms(input: AlarmsInput | undefined): Alarms {
  if (malformed(input)) return input as unknown as Alarms;
  const given = (input ?? {}) as Readonly<Record<string, unknown>>;
  const kinds = [...new Set([...ALARM_KINDS, ...Object.keys(given)])] as AlarmKind[];
  return Object.fromEntries(
    kinds.map((kind) => {
      const own = given[kind];
      if (malformed(own)) return [kind, own];
      const merged: AlarmConfig = { ...ALARM_DEFAULTS[kind], ...(own as Partial<AlarmConfig> | undefined) };
      const datapointsToAlarm = (own as Partial<AlarmConfig> | undefined)?.datapointsToAlarm ?? merged.evaluationPeriods;
      return [kind, { ...merged, datapointsToAlarm }];
    }),
  ) as unknown as Alarms;
}

export function resolveEnvironment(input: EnvironmentInput): Environment {
  return {
    name: input.name,
    tier: input.tier,
    account: resolveAccount(input.account),
    region: input.region,
    service: input.service,
    owner: input.owner,
    api: input.api,
    stages: Array.isArray(input.stages) ? input.stages.map(resolveStage) : (input.stages as unknown as StageConfig[]),
    logs: resolveLogs(input.logs),
    deletionProtection: input.deletionProtection ?? ENVIRONMENT_DEFAULTS.deletionProtection,
    tags: input.tags ?? ENVIRONMENT_DEFAULTS.tags,
    notifications: { ...ENVIRONMENT_DEFAULTS.notifications, ...input.notifications },
    alarms: resolveAlarms(input.alarms),
    tracing: malformed(input.tracing) ? (input.tracing as unknown as Tracing) : { ...TRACING_DEFAULTS, ...input.tracing },
    archive: resolveArchive(input.archive),
    stateBackend: resolveStateBackend(input.stateBackend),
  };
}

/** Execution logs keep what every log group keeps unless set apart. */
function resolveLogs(input: EnvironmentInput["logs"]): Environment["logs"] {
  const logs = { ...ENVIRONMENT_DEFAULTS.logs, ...input };
  return { ...logs, executionRetentionDays: logs.executionRetentionDays ?? logs.retentionDays };
}

export function resolveStateBackend(input: StateBackendInput | undefined): StateBackend {
  if (input === undefined) return STATE_BACKEND_DEFAULTS.backend;
  if (malformed(input) || input.type !== "s3") return input as StateBackend;
  return { ...input, keyPrefix: input.keyPrefix ?? STATE_BACKEND_DEFAULTS.s3KeyPrefix };
}

/** A section that is set but not an object is carried through as it is, for the rules to report. */
function malformed(input: unknown): boolean {
  return input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input));
}

export function resolveLifecycle(input: LifecycleInput | undefined): Lifecycle {
  if (malformed(input)) return input as unknown as Lifecycle;
  return { ...LIFECYCLE_DEFAULTS, ...input };
}

function resolveArchive(input: ArchiveInput | undefined): Archive {
  if (malformed(input)) return input as unknown as Archive;
  return { ...ARCHIVE_DEFAULTS, ...input, lifecycle: resolveLifecycle(input?.lifecycle) };
}

/** The account with its defaults; anything that is not an object is carried through for the rules to report. */
export function resolveAccount(input: AccountConfig): Account {
  if (typeof input !== "object" || input === null) return input as Account;
  return {
    ...input,
    notifications: { ...ACCOUNT_DEFAULTS.notifications, ...input.notifications },
    trail: malformed(input.trail) ? (input.trail as unknown as Account["trail"]) : { ...ACCOUNT_DEFAULTS.trail, ...input.trail, lifecycle: resolveLifecycle(input.trail?.lifecycle) },
    configRules: input.configRules ?? ACCOUNT_DEFAULTS.configRules,
    deletionProtection: input.deletionProtection ?? ACCOUNT_DEFAULTS.deletionProtection,
    stateBackend: resolveStateBackend(input.stateBackend),
    cloudTrail: input.cloudTrail ?? ACCOUNT_DEFAULTS.cloudTrail,
    deployerPrincipals: input.deployerPrincipals ?? ACCOUNT_DEFAULTS.deployerPrincipals,
  };
}
