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
}
