/** The AWS accounts the shipped environments deploy into. Replace the ids with your own. */
import type { AccountConfig } from "./types";

export const NONPROD_ACCOUNT: AccountConfig = {
  name: "nonprod",
  id: "111111111111",
  production: false,
  notifications: { emails: ["platform-security@example.com"] },
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
};
