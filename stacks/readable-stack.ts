/**
 * A TerraformStack whose resource names are the construct path (`stage-v1_access-logs_log-group`)
 * instead of cdktf's default path plus a hash suffix, so the HCL reads well and plans name what they
 * touch. Names stay stable as long as construct ids do: renaming a construct id replaces its resources.
 */
import { type IResolveContext, ref, TerraformElement, TerraformStack } from "cdktf";
import { Node } from "constructs";

/** A reference from one stack to a resource of another, which this project's stacks never make. */
export class CrossStackReferenceError extends Error {
  constructor(
    public readonly stack: string,
    public readonly originStack: string,
    public readonly reference: string,
  ) {
    super(
      `Cross-stack reference: stack "${stack}" refers to ${reference} of stack "${originStack}". ReadableStack skips cdktf's ` +
        `preparing pass, so this would be a reference to a resource "${stack}" does not declare. Allowed: a plain value ` +
        `known at synth (a name from config, or an ARN built with aws/arn.ts), or CDKTF_FULL_PREPARE=1 to let cdktf pass it through terraform_remote_state`,
    );
    this.name = "CrossStackReferenceError";
  }
}

/** What cdktf's (unexported) reference token holds: `type.name.attribute`, the stack that declares it, and the local name cdktf's preparing pass gives it in another stack. */
interface ReferenceToken {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  readonly crossStackIdentifier: Readonly<Record<string, string>>;
  resolve(context: IResolveContext): unknown;
}

/**
 * Makes a reference to another stack's resource, resolved in a ReadableStack that skipped the preparing
 * pass, throw instead of rendering an undeclared `${type.name.attr}`. cdktf's reference class is not
 * exported, so its prototype is reached through `ref()`; the check costs one comparison per reference.
 */
function refuseCrossStackReferences(): void {
  const prototype = Object.getPrototypeOf(ref("cross-stack-guard")) as ReferenceToken & { crossStackGuard?: true };
  if (prototype.crossStackGuard) return;
  const resolve = prototype.resolve;
  prototype.resolve = function (this: ReferenceToken, context: IResolveContext): unknown {
    const origin = this.originStack;
    if (origin !== undefined) {
      const here = TerraformStack.of(context.scope);
      if (origin !== here && here instanceof ReadableStack && here.preparingSkipped && this.crossStackIdentifier[here.toString()] === undefined) {
        throw new CrossStackReferenceError(here.node.id, origin.node.id, this.identifier);
      }
    }
    return resolve.call(this, context);
  };
  prototype.crossStackGuard = true;
}

export class ReadableStack extends TerraformStack {
  /** Whether `prepareStack` skipped cdktf's preparing resolve (see there). */
  public preparingSkipped = false;

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
   * mistake fails the synth (`CrossStackReferenceError`, naming both stacks and the reference) instead of
   * rendering a reference to an undeclared resource. `CDKTF_FULL_PREPARE=1` restores cdktf's pass.
   */
  public prepareStack(): void {
    if (process.env.CDKTF_FULL_PREPARE === "1") return super.prepareStack();
    refuseCrossStackReferences();
    this.ensureBackendExists();
    this.preparingSkipped = true;
  }
}
