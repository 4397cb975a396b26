/** Rules on CloudWatch Logs settings. */
import type { Environment } from "../types";
import { type ConfigIssue, oneOf } from "./checks";

/** The only retention periods (days) CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function logRetention(env: Environment): ConfigIssue[] {
  const { retentionDays, executionRetentionDays } = env.logs;
  return [
    ...oneOf("logs.retentionDays", retentionDays, CLOUDWATCH_RETENTION_DAYS, "is not a retention CloudWatch Logs accepts"),
    // Inherited from retentionDays: reported there.
    ...(executionRetentionDays === retentionDays
      ? []
      : oneOf("logs.executionRetentionDays", executionRetentionDays, CLOUDWATCH_RETENTION_DAYS, "is not a retention CloudWatch Logs accepts")),
  ];
}
