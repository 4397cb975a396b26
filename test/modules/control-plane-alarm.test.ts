import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { ControlPlaneChangeAlarm } from "../../modules/control-plane-alarm";
import { FILTER_PATTERN_MAX_LENGTH } from "../support/aws-facts";
import { apiGatewayEvent, filterMatches, iamUser, roleSession } from "../support/filter-pattern";
import { only, synth } from "../support/synth";
import { API_GATEWAY_CHANGE_PATTERN, controlPlaneChangePattern, parseDeployerPrincipal } from "../../aws/control-plane-pattern";

const ACCOUNT = "111111111111";
const deployRole = { arn: `arn:aws:iam::${ACCOUNT}:role/github-deploy` };
const topicArn = `arn:aws:sns:eu-west-1:${ACCOUNT}:acme-security-alarms`;

describe("the control-plane change filter pattern", () => {
  // Sources: CloudWatch Logs User Guide, "Filter pattern syntax" (JSON selectors, `*` at the start or end of a
  // term, NOT EXISTS); CloudTrail User Guide, "CloudTrail userIdentity element" (sessionContext.sessionIssuer).
  const pattern = controlPlaneChangePattern([deployRole, { roleName: "cdktf-*" }]);
  const counts = (eventName: string, who: Record<string, unknown>) => filterMatches(pattern, apiGatewayEvent(eventName, who));

  it("GIVEN no deployer WHEN any API Gateway change is made THEN it counts, and reads do not", () => {
    for (const change of ["CreateDeployment", "UpdateStage", "DeleteRestApi", "PutRestApi", "ImportRestApi", "ReimportApi", "TagResource", "UntagResource", "FlushStageCache", "ResetAuthorizersCache", "GenerateClientCertificate", "RejectDomainNameAccessAssociation"]) {
      expect([change, filterMatches(API_GATEWAY_CHANGE_PATTERN, apiGatewayEvent(change, iamUser(ACCOUNT, "alice")))]).toEqual([change, true]);
    }
    for (const read of ["GetRestApi", "GetExport", "TestInvokeMethod"]) expect(filterMatches(API_GATEWAY_CHANGE_PATTERN, apiGatewayEvent(read, iamUser(ACCOUNT, "alice")))).toBe(false);
    expect(filterMatches(API_GATEWAY_CHANGE_PATTERN, { eventSource: "s3.amazonaws.com", eventName: "PutBucketPolicy", userIdentity: iamUser(ACCOUNT, "alice") })).toBe(false);
  });

  it("GIVEN the pipeline's role WHEN it deploys THEN nothing counts; another role, an IAM user and root still do", () => {
    expect(counts("CreateDeployment", roleSession(ACCOUNT, "github-deploy"))).toBe(false);
    expect(counts("UpdateStage", roleSession(ACCOUNT, "cdktf-apply"))).toBe(false);
    expect(counts("UpdateStage", roleSession(ACCOUNT, "Admin"))).toBe(true);
    expect(counts("UpdateStage", roleSession(ACCOUNT, "github-deploy-old"))).toBe(true);
    // No session issuer at all: the explicit NOT EXISTS branch counts it (the evaluator treats `!=` on a
    // missing field as false, so this would fail if the pattern relied on it).
    expect(counts("DeleteRestApi", iamUser(ACCOUNT, "github-deploy"))).toBe(true);
    expect(counts("DeleteRestApi", { type: "Root", arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT })).toBe(true);
  });

  it("GIVEN a role name pattern WHEN an IAM user of that name federates (issuer type IAMUser) THEN it still counts", () => {
    const federated = { type: "FederatedUser", sessionContext: { sessionIssuer: { type: "IAMUser", arn: `arn:aws:iam::${ACCOUNT}:user/cdktf-bot`, userName: "cdktf-bot" } } };
    expect(counts("CreateStage", federated)).toBe(true);
  });

  it("quotes every value (ARNs hold ':' and '/'), and is readable without deployers", () => {
    expect(pattern).toContain(`$.userIdentity.sessionContext.sessionIssuer.arn != "arn:aws:iam::${ACCOUNT}:role/github-deploy"`);
    expect(API_GATEWAY_CHANGE_PATTERN).not.toContain("userIdentity");
  });

  it("five role ARNs fit PutMetricFilter's 1024 characters (API reference: filterPattern, at most 1024)", () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ arn: `arn:aws:iam::${ACCOUNT}:role/github-deploy-${i}` }));
    expect(controlPlaneChangePattern(five).length).toBeLessThanOrEqual(FILTER_PATTERN_MAX_LENGTH);
    expect(controlPlaneChangePattern([...five, ...five.map((d) => ({ arn: `${d.arn}x` }))]).length).toBeGreaterThan(FILTER_PATTERN_MAX_LENGTH);
  });
});

describe("parseDeployerPrincipal", () => {
  it("reads role ARNs (a trailing * is a prefix) and role names (* at either end)", () => {
    expect(parseDeployerPrincipal("arn:aws:iam::111111111111:role/github-deploy")).toEqual({ arn: "arn:aws:iam::111111111111:role/github-deploy" });
    expect(parseDeployerPrincipal("arn:aws:iam::111111111111:role/ci/*")).toEqual({ arn: "arn:aws:iam::111111111111:role/ci/*" });
    expect(parseDeployerPrincipal("*-deployer")).toEqual({ roleName: "*-deployer" });
  });

  it("rejects what CloudWatch Logs would read literally or what is no role: an inner *, a user, a session ARN, '*'", () => {
    for (const bad of ["github*deploy", "arn:aws:iam::111111111111:user/ci", "arn:aws:sts::111111111111:assumed-role/ci/x", "*", "arn:aws:iam::111:role/ci", "a b"]) {
      expect([bad, parseDeployerPrincipal(bad)]).toEqual([bad, undefined]);
    }
  });
});

describe("ControlPlaneChangeAlarm", () => {
  // GIVEN an existing trail's log group and the pipeline's role
  const s = synth((scope) =>
    new ControlPlaneChangeAlarm(scope, "changes", {
      logGroupName: "aws-controltower/CloudTrailLogs",
      filterName: "acme-api-gateway-control-plane-changes",
      alarmName: "acme-api-gateway-changes",
      alarmTopicArn: topicArn,
      deployers: [deployRole],
    }),
  );

  it("filters that log group with the pattern that leaves the pipeline out", () => {
    expect(s.json).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      name: "acme-api-gateway-control-plane-changes",
      log_group_name: "aws-controltower/CloudTrailLogs",
      pattern: controlPlaneChangePattern([deployRole]),
      metric_transformation: { namespace: "Audit/CloudTrail", name: "ApiGatewayControlPlaneChanges", value: "1" },
    });
  });

  it("alarms on the first change, notifies the security topic, quiet when nothing changes", () => {
    expect(s.json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "acme-api-gateway-changes",
      metric_name: "ApiGatewayControlPlaneChanges",
      namespace: "Audit/CloudTrail",
      statistic: "Sum",
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [topicArn],
    });
    expect(only(s, "aws_cloudwatch_metric_alarm").alarm_description).toContain("outside the deploy pipeline");
  });

  it("refuses a pattern over 1024 characters at synth (PutMetricFilter would refuse it at apply)", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ arn: `arn:aws:iam::${ACCOUNT}:role/deploy-role-number-${i}` }));
    expect(() =>
      synth((scope) => new ControlPlaneChangeAlarm(scope, "c", { logGroupName: "g", filterName: "f", alarmName: "a", alarmTopicArn: topicArn, deployers: many })),
    ).toThrow(/filter pattern is \d+ characters long\. Allowed: at most 1024/);
  });
});
