/**
 * The account stacks' audit variants through real Terraform: an account in two regions (the home region holds
 * the one trail) and an account under an existing organization trail pass `terraform fmt -check`, Terraform's
 * validation (zero errors, zero warnings) and an offline `plan`, with the planned values asserted.
 */
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS } from "../../environments";
import { accountSchema } from "../../environments/schema/account";
import type { AccountConfig } from "../../environments/types";
import { controlPlaneChangePattern } from "../../aws/control-plane-pattern";
import { repairAndFormatStacks } from "../../scripts/lib/synth";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { checkStacksTogether } from "../../scripts/lib/check-together";
import { findTerraform } from "../../scripts/lib/terraform-binary";
import { AccountStack } from "../../stacks/account-stack";
import { plannedAddresses, plannedResources } from "../support/checks/terraform";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "account-audit-"));
const outdir = path.join(work, "cdktf.out");
let checks: StackCheck[] = [];

const base = ENVIRONMENTS.dev.account;
const twoRegions: AccountConfig = { ...base, cloudTrail: { mode: "dedicated", homeRegion: "eu-west-1" }, deployerPrincipals: ["github-deploy", "arn:aws:iam::111111111111:role/ci/*"] };
const orgTrail: AccountConfig = { ...base, name: "org", id: "333333333333", cloudTrail: { mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs" } };

/** The stacks whose planned values are asserted; of the others, the planned addresses. */
const READ_VALUES = ["account-nonprod-eu-west-1", "account-org-eu-west-1"];

const checkOf = (stack: string): StackCheck => checks.find((c) => c.stack === stack)!;
const planned = (stack: string, type: string): any[] => plannedResources(checkOf(stack), type);
const addresses = (stack: string, type: string): string[] => plannedAddresses(checkOf(stack), type);

beforeAll(async () => {
  findTerraform();
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    const app = new App({ outdir, hclOutput: true });
    for (const region of ["eu-west-1", "us-east-1"]) new AccountStack(app, { account: accountSchema.parse(twoRegions), region, owner: "platform" });
    new AccountStack(app, { account: accountSchema.parse(orgTrail), region: "eu-west-1", owner: "platform" });
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  await repairAndFormatStacks(outdir, "fast");
  checks = await checkStacksTogether(outdir, { workRoot: path.join(work, "terraform"), values: READ_VALUES });
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("account stacks with a home region, or an existing trail", () => {
  it("pass terraform fmt -check, validate with zero errors and warnings, and plan offline", () => {
    expect(checks.map((c) => c.stack)).toEqual(["account-nonprod-eu-west-1", "account-nonprod-us-east-1", "account-org-eu-west-1"]);
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
