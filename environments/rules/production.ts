/**
 * Production rules: enforced, not hoped for. They apply to every environment whose tier is
 * "production", and an environment called "prod" must be one.
 */
import type { Environment, MethodOverride } from "../types";
import { type ConfigIssue, issue } from "./checks";

const MIN_PRODUCTION_RETENTION_DAYS = 365;

const isProduction = (env: Environment): boolean => env.tier === "production";

export function prodIsProductionTier(env: Environment): ConfigIssue[] {
  return env.name === "prod" && !isProduction(env)
    ? [issue("tier", env.tier, "must be \"production\" for the environment named prod", "production")]
    : [];
}

export function productionAccount(env: Environment): ConfigIssue[] {
  return isProduction(env) && env.account?.production !== true
    ? [issue("account", `${env.account?.name} (${env.account?.id})`, "is not a production account, so it cannot host a production environment", "an account with production: true")]
    : [];
}

/** Data trace writes full request and response bodies (tokens, personal data) to CloudWatch. */
export function noDataTraceInProduction(env: Environment): ConfigIssue[] {
  if (!isProduction(env) || !Array.isArray(env.stages)) return [];
  const why = "logs full request and response bodies, which is not allowed in production";
  return env.stages.flatMap((stage, i) => [
    ...(stage?.dataTraceEnabled === true ? [issue(`stages[${i}].dataTraceEnabled`, true, why, "false")] : []),
    // Overrides that inherit the stage's data trace were reported with the stage.
    ...(Array.isArray(stage?.methodOverrides) ? stage.methodOverrides : []).flatMap((o: MethodOverride, j: number) =>
      o?.dataTraceEnabled === true && stage.dataTraceEnabled !== true ? [issue(`stages[${i}].methodOverrides[${j}].dataTraceEnabled`, true, why, "false")] : [],
    ),
  ]);
}

/**
 * Without execution logs an incident in production cannot be investigated: not at the stage, and not for
 * one method (a method override's `loggingLevel: "OFF"` turns them off for that method only).
 */
export function executionLoggingInProduction(env: Environment): ConfigIssue[] {
  if (!isProduction(env) || !Array.isArray(env.stages)) return [];
  const why = "turns execution logging off in production";
  return env.stages.flatMap((stage, i) => [
    ...(stage?.loggingLevel === "OFF" ? [issue(`stages[${i}].loggingLevel`, "OFF", why, "ERROR or INFO")] : []),
    // Overrides that inherit the stage's OFF were reported with the stage.
    ...(Array.isArray(stage?.methodOverrides) ? stage.methodOverrides : []).flatMap((o: MethodOverride, j: number) =>
      o?.loggingLevel === "OFF" && stage.loggingLevel !== "OFF"
        ? [issue(`stages[${i}].methodOverrides[${j}].loggingLevel`, "OFF", `${why} for ${o.httpMethod} ${o.resourcePath}`, "ERROR or INFO")]
        : [],
    ),
  ]);
}

const NOT_ARCHIVED = "execution logs are not archived: the S3 archive receives only the access logs";

/**
 * Production logs are kept a year. Access logs: in CloudWatch, or in the S3 archive (which receives every
 * access log event), so a shorter, cheaper CloudWatch retention is fine when the archive keeps them long
 * enough. Execution logs go nowhere else, so their CloudWatch retention must itself be a year.
 */
export function productionRetention(env: Environment): ConfigIssue[] {
  const days = env.logs?.retentionDays;
  const executionDays = env.logs?.executionRetentionDays;
  const archived = env.archive?.lifecycle?.expirationDays;
  if (!isProduction(env) || typeof days !== "number") return [];
  const min = MIN_PRODUCTION_RETENTION_DAYS;
  const accessShort = days < min && !(typeof archived === "number" && archived >= min);
  const executionShort = typeof executionDays === "number" && executionDays < min;
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
      ? [
          issue(
            "logs.retentionDays",
            days,
            `is too short for production while the archive keeps logs only ${archived} days`,
            `at least ${min} days, or archive.lifecycle.expirationDays of at least ${min}`,
          ),
        ]
      : []),
    ...(executionShort
      ? [issue("logs.executionRetentionDays", executionDays, `keeps the production execution logs only ${executionDays} days, and ${NOT_ARCHIVED}`, `at least ${min} days`)]
      : []),
  ];
}

export function productionDeletionProtection(env: Environment): ConfigIssue[] {
  return isProduction(env) && env.deletionProtection === false
    ? [issue("deletionProtection", false, "leaves production logs destroyable", "true")]
    : [];
}

/** The production account's audit trail cannot be destroyed by a rename or a stray destroy. */
export function productionAccountProtection(env: Environment): ConfigIssue[] {
  return env.account?.production === true && env.account.deletionProtection === false
    ? [issue("account.deletionProtection", false, "leaves the production account's CloudTrail bucket and logs destroyable", "true")]
    : [];
}
