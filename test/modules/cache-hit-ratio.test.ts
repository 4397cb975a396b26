/**
 * The cache's hit ratio (modules/cache-hit-ratio.ts): GIVEN a stage's cached methods, THEN the alarm watches
 * their own CacheHitCount and CacheMissCount in one metric math expression, fires below the floor, stays quiet
 * without traffic, and the dashboard graphs the same ratio. Sources: CloudWatch API Reference, PutMetricAlarm
 * (`Metrics` excludes Namespace, MetricName, Dimensions, Period and Statistic) and MetricDataQuery (at most 10
 * metrics and 10 expressions, one with ReturnData true, ids starting with a lower-case letter); API Gateway
 * Developer Guide, "Amazon API Gateway dimensions and metrics" (`ApiName`, `Method`, `Resource`, `Stage`).
 */
import { Testing } from "cdktf";
import { metricMathAlarmProblems } from "../../aws/metric-math";
import { CacheHitRatioAlarm, type CacheHitRatioAlarmProps, cachedMethods, cacheWidgets, hitRatioAlarmOf, hitRatioExpressions } from "../../modules/cache-hit-ratio";
import { StageAlarms } from "../../modules/stage-alarms";
import { pagingAlarms } from "../support/alarm-settings";
import { cachedStage, plainStage } from "../support/stage-settings";
import { all, only, synth } from "../support/synth";

const topicArn = "arn:aws:sns:eu-west-1:222222222222:orders-api-prod-alarms";
const settings = { threshold: 0.5, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 };
const ORDER = { httpMethod: "GET", resourcePath: "/orders/{orderId}" };
const props = (changes: Partial<CacheHitRatioAlarmProps> = {}): CacheHitRatioAlarmProps => ({
  apiName: "orders-api-prod",
  stageName: "v1",
  methods: [ORDER],
  settings,
  topicArn,
  dashboardName: "orders-api-prod",
  ...changes,
});

describe("CacheHitRatioAlarm", () => {
  describe("GIVEN one cached method", () => {
    const alarm = only(synth((scope) => new CacheHitRatioAlarm(scope, "cache-hit-ratio", props())), "aws_cloudwatch_metric_alarm");

    it("fires below the floor in M of N periods, notifying the topic both ways", () => {
      expect(alarm).toMatchObject({
        alarm_name: "orders-api-prod-v1-cache-hit-ratio",
        comparison_operator: "LessThanThreshold",
        threshold: 0.5,
        evaluation_periods: 3,
        datapoints_to_alarm: 2,
        alarm_actions: [topicArn],
        ok_actions: [topicArn],
      });
    });

    it("treats no data as not breaching: no requests to cached methods is no cache failure (the low-traffic alarm covers it)", () => {
      expect(alarm.treat_missing_data).toBe("notBreaching");
      expect(hitRatioExpressions(1)).toEqual({ hits: "FILL(hits_0, 0)", misses: "FILL(misses_0, 0)", ratio: "IF(hits + misses > 0, hits / (hits + misses), 1)" });
    });

    it("retrieves the method's own CacheHitCount and CacheMissCount (detailed metrics' dimensions), summed per period", () => {
      const metrics = alarm.metric_query.filter((q: any) => q.metric).map((q: any) => [q.id, q.metric]);
      const dimensions = { ApiName: "orders-api-prod", Method: "GET", Resource: "/orders/{orderId}", Stage: "v1" };
      expect(metrics).toEqual([
        ["hits_0", { namespace: "AWS/ApiGateway", metric_name: "CacheHitCount", dimensions, period: 300, stat: "Sum" }],
        ["misses_0", { namespace: "AWS/ApiGateway", metric_name: "CacheMissCount", dimensions, period: 300, stat: "Sum" }],
      ]);
    });

    it("is a metric math alarm PutMetricAlarm accepts: one returned expression, no single-metric fields beside the queries", () => {
      for (const field of ["namespace", "metric_name", "dimensions", "period", "statistic", "extended_statistic", "unit"]) expect(alarm[field]).toBeUndefined();
      expect(alarm.metric_query.filter((q: any) => q.return_data === true).map((q: any) => q.id)).toEqual(["hit_ratio"]);
      expect(metricMathAlarmProblems({ metricQueries: alarm.metric_query.map((q: any) => ({ ...q, returnData: q.return_data })), singleMetricFields: [] })).toEqual([]);
    });

    it("says in its description what it watches and where to look first", () => {
      expect(alarm.alarm_description).toMatch(/^Less than 50% of the requests to the cached methods of orders-api-prod stage v1 \(GET \/orders\/\{orderId\}\) were answered from the cache, in 2 of 3 periods of 300 s/);
      expect(alarm.alarm_description).toContain("dashboard orders-api-prod");
    });
  });

  it("GIVEN three cached methods THEN hits and misses add up across them before the ratio", () => {
    const methods = [ORDER, { httpMethod: "GET", resourcePath: "/orders" }, { httpMethod: "GET", resourcePath: "/health" }];
    const alarm = only(synth((scope) => new CacheHitRatioAlarm(scope, "c", props({ methods }))), "aws_cloudwatch_metric_alarm");
    expect(alarm.metric_query.map((q: any) => q.id)).toEqual(["hits_0", "misses_0", "hits_1", "misses_1", "hits_2", "misses_2", "hits", "misses", "hit_ratio"]);
    expect(alarm.metric_query.find((q: any) => q.id === "hits").expression).toBe("FILL(hits_0, 0) + FILL(hits_1, 0) + FILL(hits_2, 0)");
  });

  it("GIVEN no cached method, or six THEN it is refused: two metrics each, at most 10 per alarm", () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ httpMethod: "GET", resourcePath: `/r${i}` }));
    expect(() => Testing.synthScope((scope) => new CacheHitRatioAlarm(scope, "c", props({ methods: six })))).toThrow(
      "CacheHitRatioAlarm orders-api-prod-v1-cache-hit-ratio: methods has 6 cached methods. Allowed: 1 to 5 (two metrics each, at most 10 per alarm: PutMetricAlarm)",
    );
    expect(() => Testing.synthScope((scope) => new CacheHitRatioAlarm(scope, "c", props({ methods: [] })))).toThrow(/methods has 0 cached methods/);
  });

  it("GIVEN M above N THEN it is refused before apply", () => {
    expect(() => Testing.synthScope((scope) => new CacheHitRatioAlarm(scope, "c", props({ settings: { ...settings, datapointsToAlarm: 4 } })))).toThrow(
      /settings\.datapointsToAlarm = 4 is not from 1 to evaluationPeriods \(3\)/,
    );
  });
});

describe("which stages get the alarm", () => {
  const alarm = { enabled: true, ...settings };

  it("GIVEN a cache that caches GET /orders/{orderId} THEN that method, and only it", () => {
    expect(cachedMethods(cachedStage)).toEqual([ORDER]);
    expect(hitRatioAlarmOf({ ...cachedStage, caching: { ...cachedStage.caching, hitRatioAlarm: alarm } })).toEqual({ methods: [ORDER], settings: alarm });
  });

  it("GIVEN no cache cluster, nothing cached, or the alarm off THEN none", () => {
    expect(hitRatioAlarmOf({ ...cachedStage, caching: { ...cachedStage.caching, enabled: false, hitRatioAlarm: alarm } })).toBeUndefined();
    expect(hitRatioAlarmOf({ ...plainStage, caching: { ...plainStage.caching, enabled: true, hitRatioAlarm: alarm } })).toBeUndefined();
    expect(hitRatioAlarmOf({ ...cachedStage, caching: { ...cachedStage.caching, hitRatioAlarm: { ...alarm, enabled: false } } })).toBeUndefined();
  });

  it("GIVEN StageAlarms with a cache THEN the hit-ratio alarm is among its alarms, named after the stage in HCL, with reference dimensions", () => {
    const s = synth(
      (scope) =>
        new StageAlarms(scope, "alarms", {
          apiName: "orders-api-prod",
          stageName: "v1",
          alarms: pagingAlarms,
          topicArn,
          dashboardName: "orders-api-prod",
          cacheHitRatio: { methods: [ORDER], settings },
          dimensionValues: { ApiName: "rest-api-name-reference", Stage: "stage-name-reference" },
        }),
    );
    const ratio = all(s, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "orders-api-prod-v1-cache-hit-ratio");
    expect(ratio.metric_query[0].metric.dimensions).toEqual({ ApiName: "rest-api-name-reference", Method: "GET", Resource: "/orders/{orderId}", Stage: "stage-name-reference" });
    // Its construct id names it: `aws_cloudwatch_metric_alarm.stage_v1_cache_hit_ratio` in a stack (stacks/logical-names.ts).
    expect(Object.keys(s.resource.aws_cloudwatch_metric_alarm).filter((id) => id.includes("cache-hit-ratio"))).toHaveLength(1);
  });
});

describe("cache widgets", () => {
  const [counts, ratio] = cacheWidgets("orders-api-prod", "eu-west-1", "v1", [ORDER]);

  it("graph each cached method's hits and misses", () => {
    expect(counts.properties.metrics).toEqual([
      ["AWS/ApiGateway", "CacheHitCount", "ApiName", "orders-api-prod", "Method", "GET", "Resource", "/orders/{orderId}", "Stage", "v1", { stat: "Sum", label: "GET /orders/{orderId} hits" }],
      ["AWS/ApiGateway", "CacheMissCount", "ApiName", "orders-api-prod", "Method", "GET", "Resource", "/orders/{orderId}", "Stage", "v1", { stat: "Sum", label: "GET /orders/{orderId} misses" }],
    ]);
  });

  it("graph the hit ratio 0..1 by metric math over hidden lines, leaving idle periods empty", () => {
    expect(ratio.properties.metrics.at(-1)).toEqual([{ expression: "(hits_0) / (hits_0 + misses_0)", id: "hit_ratio", label: "Cache hit ratio" }]);
    expect(ratio.properties.metrics.slice(0, -1).map((line) => (line.at(-1) as { visible?: boolean }).visible)).toEqual([false, false]);
    expect(ratio.properties.yAxis).toEqual({ left: { min: 0, max: 1 } });
  });
});
