/**
 * Who is notified when an alarm fires (`notifications`, and the account's security topic,
 * `account.notifications`): well-formed email addresses, HTTPS-only webhooks, secret URLs named by where they
 * come from (a sensitive Terraform variable or an SSM parameter). What production asks of them is in
 * rules/notifications.ts.
 */
import { z } from "zod";
import { duplicates, list, section, text } from "./fields";
import { explain, issue, type RuleIssueParams } from "./issues";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const HTTPS_ENDPOINT_ALLOWED =
  'an https:// URL, { variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }';

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

const email = text(EMAIL, "an address such as oncall@example.com", "is not an email address");

/**
 * A check that runs only while the value has no issue, so only its first problem is reported. Not `abort`:
 * the union of HTTPS subscribers picks the one shape whose issues are not aborting and reports them.
 */
const unlessFailed = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

/** A literal URL: HTTPS only, since plain HTTP would send alarms in clear text. */
const httpsUrl = z
  .string()
  .startsWith("https://", { error: explain("is not an HTTPS URL", "an https:// URL (plain http would send alarms in clear text)") })
  .refine((url) => URL.canParse(url), { error: explain("is not a valid URL", "an https:// URL"), ...unlessFailed });

/** A sensitive Terraform variable of the stack, set through `TF_VAR_<name>`. */
export const terraformVariableName = text(VARIABLE_NAME, "letters, digits and _, not starting with a digit, e.g. pagerduty_url", "is not a Terraform variable name that TF_VAR_<name> can set").refine(
  (name) => !RESERVED_VARIABLE_NAMES.includes(name),
  { error: explain("is reserved by Terraform", `any other name than ${RESERVED_VARIABLE_NAMES.join(", ")}`) },
);

const SSM_ALLOWED = `a parameter name of at most ${MAX_SSM_PARAMETER_NAME_LENGTH} characters a-z A-Z 0-9 _ . - /, with a leading / when it has levels (at most ${MAX_SSM_PARAMETER_LEVELS}), e.g. /orders/pagerduty-url`;
const ssmProblem = (problem: string) => ({ error: explain(problem, SSM_ALLOWED), ...unlessFailed });

/** A SecureString SSM parameter, read at plan time; only its first problem is reported. */
export const ssmParameterName = z
  .string({ error: explain("is not an SSM parameter name", SSM_ALLOWED) })
  .max(MAX_SSM_PARAMETER_NAME_LENGTH, ssmProblem("is not an SSM parameter name"))
  .regex(SSM_PARAMETER_NAME, ssmProblem("is not an SSM parameter name"))
  .refine((name) => !name.includes("/") || name.startsWith("/"), ssmProblem("has levels but no leading /, so GetParameter does not find it"))
  .refine((name) => !name.endsWith("/") && !name.includes("//"), ssmProblem("has an empty level"))
  .refine((name) => name.split("/").length - 1 <= MAX_SSM_PARAMETER_LEVELS, ssmProblem(`has more than ${MAX_SSM_PARAMETER_LEVELS} levels`));

const isRecord = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An HTTPS subscriber (PagerDuty, Opsgenie, a chat webhook). Integration URLs carry their secret in the URL,
 * so they stay out of git: name a SecureString SSM parameter (read at plan time, `with_decryption`), or a
 * sensitive Terraform variable (set through `TF_VAR_<name>`). A plain `https://` string is for a URL that is
 * not secret; production rejects it.
 */
const httpsEndpoint = z.union([httpsUrl, z.strictObject({ variable: terraformVariableName }), z.strictObject({ ssmParameter: ssmParameterName })], {
  // Only when no shape fits at all (a shape whose own checks failed reports them itself).
  error: (iss) => explain(isRecord(iss.input) ? "does not name exactly one source of the URL" : "is not an HTTPS subscriber", HTTPS_ENDPOINT_ALLOWED),
});
export type HttpsEndpoint = z.output<typeof httpsEndpoint>;

/**
 * Subscribers, each listed once. The repeat check runs on any list, also one whose entries are malformed
 * (each is reported on its own), so it compares entries by their JSON: the same variable twice is the same
 * subscriber twice.
 */
function subscribers<T extends z.ZodType>(item: T) {
  return list(item, "is not a list", "a list of subscribers")
    .superRefine(
      (entries, ctx) => {
        const keys = entries.map((entry) => (typeof entry === "string" ? entry : JSON.stringify(entry)));
        for (const key of duplicates(keys)) {
          const entry = entries[keys.indexOf(key)];
          const configIssue = issue("[]", entry, "is listed more than once", "each subscriber once");
          ctx.addIssue({ code: "custom", input: entry, message: configIssue.problem, params: { configIssue } satisfies RuleIssueParams });
        }
      },
      { when: (payload) => Array.isArray(payload.value) },
    )
    .default([]);
}

/** Who is told when an alarm fires. @default no subscribers */
export const notificationsSchema = section(
  {
    /** Email subscribers; each must confirm the subscription by email. @default [] */
    emails: subscribers(email),
    /** HTTPS subscribers (paging or chat webhooks): `https://` URLs, or where a secret URL comes from. @default [] */
    httpsEndpoints: subscribers(httpsEndpoint),
  },
  "is not a notifications setting",
  "{ emails, httpsEndpoints }",
).prefault({});
export type Notifications = z.output<typeof notificationsSchema>;
