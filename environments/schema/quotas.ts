/**
 * AWS service quotas that the config grows into, with AWS's defaults. Where a team had one raised (Service
 * Quotas), it says so here and validation holds the environments to the raised value instead.
 */
import { DEFAULT_MAX_FIREHOSE_STREAMS_PER_REGION, DEFAULT_MAX_STAGES_PER_API } from "../../aws/scale-limits";
import { DEFAULT_MAX_SAMPLING_RULES_PER_REGION } from "../../aws/limits";
import { numberIn, section } from "./fields";

/** The environment's REST API's quotas (`quotas`). @default AWS's defaults */
export const apiQuotasSchema = section(
  {
    /** API Gateway "Stages per API" (adjustable per API). @default 10 */
    stagesPerApi: numberIn(1, 1000, { integer: true }).default(DEFAULT_MAX_STAGES_PER_API),
  },
  "is not a quota setting",
  "{ stagesPerApi? }",
).prefault({});

/** The account's per-region quotas (`account.quotas`), the same in every region it uses. @default AWS's defaults */
export const regionQuotasSchema = section(
  {
    /** X-Ray sampling rules per account and region (one per traced stage; adjustable). @default 25 */
    samplingRulesPerRegion: numberIn(1, 10_000, { integer: true }).default(DEFAULT_MAX_SAMPLING_RULES_PER_REGION),
    /** Firehose streams per account and region (one per stage, for the archive; adjustable). @default 5000 */
    firehoseStreamsPerRegion: numberIn(1, 100_000, { integer: true }).default(DEFAULT_MAX_FIREHOSE_STREAMS_PER_REGION),
  },
  "is not a quota setting",
  "{ samplingRulesPerRegion?, firehoseStreamsPerRegion? }",
).prefault({});
