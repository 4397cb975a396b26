/**
 * The account's security alarm on API Gateway control-plane changes: a metric filter on the CloudWatch log
 * group a CloudTrail trail delivers to (the account's own trail, or an existing organization or landing-zone
 * trail), and an alarm that notifies the security topic on the first change.
 *
 * The deploy pipeline changes APIs on every deploy; its roles (`deployerPrincipals`) are left out of the
 * filter, or the alarm cries wolf and nobody reads it. Only role sessions can be left out: an IAM user,
 * the root user or any other identity always counts.
 *
 * Filter pattern syntax ("Filter pattern syntax for metric filters...", CloudWatch Logs User Guide): JSON
 * selectors with `=`/`!=`, `&&`, `||`, parentheses, `NOT EXISTS`; a `*` in a string value matches any text
 * before or after the term (only at its start or end: `Ev*ent` matches the literal text `Ev*ent`).
 */
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { MAX_FILTER_PATTERN_LENGTH } from "../aws/limits";
import type { DeployerPrincipal } from "../aws/control-plane-pattern";
import { controlPlaneChangePattern } from "../aws/control-plane-pattern";

/** The metric the control-plane filter counts. */
export const CONTROL_PLANE_METRIC = { namespace: "Audit/CloudTrail", name: "ApiGatewayControlPlaneChanges" } as const;

export interface ControlPlaneChangeAlarmProps {
  /** The log group a trail delivers to (a multi-region trail writes every region's events there). */
  readonly logGroupName: string;
  /** Name of the metric filter, unique on that log group. */
  readonly filterName: string;
  readonly alarmName: string;
  /** The topic the alarm notifies. */
  readonly alarmTopicArn: string;
  /** Role sessions whose changes are left out (the deploy pipeline), already validated. @default [] */
  readonly deployers?: readonly DeployerPrincipal[];
}

export class ControlPlaneChangeAlarm extends Construct {
  public readonly filter: CloudwatchLogMetricFilter;
  public readonly alarm: CloudwatchMetricAlarm;
  public readonly pattern: string;

  constructor(scope: Construct, id: string, props: ControlPlaneChangeAlarmProps) {
    super(scope, id);
    this.pattern = controlPlaneChangePattern(props.deployers ?? []);
    // PutMetricFilter rejects a longer pattern only at apply; config validation reports it first.
    if (this.pattern.length > MAX_FILTER_PATTERN_LENGTH) {
      throw new Error(`ControlPlaneChangeAlarm ${props.alarmName}: the filter pattern is ${this.pattern.length} characters long. Allowed: at most ${MAX_FILTER_PATTERN_LENGTH}`);
    }
    this.filter = new CloudwatchLogMetricFilter(this, "filter", {
      name: props.filterName,
      logGroupName: props.logGroupName,
      pattern: this.pattern,
      metricTransformation: { namespace: CONTROL_PLANE_METRIC.namespace, name: CONTROL_PLANE_METRIC.name, value: "1" },
    });
    const outside = (props.deployers ?? []).length > 0 ? " outside the deploy pipeline" : "";
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: props.alarmName,
      alarmDescription: `An API Gateway API, stage, deployment or setting was changed${outside}, in any region the trail records. Who and what: the trail's log group, eventSource apigateway.amazonaws.com`,
      namespace: CONTROL_PLANE_METRIC.namespace,
      metricName: CONTROL_PLANE_METRIC.name,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      // No event, no metric: silence is the normal state.
      treatMissingData: "notBreaching",
      alarmActions: [props.alarmTopicArn],
      dependsOn: [this.filter],
    });
  }
}
