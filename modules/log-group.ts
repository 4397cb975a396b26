/** A CloudWatch log group that is always encrypted and always has a retention. */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";

export interface EncryptedLogGroupProps {
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
