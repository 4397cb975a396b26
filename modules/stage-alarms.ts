/**
 * The CloudWatch alarms of one API Gateway stage, each from its settings in the props: error rates
 * (`5XXError`/`4XXError` Average), latencies (p90, ms), low traffic (`Count`) and the access-log 5xx count.
 * Every alarm notifies the topic when it fires and when it recovers, and its description says what to
 * look at first.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { apiGatewayMetric, dimensionsWith, type MetricId } from "./api-metrics";
import { alarmProblems, alarmWindowProblems, assertWithinLimits, type LimitProblem, METRIC_RESOLUTION_SECONDS } from "../aws/limits";
import { savedQueryName } from "./log-queries";

/**
 * The kinds of stage alarm. Rates are `Average` of `5XXError`/`4XXError` (0..1), latencies are p90 in
 * milliseconds, `lowTraffic` is requests per period, `serverErrorCount` counts 5xx access log lines.
 */
export type AlarmKind = "serverErrorRate" | "clientErrorRate" | "latency" | "integrationLatency" | "lowTraffic" | "serverErrorCount";

/** One alarm's settings. */
export interface AlarmSettings {
  /** A disabled alarm is not created. */
  readonly enabled: boolean;
  /** In the metric's unit: a rate 0..1, milliseconds, or a count. */
  readonly threshold: number;
  /** Seconds: a CloudWatch period no finer than the metrics' one minute. */
  readonly periodSeconds: number;
  /** How many recent periods are evaluated (N). */
  readonly evaluationPeriods: number;
  /** How many of those periods must breach (M, at most N). */
  readonly datapointsToAlarm: number;
}

/** The settings of every kind of stage alarm. */
export type StageAlarmSettings = Readonly<Record<AlarmKind, AlarmSettings>>;

type Comparison = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
type MissingData = "notBreaching" | "breaching" | "ignore" | "missing";

/** What is fixed about each kind of alarm; the numbers come from the props. */
interface AlarmKindSpec {
  /** Alarm name suffix: `<api>-<stage>-<suffix>`. */
  readonly suffix: string;
  readonly statistic: { readonly statistic: string } | { readonly extendedStatistic: string };
  readonly comparison: Comparison;
  /** No requests means no data points: fine for rates and latencies, an outage for low traffic. */
  readonly missingData: MissingData;
  /** What happened, in words, for the description. */
  readonly what: (a: AlarmSettings) => string;
  /** What to do first. */
  readonly firstStep: string;
}

const percent = (rate: number) => `${+(rate * 100).toFixed(2)}%`;

const SPECS: Readonly<Record<AlarmKind, AlarmKindSpec>> = {
  serverErrorRate: {
    suffix: "5xx-rate",
    statistic: { statistic: "Average" },
    comparison: "GreaterThanThreshold",
    missingData: "notBreaching",
    what: (a) => `More than ${percent(a.threshold)} of requests failed with a 5XX (server-side) error`,
    firstStep: "run the errors-by-route query to find the failing routes; integrationStatus and integrationError tell backend failures from API Gateway ones. Then check recent deployments of the API and its backend.",
  },
  clientErrorRate: {
    suffix: "4xx-rate",
    statistic: { statistic: "Average" },
    comparison: "GreaterThanThreshold",
    missingData: "notBreaching",
    what: (a) => `More than ${percent(a.threshold)} of requests were rejected with a 4XX (client) error`,
    firstStep: "run the errors-by-route query (errorResponseType shows auth, throttling or validation failures) and the top-callers query to see whether one client is behind it.",
  },
  latency: {
    suffix: "latency-p90",
    statistic: { extendedStatistic: "p90" },
    comparison: "GreaterThanOrEqualToThreshold",
    missingData: "notBreaching",
    what: (a) => `p90 latency reached ${a.threshold} ms`,
    firstStep: "compare Latency with IntegrationLatency on the dashboard: if the backend is slow, look at the backend; if the API Gateway overhead grew, check authorizers, throttling and caching. The slowest-requests query lists the requests.",
  },
  integrationLatency: {
    suffix: "integration-latency-p90",
    statistic: { extendedStatistic: "p90" },
    comparison: "GreaterThanOrEqualToThreshold",
    missingData: "notBreaching",
    what: (a) => `p90 backend (integration) latency reached ${a.threshold} ms`,
    firstStep: "the backend is slow: run the slowest-requests query to find the routes, then check the backend's own metrics and recent deployments.",
  },
  lowTraffic: {
    suffix: "low-traffic",
    statistic: { statistic: "SampleCount" },
    comparison: "LessThanThreshold",
    missingData: "breaching",
    what: (a) => `Fewer than ${a.threshold} requests arrived per period (no data counts as no traffic)`,
    firstStep: "check that clients can reach the API (DNS, custom domain, WAF, client deployments), then the Count widget on the dashboard.",
  },
  serverErrorCount: {
    suffix: "5xx-count",
    statistic: { statistic: "Sum" },
    comparison: "GreaterThanThreshold",
    missingData: "notBreaching",
    what: (a) => `More than ${a.threshold} responses with a 5xx status were logged per period`,
    firstStep: "run the errors-by-route query to find the failing routes, then the one-request query with a requestId from it to read its execution log.",
  },
};

/** Every kind, in the order the alarms are created (and listed in `alarmNames`). */
const ALARM_KINDS = Object.keys(SPECS) as AlarmKind[];

/**
 * What PutMetricAlarm would reject in the enabled alarms' settings, and periods finer than the one-minute
 * resolution of the stage's metrics (such an alarm lacks data): `alarms.<kind>.<field>` problems.
 */
function settingsProblems(alarms: StageAlarmSettings): LimitProblem[] {
  return ALARM_KINDS.filter((kind) => alarms[kind].enabled).flatMap((kind) => {
    const a = alarms[kind];
    const window = alarmWindowProblems(a);
    const resolution: LimitProblem[] =
      a.periodSeconds < METRIC_RESOLUTION_SECONDS && !window.some((p) => p.field === "periodSeconds")
        ? [{ field: "periodSeconds", value: a.periodSeconds, problem: "is finer than the one-minute resolution of the metric, so the alarm would lack data", allowed: "60 or a multiple of 60" }]
        : [];
    return [...window, ...resolution].map((p) => ({ ...p, field: `alarms.${kind}.${p.field}` }));
  });
}

export function alarmName(apiName: string, stageName: string, kind: AlarmKind): string {
  return `${apiName}-${stageName}-${SPECS[kind].suffix}`;
}

export interface StageAlarmsProps {
  readonly apiName: string;
  readonly stageName: string;
  /** Every alarm's settings (disabled alarms are not created). */
  readonly alarms: StageAlarmSettings;
  /** The SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /** The 5xx count metric of the stage's access log filter. @default no log-based alarm */
  readonly logServerErrors?: MetricId;
  /** Named in descriptions as the first place to look. */
  readonly dashboardName: string;
  /**
   * References to write as dimension values instead of the names, by dimension (`ApiName`, `Stage`), so each
   * alarm names what it watches and is created after it. @default the names, as plain strings
   */
  readonly dimensionValues?: Readonly<Record<string, string>>;
}

export class StageAlarms extends Construct {
  /** The alarms by kind (enabled ones only). */
  public readonly alarms: Partial<Record<AlarmKind, CloudwatchMetricAlarm>>;
  /** Names of the created alarms, known at synth (dashboards build their ARNs from them). */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: StageAlarmsProps) {
    super(scope, id);
    assertWithinLimits(`StageAlarms ${props.apiName}/${props.stageName}`, settingsProblems(props.alarms));
    const metrics: Record<AlarmKind, MetricId | undefined> = {
      serverErrorRate: apiGatewayMetric(props.apiName, props.stageName, "5XXError"),
      clientErrorRate: apiGatewayMetric(props.apiName, props.stageName, "4XXError"),
      latency: apiGatewayMetric(props.apiName, props.stageName, "Latency"),
      integrationLatency: apiGatewayMetric(props.apiName, props.stageName, "IntegrationLatency"),
      lowTraffic: apiGatewayMetric(props.apiName, props.stageName, "Count"),
      serverErrorCount: props.logServerErrors,
    };
    const created: Partial<Record<AlarmKind, CloudwatchMetricAlarm>> = {};
    const names: string[] = [];
    for (const kind of ALARM_KINDS) {
      const settings = props.alarms[kind];
      const metric = metrics[kind];
      if (!settings.enabled || metric === undefined) continue;
      created[kind] = this.alarm(kind, settings, metric, props);
      names.push(alarmName(props.apiName, props.stageName, kind));
    }
    this.alarms = created;
    this.alarmNames = names;
  }

  private alarm(kind: AlarmKind, a: AlarmSettings, metric: MetricId, props: StageAlarmsProps): CloudwatchMetricAlarm {
    const spec = SPECS[kind];
    const name = alarmName(props.apiName, props.stageName, kind);
    const window = `in ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods of ${a.periodSeconds} s`;
    const description =
      `${spec.what(a)} on ${props.apiName} stage ${props.stageName}, ${window}. ` +
      `First: open the CloudWatch dashboard ${props.dashboardName}; ${spec.firstStep} ` +
      `The saved Logs Insights queries are in the folder ${props.apiName} (e.g. ${savedQueryName(props.apiName, "errors-by-route")}).`;
    // PutMetricAlarm rejects a name over 255 or a description over 1024 characters only at apply.
    assertWithinLimits(`StageAlarms ${name}`, alarmProblems({ alarmName: name, alarmDescription: description, alarmActions: [props.topicArn], okActions: [props.topicArn] }));
    return new CloudwatchMetricAlarm(this, spec.suffix, {
      alarmName: name,
      alarmDescription: description,
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: dimensionsWith(metric.dimensions, props.dimensionValues),
      ...spec.statistic,
      ...("extendedStatistic" in spec.statistic ? { evaluateLowSampleCountPercentiles: "ignore" } : {}),
      comparisonOperator: spec.comparison,
      threshold: a.threshold,
      period: a.periodSeconds,
      evaluationPeriods: a.evaluationPeriods,
      datapointsToAlarm: a.datapointsToAlarm,
      treatMissingData: spec.missingData,
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
