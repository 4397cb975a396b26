/**
 * What AWS WAF (wafv2) accepts for a REGIONAL web ACL in front of API Gateway REST API stages, its logging to
 * CloudWatch Logs and its metrics (AWS WAF API Reference: `CreateWebACL`, `Rule`, `VisibilityConfig`,
 * `RateBasedStatement`, `ManagedRuleGroupStatement`, `PutLoggingConfiguration`; AWS WAF Developer Guide:
 * "Web ACL capacity units (WCUs)", "AWS Managed Rules rule groups list", "Rate-based rule high-level settings",
 * "Sending web ACL traffic logs to an Amazon CloudWatch Logs log group"; CloudWatch Logs API Reference:
 * `PutResourcePolicy`). The web ACL's rules go to AWS as `rule_json`, which the provider only checks for being
 * JSON: every limit below is otherwise met first by `apply`. Pure: config rules and constructs share them.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { arn, type AwsLocation } from "./arn";
import type { LimitProblem } from "./limits";

// ---------------------------------------------------------------------------------------------------
// The web ACL and its rules.

/** API Gateway REST API stages take REGIONAL web ACLs only (`CLOUDFRONT` is for distributions, in us-east-1). */
export const WEB_ACL_SCOPE = "REGIONAL";

/** `CreateWebACL` `Name` and `Rule` `Name`: 1 to 128 of `^[\w\-]+$`. */
export const WAF_NAME = /^[\w-]{1,128}$/;

/**
 * `VisibilityConfig` `MetricName`: "can contain only the characters: A-Z, a-z, 0-9, - (hyphen), and _
 * (underscore). The name can be from one to 128 characters long. It can't contain whitespace or metric names
 * that are reserved for AWS WAF, for example `All` and `Default_Action`."
 */
export const WAF_METRIC_NAME = /^[A-Za-z0-9_-]{1,128}$/;
export const RESERVED_WAF_METRIC_NAMES: readonly string[] = ["All", "Default_Action"];

/** `Rule` `Priority`: "Valid Range: Minimum value of 0" (an Integer). */
export const MAX_RULE_PRIORITY = 2_147_483_647;

/** "Rate-based rule high-level settings": "The lowest limit setting allowed is 10"; `RateBasedStatement` `Limit` at most 2,000,000,000. */
export const RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;
/** `RateBasedStatement` `EvaluationWindowSec`: "Valid settings are 60, 120, 300, and 600" (300 is the default). */
export const RATE_EVALUATION_WINDOWS = [60, 120, 300, 600] as const;

/**
 * "Web ACL capacity units (WCUs)": a web ACL holds at most 5,000 WCUs; its base price covers 1,500, and each
 * further 500 costs extra ("AWS WAF pricing").
 */
export const MAX_WEB_ACL_CAPACITY = 5000;
export const WEB_ACL_CAPACITY_IN_BASE_PRICE = 1500;
/** A rate-based rule aggregated on the source IP: "WCUs - 2, as a base cost". */
export const RATE_BASED_RULE_CAPACITY = 2;

/**
 * AWS managed rule groups that need no `ManagedRuleGroupConfigs` (Bot Control, account takeover and account
 * creation fraud do, and cost extra), with their fixed capacity in WCUs ("AWS Managed Rules rule groups list").
 */
export const MANAGED_RULE_GROUP_CAPACITY = {
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
  AWSManagedRulesAdminProtectionRuleSet: 100,
  AWSManagedRulesSQLiRuleSet: 200,
  AWSManagedRulesLinuxRuleSet: 200,
  AWSManagedRulesUnixRuleSet: 100,
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesAnonymousIpList: 50,
} as const;
export type ManagedRuleGroupName = keyof typeof MANAGED_RULE_GROUP_CAPACITY;
export const MANAGED_RULE_GROUP_NAMES = Object.keys(MANAGED_RULE_GROUP_CAPACITY) as [ManagedRuleGroupName, ...ManagedRuleGroupName[]];

/** `ManagedRuleGroupStatement` `RuleActionOverrides`: "Maximum number of 100 items". */
export const MAX_RULE_ACTION_OVERRIDES = 100;

/** One AWS managed rule group in the web ACL. */
export interface ManagedRuleGroupRule {
  readonly name: ManagedRuleGroupName;
  readonly priority: number;
  /** The whole group counts instead of blocking (`OverrideAction: Count`): to watch a group before it enforces. */
  readonly countOnly: boolean;
  /** Rules of the group that count instead of blocking (`RuleActionOverrides`, action Count). */
  readonly countRules: readonly string[];
}

/** The rate-based rule: requests per source IP within the evaluation window. */
export interface RateLimitRule {
  readonly limit: number;
  readonly evaluationWindowSeconds: number;
  readonly priority: number;
  /** `block` enforces; `count` only records who would be limited. */
  readonly action: "block" | "count";
}

/** The name (and metric name) of the web ACL's rate-based rule. */
export const RATE_LIMIT_RULE_NAME = "rate-limit-per-ip";

/** A rule of the web ACL as `CreateWebACL` takes it (`Rules[]`, the API's JSON), which `rule_json` carries. */
export interface WafRuleJson {
  readonly Name: string;
  readonly Priority: number;
  readonly Statement: Readonly<Record<string, unknown>>;
  readonly Action?: Readonly<Record<string, Record<string, never>>>;
  readonly OverrideAction?: Readonly<Record<string, Record<string, never>>>;
  readonly VisibilityConfig: { readonly CloudWatchMetricsEnabled: boolean; readonly MetricName: string; readonly SampledRequestsEnabled: boolean };
}

const visibility = (metricName: string) => ({ CloudWatchMetricsEnabled: true, MetricName: metricName, SampledRequestsEnabled: true });

/**
 * A managed rule group as a rule: rule-level overrides to Count with `RuleActionOverrides` (AWS: "Instead of
 * this option [ExcludedRules], use RuleActionOverrides"), the group-level one with `OverrideAction`.
 */
export function managedRuleGroupJson(group: ManagedRuleGroupRule): WafRuleJson {
  const overrides = group.countRules.map((name) => ({ Name: name, ActionToUse: { Count: {} } }));
  return {
    Name: group.name,
    Priority: group.priority,
    Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: group.name, ...(overrides.length > 0 ? { RuleActionOverrides: overrides } : {}) } },
    OverrideAction: group.countOnly ? { Count: {} } : { None: {} },
    VisibilityConfig: visibility(group.name),
  };
}

export function rateLimitJson(rule: RateLimitRule): WafRuleJson {
  return {
    Name: RATE_LIMIT_RULE_NAME,
    Priority: rule.priority,
    Statement: { RateBasedStatement: { Limit: rule.limit, EvaluationWindowSec: rule.evaluationWindowSeconds, AggregateKeyType: "IP" } },
    Action: rule.action === "block" ? { Block: {} } : { Count: {} },
    VisibilityConfig: visibility(RATE_LIMIT_RULE_NAME),
  };
}

/** The web ACL's rules in priority order (WAF evaluates the lowest first; the order here is for the reader). */
export function webAclRulesJson(groups: readonly ManagedRuleGroupRule[], rateLimit: RateLimitRule | undefined): WafRuleJson[] {
  return [...(rateLimit ? [rateLimitJson(rateLimit)] : []), ...groups.map(managedRuleGroupJson)].sort((a, b) => a.Priority - b.Priority);
}

/** The WCUs these rules take (managed groups at their published capacity, the rate-based rule at its base cost). */
export function webAclCapacity(groups: readonly Pick<ManagedRuleGroupRule, "name">[], rateLimit: boolean): number {
  return groups.reduce((n, g) => n + MANAGED_RULE_GROUP_CAPACITY[g.name], 0) + (rateLimit ? RATE_BASED_RULE_CAPACITY : 0);
}

/** What `CreateWebACL` would reject in a metric name (the provider does not look inside `rule_json`). */
export function wafMetricNameProblems(field: string, name: string): LimitProblem[] {
  const allowed = `1 to 128 of A-Z, a-z, 0-9, '-' and '_', not ${RESERVED_WAF_METRIC_NAMES.join(" or ")} (VisibilityConfig MetricName)`;
  if (!WAF_METRIC_NAME.test(name)) return [{ field, value: name, problem: "is not a metric name WAF accepts", allowed }];
  return RESERVED_WAF_METRIC_NAMES.includes(name) ? [{ field, value: name, problem: "is reserved by AWS WAF", allowed }] : [];
}

/** What `CreateWebACL` would reject in the rules: names, metric names, priorities, rate limit and window. */
export function webAclRuleProblems(rules: readonly WafRuleJson[]): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const seen = new Map<number, string>();
  rules.forEach((rule, i) => {
    if (!WAF_NAME.test(rule.Name)) problems.push({ field: `rules[${i}].Name`, value: rule.Name, problem: "is not a rule name WAF accepts", allowed: "1 to 128 of letters, digits, '_' and '-'" });
    problems.push(...wafMetricNameProblems(`rules[${i}].VisibilityConfig.MetricName`, rule.VisibilityConfig.MetricName));
    if (!Number.isInteger(rule.Priority) || rule.Priority < 0 || rule.Priority > MAX_RULE_PRIORITY) {
      problems.push({ field: `rules[${i}].Priority`, value: rule.Priority, problem: "is out of range", allowed: `a whole number from 0 to ${MAX_RULE_PRIORITY}` });
    }
    const other = seen.get(rule.Priority);
    if (other !== undefined) problems.push({ field: `rules[${i}].Priority`, value: rule.Priority, problem: `is also the priority of ${other}`, allowed: "a priority of its own per rule" });
    seen.set(rule.Priority, rule.Name);
    const rate = rule.Statement.RateBasedStatement as { Limit: number; EvaluationWindowSec: number } | undefined;
    if (rate && (!Number.isInteger(rate.Limit) || rate.Limit < RATE_LIMIT_RANGE.min || rate.Limit > RATE_LIMIT_RANGE.max)) {
      problems.push({ field: `rules[${i}].Statement.RateBasedStatement.Limit`, value: rate.Limit, problem: "is out of range", allowed: `a whole number from ${RATE_LIMIT_RANGE.min} to ${RATE_LIMIT_RANGE.max}` });
    }
    if (rate && !(RATE_EVALUATION_WINDOWS as readonly number[]).includes(rate.EvaluationWindowSec)) {
      problems.push({ field: `rules[${i}].Statement.RateBasedStatement.EvaluationWindowSec`, value: rate.EvaluationWindowSec, problem: "is not an evaluation window WAF accepts", allowed: RATE_EVALUATION_WINDOWS.join(", ") });
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Logging to CloudWatch Logs.

/**
 * "The name of the log group must start with `aws-waf-logs-`": PutLoggingConfiguration otherwise fails with
 * WAFInvalidParameterException "The ARN isn't valid" (hashicorp/terraform-provider-aws#23934).
 */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

/**
 * Headers redacted from every log record. `SingleHeader` `Name` must be lower case: the API returns it in lower
 * case, so any other spelling plans a change on every run (the provider's `redacted_fields` documentation:
 * "This setting must be provided as lower case characters").
 */
export const REDACTED_HEADERS: readonly string[] = ["authorization", "cookie"];
/** An HTTP header name (a token, RFC 9110), in lower case. */
export const LOWER_CASE_HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

/**
 * What the logging filter keeps when only matches are logged: requests a rule blocked or counted.
 * `EXCLUDED_AS_COUNT` (ActionCondition: "matches on excluded rules and also on rules that have a rule action
 * override of Count") is how a managed rule overridden to Count shows in the log, so it is kept with COUNT.
 */
export const LOGGED_MATCH_ACTIONS: readonly string[] = ["BLOCK", "COUNT", "EXCLUDED_AS_COUNT"];

/**
 * CloudWatch Logs resource policies (PutResourcePolicy): "An account can have up to 10 resource policies per
 * AWS Region", and a policy document of at most 5,120 characters (beyond, log delivery fails with
 * WAFLogDestinationPermissionIssueException, hashicorp/terraform-provider-aws#25296).
 */
export const MAX_LOG_RESOURCE_POLICIES_PER_REGION = 10;
export const MAX_LOG_RESOURCE_POLICY_LENGTH = 5120;

/** The service that delivers WAF's (vended) logs into CloudWatch Logs. */
export const LOG_DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com";

/**
 * The resource policy that lets log delivery write the web ACL's log group, as AWS writes it itself when it
 * creates one ("Logs sent to CloudWatch Logs", AWSLogDeliveryWrite): create log streams and put events in this
 * log group only, for deliveries of this account (`aws:SourceAccount`) from this region (`aws:SourceArn`).
 * Owning it here keeps WAF from adding the group to its shared `AWSWAF-LOGS` policy, which grows with every
 * log group until it passes the size limit.
 */
export function wafLogDeliveryStatements(at: AwsLocation, logGroupName: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "AWSLogDeliveryWrite",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: [LOG_DELIVERY_PRINCIPAL] }],
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [arn(at, "logs", `log-group:${logGroupName}:log-stream:*`)],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: [at.accountId] },
        { test: "ArnLike", variable: "aws:SourceArn", values: [arn(at, "logs", "*")] },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Metrics: namespace AWS/WAFV2, dimensions of a REGIONAL web ACL (AWS WAF Developer Guide, "AWS WAF metrics
// and dimensions"): `WebACL` (its metric name), `Region`, and `Rule` (a rule's metric name, or `ALL`).

export const WAF_NAMESPACE = "AWS/WAFV2";
/** The `Rule` dimension value that sums every rule of the web ACL. */
export const ALL_RULES = "ALL";
export type WafMetricName = "AllowedRequests" | "BlockedRequests" | "CountedRequests";

// ---------------------------------------------------------------------------------------------------
// Names: one web ACL per environment, `<service>-<environment>` like the REST API.

/** The web ACL's name, also its metric name (the `WebACL` dimension). */
export function webAclName(prefix: string): string {
  return prefix;
}

export function wafLogGroupName(prefix: string): string {
  return `${WAF_LOG_GROUP_PREFIX}${prefix}`;
}

/** The CloudWatch Logs resource policy that lets log delivery write the web ACL's log group. */
export function wafLogPolicyName(prefix: string): string {
  return `${prefix}-waf-log-delivery`;
}

/**
 * The Firehose stream that archives the WAF log: `<prefix>-waf-archive`. A stage's stream is
 * `<prefix>-archive-<stage>` (aws/naming.ts), which always has `archive-` right after the prefix: no stage
 * name can make this name.
 */
export function wafArchiveStreamName(prefix: string): string {
  return `${prefix}-waf-archive`;
}

/** The alarm on blocked requests. */
export function wafBlockedAlarmName(prefix: string): string {
  return `${prefix}-waf-blocked-requests`;
}

