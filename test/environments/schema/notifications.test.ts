/**
 * Alarm subscribers (`notifications`, `account.notifications`): GIVEN what a config writes, WHEN parsed, THEN
 * every default is applied, or every problem is reported with its field, value and what is allowed.
 * Sources: SSM API Reference, PutParameter `Name` (a-zA-Z0-9_.- and / between levels, a leading / for a
 * hierarchy, at most fifteen levels); Terraform "Input Variables" (meta-argument names are reserved);
 * RFC 2606 (example, test, invalid, localhost and example.com/.net/.org never answer).
 */
import { z } from "zod";
import { NOTIFICATION_RULES, placeholderReason, productionAccountNotifications, productionNotifications } from "../../../environments/rules/notifications";
import type { Environment } from "../../../environments/schema/environment";
import { section } from "../../../environments/schema/fields";
import { formatIssue, toConfigIssues } from "../../../environments/schema/issues";
import { notificationsSchema } from "../../../environments/schema/notifications";
import { undeclaredReads } from "./rule-reads";

/** Notifications where an environment and its account have them, so issues carry their full field path. */
const inEnvironment = section(
  { tier: z.string(), notifications: notificationsSchema, account: section({ production: z.boolean(), notifications: notificationsSchema }, "is not an account", "an object") },
  "is not an environment config",
  "an object",
);
const NONE = { emails: [], httpsEndpoints: [] };

function problemsOf(value: unknown): string[] {
  const parsed = inEnvironment.safeParse({ tier: "non-production", account: { production: false }, ...(value as object) }, { reportInput: true });
  return parsed.success ? [] : toConfigIssues(parsed.error.issues).map(formatIssue);
}
/** What the notification rules read of an environment (see "reads" below). */
const env = (value: Record<string, unknown>): Environment => inEnvironment.parse(value) as unknown as Environment;
const SECRET_SOURCES = 'Allowed: { variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';
const ENDPOINT_ALLOWED = 'Allowed: an https:// URL, { variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';

describe("notification defaults", () => {
  it("GIVEN no notifications, or only emails THEN no subscriber of the missing kind", () => {
    expect(inEnvironment.parse({ tier: "production", account: { production: true } })).toEqual({ tier: "production", notifications: NONE, account: { production: true, notifications: NONE } });
    expect(notificationsSchema.parse({ emails: ["oncall@corp.io"] })).toEqual({ emails: ["oncall@corp.io"], httpsEndpoints: [] });
  });

  it("GIVEN a URL, a variable and an SSM parameter THEN each kept as written", () => {
    const httpsEndpoints = ["https://hooks.chat.internal.net/x", { variable: "pagerduty_url" }, { ssmParameter: "/orders/pagerduty-url" }];
    expect(notificationsSchema.parse({ httpsEndpoints })).toEqual({ emails: [], httpsEndpoints });
  });
});

describe("subscribers", () => {
  it.each([
    [{ notifications: "ops" }, 'notifications = "ops": is not a notifications setting. Allowed: { emails, httpsEndpoints }'],
    [{ notifications: { emails: "oncall@corp.io" } }, 'notifications.emails = "oncall@corp.io": is not a list. Allowed: a list of subscribers'],
    [{ notifications: { emails: ["oncall"] } }, 'notifications.emails[0] = "oncall": is not an email address. Allowed: an address such as oncall@example.com'],
    [{ notifications: { email: [] } }, "notifications.email = []: is not a setting here (did you mean emails?). Allowed: emails, httpsEndpoints"],
    [{ notifications: { httpsEndpoints: ["http://hooks.chat.internal.net/x"] } }, 'notifications.httpsEndpoints[0] = "http://hooks.chat.internal.net/x": is not an HTTPS URL. Allowed: an https:// URL (plain http would send alarms in clear text)'],
    [{ notifications: { httpsEndpoints: ["https://"] } }, 'notifications.httpsEndpoints[0] = "https://": is not a valid URL. Allowed: an https:// URL'],
    [{ notifications: { httpsEndpoints: [42] } }, `notifications.httpsEndpoints[0] = 42: is not an HTTPS subscriber. ${ENDPOINT_ALLOWED}`],
    [{ notifications: { httpsEndpoints: [{}] } }, `notifications.httpsEndpoints[0] = {}: does not name exactly one source of the URL. ${ENDPOINT_ALLOWED}`],
    [{ notifications: { httpsEndpoints: [{ url: "https://x.io" }] } }, `notifications.httpsEndpoints[0] = {"url":"https://x.io"}: does not name exactly one source of the URL. ${ENDPOINT_ALLOWED}`],
    [{ account: { production: false, notifications: { emails: ["security"] } } }, 'account.notifications.emails[0] = "security": is not an email address. Allowed: an address such as oncall@example.com'],
  ])("GIVEN %j THEN one issue", (value, message) => {
    expect(problemsOf(value)).toEqual([message]);
  });

  it("GIVEN malformed secret sources and a repeated one THEN every problem at once, each on its own field", () => {
    const httpsEndpoints = [
      { variable: "pagerduty-url" },
      { variable: "count" },
      { ssmParameter: "orders/pagerduty-url" },
      { ssmParameter: "/orders/pager duty" },
      { ssmParameter: "/orders//url" },
      { ssmParameter: `/${"a".repeat(1011)}` },
      { variable: "a", ssmParameter: "/b" },
      { variable: "ok_url" },
      { variable: "ok_url" },
    ];
    const ssm = "Allowed: a parameter name of at most 1011 characters a-z A-Z 0-9 _ . - /, with a leading / when it has levels (at most 15), e.g. /orders/pagerduty-url";
    expect(problemsOf({ notifications: { httpsEndpoints } })).toEqual([
      'notifications.httpsEndpoints[0].variable = "pagerduty-url": is not a Terraform variable name that TF_VAR_<name> can set. Allowed: letters, digits and _, not starting with a digit, e.g. pagerduty_url',
      'notifications.httpsEndpoints[1].variable = "count": is reserved by Terraform. Allowed: any other name than source, version, providers, count, for_each, lifecycle, depends_on, locals',
      `notifications.httpsEndpoints[2].ssmParameter = "orders/pagerduty-url": has levels but no leading /, so GetParameter does not find it. ${ssm}`,
      `notifications.httpsEndpoints[3].ssmParameter = "/orders/pager duty": is not an SSM parameter name. ${ssm}`,
      `notifications.httpsEndpoints[4].ssmParameter = "/orders//url": has an empty level. ${ssm}`,
      `notifications.httpsEndpoints[5].ssmParameter = "/${"a".repeat(1011)}": is not an SSM parameter name. ${ssm}`,
      `notifications.httpsEndpoints[6] = {"variable":"a","ssmParameter":"/b"}: does not name exactly one source of the URL. ${ENDPOINT_ALLOWED}`,
      'notifications.httpsEndpoints[] = {"variable":"ok_url"}: is listed more than once. Allowed: each subscriber once',
    ]);
  });

  it("GIVEN 15 levels THEN accepted, 16 THEN rejected (SSM: at most fifteen levels)", () => {
    const levels = (n: number) => `/${Array.from({ length: n }, (_, i) => `l${i}`).join("/")}`;
    expect(problemsOf({ notifications: { httpsEndpoints: [{ ssmParameter: levels(15) }] } })).toEqual([]);
    expect(problemsOf({ notifications: { httpsEndpoints: [{ ssmParameter: levels(16) }] } })[0]).toContain(`ssmParameter = "${levels(16)}": has more than 15 levels`);
  });

  it("GIVEN the same email twice THEN once reported, on the list", () => {
    expect(problemsOf({ notifications: { emails: ["a@corp.io", "b@corp.io", "a@corp.io"] } })).toEqual(['notifications.emails[] = "a@corp.io": is listed more than once. Allowed: each subscriber once']);
  });
});

describe("production subscribers", () => {
  it("GIVEN a production environment with none THEN its alarms would notify nobody", () => {
    expect(productionNotifications.check(env({ tier: "production", account: { production: false } })).map(formatIssue)).toEqual([
      'notifications = {"emails":[],"httpsEndpoints":[]}: has no subscriber, so production alarms notify nobody. Allowed: at least one email or HTTPS subscriber, e.g. { httpsEndpoints: [{ variable: "pagerduty_url" }] }',
    ]);
  });

  it("GIVEN placeholders and a real URL in git THEN each, the URL redacted; a secret source passes", () => {
    const notifications = { emails: ["oncall@example.com", "ops@corp.io"], httpsEndpoints: ["https://h.net/TODO", "https://events.pagerduty.com/integration/0123abcd/enqueue", { variable: "pagerduty_url" }] };
    const messages = productionNotifications.check(env({ tier: "production", notifications, account: { production: false } })).map(formatIssue);
    expect(messages).toEqual([
      'notifications.emails[0] = "oncall@example.com": is a placeholder (example.com is a reserved example domain (RFC 2606) that nothing answers): production alarms would notify nobody. Allowed: the address of a team that reads it',
      `notifications.httpsEndpoints[0] = "https://h.net/TODO": is a placeholder (it contains "TODO"): production alarms would notify nobody. ${SECRET_SOURCES}`,
      `notifications.httpsEndpoints[1] = "https://events.pagerduty.com/(redacted)": is an integration URL written into the config, so its secret would be in git. ${SECRET_SOURCES}`,
    ]);
    expect(messages.join("\n")).not.toContain("0123abcd");
  });

  it("GIVEN a non-production environment THEN no rule applies", () => {
    expect(productionNotifications.check(env({ tier: "non-production", notifications: { httpsEndpoints: ["https://hooks.chat.internal.net/x"] }, account: { production: false } }))).toEqual([]);
  });

  it("GIVEN the production account with none THEN its security alarms, under account.", () => {
    expect(productionAccountNotifications.check(env({ tier: "production", account: { production: true } })).map(formatIssue)).toEqual([
      'account.notifications = {"emails":[],"httpsEndpoints":[]}: has no subscriber, so the production account\'s security alarms notify nobody. Allowed: at least one email or HTTPS subscriber, e.g. { httpsEndpoints: [{ variable: "pagerduty_url" }] }',
    ]);
    expect(productionAccountNotifications.check(env({ tier: "production", account: { production: false } }))).toEqual([]);
  });

  it("tells placeholders from real addresses", () => {
    for (const placeholder of ["https://hooks.example.com/x", "https://x.example/y", "https://api.invalid/", "https://h.net/<your-key>", "a@example.org", "YOUR_NAME@corp.net", "ops@orders.test"]) {
      expect([placeholder, placeholderReason(placeholder)]).toEqual([placeholder, expect.any(String)]);
    }
    for (const real of ["https://events.pagerduty.com/integration/4f2a/enqueue", "oncall@examplecorp.com", "https://hooks.slack.com/services/T0/B0/abc"]) {
      expect([real, placeholderReason(real)]).toEqual([real, undefined]);
    }
  });
  it("GIVEN a URL whose percent-encoding is not UTF-8 (a lone %A0, which the URL standard allows) THEN it is read as written: no crash", () => {
    expect(placeholderReason("https://hooks.chat.net/%A0")).toBeUndefined();
    expect(placeholderReason("https://hooks.chat.net/%A0/<your-key>")).toEqual(expect.any(String));
    expect(placeholderReason("https://hooks.chat.net/%3Cyour-key%3E")).toBe('it contains "<your-key>"');
    expect(productionNotifications.check(env({ tier: "production", notifications: { httpsEndpoints: ["https://hooks.chat.net/%A0"] }, account: { production: true } })).map(formatIssue)).toEqual([
      `notifications.httpsEndpoints[0] = "https://hooks.chat.net/(redacted)": is an integration URL written into the config, so its secret would be in git. ${SECRET_SOURCES}`,
    ]);
  });
});

describe("reads", () => {
  it.each(NOTIFICATION_RULES.map((rule, i) => [i, rule] as const))("GIVEN rule %i THEN it reads only the fields it declares", (_, rule) => {
    expect(undeclaredReads(rule, env({ tier: "production", notifications: { emails: ["x@example.com"] }, account: { production: true } }))).toEqual([]);
  });
});
