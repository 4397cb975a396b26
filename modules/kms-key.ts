/** A customer-managed KMS key with rotation, an alias, and a key policy made of service grants. */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey as AwsKmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { assertWithinLimits, kmsAliasProblems } from "../aws/limits";
import { accountRootGrant, type KeyPolicyStatement } from "./kms-grants";
import type { AwsLocation } from "../aws/arn";

export interface KmsKeyProps {
  /**
   * Alias without the `alias/` prefix, e.g. `orders-api-dev-logs`: letters, digits, `/`, `_`, `-` and `:`,
   * at most 250 characters, not starting with `aws/` (KMS CreateAlias rejects anything else at apply).
   */
  readonly alias: string;
  readonly description: string;
  readonly location: AwsLocation;
  /** Statements for the services that use the key (see `kms-grants.ts`); the account root is always added. */
  readonly grants: readonly KeyPolicyStatement[];
  /** Days before a scheduled deletion takes effect, 7..30. @default 30 */
  readonly deletionWindowInDays?: number;
  /** `prevent_destroy`: losing the key loses every log encrypted with it. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * Construct ids: `key`, `alias` and `key-policy`, so the key and alias are named after the construct
 * (`aws_kms_key.audit`, `aws_kms_alias.audit`) and the policy document after both (`audit_key_policy`).
 */
export class KmsKey extends Construct {
  public readonly key: AwsKmsKey;
  public readonly arn: string;
  /** The key policy document. */
  public readonly policy: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    const window = props.deletionWindowInDays ?? 30;
    if (!Number.isInteger(window) || window < 7 || window > 30) {
      throw new Error(`KmsKey ${props.alias}: deletionWindowInDays = ${window} is out of range. Allowed: a whole number from 7 to 30`);
    }
    assertWithinLimits(`KmsKey ${props.alias}`, kmsAliasProblems(`alias/${props.alias}`).map((p) => ({ ...p, field: "alias" })));
    // The account root always administers the key: CreateKey and PutKeyPolicy refuse a policy that would
    // lock the caller out (the lockout safety check), and without it nobody could repair the policy.
    this.policy = new DataAwsIamPolicyDocument(this, "key-policy", {
      statement: [accountRootGrant(props.location), ...props.grants],
    });
    this.key = new AwsKmsKey(this, "key", {
      description: props.description,
      // The default key spec, SYMMETRIC_DEFAULT: CloudWatch Logs, SNS, S3 and Firehose use symmetric keys only.
      enableKeyRotation: true,
      deletionWindowInDays: window,
      policy: this.policy.json,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    new KmsAlias(this, "alias", { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
    this.arn = this.key.arn;
  }
}
