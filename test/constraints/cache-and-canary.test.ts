/**
 * What only apply (or the running API) reveals about a stage's cache and canary: `validate` and `plan` accept
 * each value below, and API Gateway or CloudWatch rejects it half-way through an apply, or accepts it and
 * watches nothing. Each test names its source, checks every emitted resource of the shipped stacks, and shows
 * the guard that refuses a bad value. The AWS facts are written out in test/support/aws-facts.ts.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { CANARY_PERCENT_RANGE, CANARY_SUFFIX, MAX_STAGE_VARIABLES, STAGE_VARIABLE_NAME, STAGE_VARIABLE_VALUE } from "../../aws/canary";
import { MAX_ALARM_EXPRESSIONS, MAX_ALARM_METRIC_STATS, METRIC_QUERY_ID, metricMathAlarmProblems } from "../../aws/metric-math";
import { CACHE_CLUSTER_SIZES } from "../../environments/types";
import { accessLogFormat } from "../../modules/access-log-format";
import { buildStacks } from "../../stacks/app";
import { rejectionOf, withStage } from "../support/environments";
import {
  API_GATEWAY_METHOD_DIMENSIONS,
  CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS,
  CANARY_LOG_GROUP_SUFFIX,
  CANARY_PERCENT_TRAFFIC,
  PUT_METRIC_ALARM_METRICS,
  STAGE_VARIABLE_NAME_RULE,
  STAGE_VARIABLE_VALUE_RULE,
  STAGE_VARIABLES_PER_STAGE,
} from "../support/aws-facts";

// The shipped environment stacks, synthesized once: staging has a cache with its alarm and a canary, prod a cache.
const { environments } = buildStacks(Testing.app(), loadEnvironments(Object.values(ENVIRONMENTS)));
const emitted = environments.map((stack) => ({ stack: stack.node.id, json: JSON.parse(Testing.synth(stack)) }));
const resources = (type: string) => emitted.flatMap((e) => Object.entries(e.json.resource?.[type] ?? {}).map(([id, r]) => ({ ...(r as any), stack: e.stack, id })));
const stages = resources("aws_api_gateway_stage");
const canaryStages = stages.filter((s) => s.canary_settings !== undefined);
const mathAlarms = resources("aws_cloudwatch_metric_alarm").filter((a) => a.metric_query !== undefined);

it("the checks below see a canary and a metric math alarm in the shipped stacks", () => {
  expect(canaryStages.map((s) => `${s.stack}/${s.stage_name}`)).toEqual(["staging/v1"]);
  expect(mathAlarms.map((a) => a.alarm_name).sort()).toEqual(["orders-api-prod-v1-cache-hit-ratio", "orders-api-staging-v1-cache-hit-ratio"]);
});

it("the implementation's copies of the AWS facts are the documented ones", () => {
  expect(CANARY_PERCENT_RANGE).toEqual(CANARY_PERCENT_TRAFFIC);
  expect(CANARY_SUFFIX).toBe(CANARY_LOG_GROUP_SUFFIX);
  expect(MAX_STAGE_VARIABLES).toBe(STAGE_VARIABLES_PER_STAGE);
  expect({ metricStats: MAX_ALARM_METRIC_STATS, expressions: MAX_ALARM_EXPRESSIONS }).toEqual({ metricStats: PUT_METRIC_ALARM_METRICS.metricStats, expressions: PUT_METRIC_ALARM_METRICS.expressions });
  for (const s of ["a", "ab_9", "A", "_x", "9a", "a-b", "a".repeat(255)]) expect({ s, ok: METRIC_QUERY_ID.test(s) }).toEqual({ s, ok: PUT_METRIC_ALARM_METRICS.idRule.test(s) });
  for (const s of ["v", "backend_Version", "a-b", "a b", "", "x".repeat(64), "x".repeat(65), "é"]) expect({ s, ok: STAGE_VARIABLE_NAME.test(s) }).toEqual({ s, ok: STAGE_VARIABLE_NAME_RULE.test(s) });
  for (const s of ["v2", "https://h.example.com/p?a=1&b=2,c#f~", "a b", "", "x".repeat(512), "x".repeat(513), "a+b", "a%20", "a;b"]) {
    expect({ s, ok: STAGE_VARIABLE_VALUE.test(s) }).toEqual({ s, ok: STAGE_VARIABLE_VALUE_RULE.test(s) });
  }
});

describe("canary (API Gateway API Reference, CanarySettings; Developer Guide, \"Set up an API Gateway canary release deployment\")", () => {
  it("percentTraffic 0.0..100.0: every emitted canary, and config refuses 100.5", () => {
    for (const stage of canaryStages) {
      const percent = stage.canary_settings.percent_traffic;
      expect({ stage: stage.id, ok: percent >= CANARY_PERCENT_TRAFFIC.min && percent <= CANARY_PERCENT_TRAFFIC.max }).toEqual({ stage: stage.id, ok: true });
    }
    expect(rejectionOf(withStage("staging", { canary: { enabled: true, percentTraffic: 100.5 } }))).toContain("stages[0].canary.percentTraffic = 100.5: is out of range. Allowed: a number from 0 to 100");
  });

  it("a canary needs a deployment id that exists while it uses it (terraform-provider-aws #39929: canary_settings.deployment_id, required in the pinned provider): every canary runs its stage's own deployment", () => {
    // The same reference as the stage's: both move to a replaced deployment in one UpdateStage, before the old one is deleted.
    for (const stage of canaryStages) expect({ stage: stage.id, canary: stage.canary_settings.deployment_id }).toEqual({ stage: stage.id, canary: stage.deployment_id });
  });

  it("a canary logs to `<group>/Canary` beside its stage's groups, which API Gateway creates without retention: every canary's two groups are ours and exist before the stage", () => {
    for (const stage of canaryStages) {
      const groups = resources("aws_cloudwatch_log_group").filter((g) => g.stack === stage.stack);
      const accessGroup = /aws_cloudwatch_log_group\.([^.]+)\.arn/.exec(stage.access_log_settings.destination_arn)?.[1];
      const executionGroup = groups.find((g) => g.name.startsWith("API-Gateway-Execution-Logs_") && g.name.endsWith(`/${stage.stage_name}`))?.id;
      const canaryNames = [`\${aws_cloudwatch_log_group.${accessGroup}.name}${CANARY_LOG_GROUP_SUFFIX}`, `\${aws_cloudwatch_log_group.${executionGroup}.name}${CANARY_LOG_GROUP_SUFFIX}`];
      const canaryGroups = canaryNames.map((name) => groups.find((g) => g.name === name));
      expect(canaryGroups.map((g) => g?.kms_key_id !== undefined && g.retention_in_days > 0)).toEqual([true, true]);
      expect(stage.depends_on).toEqual(expect.arrayContaining(canaryGroups.map((g) => `aws_cloudwatch_log_group.${g.id}`)));
    }
  });

  it("stageVariableOverrides: names of letters, digits, '_', values of [A-Za-z0-9-._~:/?#&=,]+, at most 100 (CreateStage `variables`; REST API quotas): every emitted canary, and config refuses a '-' in a name", () => {
    for (const stage of canaryStages) {
      const overrides: Record<string, string> = stage.canary_settings.stage_variable_overrides ?? {};
      expect(Object.keys(overrides).length).toBeLessThanOrEqual(STAGE_VARIABLES_PER_STAGE);
      for (const [name, value] of Object.entries(overrides)) expect({ name, value, ok: STAGE_VARIABLE_NAME_RULE.test(name) && STAGE_VARIABLE_VALUE_RULE.test(value) }).toEqual({ name, value, ok: true });
    }
    expect(rejectionOf(withStage("staging", { canary: { enabled: true, stageVariableOverrides: { "backend-version": "v2" } } }))).toContain(
      'stages[0].canary.stageVariableOverrides.backend-version = "backend-version": is not a stage variable name API Gateway accepts',
    );
  });

  it("a canary's metrics are its own (\"the canary release has its own logs and metrics\"; `Stage` = `<stage>/Canary`, a value the guide does not spell out, see aws/canary.ts): every canary alarm watches them, none its stage's", () => {
    const canaryAlarms = resources("aws_cloudwatch_metric_alarm").filter((a) => / canary of /.test(a.alarm_description));
    expect(canaryAlarms.length).toBeGreaterThan(0);
    for (const alarm of canaryAlarms) expect({ alarm: alarm.alarm_name, stage: alarm.dimensions.Stage }).toEqual({ alarm: alarm.alarm_name, stage: expect.stringMatching(/\/Canary$/) });
  });

  it("canary requests are marked in the access log ($context.isCanaryRequest, \"API Gateway mapping template and access logging variable reference\"): every emitted stage's format", () => {
    expect(JSON.parse(accessLogFormat()).isCanaryRequest).toBe("$context.isCanaryRequest");
    for (const stage of stages) expect(stage.access_log_settings.format).toContain('"isCanaryRequest":"$context.isCanaryRequest"');
  });

  it("PutMetricAlarm creates or overwrites by name: no canary alarm takes the name of another alarm of its account, and config refuses a stage named <stage>-canary beside a canary", () => {
    const names = resources("aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(new Set(names).size).toBe(names.length);
    expect(rejectionOf({ ...ENVIRONMENTS.staging, stages: [...ENVIRONMENTS.staging.stages, { name: "v1-canary" }] })).toContain('stages[0].canary.enabled = true: names the canary\'s log groups and alarms "v1-canary"');
  });
});

describe("cache (API Gateway API Reference, CreateStage and MethodSetting; Developer Guide, \"Amazon API Gateway dimensions and metrics\")", () => {
  it("cacheClusterSize is one API Gateway offers, and only on a stage whose cache is on: every emitted stage", () => {
    expect([...CACHE_CLUSTER_SIZES]).toEqual(CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS);
    for (const stage of stages) {
      const size = stage.cache_cluster_enabled ? CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS.includes(stage.cache_cluster_size) : stage.cache_cluster_size === undefined;
      expect({ stage: stage.id, size }).toEqual({ stage: stage.id, size: true });
    }
  });

  it("MethodSetting cacheDataEncrypted: every emitted cached method encrypts its cache", () => {
    const cached = resources("aws_api_gateway_method_settings").filter((m) => m.settings.caching_enabled);
    expect(cached.length).toBeGreaterThan(0);
    for (const m of cached) expect({ method: m.id, encrypted: m.settings.cache_data_encrypted }).toEqual({ method: m.id, encrypted: true });
  });

  it("a method's CacheHitCount and CacheMissCount carry ApiName, Method, Resource and Stage, and exist only with its detailed metrics: every hit-ratio alarm watches methods whose settings cache them with metrics on", () => {
    for (const alarm of mathAlarms) {
      const metrics = alarm.metric_query.filter((q: any) => q.metric).map((q: any) => q.metric);
      expect(new Set(metrics.map((m: any) => m.metric_name))).toEqual(new Set(["CacheHitCount", "CacheMissCount"]));
      const settings = resources("aws_api_gateway_method_settings").filter((m) => m.stack === alarm.stack);
      for (const m of metrics) {
        expect(Object.keys(m.dimensions).sort()).toEqual([...API_GATEWAY_METHOD_DIMENSIONS].sort());
        const path = `${m.dimensions.Resource.replace(/~/g, "~0").replace(/\//g, "~1")}/${m.dimensions.Method}`;
        const method = settings.find((s) => s.method_path === path && s.stage_name === m.dimensions.Stage);
        expect({ alarm: alarm.alarm_name, path, settings: method?.settings }).toEqual({ alarm: alarm.alarm_name, path, settings: expect.objectContaining({ caching_enabled: true, metrics_enabled: true }) });
      }
    }
    expect(rejectionOf(withStage("prod", { methodOverrides: [{ method: "GET /orders/{orderId}", cachingEnabled: true, metricsEnabled: false }] }))).toContain(
      "stages[0].methodOverrides[0].metricsEnabled = false: leaves the hit-ratio alarm of GET /orders/{orderId} without data",
    );
  });

  it("PutMetricAlarm Metrics: at most 10 metrics and 10 expressions, one returned expression, ids from a lower-case letter, no single-metric fields beside them: every emitted metric math alarm", () => {
    for (const alarm of mathAlarms) {
      const queries = alarm.metric_query.map((q: any) => ({ id: q.id, expression: q.expression, metric: q.metric, returnData: q.return_data === true }));
      expect(queries.filter((q: any) => q.metric).length).toBeLessThanOrEqual(PUT_METRIC_ALARM_METRICS.metricStats);
      expect(queries.filter((q: any) => q.expression).length).toBeLessThanOrEqual(PUT_METRIC_ALARM_METRICS.expressions);
      expect(queries.filter((q: any) => q.returnData).map((q: any) => q.expression !== undefined)).toEqual([true]);
      for (const q of queries) expect(PUT_METRIC_ALARM_METRICS.idRule.test(q.id)).toBe(true);
      const single = ["namespace", "metric_name", "dimensions", "period", "statistic", "extended_statistic", "unit"].filter((f) => alarm[f] !== undefined);
      expect({ alarm: alarm.alarm_name, single }).toEqual({ alarm: alarm.alarm_name, single: [] });
    }
  });

  it("the guard finds each metric math mistake PutMetricAlarm would reject", () => {
    const metric = (id: string) => ({ id, metric: {} });
    const ratio = { id: "ratio", expression: "a / b", returnData: true };
    const problems = (metricQueries: any[], singleMetricFields: string[] = []) => metricMathAlarmProblems({ metricQueries, singleMetricFields }).map((p) => `${p.field} ${p.problem}`);
    expect(problems([metric("a"), metric("b"), ratio])).toEqual([]);
    expect(problems([...Array.from({ length: 11 }, (_, i) => metric(`m${i}`)), ratio])).toEqual(["metric_query retrieves too many metrics"]);
    expect(problems([metric("a"), ...Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, expression: "a" })), ratio])).toEqual(["metric_query has too many expressions"]);
    expect(problems([metric("a"), { ...ratio, returnData: false }])).toEqual(["metric_query.return_data does not name exactly one expression as the value the alarm watches"]);
    expect(problems([{ ...metric("a"), returnData: true }, ratio])).toEqual(["metric_query.return_data does not name exactly one expression as the value the alarm watches"]);
    expect(problems([metric("Hits"), ratio])).toEqual(["metric_query.id is not a metric query id"]);
    expect(problems([metric("a"), metric("a"), ratio])).toEqual(["metric_query.id repeats an id"]);
    expect(problems([{ id: "a" }, ratio])).toEqual(["metric_query.a is neither a metric nor an expression, or both"]);
    expect(problems([metric("a"), ratio], ["namespace"])).toEqual(["metric_query is set beside single-metric fields"]);
  });
});

describe("wiring in the shipped stacks (not an AWS constraint: read from the same synth)", () => {
  const byStack = (stack: string) => emitted.find((e) => e.stack === stack)!.json;
  const dashboards = (stack: string) => Object.values(byStack(stack).resource.aws_cloudwatch_dashboard).map((d: any) => d.dashboard_body).join("\n");
  const queries = (stack: string) => Object.values(byStack(stack).resource.aws_cloudwatch_query_definition ?? {}) as any[];

  it("staging: the dashboard shows v1's cache and its canary, and lists the canary's and the cache's alarms", () => {
    const body = dashboards("staging");
    expect(body).toContain("v1: cache hit ratio (0..1, cached methods)");
    expect(body).toContain("v1 vs canary: 5XX rate (0..1)");
    for (const name of ["v1-canary-5xx-rate", "v1-canary-latency-p90", "v1-cache-hit-ratio"]) expect(body).toContain(`:alarm:orders-api-staging-${name}`);
    expect(body).not.toContain("v1-qa: cache");
  });

  it("staging: the canary-vs-base query reads v1's access log group only; prod and dev save no such query", () => {
    const canary = queries("staging").find((q) => q.name === "orders-api-staging/canary-vs-base");
    expect(canary.log_group_names).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[^.]+\.name\}$/)]);
    expect(canary.log_group_names[0]).toBe(canaryStages[0].access_log_settings.destination_arn.replace(".arn}", ".name}"));
    for (const stack of ["prod", "dev"]) expect(queries(stack).map((q) => q.name)).not.toContain(`orders-api-${stack}/canary-vs-base`);
  });

  it("prod: v1's cache has its hit-ratio alarm on the dashboard; dev has no cache and no canary", () => {
    expect(dashboards("prod")).toContain(":alarm:orders-api-prod-v1-cache-hit-ratio");
    expect(dashboards("dev")).not.toMatch(/cache hit ratio|vs canary/);
  });
});
