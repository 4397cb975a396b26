/**
 * AWS WAF constraints that only `apply` (or the running system) reveals: `validate` and `plan` accept every
 * value below. The web ACL's rules go to the provider as `rule_json`, which it checks only for being JSON
 * (terraform-provider-aws internal/service/wafv2/web_acl.go: `rule_json` has `ValidateFunc:
 * validation.StringIsJSON`), so names, metric names, priorities and limits inside it meet AWS first at apply.
 *
 * The shipped prod stack (WAF on) is synthesized once and each emitted value is checked against the AWS rule,
 * written out in test/support/aws-facts.ts; the guards and config rules that refuse a bad value are tested in
 * test/modules/waf.test.ts and test/environments/schema/waf.test.ts.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { MANAGED_RULE_GROUP_CAPACITY, MAX_LOG_RESOURCE_POLICIES_PER_REGION, MAX_LOG_RESOURCE_POLICY_LENGTH, MAX_WEB_ACL_CAPACITY, RATE_EVALUATION_WINDOWS, RATE_LIMIT_RANGE, RESERVED_WAF_METRIC_NAMES, WAF_LOG_GROUP_PREFIX, WAF_METRIC_NAME, WEB_ACL_CAPACITY_IN_BASE_PRICE } from "../../aws/waf";
import { iamPolicyLength } from "../../aws/limits";
import { buildStacks } from "../../stacks/app";
import { LOG_RESOURCE_POLICIES, MANAGED_RULE_GROUP_WCUS, WAF_CAPACITY, WAF_LOG_GROUP_NAME_PREFIX, WAF_METRIC_NAME_RULE, WAF_RATE_BASED_RULE, WAF_RESERVED_METRIC_NAMES } from "../support/aws-facts";

const prod = (() => {
  const stacks = buildStacks(Testing.app(), loadEnvironments([ENVIRONMENTS.prod]));
  return JSON.parse(Testing.synth(stacks.environments[0]));
})();
const resources = (type: string): [string, any][] => Object.entries(prod.resource?.[type] ?? {});
const values = (type: string): any[] => resources(type).map(([, r]) => r);
/** The resource a `${type.name.attribute}` reference points to. */
function referenced(reference: string, type: string, attribute: string): any {
  const name = new RegExp(`^\\$\\{${type}\\.([a-z0-9_]+)\\.${attribute}\\}$`).exec(reference)?.[1];
  const found = name === undefined ? undefined : prod.resource[type]?.[name];
  if (!found) throw new Error(`${reference} is not a reference to ${type}.<name>.${attribute}`);
  return found;
}
const ruleJson = () => values("aws_wafv2_web_acl").map((acl) => ({ acl, rules: JSON.parse(acl.rule_json) as any[] }));

it("GIVEN the shipped prod stack THEN it has a web ACL, associations, a WAF log and its resource policy to check", () => {
  for (const type of ["aws_wafv2_web_acl", "aws_wafv2_web_acl_association", "aws_wafv2_web_acl_logging_configuration", "aws_cloudwatch_log_resource_policy"]) {
    expect({ type, found: resources(type).length > 0 }).toEqual({ type, found: true });
  }
});

describe("WAF logging to CloudWatch Logs", () => {
  // hashicorp/terraform-provider-aws#23934 (and #33584): a destination log group whose name lacks the prefix
  // fails PutLoggingConfiguration with WAFInvalidParameterException "The ARN isn't valid".
  it("the destination log group's name starts with aws-waf-logs- (hashicorp/terraform-provider-aws#23934)", () => {
    for (const config of values("aws_wafv2_web_acl_logging_configuration")) {
      for (const destination of config.log_destination_configs) expect(referenced(destination, "aws_cloudwatch_log_group", "arn").name.startsWith(WAF_LOG_GROUP_NAME_PREFIX)).toBe(true);
    }
    expect(WAF_LOG_GROUP_PREFIX).toBe(WAF_LOG_GROUP_NAME_PREFIX);
  });

  // aws/aws-cdk#18253: WAF requires the log group's ARN without `:*`; the provider's `arn` attribute trims the
  // suffix the API returns (hashicorp/terraform-provider-aws#14214), so the destination is that attribute as is.
  it("the destination is the log group's arn attribute, never an ARN with :* (aws/aws-cdk#18253, hashicorp/terraform-provider-aws#14214)", () => {
    for (const config of values("aws_wafv2_web_acl_logging_configuration")) {
      expect(config.log_destination_configs).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[a-z0-9_]+\.arn\}$/)]);
      expect(JSON.stringify(config)).not.toContain(":*");
    }
  });

  // CloudWatch Logs API Reference, PutResourcePolicy: a document of at most 5,120 characters, 10 policies per
  // account and region; past the size, delivery fails (hashicorp/terraform-provider-aws#25296).
  it("the log delivery resource policy fits PutResourcePolicy's 5,120 characters, and is in place before logging is configured", () => {
    for (const [name, policy] of resources("aws_cloudwatch_log_resource_policy")) {
      const document = /^\$\{data\.aws_iam_policy_document\.([a-z0-9_]+)\.json\}$/.exec(policy.policy_document)?.[1];
      const statements = prod.data.aws_iam_policy_document[document ?? ""].statement;
      expect(iamPolicyLength(statements)).toBeLessThanOrEqual(LOG_RESOURCE_POLICIES.maxDocumentLength);
      for (const config of values("aws_wafv2_web_acl_logging_configuration")) expect(config.depends_on).toContain(`aws_cloudwatch_log_resource_policy.${name}`);
    }
    expect([MAX_LOG_RESOURCE_POLICY_LENGTH, MAX_LOG_RESOURCE_POLICIES_PER_REGION]).toEqual([LOG_RESOURCE_POLICIES.maxDocumentLength, LOG_RESOURCE_POLICIES.perRegion]);
  });

  it("the shipped environments take at most 10 CloudWatch Logs resource policies per account and region (one per environment with WAF on) (PutResourcePolicy)", () => {
    const envs = loadEnvironments(Object.values(ENVIRONMENTS));
    const perPlace = new Map<string, number>();
    for (const env of envs) if (env.waf.enabled ?? env.tier === "production") perPlace.set(`${env.account.id} ${env.region}`, (perPlace.get(`${env.account.id} ${env.region}`) ?? 0) + 1);
    for (const [place, count] of perPlace) expect({ place, count: count <= LOG_RESOURCE_POLICIES.perRegion }).toEqual({ place, count: true });
  });

  // The provider's redacted_fields documentation: single_header `name` "must be provided as lower case
  // characters" (the API returns it in lower case; newer providers refuse others, hashicorp/terraform-provider-aws#44983);
  // and each redacted_fields block holds exactly one field, or the API answers EXACTLY_ONE_CONDITION_REQUIRED
  // (hashicorp/terraform-provider-aws#14319).
  it("redacts authorization and cookie, lower case, one field per block (hashicorp/terraform-provider-aws#44983, #14319)", () => {
    for (const config of values("aws_wafv2_web_acl_logging_configuration")) {
      for (const field of config.redacted_fields) expect(Object.keys(field)).toHaveLength(1);
      const headers = config.redacted_fields.map((field: any) => field.single_header?.name);
      expect(headers).toEqual(["authorization", "cookie"]);
      for (const name of headers) expect(name).toBe(name.toLowerCase());
    }
  });
});

describe("the web ACL and its associations", () => {
  // AWS WAF API Reference, CreateWebACL `Scope`: a regional application (an Amazon API Gateway REST API among
  // them) takes REGIONAL; CLOUDFRONT is for distributions. AssociateWebACL takes an API Gateway stage as
  // `arn:partition:apigateway:region::/restapis/api-id/stages/stage-name`, the stage resource's `arn`.
  it("is REGIONAL and associated with every stage of the API by the stage's arn (AWS WAF API Reference, CreateWebACL, AssociateWebACL)", () => {
    for (const acl of values("aws_wafv2_web_acl")) expect(acl.scope).toBe("REGIONAL");
    const stages = resources("aws_api_gateway_stage").map(([name]) => `\${aws_api_gateway_stage.${name}.arn}`);
    expect(values("aws_wafv2_web_acl_association").map((a) => a.resource_arn).sort()).toEqual(stages.sort());
  });

  // aws-samples/serverless-patterns#2173: associating before the stage exists fails ("AWS WAF couldn't perform
  // the operation because your resource doesn't exist"): the reference above orders the stage first. Right
  // after the web ACL is created WAF answers WAFUnavailableEntityException for a while
  // (hashicorp/terraform-provider-aws#17527, #29080): the provider retries for the create timeout.
  it("is created after its stage and its web ACL, with the retry window set (aws-samples/serverless-patterns#2173, hashicorp/terraform-provider-aws#29080)", () => {
    for (const association of values("aws_wafv2_web_acl_association")) {
      expect(association.web_acl_arn).toMatch(/^\$\{aws_wafv2_web_acl\.[a-z0-9_]+\.arn\}$/);
      referenced(association.resource_arn, "aws_api_gateway_stage", "arn");
      expect(association.timeouts).toEqual({ create: "10m" });
    }
  });

  // AWS WAF API Reference, VisibilityConfig MetricName and Rule Name; inside rule_json only AWS checks them.
  it("has visibility on itself and every rule, with metric names WAF accepts and does not reserve (AWS WAF API Reference, VisibilityConfig)", () => {
    for (const { acl, rules } of ruleJson()) {
      const metricNames = [acl.visibility_config.metric_name, ...rules.map((r) => r.VisibilityConfig.MetricName)];
      for (const name of metricNames) expect({ name, ok: WAF_METRIC_NAME_RULE.test(name) && !WAF_RESERVED_METRIC_NAMES.includes(name) }).toEqual({ name, ok: true });
      for (const rule of rules) expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
      expect(new Set(rules.map((r) => r.Name)).size).toBe(rules.length);
      expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
    }
    expect([WAF_METRIC_NAME.source, RESERVED_WAF_METRIC_NAMES]).toEqual([WAF_METRIC_NAME_RULE.source, WAF_RESERVED_METRIC_NAMES]);
  });

  it("limits each IP within WAF's bounds and evaluation windows (\"Rate-based rule high-level settings\")", () => {
    const rates = ruleJson().flatMap(({ rules }) => rules.flatMap((r) => (r.Statement.RateBasedStatement ? [r.Statement.RateBasedStatement] : [])));
    expect(rates.length).toBeGreaterThan(0);
    for (const rate of rates) {
      expect(rate.Limit).toBeGreaterThanOrEqual(WAF_RATE_BASED_RULE.minLimit);
      expect(rate.Limit).toBeLessThanOrEqual(WAF_RATE_BASED_RULE.maxLimit);
      expect(WAF_RATE_BASED_RULE.evaluationWindows).toContain(rate.EvaluationWindowSec);
      expect(rate.AggregateKeyType).toBe("IP");
    }
    expect([RATE_LIMIT_RANGE.min, RATE_LIMIT_RANGE.max, [...RATE_EVALUATION_WINDOWS]]).toEqual([WAF_RATE_BASED_RULE.minLimit, WAF_RATE_BASED_RULE.maxLimit, [...WAF_RATE_BASED_RULE.evaluationWindows]]);
  });

  it("fits the 1,500 WCUs of WAF's base price, and the managed groups' capacities are AWS's (\"Web ACL capacity units\", \"AWS Managed Rules rule groups list\")", () => {
    for (const { rules } of ruleJson()) {
      const wcus = rules.reduce((n, r) => n + (r.Statement.RateBasedStatement ? 2 : MANAGED_RULE_GROUP_WCUS[r.Statement.ManagedRuleGroupStatement.Name]), 0);
      expect(wcus).toBeLessThanOrEqual(WAF_CAPACITY.inBasePrice);
    }
    expect(MANAGED_RULE_GROUP_CAPACITY).toEqual(MANAGED_RULE_GROUP_WCUS);
    expect([MAX_WEB_ACL_CAPACITY, WEB_ACL_CAPACITY_IN_BASE_PRICE]).toEqual([WAF_CAPACITY.maxPerWebAcl, WAF_CAPACITY.inBasePrice]);
  });

  // AWS WAF Developer Guide, "AWS WAF metrics and dimensions": a REGIONAL web ACL publishes to AWS/WAFV2 with
  // WebACL (its metric name), Region and Rule (ALL for every rule); any other dimension set is another metric,
  // one that has no data, so the alarm would never fire.
  it("alarms on the metric WAF publishes: AWS/WAFV2 BlockedRequests with WebACL, Region and Rule=ALL (\"AWS WAF metrics and dimensions\")", () => {
    const [acl] = resources("aws_wafv2_web_acl");
    const alarms = values("aws_cloudwatch_metric_alarm").filter((a) => a.namespace === "AWS/WAFV2");
    expect(alarms.map((a) => [a.metric_name, a.dimensions])).toEqual([["BlockedRequests", { WebACL: `\${aws_wafv2_web_acl.${acl[0]}.name}`, Region: "eu-west-1", Rule: "ALL" }]]);
    expect(acl[1].visibility_config.metric_name).toBe(acl[1].name);
  });
});
