import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { AccountTrail, trailArn } from "../../modules/cloudtrail";
import { cloudTrailDescribeKeyGrant, cloudTrailEncryptGrant } from "../../modules/kms-grants";
import { awsLocation } from "../../aws/arn";
import { archiveLifecycle } from "../support/lifecycle";
import { dataNamed, only, synth } from "../support/synth";

const location = awsLocation("123456789012", "eu-west-1");
const arnOfTrail = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/acme-account-trail";
const bucketName = "acme-cloudtrail-123456789012-eu-west-1";
const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/k";
/** The trail bucket's ARN, by reference, followed by `rest`. */
const bucketArn = (rest = "") => expect.stringMatching(new RegExp(`^\\$\\{aws_s3_bucket\\.trail_bucket_[^.]+\\.arn\\}${rest.replace(/[*/]/g, "\\$&")}$`));

describe("AccountTrail", () => {
  // GIVEN the account's trail, protected
  const s = synth((scope) =>
    new AccountTrail(scope, "trail", {
      location,
      trailName: "acme-account-trail",
      bucketName,
      kmsKeyArn,
      lifecycle: archiveLifecycle,
      logRetentionDays: 90,
      logsRoleName: "acme-account-trail-logs-eu-west-1",
      preventDestroy: true,
    }),
  );

  it("records every region and global services, validates its files, encrypts with the key", () => {
    expect(s.json).toHaveResourceWithProperties(Cloudtrail, {
      name: "acme-account-trail",
      // the bucket by reference (its id is its name), so the trail comes after it
      s3_bucket_name: expect.stringMatching(/^\$\{aws_s3_bucket\.trail_bucket_[^.]+\.id\}$/),
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: kmsKeyArn,
    });
  });

  it("is created only after the bucket policy CloudTrail checks (and its logs role policy)", () => {
    expect(only(s, "aws_cloudtrail").depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./), expect.stringMatching(/^aws_iam_role_policy\./)]);
  });

  it("lets only this trail check the bucket ACL and write its files, bucket-owner-full-control", () => {
    const statements = dataNamed(s, "aws_iam_policy_document", "bucket_policy-document").statement;
    // the trail's ARN is written out (a reference would be a cycle: the trail depends on this policy)
    const fromTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [arnOfTrail] };
    const cloudTrail = [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }];
    expect(statements.find((st: any) => st.sid === "CloudTrailAclCheck")).toEqual({
      sid: "CloudTrailAclCheck", effect: "Allow", principals: cloudTrail, actions: ["s3:GetBucketAcl"], resources: [bucketArn()], condition: [fromTrail],
    });
    expect(statements.find((st: any) => st.sid === "CloudTrailWrite")).toEqual({
      sid: "CloudTrailWrite",
      effect: "Allow",
      principals: cloudTrail,
      actions: ["s3:PutObject"],
      resources: [bucketArn("/AWSLogs/123456789012/*")],
      condition: [{ test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }, fromTrail],
    });
    expect(statements[0].sid).toBe("DenyInsecureTransport");
  });

  it("keeps its bucket and log group from being destroyed", () => {
    expect(only(s, "aws_s3_bucket")).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(only(s, "aws_cloudwatch_log_group")).toMatchObject({ name: "/cloudtrail/acme-account-trail", retention_in_days: 90, kms_key_id: kmsKeyArn, lifecycle: { prevent_destroy: true } });
  });

  it("delivers to CloudWatch Logs, limited to the trail's own streams (`<account>_CloudTrail_<region>`, CloudTrail User Guide, 'Sending events to CloudWatch Logs')", () => {
    expect(only(s, "aws_cloudtrail").cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/);
    expect(only(s, "aws_cloudtrail").cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\..+\.arn\}$/);
    expect(dataNamed(s, "aws_iam_policy_document", "logs_permissions").statement).toEqual([
      {
        sid: "WriteTrailEvents",
        effect: "Allow",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        // the log group by reference: its `arn` (without `:*`) followed by the trail's stream pattern
        resources: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.trail_log-group_[^.]+\.arn\}:log-stream:123456789012_CloudTrail_\*$/)],
      },
    ]);
  });

  // CloudTrail User Guide, "Role policy document for CloudTrail to use CloudWatch Logs for monitoring": "Confused
  // deputy prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role policy doesn't
  // support the use of aws:SourceArn and aws:SourceAccount"; the trust in "Sending events to CloudWatch Logs" has no
  // Condition. A trust CloudTrail cannot assume fails CreateTrail with InvalidCloudWatchLogsRoleArnException
  // (cloudposse/terraform-aws-cloudtrail-cloudwatch-alarms#2).
  it("trusts cloudtrail.amazonaws.com for CloudWatch Logs delivery with no condition (documented trust; SourceArn/SourceAccount unsupported there)", () => {
    expect(dataNamed(s, "aws_iam_policy_document", "logs_trust").statement).toEqual([
      { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }] },
    ]);
  });

  it("keeps aws:SourceArn where CloudTrail documents it: the bucket policy (the key policy: see below)", () => {
    const statements = dataNamed(s, "aws_iam_policy_document", "bucket_policy-document").statement;
    for (const sid of ["CloudTrailAclCheck", "CloudTrailWrite"]) {
      expect(statements.find((st: any) => st.sid === sid).condition).toContainEqual({ test: "StringEquals", variable: "aws:SourceArn", values: [arnOfTrail] });
    }
  });

  it("leaves the change alarm to ControlPlaneChangeAlarm (which also serves accounts with an existing trail)", () => {
    expect(s.resource.aws_cloudwatch_log_metric_filter).toBeUndefined();
    expect(s.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
  });

  it("the key grants let CloudTrail encrypt for this trail only, and describe the key", () => {
    expect(trailArn(location, "acme-account-trail")).toBe(arnOfTrail);
    expect(cloudTrailEncryptGrant(location, arnOfTrail)).toMatchObject({
      principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
      actions: ["kms:GenerateDataKey*"],
      condition: [
        { test: "StringEquals", variable: "aws:SourceArn", values: [arnOfTrail] },
        { test: "StringLike", variable: "kms:EncryptionContext:aws:cloudtrail:arn", values: ["arn:aws:cloudtrail:*:123456789012:trail/*"] },
      ],
    });
    expect(cloudTrailDescribeKeyGrant(arnOfTrail)).toMatchObject({ actions: ["kms:DescribeKey"], condition: [{ variable: "aws:SourceArn", values: [arnOfTrail] }] });
  });
});
