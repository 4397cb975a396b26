/**
 * Rules on who is notified: well-formed email addresses, HTTPS-only webhooks, secret URLs named by where they
 * come from (a sensitive Terraform variable or an SSM parameter); and in production, a subscriber that can be
 * reached: at least one, no placeholder, no integration URL in git.
 */
import type { Environment, Notifications } from "../types";
import { type ConfigIssue, isObject, issue } from "./checks";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const HTTPS_ENDPOINT_ALLOWED =
  'an https:// URL, { variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';
const SECRET_SOURCE_ALLOWED = '{ variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';

/**
 * Terraform variable names that become `TF_VAR_<name>`: a shell variable name, so CI and `export` can set it
 * (Terraform itself also allows `-`). Terraform reserves the meta-argument names ("Input Variables",
 * developer.hashicorp.com/terraform/language/values/variables).
 */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_VARIABLE_NAMES = ["source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"];

/**
 * SSM parameter names (SSM API reference, PutParameter `Name`): `a-zA-Z0-9_.-` and `/` between levels, at most
 * 1011 characters, at most 15 levels, and a hierarchical name is referenced with its leading `/`.
 */
const SSM_PARAMETER_NAME = /^[A-Za-z0-9_.\-/]+$/;
const MAX_SSM_PARAMETER_NAME_LENGTH = 1011;
const MAX_SSM_PARAMETER_LEVELS = 15;

function list(field: string, value: unknown, check: (item: unknown, i: number) => ConfigIssue[]): ConfigIssue[] {
  if (!Array.isArray(value)) return [issue(field, value, "is not a list", "a list of subscribers")];
  return [
    ...value.flatMap(check),
    // Objects compare by content: the same variable twice is the same subscriber twice.
    ...repeated(value.map((v) => (typeof v === "string" ? v : JSON.stringify(v)))).map((key) =>
      issue(`${field}[]`, value.find((v) => (typeof v === "string" ? v : JSON.stringify(v)) === key), "is listed more than once", "each subscriber once"),
    ),
  ];
}

function repeated(keys: readonly string[]): string[] {
  return keys.filter((key, i) => keys.indexOf(key) !== i).filter((key, i, all) => all.indexOf(key) === i);
}

export function variableName(field: string, name: unknown): ConfigIssue[] {
  if (typeof name !== "string" || !VARIABLE_NAME.test(name)) {
    return [issue(field, name, "is not a Terraform variable name that TF_VAR_<name> can set", "letters, digits and _, not starting with a digit, e.g. pagerduty_url")];
  }
  return RESERVED_VARIABLE_NAMES.includes(name) ? [issue(field, name, "is reserved by Terraform", `any other name than ${RESERVED_VARIABLE_NAMES.join(", ")}`)] : [];
}

export function ssmParameterName(field: string, name: unknown): ConfigIssue[] {
  const allowed = `a parameter name of at most ${MAX_SSM_PARAMETER_NAME_LENGTH} characters a-z A-Z 0-9 _ . - /, with a leading / when it has levels (at most ${MAX_SSM_PARAMETER_LEVELS}), e.g. /orders/pagerduty-url`;
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_SSM_PARAMETER_NAME_LENGTH || !SSM_PARAMETER_NAME.test(name)) {
    return [issue(field, name, "is not an SSM parameter name", allowed)];
  }
  if (name.includes("/") && !name.startsWith("/")) return [issue(field, name, "has levels but no leading /, so GetParameter does not find it", allowed)];
  if (name.endsWith("/") || name.includes("//")) return [issue(field, name, "has an empty level", allowed)];
  if (name.split("/").length - 1 > MAX_SSM_PARAMETER_LEVELS) return [issue(field, name, `has more than ${MAX_SSM_PARAMETER_LEVELS} levels`, allowed)];
  return [];
}

function httpsEndpoint(field: string, endpoint: unknown): ConfigIssue[] {
  if (typeof endpoint === "string") {
    if (!endpoint.startsWith("https://")) return [issue(field, endpoint, "is not an HTTPS URL", "an https:// URL (plain http would send alarms in clear text)")];
    return URL.canParse(endpoint) ? [] : [issue(field, endpoint, "is not a valid URL", "an https:// URL")];
  }
  if (!isObject(endpoint)) return [issue(field, endpoint, "is not an HTTPS subscriber", HTTPS_ENDPOINT_ALLOWED)];
  const keys = Object.keys(endpoint);
  if (keys.length !== 1 || (keys[0] !== "variable" && keys[0] !== "ssmParameter")) {
    return [issue(field, endpoint, "does not name exactly one source of the URL", HTTPS_ENDPOINT_ALLOWED)];
  }
  return keys[0] === "variable" ? variableName(`${field}.variable`, endpoint.variable) : ssmParameterName(`${field}.ssmParameter`, endpoint.ssmParameter);
}

export function notifications(env: Environment): ConfigIssue[] {
  const n = env.notifications;
  if (!isObject(n)) return [issue("notifications", n, "is not a notifications setting", "{ emails, httpsEndpoints }")];
  return [
    ...list("notifications.emails", n.emails, (e, i) =>
      typeof e === "string" && EMAIL.test(e) ? [] : [issue(`notifications.emails[${i}]`, e, "is not an email address", "an address such as oncall@example.com")],
    ),
    ...list("notifications.httpsEndpoints", n.httpsEndpoints, (u, i) => httpsEndpoint(`notifications.httpsEndpoints[${i}]`, u)),
  ];
}

/**
 * Domains that never receive mail or requests (RFC 2606: the `example`, `test`, `invalid` and `localhost` TLDs
 * and example.com/.net/.org), and the words people leave for someone else to replace.
 */
const RESERVED_TLDS = ["example", "test", "invalid", "localhost"];
const PLACEHOLDER_WORDS = /replace[_-]?me|change[_-]?me|changeit|placeholder|todo|fixme|your[_-]|xxx|<[^>]*>|\{\{/i;

/** Why a subscriber address is a placeholder, or undefined when it is not one. */
export function placeholderReason(endpoint: string): string | undefined {
  const at = endpoint.lastIndexOf("@");
  const url = endpoint.startsWith("https://") && URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  const host = (url ? url.hostname : at >= 0 ? endpoint.slice(at + 1) : "").toLowerCase();
  const rest = url ? decodeURIComponent(`${url.username}${url.pathname}${url.search}`) : at >= 0 ? endpoint.slice(0, at) : endpoint;
  const labels = host.split(".");
  if (labels.includes("example") || RESERVED_TLDS.includes(labels[labels.length - 1])) return `${host} is a reserved example domain (RFC 2606) that nothing answers`;
  const word = PLACEHOLDER_WORDS.exec(`${host} ${rest}`);
  return word ? `it contains "${word[0]}"` : undefined;
}

/** An integration URL shown without its path and query, where its secret is. */
function redacted(url: string): string {
  return URL.canParse(url) ? `${new URL(url).origin}/(redacted)` : "(redacted)";
}

/** Production subscribers of one topic: someone at all, nobody who is a placeholder, no secret URL in git. */
function productionSubscribers(prefix: string, n: Notifications, whose: string): ConfigIssue[] {
  if (!isObject(n) || !Array.isArray(n.emails) || !Array.isArray(n.httpsEndpoints)) return [];
  const unreachable = (reason: string) => `is a placeholder (${reason}): ${whose} would notify nobody`;
  const none =
    n.emails.length + n.httpsEndpoints.length === 0
      ? [issue(`${prefix}notifications`, n, `has no subscriber, so ${whose} notify nobody`, `at least one email or HTTPS subscriber, e.g. { httpsEndpoints: [{ variable: "pagerduty_url" }] }`)]
      : [];
  const emails = n.emails.flatMap((e, i) => {
    const reason = typeof e === "string" && EMAIL.test(e) ? placeholderReason(e) : undefined;
    return reason ? [issue(`${prefix}notifications.emails[${i}]`, e, unreachable(reason), "the address of a team that reads it")] : [];
  });
  const urls = n.httpsEndpoints.flatMap((u, i) => {
    // Malformed entries are reported by the shape rule above; only well-formed literal URLs are judged here.
    if (typeof u !== "string" || !u.startsWith("https://") || !URL.canParse(u)) return [];
    const field = `${prefix}notifications.httpsEndpoints[${i}]`;
    const reason = placeholderReason(u);
    if (reason) return [issue(field, u, unreachable(reason), SECRET_SOURCE_ALLOWED)];
    return [issue(field, redacted(u), "is an integration URL written into the config, so its secret would be in git", SECRET_SOURCE_ALLOWED)];
  });
  return [...none, ...emails, ...urls];
}

/** A production environment's alarms must reach someone, through a URL that is not in git. */
export function productionNotifications(env: Environment): ConfigIssue[] {
  return env.tier === "production" ? productionSubscribers("", env.notifications, "production alarms") : [];
}

/** The production account's security alarms (API Gateway control-plane changes) must reach someone too. */
export function productionAccountNotifications(env: Environment): ConfigIssue[] {
  if (!isObject(env.account) || env.account.production !== true) return [];
  return productionSubscribers("account.", env.account.notifications, "the production account's security alarms");
}
