/**
 * A hardened S3 bucket for records that must not be lost or leaked: versioned, SSE-KMS with a
 * customer-managed key (and an S3 Bucket Key, so KMS is called per bucket rather than per object), every
 * kind of public access blocked, ACLs disabled (`BucketOwnerEnforced`), a bucket policy that denies any
 * request not made over TLS, and a lifecycle that archives, expires and cleans up. Never `force_destroy`:
 * destroying a bucket that still holds objects fails; `preventDestroy` stops even the attempt.
 */
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import type { Lifecycle } from "../aws/lifecycle";
import { MAX_BUCKET_NAME_LENGTH, S3_BUCKET_NAME } from "../aws/limits";
import { lifecycleRules } from "./lifecycle-rules";

export interface SecureBucketProps {
  /** Globally unique: 3 to 63 lower-case letters, digits, `-` and `.`. */
  readonly bucketName: string;
  /** ARN of the customer-managed KMS key that encrypts every object. */
  readonly kmsKeyArn: string;
  /** Transitions and expirations (validated: S3's rules are checked here too). */
  readonly lifecycle: Lifecycle;
  /**
   * Statements the bucket's writers need (e.g. CloudTrail's), next to the TLS-only deny, given the bucket's
   * ARN (a reference to the bucket). @default none
   */
  readonly policyStatements?: (bucketArn: string) => readonly DataAwsIamPolicyDocumentStatement[];
  /** `prevent_destroy` on the bucket: a rename or a stray destroy cannot delete the records. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * Construct ids repeat the resource types (`bucket`, `versioning`, `policy`, ...), so every resource is named
 * after the construct (`aws_s3_bucket.archive`, `aws_s3_bucket_policy.archive`) and the policy document
 * after it and the bucket (`data.aws_iam_policy_document.archive_bucket`).
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket name as a plain string (from config, for descriptions). */
  public readonly name: string;
  /** A reference to the bucket's ARN. */
  public readonly arn: string;
  /** The bucket policy's document. */
  public readonly policyDocument: DataAwsIamPolicyDocument;
  public readonly versioning: S3BucketVersioningA;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly policy: S3BucketPolicy;
  public readonly lifecycle: S3BucketLifecycleConfiguration;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const name = props.bucketName;
    if (!S3_BUCKET_NAME.test(name)) {
      throw new Error(`SecureBucket: bucketName = "${name}" (${name.length} characters) is not a valid S3 bucket name. Allowed: 3 to ${MAX_BUCKET_NAME_LENGTH} lower-case letters, digits, '-' or '.', starting and ending with a letter or digit`);
    }
    const rules = lifecycleRules(props.lifecycle);
    this.name = name;

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: name,
      forceDestroy: false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;
    this.versioning = new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });

    this.policyDocument = new DataAwsIamPolicyDocument(this, "policy-document", {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [this.arn, `${this.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...(props.policyStatements?.(this.arn) ?? []),
      ],
    });
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: this.policyDocument.json,
      // S3 rejects concurrent changes to a bucket's public access block and its policy.
      dependsOn: [this.publicAccessBlock],
    });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: rules,
      // Noncurrent-version rules need versioning on first (AWS provider documentation).
      dependsOn: [this.versioning],
    });
  }
}
