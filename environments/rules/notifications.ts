/**
 * The notifications' production rules: in production, the environment's and the account's alarms reach a
 * subscriber: at least one, no placeholder, no integration URL in git.
 */
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";
import type { Notifications } from "../schema/notifications";

const SECRET_SOURCE_ALLOWED = '{ variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';

/**
 * Domains that never receive mail or requests (RFC 2606: the `example`, `test`, `invalid` and `localhost` TLDs
 * and example.com/.net/.org), and the words people leave for someone else to replace.
 */
const RESERVED_TLDS = ["example", "test", "invalid", "localhost"];
const PLACEHOLDER_WORDS = /replace[_-]?me|change[_-]?me|changeit|placeholder|todo|fixme|your[_-]|xxx|<[^>]*>|\{\{/i;

/** Percent-decoded; as written where the encoding is not UTF-8 (a lone `%A0`), which a URL may hold. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Why a subscriber address is a placeholder, or undefined when it is not one. */
export function placeholderReason(endpoint: string): string | undefined {
  const at = endpoint.lastIndexOf("@");
  const url = endpoint.startsWith("https://") && URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  const host = (url ? url.hostname : at >= 0 ? endpoint.slice(at + 1) : "").toLowerCase();
  const rest = url ? percentDecoded(`${url.username}${url.pathname}${url.search}`) : at >= 0 ? endpoint.slice(0, at) : endpoint;
  const labels = host.split(".");
  if (labels.includes("example") || RESERVED_TLDS.includes(labels[labels.length - 1])) return `${host} is a reserved example domain (RFC 2606) that nothing answers`;
  const word = PLACEHOLDER_WORDS.exec(`${host} ${rest}`);
  return word ? `it contains "${word[0]}"` : undefined;
}

/** An integration URL shown without its path and query, where its secret is. */
const redacted = (url: string): string => `${new URL(url).origin}/(redacted)`;

/**
 * Production subscribers of one topic (`field` is where they are set): someone at all, nobody who is a
 * placeholder, no secret URL in git.
 */
function productionSubscribers(field: string, n: Notifications, whose: string): ConfigIssue[] {
  const unreachable = (reason: string) => `is a placeholder (${reason}): ${whose} would notify nobody`;
  const none =
    n.emails.length + n.httpsEndpoints.length === 0
      ? [issue(field, n, `has no subscriber, so ${whose} notify nobody`, `at least one email or HTTPS subscriber, e.g. { httpsEndpoints: [{ variable: "pagerduty_url" }] }`)]
      : [];
  const emails = n.emails.flatMap((address, i) => {
    const reason = placeholderReason(address);
    return reason ? [issue(`${field}.emails[${i}]`, address, unreachable(reason), "the address of a team that reads it")] : [];
  });
  const urls = n.httpsEndpoints.flatMap((endpoint, i) => {
    if (typeof endpoint !== "string") return []; // a secret source: nothing in git
    const reason = placeholderReason(endpoint);
    const at = `${field}.httpsEndpoints[${i}]`;
    if (reason) return [issue(at, endpoint, unreachable(reason), SECRET_SOURCE_ALLOWED)];
    return [issue(at, redacted(endpoint), "is an integration URL written into the config, so its secret would be in git", SECRET_SOURCE_ALLOWED)];
  });
  return [...none, ...emails, ...urls];
}

/** A production environment's alarms must reach someone, through a URL that is not in git. */
export const productionNotifications: EnvironmentRule = rule(["tier", "notifications"], (env) =>
  env.tier === "production" ? productionSubscribers("notifications", env.notifications, "production alarms") : [],
);

/** The production account's security alarms (API Gateway control-plane changes) must reach someone too. */
export const productionAccountNotifications: EnvironmentRule = rule(["account.production", "account.notifications"], (env) =>
  env.account.production ? productionSubscribers("account.notifications", env.account.notifications, "the production account's security alarms") : [],
);

export const NOTIFICATION_RULES: readonly EnvironmentRule[] = [productionNotifications, productionAccountNotifications];
