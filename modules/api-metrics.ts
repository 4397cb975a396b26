/**
 * The CloudWatch metrics of a REST API stage, as plain data shared by alarms and dashboards. REST APIs
 * publish to `AWS/ApiGateway` with the dimensions `ApiName` and `Stage` (not `ApiId`, which is for HTTP APIs).
 * `4XXError`/`5XXError` averages are rates 0..1; `Latency` and `IntegrationLatency` are milliseconds.
 */

export type ApiGatewayMetricName = "Count" | "4XXError" | "5XXError" | "Latency" | "IntegrationLatency" | "CacheHitCount" | "CacheMissCount";

/** One metric: what a CloudWatch alarm or a dashboard widget needs to name it. */
export interface MetricId {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

export function apiGatewayMetric(apiName: string, stageName: string, metricName: ApiGatewayMetricName): MetricId {
  return { namespace: API_GATEWAY_NAMESPACE, metricName, dimensions: { ApiName: apiName, Stage: stageName } };
}

/**
 * A metric's dimensions for an alarm, each value replaced by a reference from `values` where there is one
 * (`{ ApiName: restApi.name }`): the alarm then names what it watches and is created after it.
 */
export function dimensionsWith(dimensions: Readonly<Record<string, string>>, values: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(dimensions).map(([key, value]) => [key, values[key] ?? value]));
}
