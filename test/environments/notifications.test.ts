/**
 * Alarm subscribers: secret integration URLs are named by their source (a sensitive Terraform variable or an
 * SSM parameter), never written into the config; production alarms reach somebody real. Each error names the
 * environment, the field, the value and what is allowed, and every problem is reported at once.
 */
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { PROD_ACCOUNT } from "../../environments/accounts";
import { placeholderReason } from "../../environments/rules/notifications";
import type { EnvironmentInput } from "../../environments/types";
import { rejectionOf, withEnv } from "../support/environments";

const SECRET_SOURCES = 'Allowed: { variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';

const prodWithAccountNotifications = (notifications: unknown): EnvironmentInput => withEnv("prod", { account: { ...PROD_ACCOUNT, notifications } });

describe("alarm subscribers", () => {
  it("GIVEN the shipped environments THEN they validate, and prod and its account page through secrets named by variable", () => {
    const prod = loadEnvironments([ENVIRONMENTS.prod])[0];
    expect(prod.notifications.httpsEndpoints).toEqual([{ variable: "orders_pagerduty_url" }]);
    expect(prod.account.notifications.httpsEndpoints).toEqual([{ variable: "security_pagerduty_url" }]);
    expect(JSON.stringify(ENVIRONMENTS)).not.toMatch(/pagerduty\.com|REPLACE_ME/i);
  });

  it("GIVEN prod with the old placeholder PagerDuty URL THEN it is rejected as a placeholder, with the secret sources allowed", () => {
    const url = "https://events.pagerduty.com/integration/REPLACE_ME/enqueue";
    expect(rejectionOf(withEnv("prod", { notifications: { httpsEndpoints: [url] } }))).toContain(
      `environment "prod": notifications.httpsEndpoints[0] = "${url}": is a placeholder (it contains "REPLACE_ME"): production alarms would notify nobody. ${SECRET_SOURCES}`,
    );
  });

  it("GIVEN prod with a real integration URL written into the config THEN it is rejected, and the message does not repeat the secret", () => {
    const message = rejectionOf(withEnv("prod", { notifications: { httpsEndpoints: ["https://events.pagerduty.com/integration/0123456789abcdef/enqueue"] } }));
    expect(message).toContain(
      `environment "prod": notifications.httpsEndpoints[0] = "https://events.pagerduty.com/(redacted)": is an integration URL written into the config, so its secret would be in git. ${SECRET_SOURCES}`,
    );
    expect(message).not.toContain("0123456789abcdef");
  });

  it("GIVEN a non-production environment with a literal webhook URL THEN it is accepted (the rule is production's)", () => {
    expect(() => loadEnvironments([withEnv("dev", { notifications: { httpsEndpoints: ["https://hooks.chat.internal.net/alerts"] } })])).not.toThrow();
  });

  it("GIVEN prod with placeholder email addresses (RFC 2606 reserved domains) THEN each is rejected; dev keeps its example.com address", () => {
    const message = rejectionOf(withEnv("prod", { notifications: { emails: ["oncall@example.com", "ops@orders.test", "changeme@orders.io"], httpsEndpoints: [{ variable: "orders_pagerduty_url" }] } }));
    expect(message).toContain('notifications.emails[0] = "oncall@example.com": is a placeholder (example.com is a reserved example domain (RFC 2606) that nothing answers): production alarms would notify nobody. Allowed: the address of a team that reads it');
    expect(message).toContain('notifications.emails[1] = "ops@orders.test": is a placeholder (orders.test is a reserved example domain');
    expect(message).toContain('notifications.emails[2] = "changeme@orders.io": is a placeholder (it contains "changeme")');
    expect(() => loadEnvironments([ENVIRONMENTS.dev])).not.toThrow();
    expect(ENVIRONMENTS.dev.notifications?.emails).toEqual(["orders-dev@example.com"]);
  });

  it("GIVEN prod with no subscriber at all THEN it is rejected: production alarms would notify nobody", () => {
    expect(rejectionOf(withEnv("prod", { notifications: {} }))).toContain(
      'environment "prod": notifications = {"emails":[],"httpsEndpoints":[]}: has no subscriber, so production alarms notify nobody. Allowed: at least one email or HTTPS subscriber',
    );
  });

  it("GIVEN the production account with no subscriber, or a placeholder one THEN its security topic is rejected with the account. prefix", () => {
    expect(rejectionOf(prodWithAccountNotifications(undefined))).toContain(
      'environment "prod": account.notifications = {"emails":[],"httpsEndpoints":[]}: has no subscriber, so the production account\'s security alarms notify nobody',
    );
    expect(rejectionOf(prodWithAccountNotifications({ emails: ["platform-security@example.com"], httpsEndpoints: ["https://events.pagerduty.com/integration/REPLACE_ME/enqueue"] }))).toMatch(
      /account\.notifications\.emails\[0\] = "platform-security@example\.com": is a placeholder[^\n]*\n.*account\.notifications\.httpsEndpoints\[0\] = "https:\/\/events\.pagerduty\.com\/integration\/REPLACE_ME\/enqueue": is a placeholder/,
    );
  });

  it("GIVEN malformed secret sources THEN every problem is reported at once, each naming its field, value and what is allowed", () => {
    const message = rejectionOf(
      withEnv("dev", {
        notifications: {
          httpsEndpoints: [
            { variable: "pagerduty-url" },
            { variable: "count" },
            { ssmParameter: "orders/pagerduty-url" },
            { ssmParameter: "/orders/pager duty" },
            { variable: "a", ssmParameter: "/b" },
            "http://hooks.chat.internal.net/x",
            { variable: "ok_url" },
            { variable: "ok_url" },
          ],
        },
      }),
    );
    expect(message).toContain("(7 errors)");
    expect(message).toContain('notifications.httpsEndpoints[0].variable = "pagerduty-url": is not a Terraform variable name that TF_VAR_<name> can set. Allowed: letters, digits and _, not starting with a digit');
    expect(message).toContain('notifications.httpsEndpoints[1].variable = "count": is reserved by Terraform. Allowed: any other name than source, version, providers, count');
    expect(message).toContain('notifications.httpsEndpoints[2].ssmParameter = "orders/pagerduty-url": has levels but no leading /, so GetParameter does not find it');
    expect(message).toContain('notifications.httpsEndpoints[3].ssmParameter = "/orders/pager duty": is not an SSM parameter name. Allowed: a parameter name of at most 1011 characters');
    expect(message).toContain('notifications.httpsEndpoints[4] = {"variable":"a","ssmParameter":"/b"}: does not name exactly one source of the URL');
    expect(message).toContain('notifications.httpsEndpoints[5] = "http://hooks.chat.internal.net/x": is not an HTTPS URL');
    expect(message).toContain('notifications.httpsEndpoints[] = {"variable":"ok_url"}: is listed more than once. Allowed: each subscriber once');
  });

  it("GIVEN an SSM parameter name deeper than 15 levels (SSM API reference, PutParameter Name) THEN it is rejected", () => {
    const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join("/")}`;
    expect(rejectionOf(withEnv("dev", { notifications: { httpsEndpoints: [{ ssmParameter: deep }] } }))).toContain(`ssmParameter = "${deep}": has more than 15 levels`);
    expect(() => loadEnvironments([withEnv("dev", { notifications: { httpsEndpoints: [{ ssmParameter: `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join("/")}` }] } })])).not.toThrow();
  });

  it("tells placeholders from real addresses", () => {
    for (const placeholder of ["https://hooks.example.com/x", "https://x.example/y", "https://api.invalid/", "https://h.net/<your-key>", "https://h.net/TODO", "a@example.org", "YOUR_NAME@corp.net"]) {
      expect([placeholder, placeholderReason(placeholder)]).toEqual([placeholder, expect.any(String)]);
    }
    for (const real of ["https://events.pagerduty.com/integration/4f2a/enqueue", "oncall@examplecorp.com", "https://hooks.slack.com/services/T0/B0/abc"]) {
      expect([real, placeholderReason(real)]).toEqual([real, undefined]);
    }
  });
});
