/**
 * The Logs Insights queries over the access logs (fields from `access-log-format.ts`), shared by the saved
 * queries and the dashboard. Each query is a list of commands joined into one line with ` | `: no
 * newlines, backslashes or `${` (cdktf's HCL renderer escapes none of them).
 */
export type LogQueryKey = "errors-by-route" | "slowest-requests" | "top-callers" | "one-request" | "canary-vs-base" | "top-clients";

export interface LogQuery {
  readonly key: LogQueryKey;
  /** What the query answers, for humans. */
  readonly title: string;
  readonly commands: readonly string[];
  /** Whether it also reads the execution logs (by default only the access logs). */
  readonly includesExecutionLogs: boolean;
  /** Saved only for stages with a canary, over their access logs. @default false: saved for every environment */
  readonly canaryOnly?: boolean;
  /** Saved only where usage plans cover stages, over those stages' access logs. @default false: saved for every environment */
  readonly keyedOnly?: boolean;
}

/** What to paste into the one-request query: a request id from an alarm, a log line or a client. */
export const REQUEST_ID_PLACEHOLDER = "PASTE-REQUEST-ID-HERE";

export const LOG_QUERIES: readonly LogQuery[] = [
  {
    key: "errors-by-route",
    title: "Errors by route and status",
    commands: [
      "fields stage, httpMethod, resourcePath, status, errorResponseType",
      "filter status like /^[45]/",
      "stats count(*) as requests by stage, httpMethod, resourcePath, status, errorResponseType",
      "sort requests desc",
      "limit 50",
    ],
    includesExecutionLogs: false,
  },
  {
    key: "slowest-requests",
    title: "Slowest requests (latency and integration latency in ms)",
    commands: [
      "fields @timestamp, stage, httpMethod, resourcePath, status, responseLatency, integrationLatency, requestId",
      "sort responseLatency desc",
      "limit 50",
    ],
    includesExecutionLogs: false,
  },
  {
    key: "top-callers",
    title: "Top callers by source IP",
    commands: [
      "stats count(*) as requests, count_distinct(resourcePath) as routes, latest(userAgent) as lastUserAgent by ip",
      "sort requests desc",
      "limit 25",
    ],
    includesExecutionLogs: false,
  },
  {
    key: "one-request",
    title: `Every access and execution log line of one request (replace ${REQUEST_ID_PLACEHOLDER})`,
    commands: ["fields @timestamp, @log, @message", `filter @message like "${REQUEST_ID_PLACEHOLDER}"`, "sort @timestamp asc", "limit 500"],
    includesExecutionLogs: true,
  },
  {
    // A stage's access log group holds its canary's requests too ("Set up an API Gateway canary release deployment":
    // canary logs go to the stage's log group as well as to the canary's), told apart by isCanaryRequest.
    key: "canary-vs-base",
    title: "Canary against its stage: requests, 5xx responses and latency (ms) of each",
    commands: [
      "fields stage, isCanaryRequest, status, responseLatency, integrationLatency",
      'filter isCanaryRequest = "true" or isCanaryRequest = "false"',
      "parse status /^(?<status5xx>5[0-9][0-9])$/",
      "stats count(*) as requests, count(status5xx) as responses5xx, pct(responseLatency, 50) as p50LatencyMs, pct(responseLatency, 90) as p90LatencyMs, pct(integrationLatency, 90) as p90IntegrationLatencyMs by stage, isCanaryRequest",
      "sort stage asc",
    ],
    includesExecutionLogs: false,
    canaryOnly: true,
  },
  {
    // apiKeyId is the key's id, never its value; "-" for requests without a key. A 429 is a throttle (the key's,
    // the method's or the stage's: errorResponseType THROTTLED) or a used-up quota (QUOTA_EXCEEDED).
    key: "top-clients",
    title: "Top API clients (apiKeyId) by requests, with their 429s: throttled or over quota",
    commands: [
      "fields apiKeyId, stage, status, errorResponseType, ip",
      "parse status /^(?<limited>429)$/",
      "parse errorResponseType /^(?<exhausted>QUOTA_EXCEEDED)$/",
      "stats count(*) as requests, count(limited) as status_429, count(exhausted) as quota_exceeded, count_distinct(ip) as source_ips by apiKeyId, stage",
      "sort requests desc",
      "limit 25",
    ],
    includesExecutionLogs: false,
    keyedOnly: true,
  },
];

export function logQuery(key: LogQueryKey): LogQuery {
  const query = LOG_QUERIES.find((q) => q.key === key);
  if (!query) throw new Error(`logQuery: ${key} is not a known query. Allowed: ${LOG_QUERIES.map((q) => q.key).join(", ")}`);
  return query;
}

/** The query as one line; a dashboard widget prefixes it with `SOURCE '<log group>' | ...`. */
export function queryString(query: LogQuery, sources: readonly string[] = []): string {
  return [...sources.map((group) => `SOURCE '${group}'`), ...query.commands].join(" | ");
}

/** Saved query names are folders in the console: `<api name>/<query key>`. */
export function savedQueryName(apiName: string, key: LogQueryKey): string {
  return `${apiName}/${key}`;
}
