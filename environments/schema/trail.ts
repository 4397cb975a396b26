/** The account's CloudTrail trail (`account.trail`): its S3 archive and its CloudWatch log group. */
import { CLOUDWATCH_RETENTION_DAYS } from "../../aws/limits";
import { oneOfNumbers, section } from "./fields";
import { lifecycleSchema } from "./lifecycle";

/**
 * The trail's settings; unused when `account.cloudTrail` names an existing trail.
 * @default { lifecycle: the default lifecycle, logRetentionDays: 90 }
 */
export const trailSchema = section(
  {
    /** Archive of the trail's log files in S3. @default the default lifecycle (see `lifecycleSchema`) */
    lifecycle: lifecycleSchema,
    /** Retention of the trail's CloudWatch log group (the alarm source; S3 is the record). @default 90 */
    logRetentionDays: oneOfNumbers(CLOUDWATCH_RETENTION_DAYS, "is not a retention CloudWatch Logs accepts").default(90),
  },
  "is not a trail setting",
  "{ lifecycle, logRetentionDays }",
).prefault({});
