import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ApiGatewayAccountSettings } from "../../modules/api-gateway-account";
import { only, synth } from "../support/synth";

describe("ApiGatewayAccountSettings", () => {
  const s = synth((scope) => new ApiGatewayAccountSettings(scope, "api-gateway", { roleName: "api-gateway-cloudwatch-eu-west-1" }));

  it("gives API Gateway a role it can assume to push logs", () => {
    const trust = Object.values(s.data.aws_iam_policy_document)[0];
    expect(trust.statement).toEqual([
      { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }] },
    ]);
    expect(s.json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
  });

  it("sets the account's CloudWatch role only after the policy is attached", () => {
    const account = only(s, "aws_api_gateway_account");
    expect(account.cloudwatch_role_arn).toMatch(/aws_iam_role\..+\.arn/);
    expect(account.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy_attachment\./)]);
    expect(s.json).toHaveResource(ApiGatewayAccount);
  });

  it("uses the partition's managed policy", () => {
    const gov = synth((scope) => new ApiGatewayAccountSettings(scope, "a", { roleName: "r", partition: "aws-us-gov" }));
    expect(only(gov, "aws_iam_role_policy_attachment").policy_arn).toBe(
      "arn:aws-us-gov:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    );
  });
});
