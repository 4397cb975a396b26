/**
 * The account-wide API Gateway setting: the IAM role API Gateway uses to write execution and access logs
 * to CloudWatch. There is one per account and region; exactly one stack may own it (two owners fight,
 * and every API in the region depends on it). Without it, method settings with a logging level fail
 * with "CloudWatch Logs role ARN must be set in account settings to enable logging".
 *
 * Creating it overwrites a setting that already exists (a landing zone's role, say) without a word in the
 * plan. Check first with `aws apigateway get-account --region <region>`; if it shows a `cloudwatchRoleArn`,
 * import it so the plan shows the change: `terraform import <address> api-gateway-account` (the import id
 * is that literal word, per the provider's docs). See docs/terraform-teams.md, "The account-wide API Gateway
 * setting".
 */
import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";

export interface ApiGatewayAccountSettingsProps {
  /** Name of the CloudWatch role, unique in the account (IAM is global: include the region). */
  readonly roleName: string;
  /** The AWS partition, for the managed policy's ARN. @default "aws" */
  readonly partition?: string;
}

export class ApiGatewayAccountSettings extends Construct {
  public readonly role: IamRole;
  public readonly account: ApiGatewayAccount;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountSettingsProps) {
    super(scope, id);
    // Grouped under `cloudwatch`: `aws_iam_role.api_gateway_cloudwatch`; the setting itself is `aws_api_gateway_account.this`.
    const cloudwatch = new Construct(this, "cloudwatch");
    const trust = new DataAwsIamPolicyDocument(cloudwatch, "trust", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }],
        },
      ],
    });
    this.role = new IamRole(cloudwatch, "role", {
      name: props.roleName,
      description: "Lets API Gateway write execution and access logs to CloudWatch Logs",
      assumeRolePolicy: trust.json,
    });
    const pushToLogs = new IamRolePolicyAttachment(cloudwatch, "policy-attachment", {
      role: this.role.name,
      policyArn: `arn:${props.partition ?? "aws"}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    this.account = new ApiGatewayAccount(this, "account", {
      cloudwatchRoleArn: this.role.arn,
      // API Gateway checks the role's permissions when the setting is made: attach the policy first.
      dependsOn: [pushToLogs],
    });
  }
}
