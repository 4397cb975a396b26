/**
 * The cache's hit-ratio alarm across a stage's fields: it watches each cached method's own `CacheHitCount` and
 * `CacheMissCount` (modules/cache-hit-ratio.ts), which API Gateway publishes only for methods with detailed
 * metrics ("Amazon API Gateway dimensions and metrics": per-method dimensions "will not send these metrics unless
 * you have explicitly enabled detailed CloudWatch metrics"), and an alarm retrieves at most 10 metrics
 * (PutMetricAlarm, MetricDataQuery): two per method, so at most 5 cached methods. PutMetricAlarm would reject
 * more at apply; a method without metrics would leave the alarm without data, silently.
 */
import { MAX_ALARM_METRIC_STATS } from "../../aws/metric-math";
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";

/** Two metrics per cached method, at most 10 per alarm. */
export const MAX_CACHED_METHODS_WATCHED = MAX_ALARM_METRIC_STATS / 2;

// Reads whole stages: an override's metricsEnabled is its stage's unless it sets its own, so a stage with any
// issue has overrides without what they inherit.
export const hitRatioAlarmWatchable: EnvironmentRule = rule(["stages"], (env) =>
  env.stages.flatMap((stage, i): ConfigIssue[] => {
    if (!stage.caching.enabled || !stage.caching.hitRatioAlarm.enabled) return [];
    const cached = stage.methodOverrides.flatMap((override, j) => (override.cachingEnabled ? [{ override, j }] : []));
    const off = "or caching.hitRatioAlarm.enabled false";
    const withoutMetrics = cached
      .filter(({ override }) => !override.metricsEnabled)
      .map(({ override, j }) =>
        issue(
          `stages[${i}].methodOverrides[${j}].metricsEnabled`,
          false,
          `leaves the hit-ratio alarm of ${override.httpMethod} ${override.resourcePath} without data: API Gateway publishes a method's CacheHitCount and CacheMissCount only with its detailed metrics`,
          `true (the stage's default), ${off}`,
        ),
      );
    const tooMany =
      cached.length > MAX_CACHED_METHODS_WATCHED
        ? [
            issue(
              `stages[${i}].methodOverrides`,
              `${cached.length} cached methods`,
              `are more than the hit-ratio alarm can watch: two metrics each, and a CloudWatch alarm retrieves at most 10`,
              `at most ${MAX_CACHED_METHODS_WATCHED} methods with cachingEnabled, ${off}`,
            ),
          ]
        : [];
    return [...withoutMetrics, ...tooMany];
  }),
);

/** The cache rules across a stage's fields. */
export const CACHE_RULES: readonly EnvironmentRule[] = [hitRatioAlarmWatchable];
