/**
 * The web ACL's log: a CloudWatch log group (retained and encrypted like every other), the resource policy
 * that lets log delivery write it, the logging configuration (authorization and cookie headers redacted,
 * optionally only blocked and counted requests), and a saved Logs Insights query of the top blocked IPs and
 * rules in the API's query folder.
 *
 * - The log group's name starts with `aws-waf-logs-`, or PutLoggingConfiguration fails
 *   (hashicorp/terraform-provider-aws#23934).
 * - The destination is the log group's `arn`, which the provider writes without the `:*` suffix
 *   (hashicorp/terraform-provider-aws#14214); WAF rejects an ARN with it (aws/aws-cdk#18253).
 * - Without a resource policy of our own, WAF adds the log group to a shared `AWSWAF-LOGS` policy that grows
 *   with every log group until it passes CloudWatch Logs' 5,120 characters (hashicorp/terraform-provider-aws#25296).
 *   The logging configuration is created after the policy.
 *
 * Construct ids: `log-group`, `delivery/document`, `delivery/policy`, `configuration` and `top-blocked`, so that as
 * the `Default` child of `waf` the HCL reads `aws_cloudwatch_log_group.waf`, `aws_cloudwatch_log_resource_policy.waf_delivery`
 * (and its `data.aws_iam_policy_document.waf_delivery`), `aws_wafv2_web_acl_logging_configuration.waf`.
 */
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import type { AwsLocation } from "../aws/arn";
import { assertWithinLimits, iamPolicyLength, literalText, queryDefinitionProblems, textProblems } from "../aws/limits";
import {
  LOGGED_MATCH_ACTIONS,
  LOWER_CASE_HEADER_NAME,
  MAX_LOG_RESOURCE_POLICY_LENGTH,
  REDACTED_HEADERS,
  WAF_LOG_GROUP_PREFIX,
  wafLogDeliveryStatements,
} from "../aws/waf";
import { EncryptedLogGroup } from "./log-group";
import type { WebAcl } from "./waf-web-acl";

/** What the saved query and the dashboard read of a WAF log record ("Log fields for web ACL traffic"). */
export const WAF_TOP_BLOCKED_QUERY: readonly string[] = [
  "fields httpRequest.clientIp as ip, terminatingRuleId as rule",
  "filter action = 'BLOCK'",
  "stats count(*) as blocked by ip, rule",
  "sort blocked desc",
  "limit 25",
];

/** The saved query's key in the API's query folder (`<api name>/waf-top-blocked`). */
export const WAF_TOP_BLOCKED_QUERY_KEY = "waf-top-blocked";

export interface WafLoggingProps {
  readonly webAcl: WebAcl;
  readonly location: AwsLocation;
  /** The log group's name: `aws-waf-logs-` and letters, digits, `_`, `-`, `/`, `.` or `#`. */
  readonly logGroupName: string;
  /** Name of the CloudWatch Logs resource policy (one per account and region counts against a quota of 10). */
  readonly policyName: string;
  readonly retentionInDays: number;
  /** A key whose policy lets CloudWatch Logs use it (the environment's key). */
  readonly kmsKeyArn: string;
  /** `prevent_destroy` on the log group. @default false */
  readonly preventDestroy?: boolean;
  /** Keep only requests a rule blocked or counted (a logging filter); not for production. @default false */
  readonly onlyBlockedAndCounted?: boolean;
  /** The saved query's name: the API's query folder and `WAF_TOP_BLOCKED_QUERY_KEY` (`savedQueryName`). */
  readonly queryName: string;
  /** Header names redacted from the log, lower case. @default authorization and cookie */
  readonly redactedHeaders?: readonly string[];
}

export class WafLogging extends Construct {
  public readonly logGroup: EncryptedLogGroup;
  public readonly policyDocument: DataAwsIamPolicyDocument;
  public readonly resourcePolicy: CloudwatchLogResourcePolicy;
  public readonly configuration: Wafv2WebAclLoggingConfiguration;
  public readonly topBlockedQuery: CloudwatchQueryDefinition;

  constructor(scope: Construct, id: string, props: WafLoggingProps) {
    super(scope, id);
    const owner = `WafLogging ${props.logGroupName}`;
    const headers = props.redactedHeaders ?? REDACTED_HEADERS;
    const statements = wafLogDeliveryStatements(props.location, props.logGroupName);
    const policyLength = iamPolicyLength(statements);
    assertWithinLimits(owner, [
      ...(literalText(props.logGroupName).startsWith(WAF_LOG_GROUP_PREFIX)
        ? []
        : [{ field: "logGroupName", value: props.logGroupName, problem: `does not start with ${WAF_LOG_GROUP_PREFIX}, so PutLoggingConfiguration rejects it`, allowed: `a name starting with ${WAF_LOG_GROUP_PREFIX}` }]),
      ...headers.flatMap((name, i) =>
        LOWER_CASE_HEADER_NAME.test(name)
          ? []
          : [{ field: `redactedHeaders[${i}]`, value: name, problem: "is not a lower-case header name (AWS stores it in lower case: any other spelling plans a change on every run)", allowed: "1 to 64 lower-case header characters, e.g. authorization" }],
      ),
      ...textProblems("policyName", props.policyName, { max: 255 }),
      ...(policyLength > MAX_LOG_RESOURCE_POLICY_LENGTH
        ? [{ field: "policyDocument", value: `${policyLength} characters`, problem: "is longer than a CloudWatch Logs resource policy may be", allowed: `at most ${MAX_LOG_RESOURCE_POLICY_LENGTH} characters (PutResourcePolicy)` }]
        : []),
      ...queryDefinitionProblems(props.queryName, WAF_TOP_BLOCKED_QUERY.join(" | "), [props.logGroupName]),
    ]);

    this.logGroup = new EncryptedLogGroup(this, "log-group", {
      name: props.logGroupName,
      retentionInDays: props.retentionInDays,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy,
    });

    const delivery = new Construct(this, "delivery");
    this.policyDocument = new DataAwsIamPolicyDocument(delivery, "document", { statement: statements });
    this.resourcePolicy = new CloudwatchLogResourcePolicy(delivery, "policy", { policyName: props.policyName, policyDocument: this.policyDocument.json });

    this.configuration = new Wafv2WebAclLoggingConfiguration(this, "configuration", {
      resourceArn: props.webAcl.arn,
      // The provider's `arn` has no `:*` suffix, which WAF would reject.
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: headers.map((name) => ({ singleHeader: { name } })),
      loggingFilter: props.onlyBlockedAndCounted
        ? {
            defaultBehavior: "DROP",
            filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: LOGGED_MATCH_ACTIONS.map((action) => ({ actionCondition: { action } })) }],
          }
        : undefined,
      // WAF checks that log delivery may write the log group when logging is configured.
      dependsOn: [this.resourcePolicy],
    });

    this.topBlockedQuery = new CloudwatchQueryDefinition(this, "top-blocked", {
      name: props.queryName,
      logGroupNames: [this.logGroup.name],
      queryString: WAF_TOP_BLOCKED_QUERY.join(" | "),
    });
  }
}
