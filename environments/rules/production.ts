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

export function productionRetention(env: Environment): ConfigIssue[] {
  const days = env.logs?.retentionDays;
  return isProduction(env) && typeof days === "number" && days < MIN_PRODUCTION_RETENTION_DAYS
    ? [issue("logs.retentionDays", days, "is too short for production", `at least ${MIN_PRODUCTION_RETENTION_DAYS} days`)]
    : [];
}

export function productionDeletionProtection(env: Environment): ConfigIssue[] {
  return isProduction(env) && env.deletionProtection === false
    ? [issue("deletionProtection", false, "leaves production logs destroyable", "true")]
    : [];
}
