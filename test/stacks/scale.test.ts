/**
 * Scale: an environment the config accepts synthesizes, however many stages it has, and the benchmark's
 * 1,000 stages are a configuration that validation accepts and AWS's default quotas allow. The largest
 * environment is found by asking validation (so the test follows the rules as they change), then built.
 */
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadEnvironments } from "../../environments";
import type { EnvironmentInput } from "../../environments/types";
import { checkEnvironment } from "../../environments/validate";
import { buildStacks } from "../../stacks/app";
import { largeConfig, largeConfigOfStages } from "../../scripts/bench/large-config";
import { DEFAULT_MAX_SAMPLING_RULES_PER_REGION } from "../../aws/limits";
import { DEFAULT_MAX_FIREHOSE_STREAMS_PER_REGION, DEFAULT_MAX_STAGES_PER_API, MAX_REST_APIS_PER_REGION } from "../../aws/scale-limits";
import { metricCount, type Widget } from "../../modules/dashboard-widgets";
import { DASHBOARD_BODY, DASHBOARD_QUOTAS, FIREHOSE_STREAMS_PER_REGION, REST_API_QUOTAS, XRAY_SAMPLING_RULES_PER_REGION } from "../support/aws-facts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "scale-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * One environment of `stages` stages, built like the benchmark's, in an account and API whose quotas AWS
 * raised: what bounds it is then what no quota raises (IAM's policy size, the config's own rules).
 */
function environmentOf(stages: number): EnvironmentInput {
  const env = largeConfig({ environments: 1, stagesPerEnvironment: stages, accounts: 1 })[0];
  return { ...env, quotas: { stagesPerApi: 1000 }, account: { ...env.account, quotas: { samplingRulesPerRegion: 1000 } } };
}

/** The most stages validation accepts in one environment (up to `ceiling`), by bisection. */
function largestAccepted(ceiling: number): number {
  let [accepted, refused] = [1, ceiling + 1];
  while (refused - accepted > 1) {
    const middle = Math.floor((accepted + refused) / 2);
    if (checkEnvironment(environmentOf(middle)).issues.length === 0) accepted = middle;
    else refused = middle;
  }
  return accepted;
}

describe("the largest environment the config accepts", () => {
  // GIVEN as many stages as validation lets one environment have
  const stages = largestAccepted(1000);
  // WHEN it is synthesized
  const app = new App({ outdir: path.join(work, "largest") });
  const [stack] = buildStacks(app, loadEnvironments([environmentOf(stages)])).environments;
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(work, "largest", "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
  const bodies = stack.dashboard.bodies.map((b) => JSON.parse(b) as { widgets: Widget[] });

  it("synthesizes every stage", () => {
    // Beyond the default 10 stages per API: the raised quota lets IAM's policy size bound it.
    expect(stages).toBeGreaterThan(10);
    expect(Object.keys(json.resource.aws_api_gateway_stage)).toHaveLength(stages);
  });

  it("keeps each of its dashboards within CloudWatch's limits (\"Dashboard Body Structure and Syntax\", \"CloudWatch service quotas\")", () => {
    for (const body of bodies) {
      expect(body.widgets.length).toBeLessThanOrEqual(DASHBOARD_BODY.widgets);
      expect(body.widgets.reduce((n, w) => n + metricCount(w), 0)).toBeLessThanOrEqual(DASHBOARD_QUOTAS.metricsPerDashboard);
    }
    expect(Object.keys(json.resource.aws_cloudwatch_dashboard)).toHaveLength(bodies.length);
  });

  it("shows the state of every alarm of the stack", () => {
    const shown = bodies.flatMap((b) => b.widgets.filter((w) => w.type === "alarm").flatMap((w) => (w.properties as unknown as { alarms: string[] }).alarms));
    const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm as Record<string, { alarm_name: string }>).map((a) => a.alarm_name);
    expect(shown.map((arn) => arn.split(":alarm:")[1]).sort()).toEqual(alarms.sort());
  });
});

describe("the benchmark's 1,000 stages, within AWS's default quotas", () => {
  // GIVEN the benchmark's generated configuration
  const inputs = largeConfigOfStages(1000);
  // WHEN validation loads it
  const envs = loadEnvironments(inputs);
  const perAccountRegion = new Map<string, typeof envs>();
  for (const env of envs) perAccountRegion.set(`${env.account.id}/${env.region}`, [...(perAccountRegion.get(`${env.account.id}/${env.region}`) ?? []), env]);

  it("uses the documented default quotas", () => {
    expect({ DEFAULT_MAX_STAGES_PER_API, MAX_REST_APIS_PER_REGION, DEFAULT_MAX_FIREHOSE_STREAMS_PER_REGION, DEFAULT_MAX_SAMPLING_RULES_PER_REGION }).toEqual({
      DEFAULT_MAX_STAGES_PER_API: REST_API_QUOTAS.stagesPerApi,
      MAX_REST_APIS_PER_REGION: { REGIONAL: REST_API_QUOTAS.regionalApisPerRegion, EDGE: REST_API_QUOTAS.edgeApisPerRegion, PRIVATE: REST_API_QUOTAS.privateApisPerRegion },
      DEFAULT_MAX_FIREHOSE_STREAMS_PER_REGION: FIREHOSE_STREAMS_PER_REGION,
      DEFAULT_MAX_SAMPLING_RULES_PER_REGION: XRAY_SAMPLING_RULES_PER_REGION,
    });
  });

  it("is 1,000 stages that validation accepts, at most 10 per environment (API Gateway \"Stages per API\")", () => {
    expect(envs.reduce((n, e) => n + e.stages.length, 0)).toBe(1000);
    expect(Math.max(...envs.map((e) => e.stages.length))).toBeLessThanOrEqual(REST_API_QUOTAS.stagesPerApi);
  });

  it("keeps every account and region within X-Ray's 25 sampling rules, 600 regional APIs and 5,000 Firehose streams", () => {
    for (const [where, group] of perAccountRegion) {
      const traced = group.flatMap((e) => e.stages).filter((s) => s.tracingEnabled).length;
      const streams = group.reduce((n, e) => n + e.stages.length, 0);
      expect({ where, traced: traced <= XRAY_SAMPLING_RULES_PER_REGION, apis: group.length <= REST_API_QUOTAS.regionalApisPerRegion, streams: streams <= FIREHOSE_STREAMS_PER_REGION }).toEqual({
        where,
        traced: true,
        apis: true,
        streams: true,
      });
    }
    expect(perAccountRegion.size).toBeGreaterThan(1);
  });
});
