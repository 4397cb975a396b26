/**
 * Log-based signals from a stage's JSON access log: metric filters that count 5xx, 4xx and 429 responses
 * per minute. They complement API Gateway's own rates with absolute numbers ("more than N failures a
 * minute") and keep working when a stage publishes no detailed metrics. API Gateway publishes no metric of
 * throttled requests: the 429 count (a throttle of the account, stage, method or API key, or a used-up usage
 * plan quota) comes from the access log only.
 *
 * The metrics live in the namespace `<api name>/AccessLogs` with the dimension `Stage`, taken from the
 * log line's `stage` field (see `access-log-format.ts`). A filter with dimensions cannot have a default
 * value, so minutes without a matching line have no data point: alarms treat missing data as fine.
 */
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { Construct } from "constructs";
import { ACCESS_LOG_FIELDS } from "./access-log-format";
import type { MetricId } from "./api-metrics";
import { assertWithinLimits, metricFilterProblems } from "../aws/limits";

export type StatusClass = "5xx" | "4xx";
/** What a filter counts: a status class, or the 429 (Too Many Requests) responses of throttling and quotas. */
export type CountedResponses = StatusClass | "429";

/** Access log fields the filters read (typed: renaming them in the log format breaks the build, not the alarms). */
const STATUS_FIELD: keyof typeof ACCESS_LOG_FIELDS.outcome = "status";
const STAGE_FIELD: keyof typeof ACCESS_LOG_FIELDS.what = "stage";

/** The JSON filter pattern of one status class (`"5*"`) or of one status (`"429"`): `status` is a quoted string such as `"503"`. */
export function statusFilterPattern(counted: CountedResponses): string {
  return `{ $.${STATUS_FIELD} = "${counted === "429" ? counted : `${counted[0]}*`}" }`;
}

export function accessLogMetricNamespace(apiName: string): string {
  return `${apiName}/AccessLogs`;
}

export function accessLogMetric(apiName: string, stageName: string, counted: CountedResponses): MetricId {
  return { namespace: accessLogMetricNamespace(apiName), metricName: `${counted}Responses`, dimensions: { Stage: stageName } };
}

export interface AccessLogMetricFiltersProps {
  readonly apiName: string;
  readonly stageName: string;
  /** Name of the stage's access log group (a reference, so the filters are created after it). */
  readonly logGroupName: string;
}

export class AccessLogMetricFilters extends Construct {
  /** 5xx responses per period (statistic `Sum`). */
  public readonly serverErrors: MetricId;
  /** 4xx responses per period (statistic `Sum`). */
  public readonly clientErrors: MetricId;
  /** 429 responses per period (statistic `Sum`): requests throttled, or refused for a used-up quota. */
  public readonly throttled: MetricId;
  public readonly filters: readonly CloudwatchLogMetricFilter[];

  constructor(scope: Construct, id: string, props: AccessLogMetricFiltersProps) {
    super(scope, id);
    this.serverErrors = accessLogMetric(props.apiName, props.stageName, "5xx");
    this.clientErrors = accessLogMetric(props.apiName, props.stageName, "4xx");
    this.throttled = accessLogMetric(props.apiName, props.stageName, "429");
    const metrics: Record<CountedResponses, MetricId> = { "5xx": this.serverErrors, "4xx": this.clientErrors, "429": this.throttled };
    this.filters = (["5xx", "4xx", "429"] as const).map((statusClass) => {
      const metric = metrics[statusClass];
      const name = `${props.apiName}-${props.stageName}-${statusClass}-responses`;
      const dimensions = { Stage: `$.${STAGE_FIELD}` };
      // PutMetricFilter checks names, namespace and dimensions only at apply.
      assertWithinLimits(
        `AccessLogMetricFilters ${name}`,
        metricFilterProblems({ name, pattern: statusFilterPattern(statusClass), metricNamespace: metric.namespace, metricName: metric.metricName, metricValue: "1", dimensions }),
      );
      return new CloudwatchLogMetricFilter(this, statusClass, {
        name,
        logGroupName: props.logGroupName,
        pattern: statusFilterPattern(statusClass),
        metricTransformation: {
          namespace: metric.namespace,
          name: metric.metricName,
          value: "1",
          unit: "Count",
          dimensions,
        },
      });
    });
  }
}
