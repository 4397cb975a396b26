/**
 * The environment's AWS WAF: GIVEN its settings, WHEN the constructs are synthesized, THEN the web ACL is
 * REGIONAL with visibility on itself and on every rule, each stage is associated through a reference to the
 * stage, the log goes to an encrypted `aws-waf-logs-` group with the authorization and cookie headers
 * redacted and a resource policy of its own, the log is archived like the access logs, and the alarm,
 * dashboard row and saved query read the names AWS WAF publishes under.
 */
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { awsLocation } from "../../aws/arn";
import { archiveStreamName } from "../../aws/naming";
import { type ManagedRuleGroupRule, wafArchiveStreamName } from "../../aws/waf";
import { ArchiveAlarms } from "../../modules/archive-alarms";
import { ApiDashboard } from "../../modules/dashboard";
import { LogArchive } from "../../modules/log-archive";
import { savedQueryName } from "../../modules/log-queries";
import { LogSubscription } from "../../modules/log-subscription";
import { EnvironmentWaf, WAF_ARCHIVE_PREFIXES, wafAlarmNames, wafNames, wafSection, type WafSettings } from "../../modules/waf";
import { WafAlarms, wafMetric } from "../../modules/waf-alarms";
import { WafLogging } from "../../modules/waf-logging";
import { WebAcl } from "../../modules/waf-web-acl";
import { archiveProps, errorLogs } from "../support/log-archive";
import { all, dataNamed, only, synth } from "../support/synth";

const location = awsLocation("123456789012", "eu-west-1");
const names = wafNames("svc-prod", "svc-prod");
const topic = "arn:aws:sns:eu-west-1:123456789012:svc-prod-alarms";
const common: ManagedRuleGroupRule = { name: "AWSManagedRulesCommonRuleSet", priority: 10, countOnly: false, countRules: ["SizeRestrictions_BODY"] };
const badInputs: ManagedRuleGroupRule = { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 20, countOnly: true, countRules: [] };
const settings: WafSettings = {
  defaultAction: "allow",
  managedRuleGroups: [common, badInputs],
  rateLimit: { enabled: true, limit: 2000, evaluationWindowSeconds: 300, action: "block", priority: 0 },
  logging: { onlyBlockedAndCounted: false },
  blockedRequestsAlarm: { enabled: true, threshold: 500, periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2 },
};

/** Two stages (constructs holding a stage ARN reference), the archive with the WAF stream, and the WAF. */
function environmentWaf(scope: Construct, overrides: Partial<WafSettings> = {}): EnvironmentWaf {
  const archive = new LogArchive(scope, "archive", { ...archiveProps, streamNames: [names.archiveStream] });
  const stages = ["v1", "v2"].map((name) => ({ construct: new Construct(scope, `stage-${name}`), stageArn: `\${aws_api_gateway_stage.${name}.arn}` }));
  return new EnvironmentWaf(scope, "waf", {
    names,
    location,
    settings: { ...settings, ...overrides },
    apiName: "svc-prod",
    stages,
    logs: errorLogs,
    archive: { archive, bucketName: archiveProps.bucketName, deliveryRoleName: archiveProps.deliveryRoleName, bufferingIntervalSeconds: 300, bufferingSizeMiB: 5, freshnessToleranceSeconds: 900 },
    topicArn: topic,
  });
}

const ruleJson = (s: ReturnType<typeof synth>) => JSON.parse(only(s, "aws_wafv2_web_acl").rule_json);

describe("EnvironmentWaf", () => {
  // GIVEN the settings above WHEN synthesized (once for the whole block)
  const s = synth((scope) => environmentWaf(scope));

  it("is REGIONAL, with its default action and CloudWatch metrics and sampled requests on the web ACL itself", () => {
    expect(only(s, "aws_wafv2_web_acl")).toMatchObject({
      name: "svc-prod",
      scope: "REGIONAL",
      default_action: { allow: {} },
      visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "svc-prod", sampled_requests_enabled: true },
    });
  });

  it("has the rate limit per IP first, then each managed rule group with its priority, each rule with its own visibility", () => {
    const rules = ruleJson(s);
    expect(rules.map((r: any) => [r.Name, r.Priority])).toEqual([["rate-limit-per-ip", 0], ["AWSManagedRulesCommonRuleSet", 10], ["AWSManagedRulesKnownBadInputsRuleSet", 20]]);
    for (const rule of rules) expect(rule.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, MetricName: rule.Name, SampledRequestsEnabled: true });
    expect(rules[0]).toMatchObject({ Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: "IP" } }, Action: { Block: {} } });
  });

  it("overrides one rule of a group to count (RuleActionOverrides, not the deprecated ExcludedRules), or a whole group", () => {
    const [, crs, bad] = ruleJson(s);
    expect(crs).toMatchObject({
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesCommonRuleSet", RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }] } },
    });
    expect(crs.Statement.ManagedRuleGroupStatement.ExcludedRules).toBeUndefined();
    expect(bad).toMatchObject({ OverrideAction: { Count: {} }, Statement: { ManagedRuleGroupStatement: { Name: "AWSManagedRulesKnownBadInputsRuleSet" } } });
  });

  it("associates every stage by a reference to the stage's ARN, with the provider's retry window set", () => {
    expect(all(s, "aws_wafv2_web_acl_association")).toEqual(
      ["v1", "v2"].map((stage) => ({
        resource_arn: `\${aws_api_gateway_stage.${stage}.arn}`,
        web_acl_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.[^.]+\.arn\}$/),
        timeouts: { create: "10m" },
      })),
    );
  });

  it("logs into an encrypted, retained, protected log group named aws-waf-logs-...", () => {
    const group = all(s, "aws_cloudwatch_log_group").find((g) => g.name === "aws-waf-logs-svc-prod");
    expect(group).toMatchObject({ retention_in_days: 365, kms_key_id: errorLogs.kmsKeyArn, lifecycle: { prevent_destroy: true } });
  });

  it("delivers to the log group's ARN reference, redacts authorization and cookie one per block, logs every request, after its resource policy", () => {
    const configuration = only(s, "aws_wafv2_web_acl_logging_configuration");
    expect(configuration.log_destination_configs).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.waf_log-group_[^.]+\.arn\}$/)]);
    expect(configuration.redacted_fields).toEqual([{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }]);
    expect(configuration.logging_filter).toBeUndefined();
    expect(configuration.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_resource_policy\./)]);
  });

  it("lets only log delivery, for this account and region, write only this log group", () => {
    expect(only(s, "aws_cloudwatch_log_resource_policy").policy_name).toBe("svc-prod-waf-log-delivery");
    expect(dataNamed(s, "aws_iam_policy_document", "waf_delivery").statement).toEqual([
      {
        sid: "AWSLogDeliveryWrite",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-svc-prod:log-stream:*"],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
          { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:logs:eu-west-1:123456789012:*"] },
        ],
      },
    ]);
  });

  it("archives the log like the access logs: its own stream under waf-logs/, a subscription filter of every event, delivery alarms", () => {
    expect(only(s, "aws_kinesis_firehose_delivery_stream")).toMatchObject({
      name: "svc-prod-waf-archive",
      extended_s3_configuration: { prefix: WAF_ARCHIVE_PREFIXES.prefix, error_output_prefix: WAF_ARCHIVE_PREFIXES.errorOutputPrefix, compression_format: "GZIP" },
    });
    expect(only(s, "aws_cloudwatch_log_subscription_filter")).toMatchObject({ filter_pattern: "", log_group_name: expect.stringMatching(/aws_cloudwatch_log_group\.waf_log-group/) });
    const alarms = all(s, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name);
    expect(alarms).toEqual(expect.arrayContaining(["svc-prod-waf-archive-delivery-failed", "svc-prod-waf-archive-delivery-late"]));
    expect(all(s, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "svc-prod-waf-archive-delivery-failed").alarm_description).toMatch(/^Archiving the WAF log of web ACL svc-prod \(/);
  });

  it("alarms on BlockedRequests of every rule (AWS/WAFV2, WebACL, Region, Rule=ALL) above the threshold, to the topic", () => {
    const alarm = all(s, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "svc-prod-waf-blocked-requests");
    expect(alarm).toMatchObject({
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      dimensions: { WebACL: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.[^.]+\.name\}$/), Region: "eu-west-1", Rule: "ALL" },
      statistic: "Sum",
      comparison_operator: "GreaterThanThreshold",
      threshold: 500,
      period: 300,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      treat_missing_data: "notBreaching",
      alarm_actions: [topic],
      ok_actions: [topic],
    });
    expect(alarm.alarm_description).toContain("svc-prod/waf-top-blocked");
  });

  it("saves the top blocked IPs and rules query over the WAF log group, in the API's query folder", () => {
    const query = only(s, "aws_cloudwatch_query_definition");
    expect(query.name).toBe(`${savedQueryName("svc-prod", "one-request").split("/")[0]}/waf-top-blocked`);
    expect(query.log_group_names).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\.waf_log-group/)]);
    expect(query.query_string).toBe("fields httpRequest.clientIp as ip, terminatingRuleId as rule | filter action = 'BLOCK' | stats count(*) as blocked by ip, rule | sort blocked desc | limit 25");
  });
});

describe("EnvironmentWaf options", () => {
  it("GIVEN only blocked and counted requests logged THEN the filter drops the rest and keeps BLOCK, COUNT and managed rules overridden to count", () => {
    const s = synth((scope) => environmentWaf(scope, { logging: { onlyBlockedAndCounted: true } }));
    expect(only(s, "aws_wafv2_web_acl_logging_configuration").logging_filter).toEqual({
      default_behavior: "DROP",
      filter: [
        {
          behavior: "KEEP",
          requirement: "MEETS_ANY",
          condition: ["BLOCK", "COUNT", "EXCLUDED_AS_COUNT"].map((action) => ({ action_condition: { action } })),
        },
      ],
    });
  });

  it("GIVEN the rate limit and the alarm off, a block default THEN no rate rule and no blocked-requests alarm", () => {
    const s = synth((scope) =>
      environmentWaf(scope, { defaultAction: "block", rateLimit: { ...settings.rateLimit, enabled: false }, blockedRequestsAlarm: { ...settings.blockedRequestsAlarm, enabled: false } }),
    );
    expect(only(s, "aws_wafv2_web_acl").default_action).toEqual({ block: {} });
    expect(ruleJson(s).map((r: any) => r.Name)).toEqual(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]);
    expect(all(s, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name)).not.toContain("svc-prod-waf-blocked-requests");
    expect(wafAlarmNames(names, { blockedRequestsAlarm: { ...settings.blockedRequestsAlarm, enabled: false } })).toEqual(["svc-prod-waf-archive-delivery-failed", "svc-prod-waf-archive-delivery-late"]);
  });
});

/** Synthesizes a construct whose props break a limit; returns the error. */
const failing = (build: (scope: Construct) => void) => () => Testing.synthScope(build);

describe("construct guards (what only apply would reveal)", () => {
  const acl = (scope: Construct, props: Partial<ConstructorParameters<typeof WebAcl>[2]> = {}) =>
    new WebAcl(scope, "acl", { name: "svc-prod", defaultAction: "allow", managedRuleGroups: [common], rateLimit: settings.rateLimit, ...props });

  it.each([
    [{ name: "svc prod" }, /WebAcl svc prod: name = "svc prod" is not a web ACL name WAF accepts\. Allowed: 1 to 128 letters/],
    [{ name: "All" }, /WebAcl All: name = "All" is reserved by AWS WAF\. Allowed: 1 to 128 of A-Z, a-z, 0-9, '-' and '_', not All or Default_Action/],
    [{ managedRuleGroups: [{ ...common, priority: 0 }] }, /rules\[1\]\.Priority = 0 is also the priority of rate-limit-per-ip\. Allowed: a priority of its own per rule/],
    [{ rateLimit: { ...settings.rateLimit, limit: 9 } }, /RateBasedStatement\.Limit = 9 is out of range\. Allowed: a whole number from 10 to 2000000000/],
    [{ rateLimit: { ...settings.rateLimit, evaluationWindowSeconds: 90 } }, /EvaluationWindowSec = 90 is not an evaluation window WAF accepts\. Allowed: 60, 120, 300, 600/],
    [{ managedRuleGroups: [{ ...common, priority: -1 }] }, /Priority = -1 is out of range\. Allowed: a whole number from 0 to 2147483647/],
  ])("GIVEN %j THEN the web ACL is refused at synth", (props, message) => {
    expect(failing((scope) => acl(scope, props))).toThrow(message);
  });

  const logging = (scope: Construct, props: Partial<ConstructorParameters<typeof WafLogging>[2]> = {}) =>
    new WafLogging(scope, "logs", {
      webAcl: acl(scope),
      location,
      logGroupName: "aws-waf-logs-svc-prod",
      policyName: "svc-prod-waf-log-delivery",
      retentionInDays: 30,
      kmsKeyArn: errorLogs.kmsKeyArn,
      queryName: "svc-prod/waf-top-blocked",
      ...props,
    });

  it.each([
    [{ logGroupName: "/aws/waf/svc-prod" }, /logGroupName = "\/aws\/waf\/svc-prod" does not start with aws-waf-logs-, so PutLoggingConfiguration rejects it/],
    [{ redactedHeaders: ["Authorization"] }, /redactedHeaders\[0\] = "Authorization" is not a lower-case header name/],
    [{ queryName: "q".repeat(256) }, /name = "q+" is 256 characters long\. Allowed: 1 to 255 characters/],
    [{ retentionInDays: 10 }, /retentionInDays = 10 is not a retention CloudWatch Logs accepts/],
  ])("GIVEN %j THEN the WAF log is refused at synth", (props, message) => {
    expect(failing((scope) => logging(scope, props))).toThrow(message);
  });

  it("GIVEN an alarm window CloudWatch rejects THEN the alarm is refused at synth", () => {
    const alarms = (scope: Construct) =>
      new WafAlarms(scope, "alarms", { alarmName: "a", webAclName: "svc-prod", region: "eu-west-1", settings: { ...settings.blockedRequestsAlarm, evaluationPeriods: 2, datapointsToAlarm: 3 }, topicArn: topic, queryName: "q", logGroupName: "g" });
    expect(failing(alarms)).toThrow(/WafAlarms a: datapointsToAlarm = 3 is not from 1 to evaluationPeriods \(2\)/);
  });

  it("GIVEN a subscription or archive alarms with neither a stage nor what they archive THEN they are refused", () => {
    const archive = (scope: Construct) => new LogArchive(scope, "archive", archiveProps);
    expect(failing((scope) => new LogSubscription(scope, "x", { archive: archive(scope), streamName: "svc-prod-archive-v1", logGroupName: "g", errorLogs }))).toThrow(
      "LogSubscription svc-prod-archive-v1: neither stageName nor prefixes",
    );
    expect(
      failing((scope) => new ArchiveAlarms(scope, "x", { streamName: "s", bucketName: "b", errorLogGroupName: "e", deliveryRoleName: "r", bufferingIntervalSeconds: 300, topicArn: topic })),
    ).toThrow("ArchiveAlarms s: neither stageName nor source");
  });
});

describe("names and the dashboard row", () => {
  it("GIVEN any stage name THEN its archive stream is never the WAF log's (stage streams have archive- right after the prefix)", () => {
    for (const stage of ["waf", "waf-archive", "x", "archive", "-waf-archive"]) expect(archiveStreamName("svc-prod", stage)).not.toBe(wafArchiveStreamName("svc-prod"));
    expect(names).toMatchObject({ logGroup: "aws-waf-logs-svc-prod", archiveStream: "svc-prod-waf-archive", webAcl: "svc-prod" });
  });

  it("shows blocked and counted requests of every rule and per rule, in the dimensions WAF publishes, and the top blocked IPs", () => {
    const section = wafSection(names, "eu-west-1", settings);
    const [total, blocked, counted, log] = section.widgets as any[];
    expect(total.properties.metrics).toEqual([
      ["AWS/WAFV2", "BlockedRequests", "WebACL", "svc-prod", "Region", "eu-west-1", "Rule", "ALL", { stat: "Sum", label: "Blocked" }],
      ["AWS/WAFV2", "CountedRequests", "WebACL", "svc-prod", "Region", "eu-west-1", "Rule", "ALL", { stat: "Sum", label: "Counted" }],
    ]);
    expect(blocked.properties.metrics.map((line: any[]) => line[7])).toEqual(["rate-limit-per-ip", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]);
    expect(counted.properties.metrics.every((line: any[]) => line[1] === "CountedRequests")).toBe(true);
    expect(log.properties.query).toMatch(/^SOURCE 'aws-waf-logs-svc-prod' \| fields httpRequest\.clientIp as ip/);
    expect(wafMetric("svc-prod", "eu-west-1", "AllowedRequests", "x").dimensions).toEqual({ WebACL: "svc-prod", Region: "eu-west-1", Rule: "x" });
  });

  it("GIVEN the row on the environment's dashboard THEN the body is plain JSON the HCL renderer keeps (no backslash, no template)", () => {
    const s = synth((scope) => new ApiDashboard(scope, "dashboard", { dashboardName: "svc-prod", apiName: "svc-prod", region: "eu-west-1", stages: [{ stageName: "v1", accessLogGroupName: "g" }], sections: [wafSection(names, "eu-west-1", settings)] }));
    const body = only(s, "aws_cloudwatch_dashboard").dashboard_body as string;
    expect(body).not.toMatch(/\\|\$\{|%\{/);
    expect(JSON.parse(body).widgets.some((w: any) => w.properties.markdown === "## WAF: web ACL svc-prod")).toBe(true);
  });

  it("GIVEN the web ACL's construct THEN it is one Wafv2WebAcl with rule_json, never rule blocks the HCL renderer would break", () => {
    const s = synth((scope) => new WebAcl(scope, "acl", { name: "svc-prod", defaultAction: "allow", managedRuleGroups: [common], rateLimit: settings.rateLimit }));
    expect(only(s, "aws_wafv2_web_acl").rule).toBeUndefined();
    expect(typeof only(s, "aws_wafv2_web_acl").rule_json).toBe("string");
    expect(Wafv2WebAcl.tfResourceType).toBe("aws_wafv2_web_acl");
  });
});
