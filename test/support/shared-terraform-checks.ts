/**
 * The run's one offline Terraform check of the synthesized stacks that test/terraform/synthesized-stacks,
 * account-audit and extra-environment read: the shipped app's stacks, the account stacks' audit variants
 * (test/support/account-audit.ts) and the new stacks of the registry with an extra environment
 * (test/support/extra-environment.ts), and the two hand-written apps that test/scripts/check-together.test.ts
 * holds `checkGroupsTogether` to (test/support/hand-written-stack.ts). They are planned as modules of ONE
 * configuration (`checkGroupsTogether`, scripts/lib/check-together.ts): one `init`, one `plan` and one `show` of
 * the AWS provider for all of them, made once per test run (test/support/shared.ts) by the first of those files
 * that asks. A configuration of its own costs Terraform's and the provider's start and schema again (about 4
 * CPU-seconds for init, plan and show), a stack more in this one about 0.4 for a few resources.
 */
import * as path from "path";
import { ENVIRONMENTS } from "../../environments";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { checkGroupsTogether } from "../../scripts/lib/check-together";
import { findTerraform } from "../../scripts/lib/terraform-binary";
import { ACCOUNT_AUDIT_VALUES, synthAccountAuditHcl } from "./account-audit";
import { EXTRA_NEW_STACKS, WITH_EXTRA_ENVIRONMENT } from "./extra-environment";
import { writeTogetherApps } from "./hand-written-stack";
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
  /** The hand-written apps (`writeTogetherApps`): `first` with the values of `sample` and `secret`, `other` with all. */
  readonly handWritten: { readonly first: CheckedApp; readonly other: CheckedApp };
}

export function terraformChecks(): Promise<TerraformChecks> {
  return sharedOnce("terraform-checks", async (dir) => {
    findTerraform(); // a missing terraform fails here with how to install it
    const shipped = await shippedSynth();
    const accountAudit = path.join(dir, "account-audit", "cdktf.out");
    await synthAccountAuditHcl(accountAudit);
    const extraEnvironment = path.join(dir, "extra-environment", "cdktf.out");
    await synthRegistryHcl(WITH_EXTRA_ENVIRONMENT, extraEnvironment);
    const handWritten = writeTogetherApps(path.join(dir, "hand-written"));
    const [shippedChecks, auditChecks, extraChecks, firstChecks, otherChecks] = await checkGroupsTogether(
      [
        { group: "shipped", outdir: shipped, values: expectedStacks(ENVIRONMENTS).environments },
        { group: "audit", outdir: accountAudit, values: ACCOUNT_AUDIT_VALUES },
        { group: "extra", outdir: extraEnvironment, stacks: EXTRA_NEW_STACKS, values: false },
        { group: "first", outdir: handWritten.first, values: ["sample", "secret"] },
        { group: "other", outdir: handWritten.other },
      ],
      { workRoot: path.join(dir, "terraform") },
    );
    return {
      shipped: { outdir: shipped, checks: shippedChecks },
      accountAudit: { outdir: accountAudit, checks: auditChecks },
      extraEnvironment: { outdir: extraEnvironment, checks: extraChecks },
      handWritten: { first: { outdir: handWritten.first, checks: firstChecks }, other: { outdir: handWritten.other, checks: otherChecks } },
    };
  });
}
