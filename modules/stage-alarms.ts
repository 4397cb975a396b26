/**
 * The CloudWatch alarms of one API Gateway stage, each from its settings in the props: error rates
 * (`5XXError`/`4XXError` Average), latencies (p90, ms), low traffic (`Count`) and the access-log 5xx count.
 * A stage with a canary also gets the metric alarms of its canary (`Stage` = `<stage>/Canary`), with the same
 * settings: a canary that fails is what they are for. A stage whose cache caches methods gets the alarm on their
 * hit ratio (cache-hit-ratio.ts). Every alarm notifies the topic when it fires and when it recovers, and its
 * description says what to look at first.
 */
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { canaryMetricStage } from "../aws/canary";
import { apiGatewayMetric, type ApiGatewayMetricName, dimensionsWith, type MetricId } from "./api-metrics";
import { CacheHitRatioAlarm, type CachedMethod, type HitRatioAlarmSettings } from "./cache-hit-ratio";
import { alarmWindowProblems, assertWithinLimits, type LimitProblem, METRIC_RESOLUTION_SECONDS } from "../aws/limits";
import { type LogQueryKey, savedQueryName } from "./log-queries";
import { topicAlarm } from "./topic-alarm";

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
 * The kinds a canary gets: those on API Gateway's metrics but low traffic (a canary's share of the requests may
 * rightly be small, or 0) and the access-log count (its metric filter counts the stage's log group, canary
 * requests included).
 */
export const CANARY_ALARM_KINDS = ["serverErrorRate", "clientErrorRate", "latency", "integrationLatency"] as const satisfies readonly AlarmKind[];

/** The API Gateway metric of each kind that has one (`serverErrorCount` counts access log lines). */
const API_GATEWAY_METRICS = {
  serverErrorRate: "5XXError",
  clientErrorRate: "4XXError",
  latency: "Latency",
  integrationLatency: "IntegrationLatency",
  lowTraffic: "Count",
} as const satisfies Partial<Record<AlarmKind, ApiGatewayMetricName>>;

const CANARY_FIRST_STEP =
  "compare the canary with its stage on the dashboard and run the canary-vs-base query; if the canary is worse, set its percentTraffic to 0 (or disable it) and apply, then look at what its stage variable overrides change.";

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

/** The name of a canary's alarm of one kind: `<api>-<stage>-canary-<suffix>`. */
export function canaryAlarmName(apiName: string, stageName: string, kind: AlarmKind): string {
  return `${apiName}-${stageName}-canary-${SPECS[kind].suffix}`;
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
  /** The stage has a canary: alarm on its metrics too (CANARY_ALARM_KINDS, with the stage's settings). @default false */
  readonly canary?: boolean;
  /** The stage's cached methods (1 to 5) and the alarm on their hit ratio. @default no hit-ratio alarm */
  readonly cacheHitRatio?: { readonly methods: readonly CachedMethod[]; readonly settings: HitRatioAlarmSettings };
}

/** Which alarm one kind makes: of the stage, or of its canary. */
interface AlarmTarget {
  /** Construct id, e.g. `5xx-rate` or `canary-5xx-rate`. */
  readonly id: string;
  readonly name: string;
  /** What it watches, in words: `orders-api-prod stage v1`. */
  readonly where: string;
  /** @default the kind's first step */
  readonly firstStep?: string;
  /** The saved query the description names. @default errors-by-route */
  readonly query?: LogQueryKey;
}

export class StageAlarms extends Construct {
  /** The alarms by kind (enabled ones only). */
  public readonly alarms: Partial<Record<AlarmKind, CloudwatchMetricAlarm>>;
  /** The canary's alarms by kind, when the stage has a canary. */
  public readonly canaryAlarms: Partial<Record<AlarmKind, CloudwatchMetricAlarm>>;
  /** The alarm on the cache hit ratio, when the stage caches methods. */
  public readonly cacheHitRatio?: CacheHitRatioAlarm;
  /** Names of the created alarms, known at synth (dashboards build their ARNs from them). */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: StageAlarmsProps) {
    super(scope, id);
    assertWithinLimits(`StageAlarms ${props.apiName}/${props.stageName}`, settingsProblems(props.alarms));
    const metrics: Record<AlarmKind, MetricId | undefined> = {
      serverErrorRate: apiGatewayMetric(props.apiName, props.stageName, API_GATEWAY_METRICS.serverErrorRate),
      clientErrorRate: apiGatewayMetric(props.apiName, props.stageName, API_GATEWAY_METRICS.clientErrorRate),
      latency: apiGatewayMetric(props.apiName, props.stageName, API_GATEWAY_METRICS.latency),
      integrationLatency: apiGatewayMetric(props.apiName, props.stageName, API_GATEWAY_METRICS.integrationLatency),
      lowTraffic: apiGatewayMetric(props.apiName, props.stageName, API_GATEWAY_METRICS.lowTraffic),
      serverErrorCount: props.logServerErrors,
    };
    const created: Partial<Record<AlarmKind, CloudwatchMetricAlarm>> = {};
    const names: string[] = [];
    for (const kind of ALARM_KINDS) {
      const settings = props.alarms[kind];
      const metric = metrics[kind];
      if (!settings.enabled || metric === undefined) continue;
      const name = alarmName(props.apiName, props.stageName, kind);
      created[kind] = this.alarm(kind, settings, metric, props, { id: SPECS[kind].suffix, name, where: `${props.apiName} stage ${props.stageName}` });
      names.push(name);
    }
    this.alarms = created;

    const canary: Partial<Record<AlarmKind, CloudwatchMetricAlarm>> = {};
    if (props.canary) {
      const stage = canaryMetricStage(props.stageName);
      const stageValue = props.dimensionValues?.Stage;
      const canaryProps = { ...props, dimensionValues: { ...props.dimensionValues, ...(stageValue === undefined ? {} : { Stage: canaryMetricStage(stageValue) }) } };
      for (const kind of CANARY_ALARM_KINDS.filter((k) => props.alarms[k].enabled)) {
        const name = canaryAlarmName(props.apiName, props.stageName, kind);
        const metric = apiGatewayMetric(props.apiName, stage, API_GATEWAY_METRICS[kind]);
        canary[kind] = this.alarm(kind, props.alarms[kind], metric, canaryProps, {
          id: `canary-${SPECS[kind].suffix}`,
          name,
          where: `the canary of ${props.apiName} stage ${props.stageName} (metrics of stage ${stage})`,
          firstStep: CANARY_FIRST_STEP,
          query: "canary-vs-base",
        });
        names.push(name);
      }
    }
    this.canaryAlarms = canary;

    if (props.cacheHitRatio) {
      this.cacheHitRatio = new CacheHitRatioAlarm(this, "cache-hit-ratio", {
        apiName: props.apiName,
        stageName: props.stageName,
        methods: props.cacheHitRatio.methods,
        settings: props.cacheHitRatio.settings,
        topicArn: props.topicArn,
        dashboardName: props.dashboardName,
        dimensionValues: props.dimensionValues,
      });
      names.push(this.cacheHitRatio.alarmName);
    }
    this.alarmNames = names;
  }

  private alarm(kind: AlarmKind, a: AlarmSettings, metric: MetricId, props: StageAlarmsProps, target: AlarmTarget): CloudwatchMetricAlarm {
    const spec = SPECS[kind];
    const { name } = target;
    const window = `in ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods of ${a.periodSeconds} s`;
    const description =
      `${spec.what(a)} on ${target.where}, ${window}. ` +
      `First: open the CloudWatch dashboard ${props.dashboardName}; ${target.firstStep ?? spec.firstStep} ` +
      `The saved Logs Insights queries are in the folder ${props.apiName} (e.g. ${savedQueryName(props.apiName, target.query ?? "errors-by-route")}).`;
    return topicAlarm(this, target.id, "StageAlarms", {
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
      topicArn: props.topicArn,
    });
  }
}
