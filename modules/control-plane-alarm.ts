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
import { MAX_FILTER_PATTERN_LENGTH } from "./aws-limits";

/** The metric the control-plane filter counts. */
export const CONTROL_PLANE_METRIC = { namespace: "Audit/CloudTrail", name: "ApiGatewayControlPlaneChanges" } as const;

/**
 * The verbs of every API Gateway action that changes something (REST APIs and, under the same event source,
 * HTTP and WebSocket APIs): create/update/delete/put, imports (`ImportRestApi`, `ImportApiKeys`, `ReimportApi`),
 * tags, cache flushes and resets (`FlushStageCache`, `ResetAuthorizersCache`), `GenerateClientCertificate` and
 * `RejectDomainNameAccessAssociation`. Reads (`Get*`), exports and test invocations are left out.
 */
export const API_GATEWAY_CHANGE_VERBS = ["Create", "Update", "Delete", "Put", "Import", "Reimport", "Tag", "Untag", "Flush", "Reset", "Generate", "Reject"] as const;

/** Where CloudTrail writes the role that issued a session's credentials (the `userIdentity` element). */
const ISSUER = "$.userIdentity.sessionContext.sessionIssuer";

/** An IAM role ARN, optionally ending in `*` (a prefix: `...:role/github-deploy-*`, or a path: `...:role/ci/*`). */
export const DEPLOYER_ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@/-]*[\w+=,.@-]\*?|[\w+=,.@/-]+\/\*)$/;
/** An IAM role name (1..64 of `[\w+=,.@-]`), optionally with `*` at its start and/or end. */
export const DEPLOYER_ROLE_NAME = /^\*?[\w+=,.@-]{1,64}\*?$/;

/** One deployer principal: a role ARN (matched on the session issuer's ARN) or a role name (its name). */
export type DeployerPrincipal = { readonly arn: string } | { readonly roleName: string };

/** Reads one `deployerPrincipals` entry; undefined when it is neither a role ARN nor a role name pattern. */
export function parseDeployerPrincipal(value: string): DeployerPrincipal | undefined {
  if (value.startsWith("arn:")) return DEPLOYER_ROLE_ARN.test(value) ? { arn: value } : undefined;
  return DEPLOYER_ROLE_NAME.test(value) && value.replace(/\*/g, "") !== "" ? { roleName: value } : undefined;
}

const or = (terms: readonly string[]): string => terms.map((t) => `(${t})`).join(" || ");
const and = (terms: readonly string[]): string => terms.map((t) => `(${t})`).join(" && ");

/**
 * The filter pattern: API Gateway change events, except those made by a session of one of the deployer
 * roles. A role name only matches sessions whose issuer is a role (not an IAM user of that name). Events
 * without a session issuer (IAM users, root) always count: `NOT EXISTS` says so explicitly instead of
 * relying on how `!=` treats a missing field.
 */
export function controlPlaneChangePattern(deployers: readonly DeployerPrincipal[] = []): string {
  const changes = [`$.eventSource = "apigateway.amazonaws.com"`, or(API_GATEWAY_CHANGE_VERBS.map((verb) => `$.eventName = "${verb}*"`))];
  const arns = deployers.flatMap((d) => ("arn" in d ? [`${ISSUER}.arn != "${d.arn}"`] : []));
  const names = deployers.flatMap((d) => ("roleName" in d ? [`${ISSUER}.userName != "${d.roleName}"`] : []));
  if (arns.length + names.length === 0) return `{ ${and(changes)} }`;
  const notByName = names.length === 0 ? [] : [or([`${ISSUER}.type != "Role"`, and(names)])];
  const notByDeployer = or([`${ISSUER}.arn NOT EXISTS`, and([...arns, ...notByName])]);
  return `{ ${and([...changes, notByDeployer])} }`;
}

/** Every API Gateway change, nobody left out. */
export const API_GATEWAY_CHANGE_PATTERN = controlPlaneChangePattern();

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
