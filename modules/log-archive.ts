/**
 * The environment's access-log archive: a hardened bucket with its own customer-managed key, and the two
 * least-privilege roles of the path CloudWatch Logs -> Firehose -> S3. Each stage's stream and
 * subscription filter are a `LogSubscription`; the roles here are scoped to exactly those streams.
 *
 * - The delivery role is assumed by Firehose, only for this account's streams of this archive
 *   (`aws:SourceAccount`, `aws:SourceArn`), and may write only to this bucket, encrypting with this key
 *   through S3.
 * - The subscription role is assumed by CloudWatch Logs of this region for this account, and may only put
 *   records into those streams.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import type { Lifecycle } from "../environments/types";
import { firehoseDeliveryGrant } from "./kms-grants";
import { KmsKey } from "./kms-key";
import { arn, type AwsLocation, regionalServicePrincipal, s3BucketArn } from "./naming";
import { SecureBucket } from "./secure-bucket";
import { serviceTrust } from "./service-trust";

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

export class LogArchive extends Construct {
  public readonly bucket: SecureBucket;
  public readonly key: KmsKey;
  /** Assumed by Firehose to write into the bucket. */
  public readonly deliveryRole: IamRole;
  public readonly deliveryPolicy: IamRolePolicy;
  /** Assumed by CloudWatch Logs to put subscription records into the streams. */
  public readonly subscriptionRole: IamRole;
  public readonly subscriptionPolicy: IamRolePolicy;
  private readonly location: AwsLocation;
  private readonly streamNames: readonly string[];

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    if (props.streamNames.length === 0) {
      throw new Error(`LogArchive ${props.bucketName}: streamNames = []: an archive nothing writes to. Allowed: at least one stream name`);
    }
    const at = props.location;
    this.location = at;
    this.streamNames = props.streamNames;
    const streamArns = props.streamNames.map((name) => this.streamArn(name));
    const bucketArn = s3BucketArn(at.partition, props.bucketName);

    const deliveryTrust = new DataAwsIamPolicyDocument(this, "delivery-trust", {
      statement: [serviceTrust({ service: "firehose.amazonaws.com", sourceAccount: at.accountId, sourceArns: streamArns })],
    });
    this.deliveryRole = new IamRole(this, "delivery-role", {
      name: props.deliveryRoleName,
      description: `Lets Firehose write archived access logs to ${props.bucketName}`,
      assumeRolePolicy: deliveryTrust.json,
    });

    this.key = new KmsKey(this, "key", {
      alias: props.keyAlias,
      description: `Encrypts the access-log archive ${props.bucketName} and its Firehose streams`,
      location: at,
      // A reference to the role: the key policy names it, so the role must exist first.
      grants: [firehoseDeliveryGrant(at, this.deliveryRole.arn, bucketArn)],
      preventDestroy: props.preventDestroy,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      partition: at.partition,
      kmsKeyArn: this.key.arn,
      lifecycle: props.lifecycle,
      preventDestroy: props.preventDestroy,
    });

    // Firehose's documented S3 destination permissions, on this bucket only.
    const delivery = new DataAwsIamPolicyDocument(this, "delivery-permissions", {
      statement: [
        {
          sid: "WriteArchiveObjects",
          effect: "Allow",
          actions: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
          resources: [bucketArn, `${bucketArn}/*`],
        },
        {
          sid: "EncryptArchiveObjects",
          effect: "Allow",
          actions: ["kms:GenerateDataKey", "kms:Decrypt"],
          resources: [this.key.arn],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: [regionalServicePrincipal("s3", at.region)] },
            { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArn, `${bucketArn}/*`] },
          ],
        },
      ],
    });
    this.deliveryPolicy = new IamRolePolicy(this, "delivery-policy", { name: "write-archive", role: this.deliveryRole.id, policy: delivery.json });

    const subscriptionTrust = new DataAwsIamPolicyDocument(this, "subscription-trust", {
      statement: [
        // AWS's documented scope for subscription roles: CloudWatch Logs resources of this account and region.
        serviceTrust({ service: regionalServicePrincipal("logs", at.region), sourceAccount: at.accountId, sourceArns: [arn(at, "logs", "*")], test: "ArnLike" }),
      ],
    });
    this.subscriptionRole = new IamRole(this, "subscription-role", {
      name: props.subscriptionRoleName,
      description: "Lets CloudWatch Logs put access log events into the archive's Firehose streams",
      assumeRolePolicy: subscriptionTrust.json,
    });
    const subscription = new DataAwsIamPolicyDocument(this, "subscription-permissions", {
      statement: [{ sid: "PutIntoArchiveStreams", effect: "Allow", actions: ["firehose:PutRecord", "firehose:PutRecordBatch"], resources: streamArns }],
    });
    this.subscriptionPolicy = new IamRolePolicy(this, "subscription-policy", {
      name: "put-into-archive-streams",
      role: this.subscriptionRole.id,
      policy: subscription.json,
    });
  }

  /** The ARN of one of this archive's streams (built from config, so no reference cycle). */
  public streamArn(streamName: string): string {
    if (!this.streamNames.includes(streamName)) {
      throw new Error(`LogArchive: stream "${streamName}" is not one of this archive's streams. Allowed: ${this.streamNames.join(", ")}`);
    }
    return arn(this.location, "firehose", `deliverystream/${streamName}`);
  }
}
