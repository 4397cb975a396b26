/** The AWS accounts the shipped environments deploy into. Replace the ids with your own. */
import type { AccountConfig, S3StateBackendInput } from "./types";

/**
 * The team's Terraform state buckets, one per account (created outside this project, versioned, reachable
 * only by the deploy roles). Production state never shares a bucket with non-production state.
 */
export const NONPROD_STATE: S3StateBackendInput = { type: "s3", bucket: "tfstate-111111111111-eu-west-1", region: "eu-west-1" };
export const PROD_STATE: S3StateBackendInput = { type: "s3", bucket: "tfstate-222222222222-eu-west-1", region: "eu-west-1" };

export const NONPROD_ACCOUNT: AccountConfig = {
  name: "nonprod",
  id: "111111111111",
  production: false,
  notifications: { emails: ["platform-security@example.com"] },
  // Shared by every environment in the account, so its state is shared too.
  stateBackend: NONPROD_STATE,
  // A year of audit trail is enough outside production.
  trail: { lifecycle: { transitions: [{ storageClass: "STANDARD_IA", days: 30 }, { storageClass: "GLACIER", days: 90 }], expirationDays: 400 } },
};
export const PROD_ACCOUNT: AccountConfig = {
  name: "prod",
  id: "222222222222",
  production: true,
  notifications: { emails: ["platform-security@example.com"], httpsEndpoints: ["https://events.pagerduty.com/integration/REPLACE_ME/enqueue"] },
  // The trail archive keeps the defaults: Standard-IA, Glacier, Deep Archive, seven years.
  // Turn on once the account's AWS Config recorder is confirmed (the rules need one).
  configRules: false,
  stateBackend: PROD_STATE,
};
