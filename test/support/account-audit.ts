/**
 * The account stacks' audit variants that no shipped account uses: an account in two regions whose home region
 * holds its one trail, and an account under an existing organization trail. Synthesized to HCL the way
 * `npm run synth` writes it (cdktf's HCL output, then the repairs and formatting).
 */
import { ENVIRONMENTS } from "../../environments";
import { accountSchema } from "../../environments/schema/account";
import type { AccountConfig } from "../../environments/types";
import { AccountStack } from "../../stacks/account-stack";
import { synthAppHcl } from "./synth-registry";

const base = ENVIRONMENTS.dev.account;

export const TWO_REGIONS: AccountConfig = {
  ...base,
  cloudTrail: { mode: "dedicated", homeRegion: "eu-west-1" },
  deployerPrincipals: ["github-deploy", "arn:aws:iam::111111111111:role/ci/*"],
};
export const ORG_TRAIL: AccountConfig = { ...base, name: "org", id: "333333333333", cloudTrail: { mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs" } };

/** Its stacks, in name order. */
export const ACCOUNT_AUDIT_STACKS = ["account-nonprod-eu-west-1", "account-nonprod-us-east-1", "account-org-eu-west-1"];

/** The stacks whose planned values the test asserts; of the other, the planned addresses. */
export const ACCOUNT_AUDIT_VALUES = ["account-nonprod-eu-west-1", "account-org-eu-west-1"];

/** Synthesizes the variants into `outdir`. */
export function synthAccountAuditHcl(outdir: string): Promise<void> {
  return synthAppHcl(
    outdir,
    (app) => {
      for (const region of ["eu-west-1", "us-east-1"]) new AccountStack(app, { account: accountSchema.parse(TWO_REGIONS), region, owner: "platform" });
      new AccountStack(app, { account: accountSchema.parse(ORG_TRAIL), region: "eu-west-1", owner: "platform" });
    },
    "fast",
  );
}
