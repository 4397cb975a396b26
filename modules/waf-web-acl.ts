/**
 * The environment's web ACL (AWS WAF, REGIONAL: the only scope API Gateway REST API stages take) and its
 * association with each stage.
 *
 * The rules go to the provider as `rule_json` (the `CreateWebACL` JSON) rather than `rule` blocks: cdktf's
 * binding types a rule's `statement` as `any`, which its HCL renderer writes as an attribute
 * (`statement = {...}`) that Terraform rejects. With `rule_json` the provider only checks that the text is
 * JSON and does not read rule changes made outside Terraform back (no drift detection for rules,
 * hashicorp/terraform-provider-aws#43166), so every limit AWS WAF puts on the rules is checked here at synth
 * (`webAclRuleProblems`, and the `waf` config rules). An update of another argument no longer drops the rules
 * in the pinned provider: the fix (#39283) was merged in September 2024, long before 5.100.0.
 *
 * Construct ids: the web ACL is `aws_wafv2_web_acl.<id>`; an association built in a stage's construct is
 * `aws_wafv2_web_acl_association.stage_<name>` (both of its ids repeat the resource type).
 */
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Construct } from "constructs";
import { assertWithinLimits, type LimitProblem } from "../aws/limits";
import {
  type ManagedRuleGroupRule,
  MAX_WEB_ACL_CAPACITY,
  type RateLimitRule,
  WAF_NAME,
  wafMetricNameProblems,
  WEB_ACL_SCOPE,
  webAclCapacity,
  webAclRuleProblems,
  webAclRulesJson,
} from "../aws/waf";

/** The rate-based rule, or its settings with `enabled: false`. */
export interface RateLimitSettings extends RateLimitRule {
  readonly enabled: boolean;
}

export interface WebAclProps {
  /** The web ACL's name, also its metric name (the `WebACL` dimension): 1 to 128 letters, digits, '_' or '-'. */
  readonly name: string;
  /** What happens to a request no rule blocked. */
  readonly defaultAction: "allow" | "block";
  readonly managedRuleGroups: readonly ManagedRuleGroupRule[];
  readonly rateLimit: RateLimitSettings;
  /** Named in the description. @default the web ACL's name */
  readonly protects?: string;
}

export class WebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly arn: string;
  /** The web ACL's name as a reference (the alarm's `WebACL` dimension follows it). */
  public readonly nameReference: string;
  /** The rules as sent to AWS (`rule_json`), in priority order. */
  public readonly rules: ReturnType<typeof webAclRulesJson>;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const rateLimit = props.rateLimit.enabled ? props.rateLimit : undefined;
    this.rules = webAclRulesJson(props.managedRuleGroups, rateLimit);
    const capacity = webAclCapacity(props.managedRuleGroups, rateLimit !== undefined);
    const problems: LimitProblem[] = [
      ...(WAF_NAME.test(props.name) ? [] : [{ field: "name", value: props.name, problem: "is not a web ACL name WAF accepts", allowed: "1 to 128 letters, digits, '_' or '-' (CreateWebACL Name)" }]),
      ...wafMetricNameProblems("name", props.name),
      ...webAclRuleProblems(this.rules),
      ...(capacity > MAX_WEB_ACL_CAPACITY ? [{ field: "managedRuleGroups", value: `${capacity} WCUs`, problem: "is more than a web ACL holds", allowed: `at most ${MAX_WEB_ACL_CAPACITY} WCUs` }] : []),
    ];
    assertWithinLimits(`WebAcl ${props.name}`, problems);

    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description: `Protects every stage of ${props.protects ?? props.name}: AWS managed rules and a rate limit per source IP`,
      scope: WEB_ACL_SCOPE,
      defaultAction: props.defaultAction === "allow" ? { allow: {} } : { block: {} },
      ruleJson: JSON.stringify(this.rules),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
    });
    this.arn = this.webAcl.arn;
    this.nameReference = this.webAcl.name;
  }
}

export interface WebAclAssociationProps {
  readonly webAcl: WebAcl;
  /** The stage's ARN as a reference (`aws_api_gateway_stage.arn`, `arn:...:apigateway:<region>::/restapis/<id>/stages/<name>`). */
  readonly stageArn: string;
}

/**
 * One stage behind the web ACL. AssociateWebACL fails while the stage does not exist yet ("AWS WAF couldn't
 * perform the operation because your resource doesn't exist", aws-samples/serverless-patterns#2173): the
 * stage's ARN is a reference, so Terraform creates the stage first. Right after the web ACL is created, WAF
 * may still answer WAFUnavailableEntityException for a while (hashicorp/terraform-provider-aws#17527, #29080);
 * the provider retries until the create timeout, set here to its 10 minutes explicitly.
 */
export class WebAclAssociation extends Construct {
  public readonly association: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: WebAclAssociationProps) {
    super(scope, id);
    this.association = new Wafv2WebAclAssociation(this, "association", {
      resourceArn: props.stageArn,
      webAclArn: props.webAcl.arn,
      timeouts: { create: "10m" },
    });
  }
}
