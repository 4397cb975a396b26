/**
 * The Logs Insights queries over the access logs (fields from `access-log-format.ts`), shared by the saved
 * queries and the dashboard. Each query is a list of commands joined into one line with ` | `: no
 * newlines, backslashes or `${` (cdktf's HCL renderer escapes none of them).
 */
export type LogQueryKey = "errors-by-route" | "slowest-requests" | "top-callers" | "one-request";

export interface LogQuery {
  readonly key: LogQueryKey;
  /** What the query answers, for humans. */
  readonly title: string;
  readonly commands: readonly string[];
  /** Whether it also reads the execution logs (by default only the access logs). */
  readonly includesExecutionLogs: boolean;
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
