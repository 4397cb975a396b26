/** A CloudWatch log group that is always encrypted and always has a retention. */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { CLOUDWATCH_RETENTION_DAYS } from "../aws/limits";
import { assertWithinLimits, logGroupNameProblems } from "../aws/limits";

export interface EncryptedLogGroupProps {
  /**
   * 1 to 512 letters, digits, `_`, `-`, `/`, `.` or `#`, not starting with `aws/` (CreateLogGroup rejects
   * anything else at apply). Terraform references inside the name are checked by AWS.
   */
  readonly name: string;
  /** A retention CloudWatch Logs accepts (validated with the environment config). */
  readonly retentionInDays: number;
  /** ARN of a KMS key whose policy lets CloudWatch Logs use it. */
  readonly kmsKeyArn: string;
  /** `prevent_destroy`: a rename or a stray destroy cannot delete the logs. @default false */
  readonly preventDestroy?: boolean;
}

export class EncryptedLogGroup extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    assertWithinLimits(`EncryptedLogGroup ${id}`, [
      ...logGroupNameProblems("name", props.name),
      // PutRetentionPolicy accepts only these values.
      ...((CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(props.retentionInDays)
        ? []
        : [{ field: "retentionInDays", value: props.retentionInDays, problem: "is not a retention CloudWatch Logs accepts", allowed: CLOUDWATCH_RETENTION_DAYS.join(", ") }]),
    ]);
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: props.name,
      retentionInDays: props.retentionInDays,
      kmsKeyId: props.kmsKeyArn,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.name = this.logGroup.name;
    this.arn = this.logGroup.arn;
  }
}
