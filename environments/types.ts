/**
 * The names of the config's types, all inferred from the schema (environments/schema/): `*Input` is what an
 * environment file writes (optional fields fall back to their defaults), the plain name is the parsed value
 * with every default applied.
 */
import type { z } from "zod";
import type { lifecycleSchema } from "./schema/lifecycle";
import type { stateBackendSchema } from "./schema/state-backend";

export type { Environment, EnvironmentInput } from "./schema/environment";
export type { Account, AccountInput, AccountInput as AccountConfig, CloudTrail } from "./schema/account";
export type { AlarmConfig, AlarmKind, Alarms, AlarmsInput } from "./schema/alarms";
export type { Api, ApiInput } from "./schema/api";
export type { HttpsEndpoint, Notifications } from "./schema/notifications";
export type { StateBackend } from "./schema/state-backend";
export type { Caching, CacheClusterSize, LoggingLevel, MethodOverride, MethodOverrideInput, StageConfig, StageInput, Throttling } from "./schema/stages";
export type { OpenApiDocument } from "./openapi";
export type { Lifecycle, StorageClass, Transition } from "../aws/lifecycle";

export type StateBackendInput = z.input<typeof stateBackendSchema>;
/** An S3 state backend as an environment file writes it. */
export type S3StateBackendInput = Extract<StateBackendInput, { type: "s3" }>;
export type LifecycleInput = z.input<typeof lifecycleSchema>;

export { ALARM_KINDS } from "./schema/alarms";
export { CACHE_CLUSTER_SIZES, LOGGING_LEVELS } from "./schema/stages";
export { STORAGE_CLASSES } from "../aws/lifecycle";
export { TIERS } from "./schema/identity";
