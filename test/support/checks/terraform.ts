/**
 * What every synthesized stack must pass in Terraform itself, whichever registry it came from: `fmt -check`,
 * `validate` with no error and no warning, and an offline plan that only creates. Called inside a
 * `describe`, with the results of `checkStacks` (scripts/lib/check-stack.ts) once its `beforeAll` has them.
 */
import type { StackCheck } from "../../../scripts/lib/check-stack";

/** A checked stack's planned resources of one type: each resource's address and planned values. */
export function plannedResources(check: StackCheck, type: string): any[] {
  if (!check.plan) throw new Error(`the planned values of stack ${check.stack} were not read: name it in checkStacks' values`);
  return check.plan.resource_changes.filter((c: any) => c.type === type).map((c: any) => ({ address: c.address, ...c.change.after }));
}

/** The addresses of a checked stack's planned resources of one type (no values needed). */
export function plannedAddresses(check: StackCheck, type: string): string[] {
  return (check.resources ?? []).filter((r) => r.type === type).map((r) => r.address);
}

export function describeTerraformChecks(checked: () => readonly StackCheck[]): void {
  it("is terraform fmt-clean", () => {
    expect(checked().filter((c) => !c.fmtOk).map((c) => `${c.stack}:\n${c.fmtDiff}`)).toEqual([]);
  });

  // The plan runs Terraform's validation first and reports what `terraform validate` would (scripts/lib/check-stack.ts).
  it("validates with zero errors and zero warnings", () => {
    expect(checked().filter((c) => !c.initOk).map((c) => `${c.stack}: ${c.failure}`)).toEqual([]);
    expect(checked().flatMap((c) => c.diagnostics.map((d) => `${c.stack}: ${d.severity}: ${d.summary} ${d.address ?? ""}`))).toEqual([]);
  });

  it("plans offline: everything is created, nothing changed or destroyed", () => {
    expect(checked().filter((c) => !c.planOk).map((c) => `${c.stack}: ${c.failure}`)).toEqual([]);
    for (const c of checked()) {
      expect(c.summary!.add).toBeGreaterThan(0);
      expect(c.summary).toMatchObject({ change: 0, destroy: 0 });
    }
  });

  it("plans one API Gateway account setting per account stack, and none in environment stacks", () => {
    for (const c of checked()) {
      expect(plannedAddresses(c, "aws_api_gateway_account")).toHaveLength(c.stack.startsWith("account-") ? 1 : 0);
    }
  });
}
