/** Rules on who is notified: well-formed email addresses and HTTPS-only webhooks. */
import type { Environment } from "../types";
import { type ConfigIssue, duplicates, issue } from "./checks";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function list(field: string, value: unknown, check: (item: unknown, i: number) => ConfigIssue[]): ConfigIssue[] {
  if (!Array.isArray(value)) return [issue(field, value, "is not a list", "a list of strings")];
  return [
    ...value.flatMap(check),
    ...duplicates(value).map((v) => issue(`${field}[]`, v, "is listed more than once", "each subscriber once")),
  ];
}

export function notifications(env: Environment): ConfigIssue[] {
  const n = env.notifications;
  return [
    ...list("notifications.emails", n.emails, (e, i) =>
      typeof e === "string" && EMAIL.test(e) ? [] : [issue(`notifications.emails[${i}]`, e, "is not an email address", "an address such as oncall@example.com")],
    ),
    ...list("notifications.httpsEndpoints", n.httpsEndpoints, (u, i) => {
      if (typeof u !== "string" || !u.startsWith("https://")) {
        return [issue(`notifications.httpsEndpoints[${i}]`, u, "is not an HTTPS URL", "an https:// URL (plain http would send alarms in clear text)")];
      }
      return URL.canParse(u) ? [] : [issue(`notifications.httpsEndpoints[${i}]`, u, "is not a valid URL", "an https:// URL")];
    }),
  ];
}
