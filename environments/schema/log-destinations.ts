/**
 * Log analytics destinations (`logDestinations`): besides the S3 archive, a stage's access logs may also go to
 * Splunk, through a CloudWatch Logs subscription and a Firehose stream of their own. Each entry names its stage;
 * the fields are checked against what Firehose's CreateDeliveryStream accepts (aws/log-destinations.ts). The HEC
 * token is never in the config: Firehose reads it from a Secrets Manager secret named by its ARN. Rules across
 * fields (the stage exists, one destination per stage, the secret's region, production's placeholders, names
 * and policies within IAM's limits) are in rules/log-destinations.ts. None by default.
 *
 * The token's secret is named by its name (a secret of the environment's account and region: the ARN then
 * follows the environment) or by its full ARN (any account, the environment's region).
 *
 * OpenSearch is refused with its reason: Firehose cannot deliver CloudWatch Logs subscription records to it.
 */
import { z } from "zod";
import {
  KMS_KEY_ARN,
  MAX_HEC_ENDPOINT_LENGTH,
  MAX_SECRET_ARN_LENGTH,
  OPENSEARCH_DESTINATION_TYPES,
  OPENSEARCH_FROM_CLOUDWATCH_LOGS,
  SECRET_ARN,
  SECRET_NAME,
  SECRET_NAME_AMBIGUOUS_END,
  SPLUNK_ACK_TIMEOUT_SECONDS,
  SPLUNK_BUFFERING_INTERVAL_SECONDS,
  SPLUNK_BUFFERING_SIZE_MIB,
  SPLUNK_HEC_ENDPOINT_TYPES,
  SPLUNK_RETRY_DURATION_SECONDS,
  SPLUNK_S3_BACKUP_MODES,
} from "../../aws/log-destinations";
import { list, numberIn, oneOf, section } from "./fields";
import { explain } from "./issues";
import { tagged } from "./tagged";

export const LOG_DESTINATION_TYPES = ["splunk"] as const;

const HEC_ALLOWED = "the HEC endpoint's https:// URL with its port and no path, e.g. https://http-inputs-firehose-acme.splunkcloud.com:443 (Firehose adds /services/collector/...)";
const SECRET_ARN_ALLOWED =
  "the full ARN of the Secrets Manager secret, with the 6 characters Secrets Manager appends to the name, e.g. arn:aws:secretsmanager:eu-west-1:111111111111:secret:splunk/hec-token-AbC123";
const SECRET_NAME_ALLOWED = "the secret's name: 1 to 512 letters, digits and / _ + = . @ -, e.g. orders-api/splunk-hec-token";
const HEC_TOKEN_ALLOWED = '{ secretName: "<name>" } (a secret of this account and region) or { secretArn: "<full ARN>" }, each with kmsKeyArn? when a customer managed key encrypts it; the secret holds { "hec_token": "<token>" }';
const KEY_ALLOWED = "the ARN of the customer managed KMS key that encrypts the secret, e.g. arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const unlessFailed = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

/**
 * Splunk's HTTP Event Collector: Firehose posts to `<endpoint>/services/collector/raw` (or `/event`) over HTTPS
 * and needs a certificate signed by a trusted CA ("Configure destination settings: Splunk"), so only an
 * https:// origin is accepted.
 */
const hecEndpoint = z
  .string({ error: explain("is not a URL", HEC_ALLOWED) })
  .startsWith("https://", { error: explain("is not an HTTPS URL (Firehose sends to Splunk over TLS only)", HEC_ALLOWED) })
  .max(MAX_HEC_ENDPOINT_LENGTH, { error: explain(`is longer than ${MAX_HEC_ENDPOINT_LENGTH} characters (HECEndpoint)`, HEC_ALLOWED), ...unlessFailed })
  .refine((url) => URL.canParse(url), { error: explain("is not a valid URL", HEC_ALLOWED), ...unlessFailed })
  .refine(
    (url) => {
      const parsed = new URL(url);
      return (parsed.pathname === "/" || parsed.pathname === "") && parsed.search === "" && parsed.hash === "" && parsed.username === "" && parsed.password === "";
    },
    { error: explain("has a path, query or credentials: Firehose appends the collector's path itself, and a token never goes in the URL", HEC_ALLOWED), ...unlessFailed },
  );

/** A secret by its full ARN (Firehose's SecretARN); a name goes in `secretName`. */
const secretArn = z
  .string({ error: explain("is not a secret ARN", SECRET_ARN_ALLOWED) })
  .max(MAX_SECRET_ARN_LENGTH, { error: explain(`is longer than ${MAX_SECRET_ARN_LENGTH} characters (SecretARN)`, SECRET_ARN_ALLOWED) })
  .regex(SECRET_ARN, { error: explain("is not a complete Secrets Manager secret ARN", `${SECRET_ARN_ALLOWED}, or { secretName } instead`), ...unlessFailed });

/** A secret of the environment's account and region, by name (CreateSecret `Name`). */
const secretName = z
  .string({ error: explain("is not a secret name", SECRET_NAME_ALLOWED) })
  .refine((name) => !name.startsWith("arn:"), { error: explain("is an ARN", `${SECRET_NAME_ALLOWED}, or { secretArn } for an ARN`) })
  .regex(SECRET_NAME, { error: explain("is not a secret name Secrets Manager accepts", SECRET_NAME_ALLOWED), ...unlessFailed })
  .refine((name) => !SECRET_NAME_AMBIGUOUS_END.test(name), {
    error: explain("ends with a hyphen and six characters, so Secrets Manager cannot tell its name from a partial ARN (CreateSecret: \"Do not end your secret name with a hyphen followed by six characters\")", `another name, or { secretArn }`),
    ...unlessFailed,
  });

const kmsKeyArn = z.string({ error: explain("is not a KMS key ARN", KEY_ALLOWED) }).regex(KMS_KEY_ARN, { error: explain("is not a KMS key ARN (an alias is not accepted in a policy)", KEY_ALLOWED) });

/** The customer managed key that encrypts the secret, if any. @default Secrets Manager's AWS managed key (no grant needed) */
const secretKey = { kmsKeyArn: kmsKeyArn.optional() };

/** Where Firehose reads the HEC token: `{ "hec_token": "..." }` in a secret, named by name or by ARN. */
const hecToken = z.union([z.strictObject({ secretName, ...secretKey }), z.strictObject({ secretArn, ...secretKey })], {
  error: (iss) => explain(isRecord(iss.input) ? "does not name exactly one secret" : "is not a secret setting", HEC_TOKEN_ALLOWED),
});

const range = (r: { readonly min: number; readonly max: number; readonly default: number }) => numberIn(r.min, r.max, { integer: true }).default(r.default);

const splunkDestination = section(
  {
    type: z.literal("splunk"),
    /** The stage whose access logs go to Splunk (one of `stages[].name`). */
    stage: z.string({ error: explain("is not a stage name", "the name of one of the environment's stages") }),
    /** The HEC endpoint: https://<host>:<port>, no path. */
    hecEndpoint,
    /** Raw: each access log line is an event (the sourcetype's line breaking applies); Event: HEC event JSON. @default "Raw" */
    hecEndpointType: oneOf(SPLUNK_HEC_ENDPOINT_TYPES, "is not a HEC endpoint type Firehose accepts").default("Raw"),
    /** The Secrets Manager secret `{ "hec_token": "..." }`: `{ secretName }` (this account and region) or `{ secretArn }`. */
    hecToken,
    /** Seconds Firehose waits for Splunk's indexer acknowledgment, 180 to 600. @default 180 */
    acknowledgmentTimeoutSeconds: range(SPLUNK_ACK_TIMEOUT_SECONDS),
    /** Seconds Firehose retries a failed delivery before backing the records up to the archive bucket, 0 to 7200. @default 3600 */
    retryDurationSeconds: range(SPLUNK_RETRY_DURATION_SECONDS),
    /** Seconds Firehose buffers before sending, 0 to 60. @default 60 */
    bufferingIntervalSeconds: range(SPLUNK_BUFFERING_INTERVAL_SECONDS),
    /** MiB Firehose buffers before sending, 1 to 5. @default 5 */
    bufferingSizeMiB: range(SPLUNK_BUFFERING_SIZE_MIB),
    /** What goes to the archive bucket besides Splunk: the events Splunk did not take, or every event. @default "FailedEventsOnly" */
    backupMode: oneOf(SPLUNK_S3_BACKUP_MODES, "is not an S3 backup mode Firehose accepts for Splunk").default("FailedEventsOnly"),
  },
  "is not a Splunk destination",
  '{ type: "splunk", stage, hecEndpoint, hecToken, ... }',
);

/** OpenSearch is named on purpose, so it gets its own reason instead of "unknown type". */
const notOpenSearch = z.custom<z.input<typeof splunkDestination>>().superRefine((value: unknown, ctx) => {
  if (isRecord(value) && (OPENSEARCH_DESTINATION_TYPES as readonly unknown[]).includes(value.type)) {
    ctx.addIssue({ code: "custom", path: ["type"], input: value.type, message: explain(OPENSEARCH_FROM_CLOUDWATCH_LOGS, '"splunk"; for OpenSearch, load the archive bucket (OpenSearch Ingestion with an S3 source)') });
  }
});

const logDestination = notOpenSearch.pipe(
  tagged("type", [splunkDestination], {
    notAnObject: ["is not a log destination", '{ type: "splunk", stage, hecEndpoint, hecToken, ... }'],
    unknownTag: "is not a log destination type",
  }),
);

/** Where stages' access logs go besides the archive, one entry per stage. @default [] */
export const logDestinationsSchema = list(logDestination, "is not a list", '[{ type: "splunk", stage, hecEndpoint, hecToken, ... }]').default([]);
export type LogDestination = z.output<typeof splunkDestination>;
export type LogDestinationInput = z.input<typeof splunkDestination>;
