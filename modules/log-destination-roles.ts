/**
 * The two least-privilege roles of an environment's log destinations (CloudWatch Logs -> Firehose -> Splunk,
 * failed records backed up into the archive bucket), apart from the archive's own roles:
 *
 * - the delivery role, assumed by Firehose for this account only (`sts:ExternalId`, as the archive's), may write
 *   the backups into the archive bucket (encrypting through S3 with the archive key), log each stream's delivery
 *   and backup errors to its own log streams, and read the streams' HEC token secrets (Secrets Manager
 *   integration: SecretsManagerConfiguration's RoleARN "is required for Splunk");
 * - the subscription role, assumed by CloudWatch Logs of this region for this account, may only put records
 *   into those streams.
 *
 * The policies name each stream's log streams and stream by reference, so every one of them exists before the
 * policy that names it; the streams (`LogDestination`, one per stage) attach themselves. Construct ids:
 * `aws_iam_role.log_destinations_delivery`, `aws_iam_role.log_destinations_subscription`.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { deliveryPermissions } from "../aws/archive-permissions";
import type { AwsLocation } from "../aws/arn";
import { destinationSubscriptionPermissions, type TokenSecret, tokenSecretPermissions } from "../aws/log-destinations";
import { AttachedStreams } from "./attached-streams";
import { firehoseTrust } from "./service-trust";
import { SubscriptionRole } from "./subscription-role";

export interface LogDestinationRolesProps {
  readonly location: AwsLocation;
  readonly deliveryRoleName: string;
  readonly subscriptionRoleName: string;
  /** The archive bucket the failed records are backed up into, and the key it is encrypted with. */
  readonly backup: { readonly bucketArn: string; readonly keyArn: string; readonly bucketName: string };
  /** The streams that will attach themselves: their names, and where each reads its HEC token. */
  readonly streams: readonly ({ readonly streamName: string } & TokenSecret)[];
}

/** What a destination stream tells the roles about itself (references). */
export interface AttachedDestination {
  readonly streamArn: string;
  /** The log streams it writes its delivery and backup errors to (DestinationDelivery, BackupDelivery). */
  readonly errorLogStreamArns: readonly [string, string];
}

export class LogDestinationRoles extends Construct {
  public readonly deliveryRole: IamRole;
  public readonly deliveryPolicy: IamRolePolicy;
  /** Assumed by CloudWatch Logs to put records into the streams; makes each stream's filter. */
  public readonly subscription: SubscriptionRole;
  private readonly streamNames: readonly string[];
  private readonly attached: AttachedStreams<AttachedDestination>;

  constructor(scope: Construct, id: string, props: LogDestinationRolesProps) {
    super(scope, id);
    if (props.streams.length === 0) {
      throw new Error(`LogDestinationRoles ${props.deliveryRoleName}: streams = []: roles no stream uses. Allowed: at least one destination stream`);
    }
    const at = props.location;
    this.streamNames = props.streams.map((s) => s.streamName);
    this.attached = new AttachedStreams({ owner: "LogDestinationRoles", attacher: "LogDestination", streamNames: this.streamNames });
    const delivery = new Construct(this, "delivery");
    // Second in the tree, so in the HCL, as the subscription group has always been.
    this.subscription = new SubscriptionRole(this, "subscription", {
      location: at,
      roleName: props.subscriptionRoleName,
      description: "Lets CloudWatch Logs put access log events into the log destinations' Firehose streams",
      policyName: "put-into-log-destinations",
      permissions: destinationSubscriptionPermissions(this.streamNames.map((name) => this.attached.lazy(name, (s) => s.streamArn))),
    });

    const deliveryTrust = new DataAwsIamPolicyDocument(delivery, "trust", { statement: [firehoseTrust(at.accountId)] });
    this.deliveryRole = new IamRole(delivery, "role", {
      name: props.deliveryRoleName,
      description: `Lets Firehose deliver access logs to Splunk and back failed records up to ${props.backup.bucketName}`,
      assumeRolePolicy: deliveryTrust.json,
    });
    const deliveryDocument = new DataAwsIamPolicyDocument(delivery, "permissions", {
      statement: [
        ...deliveryPermissions(
          at,
          props.backup.bucketArn,
          props.backup.keyArn,
          this.streamNames.flatMap((name) => [0, 1].map((i) => this.attached.lazy(name, (s) => s.errorLogStreamArns[i]))),
        ),
        ...tokenSecretPermissions(at, props.streams),
      ],
    });
    this.deliveryPolicy = new IamRolePolicy(delivery, "policy", { name: "deliver-log-destinations", role: this.deliveryRole.id, policy: deliveryDocument.json });

  }

  /** Called by each stream: the policies name what it created. */
  public attach(streamName: string, stream: AttachedDestination): void {
    if (!this.streamNames.includes(streamName)) {
      throw new Error(`LogDestinationRoles: stream "${streamName}" is not one of the roles' streams. Allowed: ${this.streamNames.join(", ")}`);
    }
    this.attached.attach(streamName, stream);
  }
}
