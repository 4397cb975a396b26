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

/** Without execution logs an incident in production cannot be investigated. */
export function executionLoggingInProduction(env: Environment): ConfigIssue[] {
  if (!isProduction(env) || !Array.isArray(env.stages)) return [];
  return env.stages.flatMap((stage, i) =>
    stage?.loggingLevel === "OFF" ? [issue(`stages[${i}].loggingLevel`, "OFF", "turns execution logging off in production", "ERROR or INFO")] : [],
  );
}

/**
 * Production logs are kept a year: in CloudWatch, or in the S3 archive (which receives every access log
 * event), so a shorter, cheaper CloudWatch retention is fine when the archive keeps them long enough.
 */
export function productionRetention(env: Environment): ConfigIssue[] {
  const days = env.logs?.retentionDays;
  const archived = env.archive?.lifecycle?.expirationDays;
  if (!isProduction(env) || typeof days !== "number" || days >= MIN_PRODUCTION_RETENTION_DAYS) return [];
  if (typeof archived === "number" && archived >= MIN_PRODUCTION_RETENTION_DAYS) return [];
  return [
    issue(
      "logs.retentionDays",
      days,
      `is too short for production while the archive keeps logs only ${archived} days`,
      `at least ${MIN_PRODUCTION_RETENTION_DAYS} days, or archive.lifecycle.expirationDays of at least ${MIN_PRODUCTION_RETENTION_DAYS}`,
    ),
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
