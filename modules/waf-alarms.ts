/**
 * The web ACL's metrics, its alarm and its dashboard row. AWS WAF publishes to `AWS/WAFV2` once a minute with
 * the dimensions `WebACL` (the web ACL's metric name), `Region` and `Rule` (a rule's metric name, or `ALL`)
 * for a REGIONAL web ACL ("AWS WAF metrics and dimensions").
 *
 * The alarm fires when blocked requests (every rule, Sum per period) jump above the configured count: an
 * attack, or a rule that started blocking legitimate clients after a managed rule group update. No blocked
 * request means no data point: not breaching.
 */
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { alarmWindowProblems } from "../aws/limits";
import { ALL_RULES, RATE_LIMIT_RULE_NAME, WAF_NAMESPACE, type WafMetricName } from "../aws/waf";
import { dimensionsWith, type MetricId } from "./api-metrics";
import type { DashboardSection } from "./dashboard";
import { logWidget, metricLine, metricWidget } from "./dashboard-widgets";
import { topicAlarm } from "./topic-alarm";

/** A web ACL's metric, for all its rules or one (by the rule's metric name). */
export function wafMetric(webAclName: string, region: string, metricName: WafMetricName, rule: string = ALL_RULES): MetricId {
  return { namespace: WAF_NAMESPACE, metricName, dimensions: { WebACL: webAclName, Region: region, Rule: rule } };
}

/** The blocked-requests alarm's settings (validated with the environment config). */
export interface WafAlarmSettings {
  /** A disabled alarm is not created. */
  readonly enabled: boolean;
  /** Blocked requests per period above which it fires. */
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export interface WafAlarmsProps {
  readonly alarmName: string;
  /** The web ACL's name (plain, for the description) and a reference to it (the dimension). */
  readonly webAclName: string;
  readonly webAclNameReference?: string;
  readonly region: string;
  readonly settings: WafAlarmSettings;
  readonly topicArn: string;
  /** Named in the description as the first place to look. */
  readonly queryName: string;
  readonly logGroupName: string;
}

export class WafAlarms extends Construct {
  /** Undefined when the alarm is disabled. */
  public readonly blockedRequests?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: WafAlarmsProps) {
    super(scope, id);
    const a = props.settings;
    if (!a.enabled) return;
    const description =
      `More than ${a.threshold} requests were blocked by web ACL ${props.webAclName} in ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods of ${a.periodSeconds} s. ` +
      `First: run the saved query ${props.queryName} (top blocked IPs and rules, log group ${props.logGroupName}). One IP or a few: an attack or a misbehaving client, the rules work. ` +
      "Many clients and one managed rule: a false positive, e.g. after a rule group update; set that rule to count (waf.managedRuleGroups[].countRules) while it is tuned.";
    const metric = wafMetric(props.webAclName, props.region, "BlockedRequests");
    const windowProblems = alarmWindowProblems(a);
    this.blockedRequests = topicAlarm(this, "blocked-requests", "WafAlarms", {
      alarmName: props.alarmName,
      alarmDescription: description,
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: dimensionsWith(metric.dimensions, props.webAclNameReference === undefined ? {} : { WebACL: props.webAclNameReference }),
      statistic: "Sum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: a.threshold,
      period: a.periodSeconds,
      evaluationPeriods: a.evaluationPeriods,
      datapointsToAlarm: a.datapointsToAlarm,
      treatMissingData: "notBreaching",
      topicArn: props.topicArn,
    }, windowProblems);
  }
}

export interface WafDashboardProps {
  readonly webAclName: string;
  readonly region: string;
  /** Metric names of the web ACL's rules (each rule's own `Rule` dimension). */
  readonly ruleMetricNames: readonly string[];
  /** The WAF log group, for the top-blocked widget. */
  readonly logGroupName: string;
  /** The Logs Insights commands of the top-blocked query. */
  readonly topBlockedQuery: readonly string[];
}

/** The dashboard's WAF row: blocked and counted requests in all, per rule, and the top blocked IPs and rules. */
export function wafDashboardSection(props: WafDashboardProps): DashboardSection {
  const m = (name: WafMetricName, rule?: string) => wafMetric(props.webAclName, props.region, name, rule);
  const perRule = (name: WafMetricName) =>
    metricWidget({
      title: `WAF: ${name} by rule`,
      region: props.region,
      width: 8,
      lines: props.ruleMetricNames.map((rule) => metricLine(m(name, rule), { stat: "Sum", label: rule === RATE_LIMIT_RULE_NAME ? "rate limit per IP" : rule })),
      leftAxis: { min: 0 },
    });
  return {
    title: `WAF: web ACL ${props.webAclName}`,
    widgets: [
      metricWidget({
        title: "WAF: blocked and counted requests (all rules)",
        region: props.region,
        width: 8,
        lines: [metricLine(m("BlockedRequests"), { stat: "Sum", label: "Blocked" }), metricLine(m("CountedRequests"), { stat: "Sum", label: "Counted" })],
        leftAxis: { min: 0 },
      }),
      perRule("BlockedRequests"),
      perRule("CountedRequests"),
      logWidget("WAF: top blocked IPs and rules", props.region, [`SOURCE '${props.logGroupName}'`, ...props.topBlockedQuery].join(" | "), 24, 6),
    ],
  };
}
