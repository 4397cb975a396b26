/**
 * Retention of the environment's log groups (`logs`). The execution logs keep what every log group keeps
 * unless set apart: in production they must keep a year on their own (see `production.ts`), because the S3
 * archive receives only the access logs.
 */
import { CLOUDWATCH_RETENTION_DAYS } from "../../aws/limits";
import { oneOfNumbers, section } from "./fields";

/** One of the retention periods PutRetentionPolicy accepts. */
const retentionDays = oneOfNumbers(CLOUDWATCH_RETENTION_DAYS, "is not a retention CloudWatch Logs accepts");

const logsFields = section(
  {
    /** Retention of every log group, in days: one of the values CloudWatch Logs accepts. @default 30 */
    retentionDays: retentionDays.default(30),
    /**
     * Retention of the stages' execution logs, if it differs. The S3 archive receives only the access logs,
     * so in production this one must itself be at least 365 days (access logs may keep less in CloudWatch
     * when the archive keeps them a year). @default retentionDays
     */
    executionRetentionDays: retentionDays.optional(),
  },
  "is not a log retention setting",
  "{ retentionDays?, executionRetentionDays? }",
);

/** Retention of the log groups; parsed, `executionRetentionDays` is set (to `retentionDays` unless given). @default { retentionDays: 30 } */
export const logsSchema = logsFields
  .transform(({ retentionDays, executionRetentionDays }) => ({ retentionDays, executionRetentionDays: executionRetentionDays ?? retentionDays }))
  .prefault({});
