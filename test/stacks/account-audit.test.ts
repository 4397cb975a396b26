/**
 * The account stacks' audit record: one trail per account (only the home region's stack creates it), an
 * existing organization trail instead of our own, and the change alarm that leaves the deploy pipeline out.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { AccountConfig, Environment, EnvironmentInput } from "../../environments/types";
import { controlPlaneChangePattern } from "../../aws/control-plane-pattern";
import { AccountStack, type AccountSettings } from "../../stacks/account-stack";
import { buildStacks } from "../../stacks/app";
import { withEnv } from "../support/environments";
import { archiveLifecycle } from "../support/lifecycle";

const parsed = (stack: AccountStack): any => JSON.parse(Testing.synth(stack));
const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});
const names = (s: any, type: string, key = "name"): string[] => values(s, type).map((r) => r[key]).sort();
const withAccount = (name: "dev" | "staging", changes: Partial<AccountConfig>, env: Record<string, unknown> = {}) =>
  withEnv(name, { ...env, account: { ...ENVIRONMENTS[name].account, ...changes } });
const accountStacks = (inputs: EnvironmentInput[]) => buildStacks(Testing.app(), loadEnvironments(inputs)).accounts;

describe("GIVEN the shipped nonprod account (one region)", () => {
  const [account] = accountStacks([ENVIRONMENTS.dev, ENVIRONMENTS.staging]).map(parsed);

  it("THEN its account stack creates the trail and the change alarm on the trail's log group", () => {
    expect(names(account, "aws_cloudtrail")).toEqual(["nonprod-account-trail"]);
    const [filter] = values(account, "aws_cloudwatch_log_metric_filter");
    expect(filter.log_group_name).toBe("${aws_cloudwatch_log_group.trail.name}");
    expect(names(account, "aws_cloudwatch_metric_alarm", "alarm_name")).toEqual(["nonprod-api-gateway-changes"]);
  });

  it("THEN the filter leaves out the deploy role named in the account config (github-deploy)", () => {
    const [filter] = values(account, "aws_cloudwatch_log_metric_filter");
    expect(filter.pattern).toBe(controlPlaneChangePattern([{ roleName: "github-deploy" }]));
    expect(filter.pattern).toContain('$.userIdentity.sessionContext.sessionIssuer.userName != "github-deploy"');
  });
});

// "Receiving CloudTrail log files from multiple regions" (CloudTrail User Guide): a multi-region trail delivers
// every region's events to the same bucket and CloudWatch Logs log group. A second one per region would double
// the cost of management events and count against 5 trails per region ("Limits in AWS CloudTrail").
describe("GIVEN one account in two regions with a home region", () => {
  const home = { cloudTrail: { mode: "dedicated", homeRegion: "eu-west-1" } } as const;
  const stacks = accountStacks([withAccount("dev", home), withAccount("staging", home, { region: "us-east-1" })]);
  const [euWest1, usEast1] = stacks.map(parsed);

  it("THEN there is an account stack per region, each owning its region's aws_api_gateway_account", () => {
    expect(stacks.map((s) => s.node.id)).toEqual(["account-nonprod-eu-west-1", "account-nonprod-us-east-1"]);
    for (const s of [euWest1, usEast1]) expect(values(s, "aws_api_gateway_account")).toHaveLength(1);
    expect([...names(euWest1, "aws_iam_role"), ...names(usEast1, "aws_iam_role")].filter((n) => n.startsWith("api-gateway-cloudwatch"))).toEqual([
      "api-gateway-cloudwatch-eu-west-1",
      "api-gateway-cloudwatch-us-east-1",
    ]);
  });

  it("THEN only the home region creates the multi-region trail, its bucket, log group, role, key, topic and alarm", () => {
    expect(names(euWest1, "aws_cloudtrail")).toEqual(["nonprod-account-trail"]);
    expect(values(euWest1, "aws_cloudtrail")[0].is_multi_region_trail).toBe(true);
    for (const type of ["aws_cloudtrail", "aws_s3_bucket", "aws_cloudwatch_log_group", "aws_kms_key", "aws_sns_topic", "aws_cloudwatch_log_metric_filter", "aws_cloudwatch_metric_alarm"]) {
      expect([type, values(usEast1, type).length]).toEqual([type, 0]);
      expect([type, values(euWest1, type).length]).toEqual([type, 1]);
    }
    expect(names(usEast1, "aws_iam_role")).toEqual(["api-gateway-cloudwatch-us-east-1"]);
  });

  it("WHEN the home region is the other one THEN the trail moves there", () => {
    const other = { cloudTrail: { mode: "dedicated", homeRegion: "us-east-1" } } as const;
    const [eu, us] = accountStacks([withAccount("dev", other), withAccount("staging", other, { region: "us-east-1" })]).map(parsed);
    expect([values(eu, "aws_cloudtrail").length, names(us, "aws_cloudtrail")]).toEqual([0, ["nonprod-account-trail"]]);
    expect(names(us, "aws_s3_bucket", "bucket")).toEqual(["nonprod-cloudtrail-111111111111-us-east-1"]);
  });

  it("WHEN stacks are built without validation and no home region THEN still one trail: the first region's", () => {
    const [dev, staging] = loadEnvironments([ENVIRONMENTS.dev, ENVIRONMENTS.staging]);
    const envs: Environment[] = [dev, { ...staging, region: "us-east-1" }];
    const trails = buildStacks(Testing.app(), envs).accounts.map((s) => values(parsed(s), "aws_cloudtrail").length);
    expect(trails).toEqual([1, 0]);
  });
});

describe("GIVEN an account under an organization trail (cloudTrail mode existing)", () => {
  const existing = { cloudTrail: { mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs" } } as const;
  const [account] = accountStacks([withAccount("dev", existing), withAccount("staging", existing)]).map(parsed);

  it("THEN no trail, trail bucket, trail log group or trail role is created", () => {
    for (const type of ["aws_cloudtrail", "aws_s3_bucket", "aws_s3_bucket_policy", "aws_cloudwatch_log_group", "aws_iam_role_policy"]) expect([type, values(account, type)]).toEqual([type, []]);
    // The account's other roles: API Gateway's logging role, and its security channel's Chatbot role.
    expect(names(account, "aws_iam_role")).toEqual(["api-gateway-cloudwatch-eu-west-1", "nonprod-security-alarms-chatbot"]);
  });

  it("THEN the change alarm reads the existing trail's log group, and notifies the security topic", () => {
    const [filter] = values(account, "aws_cloudwatch_log_metric_filter");
    expect(filter).toMatchObject({ name: "nonprod-api-gateway-control-plane-changes", log_group_name: "aws-controltower/CloudTrailLogs" });
    expect(values(account, "aws_cloudwatch_metric_alarm")[0].alarm_actions).toEqual(["${aws_sns_topic.security.arn}"]);
  });

  it("THEN the audit key grants nothing to CloudTrail (it encrypts the security topic only)", () => {
    const key = values(account, "aws_kms_key")[0];
    expect(key.description).toBe("Encrypts the security alarm topic");
    const policy = Object.values(account.data.aws_iam_policy_document).find((d: any) => d.statement.some((st: any) => st.sid === "AccountAdministersKeyThroughIam")) as any;
    expect(policy.statement.map((st: any) => st.sid)).toEqual(["AccountAdministersKeyThroughIam", "CloudWatchAlarmsPublishToEncryptedTopics"]);
  });
});

describe("AccountStack on its own", () => {
  /** Its props written out here, not a shipped account: a dedicated trail, the pipeline's role left out. */
  const sandbox: AccountSettings = {
    name: "sandbox",
    id: "333333333333",
    notifications: { emails: ["security@example.com"] },
    trail: { lifecycle: archiveLifecycle, logRetentionDays: 90 },
    configRules: false,
    deletionProtection: true,
    stateBackend: { type: "local" },
    cloudTrail: { mode: "dedicated" },
    deployerPrincipals: ["github-deploy"],
  };

  it("defaults to holding the audit record when the account names no home region", () => {
    const stack = new AccountStack(Testing.app(), { account: sandbox, region: "eu-west-1", owner: "platform" });
    expect(stack.trail).toBeDefined();
    expect(stack.changeAlarm?.pattern).toBe(controlPlaneChangePattern([{ roleName: "github-deploy" }]));
  });

  it("GIVEN a deployer that is neither a role ARN nor a role name THEN it throws, naming the stack and the entry", () => {
    const account = { ...sandbox, deployerPrincipals: ["github-deploy", "arn:aws:iam::333333333333:user/alice"] };
    expect(() => new AccountStack(Testing.app(), { account, region: "eu-west-1", owner: "platform" })).toThrow(
      'AccountStack account-sandbox-eu-west-1: account.deployerPrincipals[1] = "arn:aws:iam::333333333333:user/alice" is not a role ARN or role name.',
    );
  });
});
