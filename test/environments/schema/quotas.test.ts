/**
 * Service quotas the config grows into: each is checked at synth with AWS's default, and a team whose quota
 * AWS raised says so in the config. Beyond a quota, CreateStage, CreateSamplingRule or CreateDeliveryStream
 * fails half-way through an apply (sources: "Quotas for configuring and running a REST API in API Gateway";
 * AWS X-Ray quota "Custom sampling rules per region", L-8C0C998A; CreateDeliveryStream, LimitExceededException;
 * CloudWatch Logs PutResourcePolicy, "up to 10 resource policies per AWS Region").
 */
import { loadEnvironments } from "../../../environments";
import type { EnvironmentInput } from "../../../environments/types";
import { EXTRA_ACCOUNT, EXTRA_ENVIRONMENT } from "../../support/extra-environment";
import { rejectionOf } from "../../support/environments";

const stages = (n: number, tracingEnabled = true) => Array.from({ length: n }, (_, i) => ({ name: `s${i + 1}`, tracingEnabled }));
const env = (name: string, changes: Partial<EnvironmentInput> = {}): EnvironmentInput => ({ ...EXTRA_ENVIRONMENT, name, ...changes });

describe("stages per REST API (API Gateway quota \"Stages per API\": 10 by default, adjustable per API)", () => {
  it("GIVEN 10 stages THEN the environment validates", () => {
    expect(() => loadEnvironments([env("ten", { stages: stages(10) })])).not.toThrow();
  });

  it("GIVEN 11 stages THEN the error names the quota and how to raise it", () => {
    expect(rejectionOf(env("eleven", { stages: stages(11) }))).toContain(
      'environment "eleven": stages = "11 stages": are more than the 10 stages API Gateway allows the environment\'s REST API (quota "Stages per API"). Allowed: at most 10 stages (split the environment), or quotas.stagesPerApi set to the quota AWS raised for this API',
    );
  });

  it("GIVEN a raised quota THEN 11 stages validate, and the quota parses with AWS's default otherwise", () => {
    const [raised, plain] = loadEnvironments([env("raised", { stages: stages(11), quotas: { stagesPerApi: 20 } }), env("plain")]);
    expect(raised.stages).toHaveLength(11);
    expect(plain.quotas).toEqual({ stagesPerApi: 10 });
    expect(plain.account.quotas).toEqual({ samplingRulesPerRegion: 25, firehoseStreamsPerRegion: 5000 });
  });

  it("GIVEN a typo in the quota's key THEN the nearest key is named", () => {
    expect(rejectionOf(env("typo", { quotas: { stagesPerAPI: 20 } as never }))).toContain("quotas.stagesPerAPI = 20: is not a setting here (did you mean stagesPerApi?)");
  });
});

describe("per account and region, across environments", () => {
  it("GIVEN 26 traced stages in one account and region THEN the last environment there is told (X-Ray: 25 sampling rules per region)", () => {
    const message = rejectionOf(env("first", { stages: stages(10) }), env("second", { stages: stages(10) }), env("third", { stages: stages(6) }));
    expect(message).toContain(
      'environment "third": stages = "26 traced stages (one X-Ray sampling rule each) in account extra-account in us-east-1 (first, second, third)": is over the 25 AWS allows per account and region. Allowed: at most 25: tracingEnabled: false on some stages, or account.quotas.samplingRulesPerRegion set to the quota AWS raised',
    );
  });

  it("GIVEN the same stages untraced, or a raised quota THEN they validate", () => {
    expect(() => loadEnvironments([env("first", { stages: stages(10, false) }), env("second", { stages: stages(10, false) }), env("third", { stages: stages(6, false) })])).not.toThrow();
    const raised = { ...EXTRA_ACCOUNT, quotas: { samplingRulesPerRegion: 50 } };
    expect(() => loadEnvironments([env("first", { account: raised, stages: stages(10) }), env("second", { account: raised, stages: stages(10) }), env("third", { account: raised, stages: stages(6) })])).not.toThrow();
  });

  it("GIVEN environments of one account that disagree on its quotas THEN the account settings differ", () => {
    const raised = { ...EXTRA_ACCOUNT, quotas: { samplingRulesPerRegion: 50 } };
    expect(rejectionOf(env("first"), env("second", { account: raised }))).toContain('deployerPrincipals as in "first" (and the same quotas)');
  });

  it("GIVEN more stages than Firehose streams allowed THEN the archive's quota is named", () => {
    const low = { ...EXTRA_ACCOUNT, quotas: { firehoseStreamsPerRegion: 3 } };
    expect(rejectionOf(env("first", { account: low, stages: stages(2, false) }), env("second", { account: low, stages: stages(2, false) }))).toContain(
      'environment "second": stages = "4 Firehose streams (one per stage\'s archive, per web ACL\'s log archive, per log destination) in account extra-account in us-east-1 (first, second)": is over the 3 AWS allows per account and region',
    );
  });

  it("GIVEN web ACLs THEN each one's log archive stream counts too (3 stages fit a quota of 3, 3 stages and a web ACL do not)", () => {
    const low = { ...EXTRA_ACCOUNT, quotas: { firehoseStreamsPerRegion: 3 } };
    expect(() => loadEnvironments([env("first", { account: low, stages: stages(1, false) }), env("second", { account: low, stages: stages(2, false) })])).not.toThrow();
    expect(rejectionOf(env("first", { account: low, stages: stages(1, false) }), env("second", { account: low, stages: stages(2, false), waf: { enabled: true } }))).toContain(
      'stages = "4 Firehose streams (one per stage\'s archive, per web ACL\'s log archive, per log destination) in account extra-account in us-east-1 (first, second)"',
    );
  });

  it("GIVEN a log destination THEN its stream counts too", () => {
    const low = { ...EXTRA_ACCOUNT, quotas: { firehoseStreamsPerRegion: 3 } };
    const splunk = { type: "splunk" as const, stage: "s1", hecEndpoint: "https://splunk.example.com:8088", hecToken: { secretName: "extra/splunk-hec" } };
    expect(rejectionOf(env("first", { account: low, stages: stages(1, false) }), env("second", { account: low, stages: stages(2, false), logDestinations: [{ ...splunk, stage: "s2" }] }))).toContain(
      'stages = "4 Firehose streams (one per stage\'s archive, per web ACL\'s log archive, per log destination) in account extra-account in us-east-1 (first, second)"',
    );
  });

  it("GIVEN 11 web ACLs in one account and region THEN the last is told: one CloudWatch Logs resource policy each, 10 per region (PutResourcePolicy)", () => {
    const envs = Array.from({ length: 11 }, (_, i) => env(`e${i + 1}`, { stages: stages(1, false), waf: { enabled: true } }));
    expect(rejectionOf(...envs)).toContain(
      'environment "e11": waf.enabled = "11 CloudWatch Logs resource policies (one per web ACL\'s log delivery) in account extra-account in us-east-1 (e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11)": is over the 10 AWS allows per account and region. Allowed: at most 10: WAF on in fewer environments of this account and region',
    );
    expect(() => loadEnvironments(envs.slice(0, 10))).not.toThrow();
  });

  it("GIVEN 301 usage plans over two environments of one account and region THEN the last is told (300 per account and region)", () => {
    const plans = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ name: `plan-${from + i}` }));
    const keyFor = { apiKeys: [{ name: "qa-suite", plans: ["plan-1"] }] };
    expect(rejectionOf(env("first", { usagePlans: plans(150, 1), ...keyFor }), env("second", { usagePlans: plans(151, 1), ...keyFor }))).toContain(
      'environment "second": usagePlans = "301 usage plans in account extra-account in us-east-1 (first, second)": is over the 300 AWS allows per account and region',
    );
  });
});
