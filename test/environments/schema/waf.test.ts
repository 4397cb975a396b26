/**
 * The WAF schema: GIVEN what an environment file writes for its web ACL, WHEN it is parsed, THEN it has the
 * project's defaults (on in production only), and what AWS WAF and CloudWatch would reject at apply is an issue
 * on its field: rule priorities unique (CreateWebACL), a managed group once, capacity within the limit
 * ("Web ACL capacity units (WCUs)": at most 5,000, 1,500 in the base price), the rate limit 10 to 2,000,000,000
 * and its window 60, 120, 300 or 600 s ("Rate-based rule high-level settings"), the alarm's period and M of N
 * (PutMetricAlarm), and production's WAF log keeping every request.
 */
import { wafSchema } from "../../../environments/schema/waf";
import { productionLogsEveryWafRequest, wafArchiveFitsRolePolicies } from "../../../environments/rules/waf";
import { productionTurnsWafOn } from "../../../environments/schema/waf";
import { ENVIRONMENTS } from "../../../environments";
import { validateEnvironment } from "../../../environments/validate";
import { withEnv } from "../../support/environments";
import { environmentProblems, problemsOf } from "../../support/schema";
import { undeclaredReads } from "./rule-reads";

/** The issues of a whole environment about its web ACL or its archive (other sections are tested apart). */
const wafProblems = (input: unknown) => environmentProblems(input).filter((p) => p.startsWith("waf") || p.includes("archive"));

const DEFAULTS = {
  enabled: false,
  defaultAction: "allow",
  managedRuleGroups: [
    { name: "AWSManagedRulesCommonRuleSet", priority: 10, countOnly: false, countRules: [] },
    { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 20, countOnly: false, countRules: [] },
  ],
  rateLimit: { enabled: true, limit: 2000, evaluationWindowSeconds: 300, action: "block", priority: 0 },
  logging: { onlyBlockedAndCounted: false },
  blockedRequestsAlarm: { enabled: true, threshold: 100, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 },
  capacityLimit: 1500,
};

describe("WAF defaults", () => {
  it("GIVEN no waf WHEN parsed THEN the core rule set and known bad inputs block, 2,000 requests per IP in 5 minutes, every request logged", () => {
    expect(wafSchema.parse(undefined)).toEqual(DEFAULTS);
    expect(wafSchema.parse({ rateLimit: { limit: 500 } }).rateLimit).toEqual({ ...DEFAULTS.rateLimit, limit: 500 });
  });

  it("GIVEN no waf.enabled THEN the web ACL is on in production and off elsewhere; an explicit value wins", () => {
    const { waf: _prodWaf, ...prodWithoutWaf } = ENVIRONMENTS.prod;
    const { waf: _devWaf, ...devWithoutWaf } = ENVIRONMENTS.dev;
    expect([validateEnvironment(prodWithoutWaf).waf.enabled, validateEnvironment(devWithoutWaf).waf.enabled]).toEqual([true, false]);
    expect(validateEnvironment({ ...prodWithoutWaf, waf: { defaultAction: "block" } }).waf).toMatchObject({ enabled: true, defaultAction: "block" });
    expect([validateEnvironment({ ...prodWithoutWaf, waf: { enabled: false } }).waf.enabled, validateEnvironment({ ...devWithoutWaf, waf: { enabled: true } }).waf.enabled]).toEqual([false, true]);
    expect(wafSchema.parse({}).enabled).toBe(false);
  });

  it("GIVEN input that is not an environment, or a waf that is not an object THEN the production default leaves it for the schema to report", () => {
    for (const input of [undefined, null, "prod", [], { tier: "production", waf: "on" }, { tier: "non-production" }]) expect(productionTurnsWafOn(input)).toBe(input);
    expect(productionTurnsWafOn({ tier: "production" })).toEqual({ tier: "production", waf: { enabled: true } });
  });

  it("GIVEN only evaluationPeriods for the alarm THEN datapointsToAlarm follows it", () => {
    expect(wafSchema.parse({ blockedRequestsAlarm: { evaluationPeriods: 3 } }).blockedRequestsAlarm).toEqual({ ...DEFAULTS.blockedRequestsAlarm, evaluationPeriods: 3, datapointsToAlarm: 3 });
  });
});

describe("what AWS WAF accepts", () => {
  it.each([
    [{ enabled: "yes" }, ['enabled = "yes": is not a boolean. Allowed: true or false']],
    [{ defaultAction: "deny" }, ['defaultAction = "deny": is not a valid value. Allowed: allow, block']],
    [{ rateLimit: { limit: 9 } }, ["rateLimit.limit = 9: is out of range. Allowed: a whole number from 10 to 2000000000"]],
    [{ rateLimit: { limit: 2_000_000_001 } }, ["rateLimit.limit = 2000000001: is out of range. Allowed: a whole number from 10 to 2000000000"]],
    [{ rateLimit: { limit: 100.5 } }, ["rateLimit.limit = 100.5: is not a whole number. Allowed: a whole number from 10 to 2000000000"]],
    [{ rateLimit: { evaluationWindowSeconds: 180 } }, ["rateLimit.evaluationWindowSeconds = 180: is not an evaluation window WAF accepts. Allowed: 60, 120, 300, 600"]],
    [{ rateLimit: { action: "captcha" } }, ['rateLimit.action = "captcha": is not a valid value. Allowed: block, count']],
    [{ rateLimit: { priority: -1 } }, ["rateLimit.priority = -1: is out of range. Allowed: a whole number from 0 to 2147483647"]],
    [{ rateLimit: { limt: 100 } }, ["rateLimit.limt = 100: is not a setting here (did you mean limit?). Allowed: enabled, limit, evaluationWindowSeconds, action, priority"]],
    [{ managedRuleGroups: "common" }, ['managedRuleGroups = "common": is not a list. Allowed: a list of { name, priority, countOnly?, countRules? }']],
    [
      { managedRuleGroups: [{ name: "AWSManagedRulesBotControlRuleSet", priority: 5 }] },
      [expect.stringMatching(/^managedRuleGroups\[0\]\.name = "AWSManagedRulesBotControlRuleSet": is not an AWS managed rule group this project supports\. Allowed: AWSManagedRulesCommonRuleSet, /)],
    ],
    [{ managedRuleGroups: [{ name: "AWSManagedRulesSQLiRuleSet" }] }, ["managedRuleGroups[0].priority = (missing): is not a whole number. Allowed: a whole number from 0 to 2147483647"]],
    [
      { managedRuleGroups: [{ name: "AWSManagedRulesSQLiRuleSet", priority: 1, countRules: ["SQLi BODY"] }] },
      ['managedRuleGroups[0].countRules[0] = "SQLi BODY": is not a rule name. Allowed: 1 to 128 letters, digits, \'_\' or \'-\', as the rule group lists it (e.g. SizeRestrictions_BODY)'],
    ],
    [
      { managedRuleGroups: [{ name: "AWSManagedRulesSQLiRuleSet", priority: 1, countRules: ["SQLi_BODY", "SQLi_BODY"] }] },
      ['managedRuleGroups[0].countRules[] = "SQLi_BODY": is listed more than once. Allowed: each rule once'],
    ],
    [
      { managedRuleGroups: [{ name: "AWSManagedRulesSQLiRuleSet", priority: 1, countRules: Array.from({ length: 101 }, (_, i) => `r${i}`) }] },
      [expect.stringMatching(/^managedRuleGroups\[0\]\.countRules = .*: has too many rules\. Allowed: at most 100 \(ManagedRuleGroupStatement RuleActionOverrides\)$/)],
    ],
    [{ logging: { onlyBlocked: true } }, ["logging.onlyBlocked = true: is not a setting here (did you mean onlyBlockedAndCounted?). Allowed: onlyBlockedAndCounted"]],
    [{ capacityLimit: 5001 }, ["capacityLimit = 5001: is out of range. Allowed: a whole number from 1 to 5000"]],
    [{ capacityLimit: 0 }, ["capacityLimit = 0: is out of range. Allowed: a whole number from 1 to 5000"]],
    [{ rateLimit: { enabled: 1 } }, ["rateLimit.enabled = 1: is not a boolean. Allowed: true or false"]],
    [{ rateLimit: "2000" }, ['rateLimit = "2000": is not a rate limit setting. Allowed: { enabled?, limit?, evaluationWindowSeconds?, action?, priority? }']],
    [{ managedRuleGroups: [{ name: "AWSManagedRulesSQLiRuleSet", priority: 1, countOnly: "yes" }] }, ['managedRuleGroups[0].countOnly = "yes": is not a boolean. Allowed: true or false']],
    [{ managedRuleGroups: [{ name: "AWSManagedRulesSQLiRuleSet", priority: 1, excludedRules: [] }] }, ["managedRuleGroups[0].excludedRules = []: is not a setting here (did you mean countRules?). Allowed: name, priority, countOnly, countRules"]],
    [{ managedRuleGroups: ["AWSManagedRulesSQLiRuleSet"] }, ['managedRuleGroups[0] = "AWSManagedRulesSQLiRuleSet": is not a managed rule group. Allowed: { name, priority, countOnly?, countRules? }']],
    [{ logging: { onlyBlockedAndCounted: "true" } }, ['logging.onlyBlockedAndCounted = "true": is not a boolean. Allowed: true or false']],
    [{ blockedRequestsAlarm: { enabled: "no" } }, ['blockedRequestsAlarm.enabled = "no": is not a boolean. Allowed: true or false']],
    [{ blockedRequestsAlarm: { treshold: 5 } }, ["blockedRequestsAlarm.treshold = 5: is not a setting here (did you mean threshold?). Allowed: enabled, threshold, periodSeconds, evaluationPeriods, datapointsToAlarm"]],
    [{ enable: true }, ["enable = true: is not a setting here (did you mean enabled?). Allowed: enabled, defaultAction, managedRuleGroups, rateLimit, logging, blockedRequestsAlarm, capacityLimit"]],
  ])("GIVEN %j THEN %j", (waf, problems) => {
    expect(problemsOf(wafSchema, waf)).toEqual(problems);
  });

  it("GIVEN two rules of one priority THEN the second names the first (CreateWebACL rejects the pair)", () => {
    expect(problemsOf(wafSchema, { managedRuleGroups: [{ name: "AWSManagedRulesCommonRuleSet", priority: 0 }] })).toEqual([
      "managedRuleGroups[0].priority = 0: is also the priority of rate-limit-per-ip. Allowed: a priority of its own for AWSManagedRulesCommonRuleSet (taken: 0)",
    ]);
    // The rate limit off, its priority is free.
    expect(problemsOf(wafSchema, { rateLimit: { enabled: false }, managedRuleGroups: [{ name: "AWSManagedRulesCommonRuleSet", priority: 0 }] })).toEqual([]);
  });

  it("GIVEN one managed rule group twice THEN it is listed once as a repeat", () => {
    const group = { name: "AWSManagedRulesAnonymousIpList", priority: 1 };
    expect(problemsOf(wafSchema, { managedRuleGroups: [group, { ...group, priority: 2 }] })).toEqual([
      'managedRuleGroups[].name = "AWSManagedRulesAnonymousIpList": is listed more than once. Allowed: each rule group once',
    ]);
  });

  it("GIVEN rule groups over the capacity limit THEN the issue adds up their WCUs", () => {
    expect(problemsOf(wafSchema, { capacityLimit: 800 })).toEqual([
      'managedRuleGroups = "902 WCUs": is more than capacityLimit (800 WCUs): AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200, rate limit 2. Allowed: rules of at most 800 WCUs, or capacityLimit up to 5000 (beyond 1500, AWS WAF charges for each further 500)',
    ]);
    expect(problemsOf(wafSchema, { capacityLimit: 902 })).toEqual([]);
  });

  it.each([
    [{ periodSeconds: 30 }, "blockedRequestsAlarm.periodSeconds = 30: is finer than the one-minute resolution of WAF's metrics, so the alarm would lack data. Allowed: 60 or a multiple of 60"],
    [{ periodSeconds: 90 }, "blockedRequestsAlarm.periodSeconds = 90: is not a period CloudWatch accepts. Allowed: 10, 20, 30 or a multiple of 60"],
    [{ periodSeconds: "300" }, 'blockedRequestsAlarm.periodSeconds = "300": is not a whole number of seconds. Allowed: 10, 20, 30 or a multiple of 60'],
    [{ threshold: -1 }, "blockedRequestsAlarm.threshold = -1: is out of range. Allowed: a whole number from 0 to 1000000000"],
    [{ evaluationPeriods: 2, datapointsToAlarm: 3 }, "blockedRequestsAlarm.datapointsToAlarm = 3: is more than evaluationPeriods (2). Allowed: a whole number from 1 to 2"],
    [{ datapointsToAlarm: 0.5 }, "blockedRequestsAlarm.datapointsToAlarm = 0.5: is not a whole number. Allowed: a whole number from 1 to 1"],
    [{ datapointsToAlarm: 0 }, "blockedRequestsAlarm.datapointsToAlarm = 0: is out of range. Allowed: a whole number from 1 to 1"],
    [{ periodSeconds: 600, evaluationPeriods: 145 }, "blockedRequestsAlarm.evaluationPeriods = 145: times periodSeconds (600) is 87000 s, over CloudWatch's one-day evaluation limit. Allowed: at most 144 periods of 600 s"],
  ])("GIVEN the blocked-requests alarm %j THEN %s", (alarm, problem) => {
    expect(problemsOf(wafSchema, { blockedRequestsAlarm: alarm })).toEqual([problem]);
  });
});

describe("WAF rules across sections", () => {
  it("GIVEN production logging only blocked and counted requests THEN it is refused, naming the environment", () => {
    expect(wafProblems(withEnv("prod", { waf: { logging: { onlyBlockedAndCounted: true } } }))).toEqual([
      "waf.logging.onlyBlockedAndCounted = true: drops the allowed requests from production's WAF log, so an incident could not be traced through them. Allowed: false in production (the filter is for non-production environments)",
    ]);
  });

  it("GIVEN waf that is not an object THEN it is named on the environment's field", () => {
    expect(wafProblems(withEnv("dev", { waf: "on" }))).toEqual([
      'waf = "on": is not a WAF setting. Allowed: { enabled?, defaultAction?, managedRuleGroups?, rateLimit?, logging?, blockedRequestsAlarm?, capacityLimit? }',
    ]);
  });

  it("GIVEN the filter outside production, or production with the web ACL off THEN it is accepted", () => {
    expect(wafProblems(withEnv("staging", { waf: { enabled: true, logging: { onlyBlockedAndCounted: true } } }))).toEqual([]);
    expect(wafProblems(withEnv("prod", { waf: { enabled: false, logging: { onlyBlockedAndCounted: true } } }))).toEqual([]);
  });

  it("GIVEN stages that just fit the archive's role policies THEN the WAF log's stream is what takes them over", () => {
    // 58 stages of 37 characters make the delivery role's policy 10,239 characters (rules/archive.ts): one short of
    // IAM's 10,240, so the WAF log's error log stream is what takes it over.
    const stages = Array.from({ length: 58 }, (_, i) => ({ name: `s${String(i).padStart(2, "0")}${"x".repeat(34)}` }));
    const base = { stages, quotas: { stagesPerApi: 58 } };
    const withoutWaf = wafProblems(withEnv("dev", base));
    const withWaf = wafProblems(withEnv("dev", { ...base, waf: { enabled: true } }));
    expect(withoutWaf).toEqual([]);
    expect(withWaf).toEqual([
      "waf.enabled = true: adds the WAF log's archive stream to the archive's delivery role policy, making it 10366 characters long (58 stages), over IAM's 10240. Allowed: fewer or shorter stage names (split the environment), or waf.enabled: false",
    ]);
  });

  it("GIVEN the rules WHEN they run THEN they read only the fields they declare", () => {
    // Only the fields the rules may read: the proxy reports any other they touch.
    const env = { service: "orders-api", name: "prod", tier: "production", account: { id: "222222222222" }, region: "eu-west-1", stages: [{ name: "v1" }], waf: wafSchema.parse({}) };
    for (const r of [productionLogsEveryWafRequest, wafArchiveFitsRolePolicies]) expect(undeclaredReads(r, env)).toEqual([]);
  });

  it("GIVEN a malformed waf AND another bad field THEN both are reported, the environment named", () => {
    expect(() => validateEnvironment(withEnv("prod", { waf: { rateLimit: { limit: 1 } }, logs: { retentionDays: 2 } }))).toThrow(
      /environment "prod": logs\.retentionDays = 2: [^]*environment "prod": waf\.rateLimit\.limit = 1: is out of range\. Allowed: a whole number from 10 to 2000000000/,
    );
  });
});
