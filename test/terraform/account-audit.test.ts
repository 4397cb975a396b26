/**
 * The account stacks' audit variants through real Terraform: an account in two regions (the home region holds
 * the one trail) and an account under an existing organization trail pass `terraform fmt -check`, Terraform's
 * validation (zero errors, zero warnings) and an offline `plan`, with the planned values asserted. The variants
 * are test/support/account-audit.ts's.
 */
import { controlPlaneChangePattern } from "../../aws/control-plane-pattern";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { ACCOUNT_AUDIT_STACKS } from "../support/account-audit";
import { plannedAddresses, plannedResources } from "../support/checks/terraform";
import { terraformChecks } from "../support/shared-terraform-checks";

let checks: readonly StackCheck[] = [];

const checkOf = (stack: string): StackCheck => checks.find((c) => c.stack === stack)!;
const planned = (stack: string, type: string): any[] => plannedResources(checkOf(stack), type);
const addresses = (stack: string, type: string): string[] => plannedAddresses(checkOf(stack), type);

beforeAll(async () => {
  // Planned once per run with the other terraform tests' stacks (test/support/shared-terraform-checks.ts).
  ({ checks } = (await terraformChecks()).accountAudit);
}, 600_000);

describe("account stacks with a home region, or an existing trail", () => {
  it("pass terraform fmt -check, validate with zero errors and warnings, and plan offline", () => {
    expect(checks.map((c) => c.stack)).toEqual(ACCOUNT_AUDIT_STACKS);
    expect(checks.filter((c) => !c.fmtOk).map((c) => `${c.stack}:\n${c.fmtDiff}`)).toEqual([]);
    expect(checks.flatMap((c) => [...(c.initOk ? [] : [`${c.stack}: ${c.failure}`]), ...c.diagnostics.map((d) => `${c.stack}: ${d.severity}: ${d.summary}`)])).toEqual([]);
    expect(checks.filter((c) => !c.planOk).map((c) => `${c.stack}: ${c.failure}`)).toEqual([]);
  });

  it("plans one multi-region trail for the account, in its home region only", () => {
    expect(planned("account-nonprod-eu-west-1", "aws_cloudtrail")).toEqual([expect.objectContaining({ name: "nonprod-account-trail", is_multi_region_trail: true })]);
    expect(addresses("account-nonprod-us-east-1", "aws_cloudtrail")).toEqual([]);
    expect(addresses("account-nonprod-us-east-1", "aws_cloudwatch_metric_alarm")).toEqual([]);
    expect(addresses("account-nonprod-us-east-1", "aws_api_gateway_account")).toHaveLength(1);
  });

  // CloudTrail User Guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring": the role
  // policy doesn't support aws:SourceArn and aws:SourceAccount (InvalidCloudWatchLogsRoleArnException otherwise).
  it("plans the CloudWatch Logs delivery role with the documented trust: cloudtrail.amazonaws.com, no Condition", () => {
    const role = planned("account-nonprod-eu-west-1", "aws_iam_role").find((r) => r.name === "nonprod-account-trail-logs-eu-west-1");
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toEqual([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "cloudtrail.amazonaws.com" } }]);
  });

  it("plans the change filter with both deployer forms, within PutMetricFilter's 1024 characters", () => {
    const [filter] = planned("account-nonprod-eu-west-1", "aws_cloudwatch_log_metric_filter");
    expect(filter.pattern).toBe(controlPlaneChangePattern([{ roleName: "github-deploy" }, { arn: "arn:aws:iam::111111111111:role/ci/*" }]));
    expect(filter.pattern.length).toBeLessThanOrEqual(1024);
  });

  it("plans, for an existing trail, the filter on its log group and no trail, bucket or trail role", () => {
    expect(planned("account-org-eu-west-1", "aws_cloudwatch_log_metric_filter")).toEqual([expect.objectContaining({ log_group_name: "aws-controltower/CloudTrailLogs" })]);
    for (const type of ["aws_cloudtrail", "aws_s3_bucket", "aws_cloudwatch_log_group"]) expect([type, planned("account-org-eu-west-1", type)]).toEqual([type, []]);
    // The account's other roles: API Gateway's logging role, and its security channel's Chatbot role (no trail role).
    expect(planned("account-org-eu-west-1", "aws_iam_role").map((r) => r.name)).toEqual(["api-gateway-cloudwatch-eu-west-1", "org-security-alarms-chatbot"]);
  });
});
