/**
 * A TerraformStack whose resource names are the construct path (`stage-v1_access-logs_log-group`)
 * instead of cdktf's default path plus a hash suffix, so the HCL reads well and plans name what they
 * touch. Names stay stable as long as construct ids do: renaming a construct id replaces its resources.
 */
import { TerraformElement, TerraformStack } from "cdktf";
import { Node } from "constructs";

export class ReadableStack extends TerraformStack {
  /** cdktf passes an element, or (for assets) a construct node. */
  public allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const parts = node.scopes
      .slice(this.node.scopes.length)
      .map((scope) => scope.node.id)
      .filter((id) => id !== "Default" && id !== "Resource");
    const name = parts.join("_").replace(/[^A-Za-z0-9_-]/g, "_");
    return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
  }

  /**
   * cdktf's prepareStack resolves every element of the stack a first time only to discover cross-stack
   * references, then resolves them all again to render. Stacks here are built from config alone and never
   * share a construct, so there are none to discover: skipping that pass saves a fifth of the synth time,
   * and the output is identical (a test compares it with the full pass). A cross-stack reference added by
   * mistake would render as a reference to an undeclared resource, which `terraform validate` rejects.
   * `CDKTF_FULL_PREPARE=1` restores cdktf's pass.
   */
  public prepareStack(): void {
    if (process.env.CDKTF_FULL_PREPARE === "1") return super.prepareStack();
    this.ensureBackendExists();
  }
}
