/**
 * The run's one offline Terraform check of the synthesized stacks that test/terraform/synthesized-stacks,
 * account-audit and extra-environment read: the shipped app's stacks, the account stacks' audit variants
 * (test/support/account-audit.ts) and the new stacks of the registry with an extra environment
 * (test/support/extra-environment.ts). They are planned as modules of ONE configuration (`checkGroupsTogether`,
 * scripts/lib/check-together.ts): one `init`, one `plan` and one `show` of the AWS provider for all of them,
 * made once per test run (test/support/shared.ts) by the first of those files that asks.
 */
import * as path from "path";
import { ENVIRONMENTS } from "../../environments";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { checkGroupsTogether } from "../../scripts/lib/check-together";
import { findTerraform } from "../../scripts/lib/terraform-binary";
import { ACCOUNT_AUDIT_VALUES, synthAccountAuditHcl } from "./account-audit";
import { EXTRA_NEW_STACKS, WITH_EXTRA_ENVIRONMENT } from "./extra-environment";
import { expectedStacks } from "./registry";
import { sharedOnce } from "./shared";
import { shippedSynth } from "./shared-stacks";
import { synthRegistryHcl } from "./synth-registry";

/** A synthesized app's output folder and the checks of the stacks checked of it, in name order. */
export interface CheckedApp {
  readonly outdir: string;
  readonly checks: readonly StackCheck[];
}

export interface TerraformChecks {
  /** Every shipped stack, with the planned values of the environment stacks. */
  readonly shipped: CheckedApp;
  /** Every audit variant, with the planned values of `ACCOUNT_AUDIT_VALUES`. */
  readonly accountAudit: CheckedApp;
  /** Of the registry with the extra environment, its new stacks only (the others are the shipped ones): no values. */
  readonly extraEnvironment: CheckedApp;
}

export function terraformChecks(): Promise<TerraformChecks> {
  return sharedOnce("terraform-checks", async (dir) => {
    findTerraform(); // a missing terraform fails here with how to install it
    const shipped = await shippedSynth();
    const accountAudit = path.join(dir, "account-audit", "cdktf.out");
    await synthAccountAuditHcl(accountAudit);
    const extraEnvironment = path.join(dir, "extra-environment", "cdktf.out");
    await synthRegistryHcl(WITH_EXTRA_ENVIRONMENT, extraEnvironment);
    const [shippedChecks, auditChecks, extraChecks] = await checkGroupsTogether(
      [
        { group: "shipped", outdir: shipped, values: expectedStacks(ENVIRONMENTS).environments },
        { group: "audit", outdir: accountAudit, values: ACCOUNT_AUDIT_VALUES },
        { group: "extra", outdir: extraEnvironment, stacks: EXTRA_NEW_STACKS, values: false },
      ],
      { workRoot: path.join(dir, "terraform") },
    );
    return {
      shipped: { outdir: shipped, checks: shippedChecks },
      accountAudit: { outdir: accountAudit, checks: auditChecks },
      extraEnvironment: { outdir: extraEnvironment, checks: extraChecks },
    };
  });
}
