/**
 * The environment's web ACL (`waf`): AWS WAF in front of every stage, with AWS managed rule groups, a rate
 * limit per source IP, its logs and an alarm on blocked requests. Each field checks what AWS WAF and
 * CloudWatch accept (aws/waf.ts); the rules across fields (unique priorities, capacity, production's log) are
 * in rules/waf.ts. On by default in production only: a field's default cannot read the tier, so
 * `productionTurnsWafOn` sets `enabled` of a production environment that leaves it out, before parsing.
 */
import { z } from "zod";
import { MAX_EVALUATION_SECONDS, METRIC_RESOLUTION_SECONDS } from "../../aws/limits";
import {
  MANAGED_RULE_GROUP_CAPACITY,
  MANAGED_RULE_GROUP_NAMES,
  MAX_RULE_ACTION_OVERRIDES,
  MAX_RULE_PRIORITY,
  MAX_WEB_ACL_CAPACITY,
  RATE_BASED_RULE_CAPACITY,
  RATE_EVALUATION_WINDOWS,
  RATE_LIMIT_RANGE,
  RATE_LIMIT_RULE_NAME,
  WEB_ACL_CAPACITY_IN_BASE_PRICE,
  webAclCapacity,
} from "../../aws/waf";
import { duplicates, flag, list, numberIn, oneOf, oneOfNumbers, rule, section, text, withRules } from "./fields";
import { alarmPeriodSeconds } from "./alarm-period";
import { explain, issue, type RuleIssueParams } from "./issues";

export const WAF_ACTIONS = ["allow", "block"] as const;

const priority = numberIn(0, MAX_RULE_PRIORITY, { integer: true });

/** A rule of a managed group, named as AWS publishes it (`SizeRestrictions_BODY`); `Name` of `RuleActionOverrides`. */
const groupRuleName = text(/^[\w-]{1,128}$/, "1 to 128 letters, digits, '_' or '-', as the rule group lists it (e.g. SizeRestrictions_BODY)", "is not a rule name");

/** Each rule once: a repeat is an issue on the repeated entry (the list itself parsed). */
function unique<T extends z.ZodType<string>>(item: T, allowed: string) {
  return list(item, "is not a list", allowed).superRefine(
    (names, ctx) => {
      for (const name of duplicates(names)) {
        const configIssue = issue("[]", name, "is listed more than once", "each rule once");
        ctx.addIssue({ code: "custom", input: name, message: configIssue.problem, params: { configIssue } satisfies RuleIssueParams });
      }
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
}

const managedRuleGroup = section(
  {
    /** An AWS managed rule group that needs no extra configuration. */
    name: oneOf(MANAGED_RULE_GROUP_NAMES, "is not an AWS managed rule group this project supports"),
    /** Evaluation order in the web ACL, lowest first; unique across the web ACL's rules. */
    priority,
    /** Count the group's matches instead of blocking them (`override_action: count`), e.g. while tuning. @default false */
    countOnly: flag().default(false),
    /** Rules of the group that count instead of blocking (`rule_action_override`), e.g. `SizeRestrictions_BODY` for large bodies. @default [] */
    countRules: unique(groupRuleName, `a list of at most ${MAX_RULE_ACTION_OVERRIDES} rule names`)
      .max(MAX_RULE_ACTION_OVERRIDES, { error: explain("has too many rules", `at most ${MAX_RULE_ACTION_OVERRIDES} (ManagedRuleGroupStatement RuleActionOverrides)`) })
      .default([]),
  },
  "is not a managed rule group",
  "{ name, priority, countOnly?, countRules? }",
);

/** The core rule set and the known bad inputs, blocking. */
export const defaultManagedRuleGroups = (): z.output<typeof managedRuleGroup>[] => [
  { name: "AWSManagedRulesCommonRuleSet", priority: 10, countOnly: false, countRules: [] },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 20, countOnly: false, countRules: [] },
];

const rateLimit = section(
  {
    /** @default true */
    enabled: flag().default(true),
    /** Requests one source IP may send within the evaluation window before the action applies, 10 to 2,000,000,000. @default 2000 */
    limit: numberIn(RATE_LIMIT_RANGE.min, RATE_LIMIT_RANGE.max, { integer: true }).default(2000),
    /** The window WAF counts over, in seconds: 60, 120, 300 or 600. @default 300 */
    evaluationWindowSeconds: oneOfNumbers(RATE_EVALUATION_WINDOWS, "is not an evaluation window WAF accepts").default(300),
    /** `block` enforces the limit; `count` only records who would be limited. @default "block" */
    action: oneOf(["block", "count"]).default("block"),
    /** Evaluation order, lowest first: before the managed groups, a flood is cut before it is inspected. @default 0 */
    priority: priority.default(0),
  },
  "is not a rate limit setting",
  "{ enabled?, limit?, evaluationWindowSeconds?, action?, priority? }",
).prefault({});

const logging = section(
  {
    /**
     * Log only requests a rule blocked or counted (a logging filter that drops the rest): cheaper, but an
     * incident can no longer be traced through allowed requests. Not allowed in production. @default false
     */
    onlyBlockedAndCounted: flag().default(false),
  },
  "is not a WAF logging setting",
  "{ onlyBlockedAndCounted? }",
).prefault({});

/** PutMetricAlarm `Period`, no finer than WAF's one-minute metrics. */
const periodSeconds = alarmPeriodSeconds("WAF's metrics");

const alarmFields = section(
  {
    /** @default true */
    enabled: flag().default(true),
    /** Blocked requests (`BlockedRequests`, every rule, Sum) per period above which the alarm fires. @default 100 */
    threshold: numberIn(0, 1_000_000_000, { integer: true }).default(100),
    /** @default 300 */
    periodSeconds: periodSeconds.default(300),
    /** @default 1 */
    evaluationPeriods: numberIn(1, MAX_EVALUATION_SECONDS / METRIC_RESOLUTION_SECONDS, { integer: true }).default(1),
    /** "M out of N": how many of those periods must breach. @default evaluationPeriods */
    datapointsToAlarm: z.number({ error: explain("is not a whole number", "a whole number from 1 to evaluationPeriods") }).optional(),
  },
  "is not an alarm setting",
  "{ enabled?, threshold?, periodSeconds?, evaluationPeriods?, datapointsToAlarm? }",
).transform(({ datapointsToAlarm, ...alarm }) => ({ ...alarm, datapointsToAlarm: datapointsToAlarm ?? alarm.evaluationPeriods }));

type AlarmFields = z.output<typeof alarmFields>;

const mOutOfN = rule<AlarmFields>(["evaluationPeriods", "datapointsToAlarm"], ({ evaluationPeriods: n, datapointsToAlarm: m }) => {
  const allowed = `a whole number from 1 to ${n}`;
  if (!Number.isInteger(m)) return [issue("datapointsToAlarm", m, "is not a whole number", allowed)];
  if (m > n) return [issue("datapointsToAlarm", m, `is more than evaluationPeriods (${n})`, allowed)];
  return m < 1 ? [issue("datapointsToAlarm", m, "is out of range", allowed)] : [];
});

const withinOneDay = rule<AlarmFields>(["periodSeconds", "evaluationPeriods"], ({ periodSeconds: p, evaluationPeriods: n }) =>
  p * n > MAX_EVALUATION_SECONDS
    ? [issue("evaluationPeriods", n, `times periodSeconds (${p}) is ${p * n} s, over CloudWatch's one-day evaluation limit`, `at most ${Math.floor(MAX_EVALUATION_SECONDS / p)} periods of ${p} s`)]
    : [],
);

/** The alarm on a jump in blocked requests. @default { enabled: true, threshold: 100, periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1 } */
const blockedRequestsAlarm = withRules(alarmFields, [mOutOfN, withinOneDay]).prefault({});

const wafFields = section(
  {
    /** A web ACL in front of every stage. @default true in production (`productionTurnsWafOn`), false otherwise */
    enabled: flag().default(false),
    /** What happens to a request no rule blocked or allowed. @default "allow" */
    defaultAction: oneOf(WAF_ACTIONS).default("allow"),
    /** AWS managed rule groups, each with its priority. @default the core rule set (priority 10) and known bad inputs (20), blocking */
    managedRuleGroups: list(managedRuleGroup, "is not a list", "a list of { name, priority, countOnly?, countRules? }").default(defaultManagedRuleGroups),
    /** A rate-based rule per source IP. @default { enabled: true, limit: 2000, evaluationWindowSeconds: 300, action: "block", priority: 0 } */
    rateLimit,
    /** What the web ACL logs. @default every request */
    logging,
    /** An alarm when blocked requests jump. @default above 100 blocked requests in 5 minutes */
    blockedRequestsAlarm,
    /**
     * The most web ACL capacity units (WCUs) the rules may take: 1,500 are in WAF's base price, a web ACL holds
     * at most 5,000. @default 1500
     */
    capacityLimit: numberIn(1, MAX_WEB_ACL_CAPACITY, { integer: true }).default(WEB_ACL_CAPACITY_IN_BASE_PRICE),
  },
  "is not a WAF setting",
  "{ enabled?, defaultAction?, managedRuleGroups?, rateLimit?, logging?, blockedRequestsAlarm?, capacityLimit? }",
);

type WafFields = z.output<typeof wafFields>;

/** The web ACL's rules as `rule_json` writes them: the managed groups, and the rate-based rule when it is on. */
function rulesOf(waf: Pick<WafFields, "managedRuleGroups" | "rateLimit">): { field: string; name: string; priority: number }[] {
  return [
    ...(waf.rateLimit.enabled ? [{ field: "rateLimit.priority", name: RATE_LIMIT_RULE_NAME, priority: waf.rateLimit.priority }] : []),
    ...waf.managedRuleGroups.map((g, i) => ({ field: `managedRuleGroups[${i}].priority`, name: g.name, priority: g.priority })),
  ];
}

/** WAF evaluates rules by priority: CreateWebACL rejects two rules of one priority (WAFInvalidParameterException, field RULE_PRIORITY). */
const uniquePriorities = rule<WafFields>(["managedRuleGroups", "rateLimit"], (waf) => {
  const rules = rulesOf(waf);
  return rules.flatMap((r, i) => {
    const first = rules.findIndex((other) => other.priority === r.priority);
    return first < i ? [issue(r.field, r.priority, `is also the priority of ${rules[first].name}`, `a priority of its own for ${r.name} (taken: ${[...new Set(rules.map((x) => x.priority))].join(", ")})`)] : [];
  });
});

/** A rule group once: two rules of one name are rejected (rule names are unique in a web ACL). */
const uniqueGroups = rule<WafFields>(["managedRuleGroups.*.name"], (waf) =>
  duplicates(waf.managedRuleGroups.map((g) => g.name)).map((name) => issue("managedRuleGroups[].name", name, "is listed more than once", "each rule group once")),
);

/** The rules' WCUs within `capacityLimit` (CreateWebACL rejects more than 5,000; beyond 1,500 each 500 WCUs cost extra). */
const withinCapacity = rule<WafFields>(["managedRuleGroups", "rateLimit.enabled", "capacityLimit"], (waf) => {
  const used = webAclCapacity(waf.managedRuleGroups, waf.rateLimit.enabled);
  if (used <= waf.capacityLimit) return [];
  const each = waf.managedRuleGroups.map((g) => `${g.name} ${MANAGED_RULE_GROUP_CAPACITY[g.name]}`).join(", ");
  return [
    issue(
      "managedRuleGroups",
      `${used} WCUs`,
      `is more than capacityLimit (${waf.capacityLimit} WCUs): ${each}${waf.rateLimit.enabled ? `, rate limit ${RATE_BASED_RULE_CAPACITY}` : ""}`,
      `rules of at most ${waf.capacityLimit} WCUs, or capacityLimit up to ${MAX_WEB_ACL_CAPACITY} (beyond ${WEB_ACL_CAPACITY_IN_BASE_PRICE}, AWS WAF charges for each further 500)`,
    ),
  ];
});

/**
 * The environment's web ACL.
 * @default off outside production; in production on, with the core rule set and known bad inputs blocking, a
 * limit of 2,000 requests per IP in 5 minutes, every request logged, and an alarm above 100 blocked requests in 5 minutes
 */
export const wafSchema = withRules(wafFields, [uniqueGroups, uniquePriorities, withinCapacity]).prefault({});

export type WafInput = z.input<typeof wafSchema>;
export type Waf = z.output<typeof wafSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An environment's input with `waf.enabled: true` where it is production and leaves `enabled` out: WAF is
 * on by default in production. Anything else, invalid input included, is passed on as it is for the schema
 * to check.
 */
export function productionTurnsWafOn(input: unknown): unknown {
  if (!isRecord(input) || input.tier !== "production") return input;
  if (input.waf === undefined) return { ...input, waf: { enabled: true } };
  if (isRecord(input.waf) && input.waf.enabled === undefined) return { ...input, waf: { ...input.waf, enabled: true } };
  return input;
}
