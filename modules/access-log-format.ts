/**
 * The structured access log line: one-line JSON that answers who called, what they called, how it went,
 * how long it took, and how to correlate it (request ids and the X-Ray trace id).
 *
 * Every value is a quoted string, so the line is valid JSON whatever API Gateway substitutes
 * (it writes `-` for an empty value). Field names are camelCase, the way Logs Insights queries read them.
 */

/** Access log fields, grouped by the question they answer. */
export const ACCESS_LOG_FIELDS = {
  correlation: {
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    xrayTraceId: "$context.xrayTraceId",
  },
  who: {
    ip: "$context.identity.sourceIp",
    caller: "$context.identity.caller",
    user: "$context.identity.user",
    userAgent: "$context.identity.userAgent",
    // The id of the caller's API key (never its value): which client of a usage plan sent the request.
    apiKeyId: "$context.identity.apiKeyId",
  },
  what: {
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    path: "$context.path",
    protocol: "$context.protocol",
    stage: "$context.stage",
    // "true" for a request the stage's canary served, "false" for the others (on a stage with a canary).
    isCanaryRequest: "$context.isCanaryRequest",
  },
  outcome: {
    status: "$context.status",
    responseLength: "$context.responseLength",
    errorMessage: "$context.error.message",
    errorResponseType: "$context.error.responseType",
    integrationStatus: "$context.integration.status",
    integrationError: "$context.integration.error",
  },
  timing: {
    requestTime: "$context.requestTime",
    requestTimeEpoch: "$context.requestTimeEpoch",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integration.latency",
  },
} as const;

/** All fields as one flat map, in a stable order. */
export function accessLogFields(): Record<string, string> {
  return Object.assign({}, ...Object.values(ACCESS_LOG_FIELDS));
}

/**
 * The `access_log_settings.format` string. The HCL keeps it one JSON string, not `jsonencode({...})` as the
 * dashboard is: Terraform's `jsonencode` writes object keys sorted by name, and the order of the keys here
 * is the order of the fields in every log line.
 */
export function accessLogFormat(): string {
  return JSON.stringify(accessLogFields());
}

/**
 * What UpdateStage/CreateStage reject in `accessLogSettings.format` (API Gateway API reference,
 * AccessLogSettings: "A single line format of the access logs ... The format must include at least
 * $context.requestId"; `$context.extendedRequestId` is accepted in its place). An empty list means API
 * Gateway accepts it.
 */
export function accessLogFormatProblems(format: string): string[] {
  return [
    ...(/[\r\n]/.test(format) ? ["is not a single line"] : []),
    ...(/\$context\.(requestId|extendedRequestId)\b/.test(format) ? [] : ["has neither $context.requestId nor $context.extendedRequestId"]),
  ];
}
