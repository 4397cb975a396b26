/**
 * The fields of an environment config: one section each, every section in its own file with its defaults
 * beside its fields. The rules across sections (rules/) are attached in environment.ts.
 */
import type { z } from "zod";
import { accountSchema } from "./account";
import { alarmsSchema } from "./alarms";
import { apiSchema } from "./api";
import { archiveSchema } from "./archive";
import { flag, type Rule, section } from "./fields";
import { environmentNameSchema, ownerSchema, regionSchema, serviceSchema, tagsSchema, tierSchema } from "./identity";
import { logsSchema } from "./logs";
import { notificationsSchema } from "./notifications";
import { apiQuotasSchema } from "./quotas";
import { stagesSchema } from "./stages";
import { stateBackendSchema } from "./state-backend";
import { tracingSchema } from "./tracing";

export const environmentFields = section(
  {
    /** Environment name, also the stack name: lower-case letters, digits and `-`. */
    name: environmentNameSchema,
    /** Whether production rules apply (data trace off, long retention, deletion protection...). */
    tier: tierSchema,
    /** The AWS account the environment deploys into. */
    account: accountSchema,
    /** AWS region code, e.g. `eu-west-1`. */
    region: regionSchema,
    /** Service name, the prefix of every resource name. */
    service: serviceSchema,
    /** Team that owns the service, written to the `owner` tag. */
    owner: ownerSchema,
    /** The REST API: a name and the file of its OpenAPI 3.0 definition. */
    api: apiSchema,
    /** The API's stages, at least one. */
    stages: stagesSchema,
    /** Retention of the log groups. */
    logs: logsSchema,
    /** `prevent_destroy` on log groups and buckets. Required in production. @default true */
    deletionProtection: flag().default(true),
    /** Extra tags on every resource (merged into the provider's default tags). @default {} */
    tags: tagsSchema,
    /** Subscribers of the environment's alarm topic. @default no subscribers */
    notifications: notificationsSchema,
    /** Per-stage CloudWatch alarms. @default AWS's recommended alarms, low-traffic alarm off */
    alarms: alarmsSchema,
    /** X-Ray sampling of the traced stages. */
    tracing: tracingSchema,
    /** The S3 archive of the access logs (CloudWatch Logs -> Firehose -> S3). */
    archive: archiveSchema,
    /** Where the environment stack keeps its state. Required to be S3 in production. @default { type: "local" } */
    stateBackend: stateBackendSchema,
    /** The REST API's service quotas, where AWS raised them for this API. @default AWS's defaults */
    quotas: apiQuotasSchema,
  },
  "is not an environment config",
  "an EnvironmentInput object",
);

/** What an environment file writes: optional fields fall back to their defaults. */
export type EnvironmentInput = z.input<typeof environmentFields>;
/** A validated environment with every default applied. */
export type Environment = z.output<typeof environmentFields>;
/** A rule across the sections of an environment. */
export type EnvironmentRule = Rule<Environment>;
