/**
 * The account's "security camera": one multi-region CloudTrail trail with global service events and log
 * file validation, encrypted with a customer-managed key, delivered to its own hardened bucket (archived by
 * lifecycle) and to a CloudWatch log group, where a metric filter counts API Gateway control-plane changes
 * and an alarm notifies SNS.
 *
 * The trail's ARN is built from config, so the bucket policy and key policy can name it (`aws:SourceArn`)
 * without a reference cycle; the trail is ordered after the bucket policy, which CloudTrail checks when the
 * trail is created.
 */
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { Lifecycle } from "../environments/types";
import { EncryptedLogGroup } from "./log-group";
import { arn, type AwsLocation, s3BucketArn } from "./naming";
import { SecureBucket } from "./secure-bucket";
import { serviceTrust } from "./service-trust";

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
  /** The topic the control-plane alarm notifies. */
  readonly alarmTopicArn: string;
  /** `prevent_destroy` on the bucket and the log group. @default false */
  readonly preventDestroy?: boolean;
}

/** The metric the control-plane filter counts. */
export const CONTROL_PLANE_METRIC = { namespace: "Audit/CloudTrail", name: "ApiGatewayControlPlaneChanges" } as const;

/** API Gateway calls that change an API: its create, update, delete and put actions (any region). */
export const API_GATEWAY_CHANGE_PATTERN =
  '{ ($.eventSource = "apigateway.amazonaws.com") && (($.eventName = "Create*") || ($.eventName = "Update*") || ($.eventName = "Delete*") || ($.eventName = "Put*")) }';

/** A trail's ARN, from its name: what key and bucket policies name in `aws:SourceArn`. */
export function trailArn(at: AwsLocation, name: string): string {
  return arn(at, "cloudtrail", `trail/${name}`);
}

export class AccountTrail extends Construct {
  public readonly trail: Cloudtrail;
  public readonly trailArn: string;
  public readonly bucket: SecureBucket;
  public readonly logGroup: EncryptedLogGroup;
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: AccountTrailProps) {
    super(scope, id);
    const at = props.location;
    this.trailArn = trailArn(at, props.trailName);
    const bucketArn = s3BucketArn(at.partition, props.bucketName);
    const fromThisTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [this.trailArn] };
    const cloudTrail = [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }];

    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      partition: at.partition,
      kmsKeyArn: props.kmsKeyArn,
      lifecycle: props.lifecycle,
      preventDestroy: props.preventDestroy,
      // CloudTrail's required bucket policy ("Amazon S3 bucket policy for CloudTrail"), for this trail only.
      policyStatements: [
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

    this.logGroup = new EncryptedLogGroup(this, "log-group", {
      name: `/cloudtrail/${props.trailName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy,
    });
    const logGroupArn = arn(at, "logs", `log-group:/cloudtrail/${props.trailName}`);
    const trust = new DataAwsIamPolicyDocument(this, "logs-trust", {
      statement: [serviceTrust({ service: "cloudtrail.amazonaws.com", sourceAccount: at.accountId, sourceArns: [this.trailArn] })],
    });
    const role = new IamRole(this, "logs-role", {
      name: props.logsRoleName,
      description: `Lets CloudTrail deliver ${props.trailName} to CloudWatch Logs`,
      assumeRolePolicy: trust.json,
    });
    const permissions = new DataAwsIamPolicyDocument(this, "logs-permissions", {
      statement: [
        // A multi-region trail writes one stream per region (`<account>_CloudTrail_<region>`).
        { sid: "WriteTrailEvents", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logGroupArn}:log-stream:*`] },
      ],
    });
    const rolePolicy = new IamRolePolicy(this, "logs-policy", { name: "deliver-trail-events", role: role.id, policy: permissions.json });

    this.trail = new Cloudtrail(this, "trail", {
      name: props.trailName,
      s3BucketName: this.bucket.name,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: props.kmsKeyArn,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      dependsOn: [this.bucket.policy, rolePolicy],
    });

    const filter = new CloudwatchLogMetricFilter(this, "api-gateway-changes", {
      name: "api-gateway-control-plane-changes",
      logGroupName: this.logGroup.name,
      pattern: API_GATEWAY_CHANGE_PATTERN,
      metricTransformation: { namespace: CONTROL_PLANE_METRIC.namespace, name: CONTROL_PLANE_METRIC.name, value: "1" },
    });
    this.alarm = new CloudwatchMetricAlarm(this, "api-gateway-changes-alarm", {
      alarmName: `${props.trailName}-api-gateway-changes`,
      alarmDescription: "An API Gateway API, stage, deployment or setting was created, updated, deleted or put (CloudTrail)",
      namespace: CONTROL_PLANE_METRIC.namespace,
      metricName: CONTROL_PLANE_METRIC.name,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      // No event, no metric: silence is the normal state.
      treatMissingData: "notBreaching",
      alarmActions: [props.alarmTopicArn],
      dependsOn: [filter],
    });
  }
}
