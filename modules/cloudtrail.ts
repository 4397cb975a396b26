/**
 * The account's "security camera": one multi-region CloudTrail trail with global service events and log
 * file validation, encrypted with a customer-managed key, delivered to its own hardened bucket (archived by
 * lifecycle) and to a CloudWatch log group (where `ControlPlaneChangeAlarm` watches API Gateway changes).
 *
 * One per account: a multi-region trail records every region and delivers all of them to this bucket and
 * log group ("Receiving CloudTrail log files from multiple regions"), so only the account stack of the home
 * region creates it. Accounts under an organization trail use that trail's log group instead (`existing`).
 *
 * The trail's ARN is built from config, so the bucket policy and key policy can name it (`aws:SourceArn`)
 * without a reference cycle (the trail refers to both, directly or through `depends_on`; a comment in the
 * HCL says so); the trail is ordered after the bucket policy, which CloudTrail checks when the trail is
 * created. The CloudWatch Logs delivery role is the exception: its trust carries no condition. Everything
 * else is a reference: the bucket in `s3_bucket_name` and in the bucket policy, the log group in the role's
 * permissions.
 *
 * Construct ids name the HCL: `aws_cloudtrail.trail`, `aws_s3_bucket.trail`, `aws_cloudwatch_log_group.trail`,
 * `aws_iam_role.trail_logs` (`log-group` and `cloudtrail` repeat their types).
 */
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { Lifecycle } from "../aws/lifecycle";
import { arn, type AwsLocation } from "../aws/arn";
import { commentInHcl } from "./hcl-comments";
import { EncryptedLogGroup } from "./log-group";
import { SecureBucket } from "./secure-bucket";

export interface AccountTrailProps {
  readonly location: AwsLocation;
  readonly trailName: string;
  readonly bucketName: string;
  /** ARN of a KMS key with `cloudTrailEncryptGrant`, `cloudTrailDescribeKeyGrant` and `cloudWatchLogsGrant`. */
  readonly kmsKeyArn: string;
  /** Archive of the trail's log files. */
  readonly lifecycle: Lifecycle;
  /** Retention of the trail's CloudWatch log group (a value CloudWatch Logs accepts). */
  readonly logRetentionDays: number;
  /** Name of the role CloudTrail uses to write to CloudWatch Logs (IAM is global: include the region). */
  readonly logsRoleName: string;
  /** `prevent_destroy` on the bucket and the log group. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The trust of CloudTrail's CloudWatch Logs delivery role, exactly as documented ("Sending events to
 * CloudWatch Logs", AWS CloudTrail User Guide): `cloudtrail.amazonaws.com`, no condition. "Confused deputy
 * prevention is not applicable to the role policy for CloudWatch Logs monitoring. The role policy doesn't
 * support the use of aws:SourceArn and aws:SourceAccount" ("Role policy document for CloudTrail to use
 * CloudWatch Logs for monitoring"). A trust CloudTrail cannot assume fails CreateTrail/UpdateTrail with
 * InvalidCloudWatchLogsRoleArnException "Access denied. Check the trust relationships for your role."
 * (cloudposse/terraform-aws-cloudtrail-cloudwatch-alarms#2, awslabs/dynamodb-continuous-backup#2).
 * `aws:SourceArn` stays in the bucket and key policies, where CloudTrail documents it.
 */
export const CLOUDTRAIL_LOGS_ROLE_TRUST: DataAwsIamPolicyDocumentStatement = {
  effect: "Allow",
  actions: ["sts:AssumeRole"],
  principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
};

/**
 * The HCL comment (two lines) on a policy that names the trail's ARN as a literal, saying why: `why` is the
 * dependency that a reference back to the trail would close into a cycle.
 */
export function trailArnComment(why: string): [string, string] {
  return ["The trail's ARN is written out, not referenced: a reference to the trail would be a cycle,", `as ${why}.`];
}

/** A trail's ARN, from its name: what key and bucket policies name in `aws:SourceArn`. */
export function trailArn(at: AwsLocation, name: string): string {
  return arn(at, "cloudtrail", `trail/${name}`);
}

export class AccountTrail extends Construct {
  public readonly trail: Cloudtrail;
  public readonly trailArn: string;
  public readonly bucket: SecureBucket;
  public readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: AccountTrailProps) {
    super(scope, id);
    const at = props.location;
    this.trailArn = trailArn(at, props.trailName);
    const fromThisTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [this.trailArn] };
    const cloudTrail = [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }];

    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKeyArn: props.kmsKeyArn,
      lifecycle: props.lifecycle,
      preventDestroy: props.preventDestroy,
      // CloudTrail's required bucket policy ("Amazon S3 bucket policy for CloudTrail"), for this trail only.
      policyStatements: (bucketArn) => [
        { sid: "CloudTrailAclCheck", effect: "Allow", principals: cloudTrail, actions: ["s3:GetBucketAcl"], resources: [bucketArn], condition: [fromThisTrail] },
        {
          sid: "CloudTrailWrite",
          effect: "Allow",
          principals: cloudTrail,
          actions: ["s3:PutObject"],
          resources: [`${bucketArn}/AWSLogs/${at.accountId}/*`],
          condition: [{ test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }, fromThisTrail],
        },
      ],
    });
    commentInHcl(this.bucket.policyDocument, ...trailArnComment("CloudTrail checks this policy when it creates the trail (the trail's depends_on)"));

    this.logGroup = new EncryptedLogGroup(this, "log-group", {
      name: `/cloudtrail/${props.trailName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy,
    });
    const logs = new Construct(this, "logs");
    const trust = new DataAwsIamPolicyDocument(logs, "trust", { statement: [CLOUDTRAIL_LOGS_ROLE_TRUST] });
    const role = new IamRole(logs, "role", {
      name: props.logsRoleName,
      description: `Lets CloudTrail deliver ${props.trailName} to CloudWatch Logs`,
      assumeRolePolicy: trust.json,
    });
    const permissions = new DataAwsIamPolicyDocument(logs, "permissions", {
      statement: [
        // A multi-region trail writes one stream per region, `<account>_CloudTrail_<region>` (the documented role policy).
        {
          sid: "WriteTrailEvents",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${this.logGroup.arn}:log-stream:${at.accountId}_CloudTrail_*`],
        },
      ],
    });
    const rolePolicy = new IamRolePolicy(logs, "policy", { name: "deliver-trail-events", role: role.id, policy: permissions.json });

    this.trail = new Cloudtrail(this, "cloudtrail", {
      name: props.trailName,
      s3BucketName: this.bucket.bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: props.kmsKeyArn,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      dependsOn: [this.bucket.policy, rolePolicy],
    });
  }
}

/**
 * The region whose account stack holds the account's trail (or the alarm on an existing trail's log group):
 * the configured home region, else the account's first region (validation requires a home region as soon
 * as there are several, so this fallback never picks between two).
 */
export function trailHomeRegion(homeRegion: string | undefined, regions: readonly string[]): string | undefined {
  return homeRegion ?? regions[0];
}
