/**
 * Where Terraform keeps a stack's state: the environment's `stateBackend` and its account's
 * `account.stateBackend`. Terraform only finds a bad bucket name or key at `terraform init`, after a reviewer
 * has read the plan; this schema finds it at synth.
 */
import { z } from "zod";
import { S3_BUCKET_NAME } from "../../aws/limits";
import { section, text } from "./fields";
import { regionField } from "./identity";
import { tagged } from "./tagged";

/** Folders of the state key: `a/b`, no leading, trailing or double `/`. */
const KEY_PREFIX = /^(?=.{1,200}$)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
/** The S3 backend takes the ARN of a KMS key or alias. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|key\/mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/;

export const S3_SHAPE = '{ type: "s3", bucket, region, keyPrefix?, kmsKeyId? }';
const NOT_A_BACKEND = ["is not a state backend", `{ type: "local" } or ${S3_SHAPE}`] as const;

/** State in `terraform.<stack>.tfstate` in the project folder: works out of the box, for one person only. */
const localBackend = section({ type: z.literal("local") }, ...NOT_A_BACKEND);

/**
 * State in an S3 bucket the team already has (this project does not create it): one object per stack
 * (`<keyPrefix>/<stack>/terraform.tfstate`), encrypted, locked with an S3 lock file (`use_lockfile`).
 */
const s3Backend = section(
  {
    type: z.literal("s3"),
    /** The state bucket (versioning on, access limited to the deploy roles). */
    bucket: text(S3_BUCKET_NAME, "an S3 bucket name: 3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit"),
    /** The bucket's region, which may differ from the environment's. */
    region: regionField("the state bucket's AWS region code, such as eu-west-1", { stateBucket: true }),
    /** Folder of this project's state objects in the bucket. @default "apigw-observability" */
    keyPrefix: text(KEY_PREFIX, "folder names of letters, digits, '.', '_' or '-' separated by single '/', no leading or trailing '/', at most 200 characters").default("apigw-observability"),
    /** A customer-managed KMS key (ARN of the key or of an alias) for the state objects. @default the bucket's default encryption */
    kmsKeyId: text(KMS_KEY_ARN, "the ARN of a KMS key or alias, e.g. arn:aws:kms:eu-west-1:123456789012:alias/terraform-state").optional(),
  },
  ...NOT_A_BACKEND,
);

/**
 * Where a stack keeps its state: `{ type: "local" }` or `{ type: "s3", bucket, region, ... }`. Required to be
 * S3 in production (environments and accounts). @default { type: "local" }
 */
export const stateBackendSchema = tagged("type", [localBackend, s3Backend], { notAnObject: NOT_A_BACKEND, unknownTag: "is not a state backend type" }).prefault({ type: "local" });
export type StateBackend = z.output<typeof stateBackendSchema>;
