/**
 * The access-log archive (`archive`): CloudWatch Logs -> a Firehose stream per stage -> one S3 bucket per
 * environment. Its fields check Firehose's and the alarm's ranges; the names and policies built from the
 * environment's service, name, account, region and stages are checked by the rules in rules/archive.ts.
 */
import { MAX_FRESHNESS_TOLERANCE_SECONDS } from "../../aws/limits";
import { numberIn, section } from "./fields";
import { lifecycleSchema } from "./lifecycle";

/**
 * The archive's settings.
 * @default { lifecycle: the default lifecycle, bufferingIntervalSeconds: 300, bufferingSizeMiB: 5, freshnessToleranceSeconds: 900 }
 */
export const archiveSchema = section(
  {
    /** What the bucket does with the archived logs over time. @default the default lifecycle (see `lifecycleSchema`) */
    lifecycle: lifecycleSchema,
    /** Firehose flushes to S3 after this many seconds, 0..900 (CreateDeliveryStream `BufferingHints`). @default 300 */
    bufferingIntervalSeconds: numberIn(0, 900, { integer: true }).default(300),
    /** ... or this many MiB, 1..128, whichever comes first. @default 5 */
    bufferingSizeMiB: numberIn(1, 128, { integer: true }).default(5),
    /**
     * How far past the buffering interval delivery to S3 may fall behind (`DeliveryToS3.DataFreshness`) before
     * the archive-late alarm fires, 60..43200 seconds. Below a minute it fires on every normal delivery; beyond
     * 12 hours it leaves too little of Firehose's 24-hour retry window ("Data Delivery Failure Handling": after
     * 24 hours the data is lost) to repair delivery. @default 900 (15 minutes)
     */
    freshnessToleranceSeconds: numberIn(60, MAX_FRESHNESS_TOLERANCE_SECONDS, { integer: true }).default(900),
  },
  "is not an archive setting",
  "{ lifecycle, bufferingIntervalSeconds, bufferingSizeMiB, freshnessToleranceSeconds }",
).prefault({});
