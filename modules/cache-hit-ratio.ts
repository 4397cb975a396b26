/**
 * A stage cache's hit ratio: how many of the requests to its cached methods the cache answered,
 * `CacheHitCount / (CacheHitCount + CacheMissCount)`, on the dashboard and in an alarm on a floor.
 *
 * Why per method: API Gateway publishes `CacheHitCount` and `CacheMissCount` per stage (`ApiName`, `Stage`) and, with
 * detailed metrics on, per method (`ApiName`, `Method`, `Resource`, `Stage`; "Amazon API Gateway dimensions and
 * metrics"). The stage's numbers mix every method, and their `Average` divides by all of the stage's requests
 * (the guide: "the total count of the cache hits divided by the total number of requests"), so uncached writes
 * and health checks would drag the ratio down. The cached methods' own metrics give the ratio of the cached
 * traffic alone; they need `metricsEnabled` on those methods (checked in config, environments/rules/cache.ts).
 *
 * Low traffic: a period without requests to a cached method has no data points; missing ones count as 0 (`FILL`)
 * and a period with neither hits nor misses counts as 1 (nothing missed), so no traffic never fires the alarm
 * (the low-traffic alarm watches that), and `treat_missing_data` is `notBreaching` for the same reason.
 */
import type { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { alarmWindowProblems } from "../aws/limits";
import { MAX_ALARM_METRIC_STATS, metricMathAlarmProblems } from "../aws/metric-math";
import { API_GATEWAY_NAMESPACE, dimensionsWith, type MetricId } from "./api-metrics";
import { type MetricLine, metricLine, metricWidget, type MetricWidget, type Unplaced } from "./dashboard-widgets";
import { savedQueryName } from "./log-queries";
import { topicAlarm } from "./topic-alarm";

/** A cached method, as in the API definition. */
export interface CachedMethod {
  readonly httpMethod: string;
  readonly resourcePath: string;
}

/** The stage's cache and methods, as ApiStage reads them. */
interface CachedStage {
  readonly caching: { readonly enabled: boolean; readonly hitRatioAlarm?: HitRatioAlarmSettings & { readonly enabled: boolean } };
  readonly methodOverrides: readonly (CachedMethod & { readonly cachingEnabled: boolean })[];
}

/** The methods a stage caches: none without its cache cluster. */
export function cachedMethods(stage: CachedStage): CachedMethod[] {
  return stage.caching.enabled ? stage.methodOverrides.filter((o) => o.cachingEnabled).map(({ httpMethod, resourcePath }) => ({ httpMethod, resourcePath })) : [];
}

/** The hit-ratio alarm a stage gets: where its cache caches methods and the alarm is on. */
export function hitRatioAlarmOf(stage: CachedStage): { readonly methods: CachedMethod[]; readonly settings: HitRatioAlarmSettings } | undefined {
  const methods = cachedMethods(stage);
  const alarm = stage.caching.hitRatioAlarm;
  return methods.length > 0 && alarm?.enabled ? { methods, settings: alarm } : undefined;
}

/** At most 5 cached methods per alarm: each needs two metrics, and an alarm retrieves at most 10 (PutMetricAlarm). */
export const MAX_CACHED_METHODS_PER_ALARM = MAX_ALARM_METRIC_STATS / 2;

/** A cached method's own cache metric (detailed metrics: `ApiName`, `Method`, `Resource`, `Stage`). */
export function cachedMethodMetric(apiName: string, stageName: string, method: CachedMethod, metricName: "CacheHitCount" | "CacheMissCount"): MetricId {
  return { namespace: API_GATEWAY_NAMESPACE, metricName, dimensions: { ApiName: apiName, Method: method.httpMethod, Resource: method.resourcePath, Stage: stageName } };
}

const hitId = (i: number) => `hits_${i}`;
const missId = (i: number) => `misses_${i}`;
const sum = (ids: readonly string[]) => ids.map((id) => `FILL(${id}, 0)`).join(" + ");

/** The alarm's expressions: hits and misses of every cached method, then the ratio (1 when there was nothing to answer). */
export function hitRatioExpressions(methodCount: number): { readonly hits: string; readonly misses: string; readonly ratio: string } {
  const indexes = Array.from({ length: methodCount }, (_, i) => i);
  return { hits: sum(indexes.map(hitId)), misses: sum(indexes.map(missId)), ratio: "IF(hits + misses > 0, hits / (hits + misses), 1)" };
}

/** One alarm's settings (the stage alarms' shape). */
export interface HitRatioAlarmSettings {
  /** The floor, 0..1. */
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export interface CacheHitRatioAlarmProps {
  readonly apiName: string;
  readonly stageName: string;
  /** The stage's cached methods, 1 to 5. */
  readonly methods: readonly CachedMethod[];
  readonly settings: HitRatioAlarmSettings;
  /** Notified on ALARM and on OK. */
  readonly topicArn: string;
  /** Named in the description as the first place to look. */
  readonly dashboardName: string;
  /** References to write as dimension values instead of the names (`ApiName`, `Stage`). @default the names */
  readonly dimensionValues?: Readonly<Record<string, string>>;
}

export function hitRatioAlarmName(apiName: string, stageName: string): string {
  return `${apiName}-${stageName}-cache-hit-ratio`;
}

/** The alarm on the hit ratio of a stage's cached methods, as a metric math alarm (`metric_query` blocks). */
export class CacheHitRatioAlarm extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;
  public readonly alarmName: string;

  constructor(scope: Construct, id: string, props: CacheHitRatioAlarmProps) {
    super(scope, id);
    const { apiName, stageName, methods, settings: a } = props;
    this.alarmName = hitRatioAlarmName(apiName, stageName);
    if (methods.length < 1 || methods.length > MAX_CACHED_METHODS_PER_ALARM) {
      throw new Error(
        `CacheHitRatioAlarm ${this.alarmName}: methods has ${methods.length} cached methods. Allowed: 1 to ${MAX_CACHED_METHODS_PER_ALARM} (two metrics each, at most ${MAX_ALARM_METRIC_STATS} per alarm: PutMetricAlarm)`,
      );
    }
    const floor = `${+(a.threshold * 100).toFixed(2)}%`;
    const routes = methods.map((m) => `${m.httpMethod} ${m.resourcePath}`).join(", ");
    const description =
      `Less than ${floor} of the requests to the cached methods of ${apiName} stage ${stageName} (${routes}) were answered from the cache, ` +
      `in ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods of ${a.periodSeconds} s; the backend takes the rest. ` +
      `First: open the CloudWatch dashboard ${props.dashboardName} (the stage's cache widgets); a cache flush, a shorter TTL or requests spread over ` +
      `more cache keys (e.g. many distinct ids) lower it. The saved queries are in the folder ${apiName} (e.g. ${savedQueryName(apiName, "slowest-requests")}).`;
    const metric = (m: CachedMethod, name: "CacheHitCount" | "CacheMissCount") => {
      const id = cachedMethodMetric(apiName, stageName, m, name);
      return { namespace: id.namespace, metricName: id.metricName, dimensions: dimensionsWith(id.dimensions, props.dimensionValues), period: a.periodSeconds, stat: "Sum" };
    };
    const expressions = hitRatioExpressions(methods.length);
    const metricQuery: CloudwatchMetricAlarmMetricQuery[] = [
      ...methods.flatMap((m, i) => [
        { id: hitId(i), metric: metric(m, "CacheHitCount"), returnData: false },
        { id: missId(i), metric: metric(m, "CacheMissCount"), returnData: false },
      ]),
      { id: "hits", expression: expressions.hits, label: "Cache hits", returnData: false },
      { id: "misses", expression: expressions.misses, label: "Cache misses", returnData: false },
      { id: "hit_ratio", expression: expressions.ratio, label: "Cache hit ratio", returnData: true },
    ];
    // PutMetricAlarm rejects a metrics array it cannot evaluate only at apply.
    const otherProblems = [
      ...alarmWindowProblems(a).map((p) => ({ ...p, field: `settings.${p.field}` })),
      ...metricMathAlarmProblems({ metricQueries: metricQuery.map((q) => ({ ...q, returnData: q.returnData === true })), singleMetricFields: [] }),
    ];
    this.alarm = topicAlarm(this, "alarm", "CacheHitRatioAlarm", {
      alarmName: this.alarmName,
      alarmDescription: description,
      metricQuery,
      comparisonOperator: "LessThanThreshold",
      threshold: a.threshold,
      evaluationPeriods: a.evaluationPeriods,
      datapointsToAlarm: a.datapointsToAlarm,
      treatMissingData: "notBreaching",
      topicArn: props.topicArn,
    }, otherProblems);
  }
}

/**
 * The stage row's cache widgets: hits and misses of each cached method, and their hit ratio (0..1). The graph
 * leaves idle periods empty (no `FILL`): a line at 1 there would claim hits that never happened.
 */
export function cacheWidgets(apiName: string, region: string, stageName: string, methods: readonly CachedMethod[]): Unplaced<MetricWidget>[] {
  const route = (m: CachedMethod) => `${m.httpMethod} ${m.resourcePath}`;
  const counts = methods.flatMap((m) => [
    metricLine(cachedMethodMetric(apiName, stageName, m, "CacheHitCount"), { stat: "Sum", label: `${route(m)} hits` }),
    metricLine(cachedMethodMetric(apiName, stageName, m, "CacheMissCount"), { stat: "Sum", label: `${route(m)} misses` }),
  ]);
  const hidden: MetricLine[] = methods.flatMap((m, i) => [
    metricLine(cachedMethodMetric(apiName, stageName, m, "CacheHitCount"), { stat: "Sum", id: hitId(i), visible: false }),
    metricLine(cachedMethodMetric(apiName, stageName, m, "CacheMissCount"), { stat: "Sum", id: missId(i), visible: false }),
  ]);
  const hits = methods.map((_, i) => hitId(i)).join(" + ");
  const all = [hits, ...methods.map((_, i) => missId(i))].join(" + ");
  return [
    metricWidget({ title: `${stageName}: cache hits and misses (cached methods)`, region, width: 12, lines: counts, leftAxis: { min: 0 } }),
    metricWidget({
      title: `${stageName}: cache hit ratio (0..1, cached methods)`,
      region,
      width: 12,
      lines: [...hidden, [{ expression: `(${hits}) / (${all})`, id: "hit_ratio", label: "Cache hit ratio" }]],
      leftAxis: { min: 0, max: 1 },
    }),
  ];
}
