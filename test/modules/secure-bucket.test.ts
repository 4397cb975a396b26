import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Testing } from "cdktf";
import { SecureBucket } from "../../modules/secure-bucket";
import { archiveLifecycle } from "../support/lifecycle";
import { dataNamed, only, synth } from "../support/synth";

const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/k";
const props = { bucketName: "svc-dev-log-archive-123456789012-eu-west-1", kmsKeyArn, lifecycle: archiveLifecycle };

describe("SecureBucket", () => {
  // GIVEN a bucket with one extra policy statement
  const extra = (bucketArn: string) => ({ sid: "Writer", effect: "Allow", principals: [{ type: "Service", identifiers: ["x.amazonaws.com"] }], actions: ["s3:PutObject"], resources: [`${bucketArn}/*`] });
  const s = synth((scope) => new SecureBucket(scope, "archive", { ...props, policyStatements: (bucketArn) => [extra(bucketArn)] }));

  it("is never force-destroyed, and not protected unless asked", () => {
    expect(s.json).toHaveResourceWithProperties(S3Bucket, { bucket: props.bucketName, force_destroy: false });
    expect(only(s, "aws_s3_bucket").lifecycle).toBeUndefined();
  });

  it("can be protected from destroy", () => {
    const p = synth((scope) => new SecureBucket(scope, "b", { ...props, preventDestroy: true }));
    expect(only(p, "aws_s3_bucket").lifecycle).toEqual({ prevent_destroy: true });
  });

  it("keeps every version, encrypts with the customer-managed key and owns every object", () => {
    expect(s.json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(s.json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: kmsKeyArn }, bucket_key_enabled: true }],
    });
    expect(s.json).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  it("blocks every kind of public access", () => {
    expect(s.json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });

  it("denies any request without TLS, next to the statements it is given, after the public access block", () => {
    const statements = dataNamed(s, "aws_iam_policy_document", "policy-document").statement;
    expect(statements[0]).toEqual({
      sid: "DenyInsecureTransport",
      effect: "Deny",
      principals: [{ type: "*", identifiers: ["*"] }],
      actions: ["s3:*"],
      // the bucket by reference, so the document is read once the bucket exists
      resources: [expect.stringMatching(/^\$\{aws_s3_bucket\.archive_bucket_[^.]+\.arn\}$/), expect.stringMatching(/^\$\{aws_s3_bucket\.archive_bucket_[^.]+\.arn\}\/\*$/)],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    // the writers' statements get the same reference
    expect(statements[1]).toMatchObject({ sid: "Writer", resources: [statements[0].resources[1]] });
    expect(only(s, "aws_s3_bucket_policy").depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
  });

  it("applies its lifecycle after versioning, every rule with a filter", () => {
    const lifecycle = only(s, "aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\./)]);
    expect(lifecycle.rule.length).toBeGreaterThan(0);
    for (const rule of lifecycle.rule) expect(rule.filter).toBeDefined();
  });

  it.each([
    ["too long", `${"a".repeat(60)}-1234`],
    ["upper case", "My-Bucket"],
    ["ends with -", "bucket-"],
  ])("rejects a bucket name that is %s", (_why, bucketName) => {
    expect(() => Testing.synthScope((scope) => new SecureBucket(scope, "b", { ...props, bucketName }))).toThrow(
      `SecureBucket: bucketName = "${bucketName}" (${bucketName.length} characters) is not a valid S3 bucket name. Allowed: 3 to 63`,
    );
  });

  it("rejects a lifecycle S3 would reject", () => {
    expect(() => Testing.synthScope((scope) => new SecureBucket(scope, "b", { ...props, lifecycle: { ...archiveLifecycle, expirationDays: 100 } }))).toThrow(
      "lifecycle.expirationDays = 100: expires objects before their last transition",
    );
  });
});
