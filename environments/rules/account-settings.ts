/** Rules on the account-level settings: the security topic's subscribers, the trail, Config rules. */
import { MAX_BUCKET_NAME_LENGTH, MAX_ROLE_NAME_LENGTH, trailBucketName, trailLogsRoleName } from "../../modules/naming";
import type { Environment } from "../types";
import { lifecycleIssues, nameLength } from "./archive";
import { type ConfigIssue, isBoolean, isObject, issue, oneOf } from "./checks";
import { CLOUDWATCH_RETENTION_DAYS } from "./logs";
import { notifications } from "./notifications";

/** The same checks as the environment's subscribers, on `account.notifications`. */
export function accountNotifications(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  return notifications({ notifications: env.account.notifications } as Environment).map((i) => ({ ...i, field: `account.${i.field}` }));
}

export function accountTrail(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  const trail = env.account.trail;
  if (!isObject(trail)) return [issue("account.trail", trail, "is not a trail setting", "{ lifecycle, logRetentionDays }")];
  return [
    ...lifecycleIssues("account.trail.lifecycle", trail.lifecycle),
    ...oneOf("account.trail.logRetentionDays", trail.logRetentionDays, CLOUDWATCH_RETENTION_DAYS, "is not a retention CloudWatch Logs accepts"),
  ];
}

export function accountSwitches(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  return [...isBoolean("account.configRules", env.account.configRules), ...isBoolean("account.deletionProtection", env.account.deletionProtection)];
}

/** The trail's bucket and role names are built from the account name, id and region. */
export function accountNames(env: Environment): ConfigIssue[] {
  const { account } = env;
  if (!isObject(account) || typeof account.name !== "string" || typeof account.id !== "string" || typeof env.region !== "string") return [];
  return [
    ...nameLength("account.name", account.name, "CloudTrail bucket", trailBucketName(account.name, account.id, env.region), MAX_BUCKET_NAME_LENGTH),
    ...nameLength("account.name", account.name, "CloudTrail logs role", trailLogsRoleName(account.name, env.region), MAX_ROLE_NAME_LENGTH),
  ];
}
