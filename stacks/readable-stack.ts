/**
 * A TerraformStack whose HCL reads as a Terraform engineer would write it:
 * - names from the construct path in snake_case, without what only repeats the resource type
 *   (`aws_cloudwatch_log_group.stage_v1_access_logs`, see `logical-names.ts`), instead of cdktf's path plus
 *   a hash suffix. Names stay stable as long as construct ids do: renaming a construct id renames its
 *   resources, which then need a `moved` block (`moved-addresses.ts`);
 * - `required_version` in the `terraform` block (cdktf 0.21 renders it wrongly, so it is written here);
 * - the comments modules attach to elements (`modules/hcl-comments.ts`) above their blocks;
 * - at the end, the `moved` blocks from the addresses before the naming rule.
 */
import { type IResolveContext, ref, TerraformDataSource, TerraformElement, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import { Node } from "constructs";
import { hclComments } from "../modules/hcl-comments";
import { LogicalNameConflictError, logicalName } from "./logical-names";
import { movedAddresses, movedBlocksHcl } from "./moved-addresses";

/**
 * The Terraform versions every stack accepts: 1.11 is the tested toolchain (and `use_lockfile` of the S3
 * backend needs 1.10); `~>` keeps out a 2.x nobody has tested.
 */
export const TERRAFORM_REQUIRED_VERSION = "~> 1.11";

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

/** What an element's name must be unique among: its block kind and type (`resource aws_kms_key`). */
function namespaceOf(element: TerraformElement | Node): { readonly namespace: string; readonly type?: string } {
  if (element instanceof TerraformResource) return { namespace: `resource ${element.terraformResourceType}`, type: element.terraformResourceType };
  if (element instanceof TerraformDataSource) return { namespace: `data ${element.terraformResourceType}`, type: element.terraformResourceType };
  if (element instanceof TerraformOutput) return { namespace: "output" };
  if (element instanceof TerraformVariable) return { namespace: "variable" };
  return { namespace: element instanceof Node ? "asset" : element.constructor.name };
}

/** The header line cdktf writes for an element's block (before formatting), if it has one. */
function blockHeader(element: TerraformElement): string | undefined {
  if (element instanceof TerraformResource) return `resource "${element.terraformResourceType}" "${element.friendlyUniqueId}" {`;
  if (element instanceof TerraformDataSource) return `data "${element.terraformResourceType}" "${element.friendlyUniqueId}" {`;
  if (element instanceof TerraformOutput) return `output "${element.friendlyUniqueId}" {`;
  if (element instanceof TerraformVariable) return `variable "${element.friendlyUniqueId}" {`;
  return undefined;
}

/** `required_version` as the first line of the `terraform` block cdktf writes first. */
export function withRequiredVersion(hcl: string, constraint: string = TERRAFORM_REQUIRED_VERSION): string {
  if (!hcl.startsWith("terraform {\n")) throw new Error(`ReadableStack: the HCL does not start with a terraform block, where required_version goes: ${hcl.slice(0, 40)}`);
  return hcl.replace("terraform {\n", `terraform {\nrequired_version = "${constraint}"\n`);
}

export class ReadableStack extends TerraformStack {
  /** Whether `prepareStack` skipped cdktf's preparing resolve (see there). */
  public preparingSkipped = false;
  /** Names given so far, by namespace and name: the construct path that has it. */
  private readonly names = new Map<string, string>();

  /** cdktf passes an element, or (for assets) a construct node. */
  public allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const ids = node.scopes.slice(this.node.scopes.length).map((scope) => scope.node.id);
    const { namespace, type } = namespaceOf(element);
    const name = logicalName(ids, type);
    const key = `${namespace} ${name}`;
    const holder = this.names.get(key);
    if (holder !== undefined && holder !== node.path) {
      throw new LogicalNameConflictError(this.node.id, `${type === undefined ? namespace : type}.${name}`, [holder, node.path]);
    }
    this.names.set(key, node.path);
    return name;
  }

  /** cdktf's HCL, with `required_version`, the modules' comments and the moved blocks (see the header). */
  public toHclTerraform(): { [key: string]: any } {
    const result = super.toHclTerraform();
    const elements = this.node.findAll().filter((c): c is TerraformElement => c instanceof TerraformElement);
    let hcl = withRequiredVersion(result.hcl as string);
    for (const element of elements) {
      const comment = hclComments(element);
      const header = blockHeader(element);
      if (comment.length === 0) continue;
      const at = header === undefined ? -1 : hcl.indexOf(`\n${header}\n`);
      if (at < 0) throw new Error(`ReadableStack ${this.node.id}: no block for the comment on ${element.node.path}. Allowed: comments on resources, data sources, outputs and variables`);
      hcl = `${hcl.slice(0, at + 1)}${comment.map((line) => `# ${line}\n`).join("")}${hcl.slice(at + 1)}`;
    }
    const resources = elements
      .filter((e): e is TerraformResource => e instanceof TerraformResource)
      .map((e) => ({ type: e.terraformResourceType, ids: e.node.scopes.slice(this.node.scopes.length).map((scope) => scope.node.id), name: e.friendlyUniqueId }));
    const moved = movedBlocksHcl(movedAddresses(resources));
    return { ...result, hcl: moved === "" ? hcl : `${hcl.replace(/\n*$/, "")}\n\n${moved}\n` };
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
