/**
 * The environment's access-log archive: a hardened bucket with its own customer-managed key, and the two
 * least-privilege roles of the path CloudWatch Logs -> Firehose -> S3. Each stage's stream and
 * subscription filter are a `LogSubscription`; the roles here are scoped to exactly those streams.
 *
 * - The delivery role is assumed by Firehose on behalf of this account only (`sts:ExternalId`, the
 *   condition Firehose documents for its roles), and may write only to this bucket, encrypting with this
 *   key through S3, and its delivery errors only to each stream's own error log stream.
 * - The subscription role is assumed by CloudWatch Logs of this region for this account, and may only put
 *   records into those streams.
 *
 * The policies refer to the bucket, the streams and their error log streams (references, so each is created
 * after what it names); the streams, created later by each stage's `LogSubscription`, `attach` themselves.
 * Construct ids: the roles and their documents are grouped (`delivery`, `subscription`) and the key is the
 * `Default` child, so the HCL reads `aws_iam_role.archive_delivery`, `aws_kms_key.archive`, `aws_s3_bucket.archive`.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { arn, type AwsLocation } from "../aws/arn";
import { deliveryPermissions, firehoseErrorLogGroupName, firehoseErrorLogStreamArn, subscriptionPermissions } from "../aws/archive-permissions";
import type { Lifecycle } from "../aws/lifecycle";
import { firehoseDeliveryGrant } from "./kms-grants";
import { KmsKey } from "./kms-key";
import { AttachedStreams } from "./attached-streams";
import { SecureBucket } from "./secure-bucket";
import { firehoseTrust } from "./service-trust";
import { SubscriptionRole } from "./subscription-role";

export interface LogArchiveProps {
  readonly location: AwsLocation;
  readonly bucketName: string;
  /** Alias of the archive's key, without `alias/`. */
  readonly keyAlias: string;
  /** Names of the Firehose streams that write here (one per stage); the roles allow exactly these. */
  readonly streamNames: readonly string[];
  readonly deliveryRoleName: string;
  readonly subscriptionRoleName: string;
  readonly lifecycle: Lifecycle;
  /** `prevent_destroy` on the bucket and its key. @default false */
  readonly preventDestroy?: boolean;
}

/** What a stage's stream tells the archive about itself (references). */
export interface AttachedStream {
  /** The Firehose stream's ARN. */
  readonly streamArn: string;
  /** The ARN of the log stream the stream writes its errors to. */
  readonly errorLogStreamArn: string;
}

export class LogArchive extends Construct {
  public readonly bucket: SecureBucket;
  public readonly key: KmsKey;
  /** Assumed by Firehose to write into the bucket. */
  public readonly deliveryRole: IamRole;
  public readonly deliveryPolicy: IamRolePolicy;
  /** Assumed by CloudWatch Logs to put subscription records into the streams; makes each stream's filter. */
  public readonly subscription: SubscriptionRole;
  private readonly location: AwsLocation;
  private readonly streamNames: readonly string[];
  private readonly attached: AttachedStreams<AttachedStream>;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    if (props.streamNames.length === 0) {
      throw new Error(`LogArchive ${props.bucketName}: streamNames = []: an archive nothing writes to. Allowed: at least one stream name`);
    }
    const at = props.location;
    this.location = at;
    this.streamNames = props.streamNames;
    this.attached = new AttachedStreams({ owner: `LogArchive ${props.bucketName}`, attacher: "LogSubscription", streamNames: props.streamNames });
    const delivery = new Construct(this, "delivery");
    // Second in the tree, so in the HCL, as the subscription group has always been.
    this.subscription = new SubscriptionRole(this, "subscription", {
      location: at,
      roleName: props.subscriptionRoleName,
      description: "Lets CloudWatch Logs put access log events into the archive's Firehose streams",
      policyName: "put-into-archive-streams",
      permissions: subscriptionPermissions(props.streamNames.map((name) => this.attached.lazy(name, (s) => s.streamArn))),
    });

    const deliveryTrust = new DataAwsIamPolicyDocument(delivery, "trust", { statement: [firehoseTrust(at.accountId)] });
    this.deliveryRole = new IamRole(delivery, "role", {
      name: props.deliveryRoleName,
      description: `Lets Firehose write archived access logs to ${props.bucketName}`,
      assumeRolePolicy: deliveryTrust.json,
    });

    // The key policy names the role and the bucket (references: both exist before the key); the bucket,
    // created next, is encrypted with the key.
    const bucketArn = Lazy.stringValue({ produce: () => this.bucket.arn });
    this.key = new KmsKey(this, "Default", {
      alias: props.keyAlias,
      description: `Encrypts the access-log archive ${props.bucketName} and its Firehose streams`,
      location: at,
      grants: [firehoseDeliveryGrant(at, this.deliveryRole.arn, bucketArn)],
      preventDestroy: props.preventDestroy,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKeyArn: this.key.arn,
      lifecycle: props.lifecycle,
      preventDestroy: props.preventDestroy,
    });

    const deliveryPermissionsDocument = new DataAwsIamPolicyDocument(delivery, "permissions", {
      statement: deliveryPermissions(
        at,
        this.bucket.arn,
        this.key.arn,
        props.streamNames.map((name) => this.attached.lazy(name, (s) => s.errorLogStreamArn)),
      ),
    });
    this.deliveryPolicy = new IamRolePolicy(delivery, "policy", { name: "write-archive", role: this.deliveryRole.id, policy: deliveryPermissionsDocument.json });

  }

  /** Called by the `LogSubscription` of one of this archive's streams: the roles' policies name what it created. */
  public attach(streamName: string, stream: AttachedStream): void {
    this.streamArn(streamName);
    this.attached.attach(streamName, stream);
  }

  /** The error log group of one of this archive's streams (its name, known at synth). */
  public errorLogGroupName(streamName: string): string {
    this.streamArn(streamName);
    return firehoseErrorLogGroupName(streamName);
  }

  /** The ARN of the log stream Firehose writes one stream's errors to. */
  public errorLogStreamArn(streamName: string): string {
    this.streamArn(streamName);
    return firehoseErrorLogStreamArn(this.location, streamName);
  }

  /** The ARN of one of this archive's streams (built from config, so no reference cycle). */
  public streamArn(streamName: string): string {
    if (!this.streamNames.includes(streamName)) {
      throw new Error(`LogArchive: stream "${streamName}" is not one of this archive's streams. Allowed: ${this.streamNames.join(", ")}`);
    }
    return arn(this.location, "firehose", `deliverystream/${streamName}`);
  }
}
