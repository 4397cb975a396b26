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
import type { StateBackend } from "../environments/types";

export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export function s3StateKey(keyPrefix: string, stackName: string): string {
  return `${keyPrefix}/${stackName}/terraform.tfstate`;
}

/** @param backend a validated backend; @default local state */
export function configureStateBackend(stack: TerraformStack, stackName: string, backend: StateBackend = { type: "local" }): TerraformBackend {
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
