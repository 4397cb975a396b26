/**
 * The role CloudWatch Logs assumes to put log events into Firehose streams, allowed only those streams, and the
 * subscription filters that use it: one for the archive's streams (`LogArchive`), one for the log
 * destinations' (`LogDestinationRoles`). Construct ids `trust`, `role`, `permissions` and `policy` under the
 * owner's `subscription`, so the HCL reads `aws_iam_role.<owner>_subscription`.
 */
import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { AwsLocation } from "../aws/arn";
import { logsSubscriptionTrust } from "./service-trust";

export interface SubscriptionRoleProps {
  readonly location: AwsLocation;
  readonly roleName: string;
  readonly description: string;
  /** The inline policy's name. */
  readonly policyName: string;
  /** What the role may do: put records into the owner's streams. */
  readonly permissions: readonly DataAwsIamPolicyDocumentStatement[];
}

export interface SubscriptionProps {
  /** The filter's name, unique in its log group. */
  readonly name: string;
  readonly logGroupName: string;
  /** The Firehose stream that receives the events. */
  readonly streamArn: string;
}

export class SubscriptionRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: SubscriptionRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, "trust", { statement: [logsSubscriptionTrust(props.location)] });
    this.role = new IamRole(this, "role", { name: props.roleName, description: props.description, assumeRolePolicy: trust.json });
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", { statement: [...props.permissions] });
    this.policy = new IamRolePolicy(this, "policy", { name: props.policyName, role: this.role.id, policy: permissions.json });
  }

  /** A subscription filter, as `scope`'s child `id`, that sends every event of a log group to a stream through this role. */
  public subscribe(scope: Construct, id: string, props: SubscriptionProps): CloudwatchLogSubscriptionFilter {
    return new CloudwatchLogSubscriptionFilter(scope, id, {
      name: props.name,
      logGroupName: props.logGroupName,
      // Every event: the archive is the complete record, and the analytics see what it keeps.
      filterPattern: "",
      destinationArn: props.streamArn,
      roleArn: this.role.arn,
      // CloudWatch Logs tests the role by putting a record when the filter is created.
      dependsOn: [this.policy],
    });
  }
}
