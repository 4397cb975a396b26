/**
 * Rules on where Terraform state lives: the environment's and its account's `stateBackend`. Terraform only
 * finds a bad bucket name or key at `terraform init`, after a reviewer has read the plan; these rules find
 * it at synth.
 */
import { STATE_BACKEND_TYPES, type Environment, type StateBackend } from "../types";
import { S3_BUCKET_NAME } from "../../modules/aws-limits";
import { type ConfigIssue, isObject, issue, matches, oneOf } from "./checks";
import { regionIssues } from "./identity";

/** Folders of the state key: `a/b`, no leading, trailing or double `/`. */
const KEY_PREFIX = /^(?=.{1,200}$)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
/** The S3 backend takes the ARN of a KMS key or alias. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|key\/mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/;

const S3_SHAPE = '{ type: "s3", bucket, region, keyPrefix?, kmsKeyId? }';

/** The issues of one backend setting, reported under `field` (`stateBackend` or `account.stateBackend`). */
export function stateBackendIssues(field: string, backend: unknown): ConfigIssue[] {
  if (!isObject(backend)) return [issue(field, backend, "is not a state backend", `{ type: "local" } or ${S3_SHAPE}`)];
  const typeIssues = oneOf(`${field}.type`, backend.type, STATE_BACKEND_TYPES, "is not a state backend type");
  if (typeIssues.length > 0 || backend.type !== "s3") return typeIssues;
  return [
    ...matches(`${field}.bucket`, backend.bucket, S3_BUCKET_NAME, "an S3 bucket name: 3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit"),
    ...regionIssues(`${field}.region`, backend.region, "the state bucket's AWS region code, such as eu-west-1", { stateBucket: true }),
    ...matches(`${field}.keyPrefix`, backend.keyPrefix, KEY_PREFIX, "folder names of letters, digits, '.', '_' or '-' separated by single '/', no leading or trailing '/', at most 200 characters"),
    ...(backend.kmsKeyId === undefined
      ? []
      : matches(`${field}.kmsKeyId`, backend.kmsKeyId, KMS_KEY_ARN, "the ARN of a KMS key or alias, e.g. arn:aws:kms:eu-west-1:123456789012:alias/terraform-state")),
  ];
}

export function stateBackends(env: Environment): ConfigIssue[] {
  return [
    ...stateBackendIssues("stateBackend", env.stateBackend),
    ...(isObject(env.account) ? stateBackendIssues("account.stateBackend", env.account.stateBackend) : []),
  ];
}

const isLocal = (backend: StateBackend | undefined): boolean => isObject(backend) && backend.type === "local";
const LOCAL_IN_PRODUCTION = "keeps production state in a file on one machine: unshared, unlocked, lost with the laptop";

/** Production state is shared, locked and versioned: never a local file. */
export function productionStateBackend(env: Environment): ConfigIssue[] {
  return [
    ...(env.tier === "production" && isLocal(env.stateBackend) ? [issue("stateBackend", env.stateBackend, LOCAL_IN_PRODUCTION, S3_SHAPE)] : []),
    ...(isObject(env.account) && env.account.production === true && isLocal(env.account.stateBackend)
      ? [issue("account.stateBackend", env.account.stateBackend, LOCAL_IN_PRODUCTION, S3_SHAPE)]
      : []),
  ];
}

/** The S3 state buckets one environment names, with whether production state goes there. */
export function stateBuckets(env: Environment): { field: string; bucket: string; production: boolean }[] {
  const found: { field: string; bucket: string; production: boolean }[] = [];
  const add = (field: string, backend: unknown, production: boolean) => {
    if (isObject(backend) && backend.type === "s3" && typeof backend.bucket === "string") found.push({ field, bucket: backend.bucket, production });
  };
  add("stateBackend.bucket", env.stateBackend, env.tier === "production");
  if (isObject(env.account)) add("account.stateBackend.bucket", env.account.stateBackend, env.account.production === true);
  return found;
}
