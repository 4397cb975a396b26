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
  // Security alarms (API Gateway changed outside the deploy roles) also go to the security team's own Slack
  // channel, apart from the environments' alarm channels. Placeholder ids, which a production account refuses:
  // write the workspace and channel ids the AWS Chatbot console shows.
  slack: { workspaceId: "T0000000000", channelId: "C0000000001" },
  // Shared by every environment in the account, so its state is shared too.
  stateBackend: NONPROD_STATE,
  // The deploy workflow's role (AWS_DEPLOY_ROLE_ARN of the dev and staging GitHub environments, named
  // github-deploy in every account): its deploys change APIs by design and do not page security. Any other
  // change to API Gateway still does. A name, not an ARN: only this account's roles can change its APIs.
  deployerPrincipals: ["github-deploy"],
  // A year of audit trail is enough outside production.
  trail: { lifecycle: { transitions: [{ storageClass: "STANDARD_IA", days: 30 }, { storageClass: "GLACIER", days: 90 }], expirationDays: 400 } },
};
export const PROD_ACCOUNT: AccountConfig = {
  name: "prod",
  id: "222222222222",
  production: true,
  // The security team's PagerDuty integration URL is a secret: the deploy sets TF_VAR_security_pagerduty_url.
  // Add the team's email address here (placeholder domains such as example.com are rejected in production).
  notifications: { httpsEndpoints: [{ variable: "security_pagerduty_url" }] },
  // The trail archive keeps the defaults: Standard-IA, Glacier, Deep Archive, seven years.
  // Turn on once the account's AWS Config recorder is confirmed (the rules need one).
  configRules: false,
  stateBackend: PROD_STATE,
  // The prod GitHub environment's deploy role (approved deploys only); a change by anyone else alarms.
  deployerPrincipals: ["github-deploy"],
};
