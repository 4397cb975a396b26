/**
 * Where a stack keeps its Terraform state.
 *
 * - local (the default): `terraform.<stack>.tfstate` in the project root (as cdktf does), written as a path
 *   relative to the stack's output folder (`cdktf.out/stacks/<stack>/`), so the HCL names no machine path
 *   and re-synthesizing never deletes state;
 * - S3: one object per stack, `<keyPrefix>/<stack>/terraform.tfstate`, always encrypted, locked with an S3
 *   lock file (`use_lockfile`, Terraform >= 1.10: no DynamoDB table to run).
 */
import { LocalBackend, S3Backend, TerraformBackend, TerraformStack } from "cdktf";

/** State in `terraform.<stack>.tfstate` in the project root: for one person only. */
export interface LocalStateBackendSettings {
  readonly type: "local";
}

/** State in an S3 bucket that already exists (versioned, access limited to the deploy roles). */
export interface S3StateBackendSettings {
  readonly type: "s3";
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /** Folder of the state objects in the bucket: `<keyPrefix>/<stack>/terraform.tfstate`. */
  readonly keyPrefix: string;
  /** A customer-managed KMS key (ARN or `alias/...`) for the state objects. @default the bucket's default encryption */
  readonly kmsKeyId?: string;
}

export type StateBackendSettings = LocalStateBackendSettings | S3StateBackendSettings;

export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export function s3StateKey(keyPrefix: string, stackName: string): string {
  return `${keyPrefix}/${stackName}/terraform.tfstate`;
}

/** @param backend where the state goes; @default local state */
export function configureStateBackend(stack: TerraformStack, stackName: string, backend: StateBackendSettings = { type: "local" }): TerraformBackend {
  if (backend.type === "local") return new LocalBackend(stack, { path: localStatePath(stackName) });
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: s3StateKey(backend.keyPrefix, stackName),
    region: backend.region,
    encrypt: true,
    ...(backend.kmsKeyId === undefined ? {} : { kmsKeyId: backend.kmsKeyId }),
  });
  // cdktf 0.21's S3BackendConfig has no `useLockfile`.
  s3.addOverride("use_lockfile", true);
  return s3;
}
