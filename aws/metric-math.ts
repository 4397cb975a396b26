/**
 * What PutMetricAlarm accepts in an alarm on a metric math expression (CloudWatch API Reference, PutMetricAlarm
 * `Metrics` and `MetricDataQuery`), checked before apply: the provider and `terraform plan` accept every
 * `metric_query` block, and the API rejects the alarm half-way through an apply.
 */
import type { LimitProblem } from "./limits";

/**
 * MetricDataQuery, in PutMetricAlarm: "A single PutMetricAlarm call can include up to 20 MetricDataQuery structures
 * in the array. The 20 structures can include as many as 10 structures that contain a MetricStat parameter ..., and
 * as many as 10 structures that contain the Expression parameter ... Of those Expression structures, one must have
 * true as the value for ReturnData."
 */
export const MAX_ALARM_METRIC_STATS = 10;
export const MAX_ALARM_EXPRESSIONS = 10;

/** MetricDataQuery `Id`: "The first character must be a lowercase letter"; letters, numbers and underscores; up to 255. */
export const METRIC_QUERY_ID = /^[a-z][A-Za-z0-9_]{0,254}$/;

/** One `metric_query` as the alarm writes it: a metric it retrieves, or an expression over the others. */
export interface AlarmMetricQuery {
  readonly id: string;
  readonly expression?: string;
  readonly metric?: object;
  readonly returnData?: boolean;
}

/** The parts of an alarm PutMetricAlarm checks against its `Metrics` array. */
export interface MetricMathAlarmShape {
  readonly metricQueries: readonly AlarmMetricQuery[];
  /** Namespace, MetricName, Dimensions, Period, Statistic, ExtendedStatistic or Unit set beside the queries. */
  readonly singleMetricFields: readonly string[];
}

/** What PutMetricAlarm would reject in an alarm on metric math; an empty list means it accepts it. */
export function metricMathAlarmProblems(alarm: MetricMathAlarmShape): LimitProblem[] {
  const queries = alarm.metricQueries;
  const stats = queries.filter((q) => q.metric !== undefined).length;
  const expressions = queries.filter((q) => q.expression !== undefined);
  const returned = queries.filter((q) => q.returnData === true);
  const ids = queries.map((q) => q.id);
  const problems: LimitProblem[] = [];
  for (const q of queries) {
    if ((q.metric === undefined) === (q.expression === undefined)) {
      problems.push({ field: `metric_query.${q.id}`, value: q, problem: "is neither a metric nor an expression, or both", allowed: "exactly one of metric and expression" });
    }
    if (!METRIC_QUERY_ID.test(q.id)) {
      problems.push({ field: "metric_query.id", value: q.id, problem: "is not a metric query id", allowed: "a lower-case letter, then letters, digits or '_' (MetricDataQuery Id)" });
    }
  }
  if (new Set(ids).size !== ids.length) problems.push({ field: "metric_query.id", value: ids, problem: "repeats an id", allowed: "a unique id per query" });
  if (stats > MAX_ALARM_METRIC_STATS) problems.push({ field: "metric_query", value: `${stats} metrics`, problem: "retrieves too many metrics", allowed: `at most ${MAX_ALARM_METRIC_STATS} (MetricDataQuery in PutMetricAlarm)` });
  if (expressions.length > MAX_ALARM_EXPRESSIONS) {
    problems.push({ field: "metric_query", value: `${expressions.length} expressions`, problem: "has too many expressions", allowed: `at most ${MAX_ALARM_EXPRESSIONS} (MetricDataQuery in PutMetricAlarm)` });
  }
  if (returned.length !== 1 || returned[0].expression === undefined) {
    problems.push({ field: "metric_query.return_data", value: returned.map((q) => q.id), problem: "does not name exactly one expression as the value the alarm watches", allowed: "return_data = true on exactly one expression" });
  }
  if (alarm.singleMetricFields.length > 0) {
    problems.push({ field: "metric_query", value: alarm.singleMetricFields, problem: "is set beside single-metric fields", allowed: "no namespace, metric_name, dimensions, period, statistic, extended_statistic or unit with metric_query (PutMetricAlarm Metrics)" });
  }
  return problems;
}
