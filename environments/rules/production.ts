/**
 * Production rules: enforced, not hoped for. They apply to every environment whose tier is "production",
 * and an environment called "prod" must be one. (The account's, state backend's and notifications'
 * production rules live in their own files here.)
 */
import type { Environment, EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";

const MIN_PRODUCTION_RETENTION_DAYS = 365;

const isProduction = (env: Environment): boolean => env.tier === "production";

export const prodIsProductionTier: EnvironmentRule = rule(["name", "tier"], (env) =>
  env.name === "prod" && !isProduction(env) ? [issue("tier", env.tier, 'must be "production" for the environment named prod', "production")] : [],
);

/** Data trace writes full request and response bodies (tokens, personal data) to CloudWatch. */
const DATA_TRACE = "logs full request and response bodies, which is not allowed in production";

export const noDataTraceInProductionStages: EnvironmentRule = rule(["tier", "stages.*.dataTraceEnabled"], (env) =>
  isProduction(env) ? env.stages.flatMap((stage, i) => (stage.dataTraceEnabled ? [issue(`stages[${i}].dataTraceEnabled`, true, DATA_TRACE, "false")] : [])) : [],
);

/** Overrides that inherit their stage's data trace were reported with the stage. */
export const noDataTraceInProductionOverrides: EnvironmentRule = rule(["tier", "stages"], (env) =>
  isProduction(env)
    ? env.stages.flatMap((stage, i) =>
        stage.methodOverrides.flatMap((override, j) =>
          override.dataTraceEnabled && !stage.dataTraceEnabled ? [issue(`stages[${i}].methodOverrides[${j}].dataTraceEnabled`, true, DATA_TRACE, "false")] : [],
        ),
      )
    : [],
);

/**
 * Without execution logs an incident in production cannot be investigated: not at the stage, and not for
 * one method (a method override's `loggingLevel: "OFF"` turns them off for that method only).
 */
const LOGGING_OFF = "turns execution logging off in production";

export const executionLoggingInProductionStages: EnvironmentRule = rule(["tier", "stages.*.loggingLevel"], (env) =>
  isProduction(env) ? env.stages.flatMap((stage, i) => (stage.loggingLevel === "OFF" ? [issue(`stages[${i}].loggingLevel`, "OFF", LOGGING_OFF, "ERROR or INFO")] : [])) : [],
);

/** Overrides that inherit their stage's OFF were reported with the stage. */
export const executionLoggingInProductionOverrides: EnvironmentRule = rule(["tier", "stages"], (env) =>
  isProduction(env)
    ? env.stages.flatMap((stage, i) =>
        stage.methodOverrides.flatMap((override, j) =>
          override.loggingLevel === "OFF" && stage.loggingLevel !== "OFF"
            ? [issue(`stages[${i}].methodOverrides[${j}].loggingLevel`, "OFF", `${LOGGING_OFF} for ${override.httpMethod} ${override.resourcePath}`, "ERROR or INFO")]
            : [],
        ),
      )
    : [],
);

const NOT_ARCHIVED = "execution logs are not archived: the S3 archive receives only the access logs";

/**
 * Production logs are kept a year. Access logs: in CloudWatch, or in the S3 archive (which receives every
 * access log event), so a shorter, cheaper CloudWatch retention is fine when the archive keeps them long
 * enough. Execution logs go nowhere else, so their CloudWatch retention must itself be a year.
 */
export const productionRetention: EnvironmentRule = rule(["tier", "logs", "archive.lifecycle.expirationDays"], (env) => {
  if (!isProduction(env)) return [];
  const { retentionDays: days, executionRetentionDays: executionDays } = env.logs;
  const archived = env.archive.lifecycle.expirationDays;
  const min = MIN_PRODUCTION_RETENTION_DAYS;
  const accessShort = days < min && archived < min;
  const executionShort = executionDays < min;
  // One setting for both (logs.executionRetentionDays not set apart): one issue, on logs.retentionDays.
  if (executionDays === days) {
    if (accessShort) {
      return [
        issue(
          "logs.retentionDays",
          days,
          `is too short for production while the archive keeps logs only ${archived} days`,
          `at least ${min} days, or archive.lifecycle.expirationDays of at least ${min} together with logs.executionRetentionDays of at least ${min} (${NOT_ARCHIVED})`,
        ),
      ];
    }
    return executionShort
      ? [
          issue(
            "logs.retentionDays",
            days,
            `also keeps the production execution logs only ${days} days, and ${NOT_ARCHIVED}`,
            `at least ${min} days, or logs.executionRetentionDays of at least ${min} (the access logs may then keep ${days} days in CloudWatch)`,
          ),
        ]
      : [];
  }
  return [
    ...(accessShort
      ? [issue("logs.retentionDays", days, `is too short for production while the archive keeps logs only ${archived} days`, `at least ${min} days, or archive.lifecycle.expirationDays of at least ${min}`)]
      : []),
    ...(executionShort
      ? [issue("logs.executionRetentionDays", executionDays, `keeps the production execution logs only ${executionDays} days, and ${NOT_ARCHIVED}`, `at least ${min} days`)]
      : []),
  ];
});

export const productionDeletionProtection: EnvironmentRule = rule(["tier", "deletionProtection"], (env) =>
  isProduction(env) && !env.deletionProtection ? [issue("deletionProtection", false, "leaves production logs destroyable", "true")] : [],
);

/** The production rules of this environment's own sections, in the order their issues are listed. */
export const PRODUCTION_RULES: readonly EnvironmentRule[] = [
  prodIsProductionTier,
  noDataTraceInProductionStages,
  noDataTraceInProductionOverrides,
  executionLoggingInProductionStages,
  executionLoggingInProductionOverrides,
  productionRetention,
  productionDeletionProtection,
];
