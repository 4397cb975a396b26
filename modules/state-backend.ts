/**
 * Where a stack keeps its Terraform state. The local default keeps `terraform.<stack>.tfstate` in the
 * project root (as cdktf does), written as a path relative to the stack's output folder
 * (`cdktf.out/stacks/<stack>/`), so the HCL names no machine path and re-synthesizing never deletes state.
 */
import { LocalBackend, TerraformStack } from "cdktf";

export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export function configureStateBackend(stack: TerraformStack, stackName: string): void {
  new LocalBackend(stack, { path: localStatePath(stackName) });
}
