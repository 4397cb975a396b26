/**
 * What a plan changes, resource by resource, kept beside the plan's text (`plans/<stack>.changes.json`) for
 * the pull request's comment. Only addresses and actions: `terraform show -json` also holds every planned
 * value, sensitive ones in plain text (Terraform's `show` documentation), which must not become an artifact.
 * The actions are those of Terraform's JSON output format (https://developer.hashicorp.com/terraform/internals/json-format):
 * `["no-op"]`, `["create"]`, `["read"]`, `["update"]`, `["delete", "create"]`, `["create", "delete"]`, `["delete"]`
 * (and `["forget"]` since Terraform 1.7).
 */
import * as path from "path";

/** Whether a plan ran against AWS or offline (mock credentials, local state). */
export type PlanMode = "online" | "offline";

export interface ResourceChange {
  readonly address: string;
  /** Terraform's `change.actions`, as it wrote them. */
  readonly actions: readonly string[];
  /** Where a `moved` block moves it from. @default not moved */
  readonly previousAddress?: string;
  /** Imported by this plan (an `import` block). @default false */
  readonly importing?: boolean;
}

/** One stack's plan, as the pull request's comment reads it. */
export interface StackPlanRecord {
  readonly stack: string;
  readonly mode: PlanMode;
  readonly ok: boolean;
  /** The resources this plan changes, by address; absent when the plan failed. */
  readonly changes?: readonly ResourceChange[];
}

/** The file of a stack's record in a plans folder. */
export function changesFile(dir: string, stack: string): string {
  return path.join(dir, `${stack}.changes.json`);
}

interface PlannedChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly change: { readonly actions: readonly string[]; readonly importing?: unknown };
}

/** Orders resources by address, as Terraform's own listings do. */
export function byAddress(a: { readonly address: string }, b: { readonly address: string }): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

/**
 * The resources a `terraform show -json` plan changes, in address order. A no-op is left out unless it
 * moves or imports the resource, which a reviewer must see even though nothing in AWS changes.
 */
export function resourceChanges(plan: { readonly resource_changes?: readonly PlannedChange[] }): ResourceChange[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => !isNoOp(rc.change.actions) || rc.previous_address !== undefined || rc.change.importing !== undefined)
    .map((rc) => ({
      address: rc.address,
      actions: [...rc.change.actions],
      ...(rc.previous_address !== undefined ? { previousAddress: rc.previous_address } : {}),
      ...(rc.change.importing !== undefined ? { importing: true } : {}),
    }))
    .sort(byAddress);
}

const isNoOp = (actions: readonly string[]) => actions.length === 1 && actions[0] === "no-op";

/** A resource as `terraform plan -json`'s `planned_change` messages give it: its address and one action word. */
interface PlannedAction {
  readonly address: string;
  readonly action: string;
}

/**
 * The changes of a plan from empty state (the offline plan: a copy without state), in address order, from the
 * plan's own `planned_change` messages: no `terraform show -json`, which starts the AWS provider once more.
 * From empty state a plan only creates and reads. Any other action is refused: those messages say `replace`
 * without its order, and what `resourceChanges` reads of a moved or imported resource.
 */
export function emptyStateChanges(stack: string, planned: readonly PlannedAction[]): ResourceChange[] {
  const unexpected = planned.filter((r) => r.action !== "create" && r.action !== "read");
  if (unexpected.length > 0) {
    const found = unexpected.map((r) => `${r.action} of ${r.address}`).join(", ");
    throw new Error(`The offline plan of stack ${stack} has ${found}. Allowed: create and read, the only actions of a plan from empty state`);
  }
  return planned.map((r) => ({ address: r.address, actions: [r.action] })).sort(byAddress);
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  create: "create",
  read: "read",
  update: "update",
  delete: "destroy",
  "delete,create": "replace (destroy, then create)",
  "create,delete": "replace (create, then destroy)",
  forget: "forget (removed from state, not destroyed)",
};

/** The words a plan uses for a change: `destroy`, `replace (create, then destroy)`, `move, update`, `import`, ... */
export function actionLabel(change: ResourceChange): string {
  const base = isNoOp(change.actions) ? [] : [ACTION_LABELS[change.actions.join(",")] ?? change.actions.join(", ")];
  return [...(change.importing ? ["import"] : []), ...(change.previousAddress !== undefined ? ["move"] : []), ...base].join(", ");
}

/** Destructive changes first, as a reviewer should read them: destroy and replace, forget, update, create, the rest. */
export function reviewRank(change: ResourceChange): number {
  const actions = change.actions;
  if (actions.includes("delete")) return 0;
  if (actions.includes("forget")) return 1;
  if (actions.includes("update")) return 2;
  if (actions.includes("create")) return 3;
  return actions.includes("read") ? 5 : 4;
}
