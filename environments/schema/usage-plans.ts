/**
 * Usage plans and API keys (`usagePlans`, `apiKeys`): who may call the routes that require an API key, how fast
 * (throttle per key, per plan and per method) and how much (quota per day, week or month). A key's value is
 * never in the config: API Gateway generates it, or it comes from a secret named here (a sensitive Terraform
 * variable, or a SecureString SSM parameter), as for alarm subscribers. The rules across sections (stages and
 * routes that exist, a key in one plan per stage, every key-required route covered) are in rules/usage-plans.ts.
 */
import { z } from "zod";
import { ACCOUNT_THROTTLE, MAX_QUOTA_LIMIT, QUOTA_OFFSET_MAX, QUOTA_PERIODS, quotaOffsetAllowed } from "../../aws/usage-plans";
import { duplicates, flag, list, numberIn, oneOf, rule, section, text, withRules } from "./fields";
import { explain, issue } from "./issues";
import { ssmParameterName, terraformVariableName } from "./notifications";
import { parseMethodKey } from "./stages";

/**
 * A plan's or a key's short name: lower-case words joined by single `-`. It is the last part of the name in AWS
 * (`<service>-<environment>-<name>`) and, in snake_case, of the Terraform address, so two names never make one
 * address (`a-b` and `a--b` would).
 */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;
const NAME_ALLOWED = `1 to ${MAX_NAME_LENGTH} lower-case letters and digits, words joined by single '-', starting with a letter (e.g. partners)`;
const shortName = text(NAME, NAME_ALLOWED).max(MAX_NAME_LENGTH, { error: explain("is too long", NAME_ALLOWED) });

/**
 * Free text written into the HCL as it is: cdktf's HCL renderer escapes neither a backslash nor a template
 * sequence (`${`, `%{`), so they are refused rather than mangled.
 */
const DESCRIPTION_ALLOWED = "1 to 200 characters without backslash, '${', '%{' or control characters";
const description = z
  .string({ error: explain("is not a description", DESCRIPTION_ALLOWED) })
  .min(1, { error: explain("is empty", DESCRIPTION_ALLOWED) })
  .max(200, { error: explain("is too long", DESCRIPTION_ALLOWED) })
  .refine((value) => !/[\\\u0000-\u001f\u007f]|\$\{|%\{/.test(value), { error: explain("has characters the HCL cannot hold as written", DESCRIPTION_ALLOWED) });

/** A throttle within the account's quota: burst (bucket size, whole requests) and steady rate (requests/second). */
const burstLimit = numberIn(0, ACCOUNT_THROTTLE.burstLimit, { integer: true });
const rateLimit = numberIn(0, ACCOUNT_THROTTLE.rateLimit);

/** Stage names a plan or a method throttle applies to: each once. Whether they exist is checked across sections. */
function stageNames(problem: string) {
  return list(z.string({ error: explain("is not a stage name", "the name of one of the environment's stages") }), problem, "a non-empty list of stage names")
    .min(1, { error: explain("is empty", "a non-empty list of stage names, or no setting (every stage)") })
    .superRefine((names, ctx) => {
      for (const name of duplicates(names)) ctx.addIssue({ code: "custom", input: name, message: explain("is listed more than once", "each stage once") });
    });
}

/** Requests per key and period (`QuotaSettings`). */
const quotaFields = section(
  {
    /** Requests a key may make per period: a whole number, at least 1. */
    limit: numberIn(1, MAX_QUOTA_LIMIT, { integer: true }),
    /** The period the limit counts: DAY, WEEK or MONTH. */
    period: oneOf(QUOTA_PERIODS, "is not a quota period"),
    /**
     * Where the period starts (the SDK reference: with WEEK, 0 is Sunday and 1 Monday): 0 for DAY, 0..6 for WEEK,
     * 0..27 for MONTH. The provider checks it only at apply. @default 0
     */
    offset: z.number({ error: explain("is not a whole number", "a whole number") }).int({ error: explain("is not a whole number", "a whole number") }).default(0),
  },
  "is not a quota",
  '{ limit, period: "DAY" | "WEEK" | "MONTH", offset? }',
);

/** The offset must fit its period: `terraform-provider-aws` refuses others when it creates the plan, after plan said yes. */
const offsetFitsPeriod = rule<z.output<typeof quotaFields>>(["period", "offset"], ({ period, offset }) =>
  offset >= 0 && offset <= QUOTA_OFFSET_MAX[period] ? [] : [issue("offset", offset, `is not an offset of a ${period} quota`, quotaOffsetAllowed(period))],
);

const quotaSchema = withRules(quotaFields, [offsetFitsPeriod]);

/** A plan's throttle per key. @default { burstLimit: 100, rateLimit: 50 } */
const planThrottlingSchema = section(
  {
    /** Requests a key may send at once beyond its steady rate (bucket size). @default 100 */
    burstLimit: burstLimit.default(100),
    /** Steady-state requests per second of one key. @default 50 */
    rateLimit: rateLimit.default(50),
  },
  "is not a throttling setting",
  "{ burstLimit, rateLimit }",
).prefault({});

/** One method's throttle in a plan: `"POST /orders"`, on the plan's stages or some of them. */
const methodThrottleFields = section(
  {
    /** `"<HTTP method> <resource path>"` as in the API definition, e.g. `"POST /orders"`. */
    method: text(/^\s*\S+\s+\S.*$/, '"<HTTP method> <resource path>" as in the API definition, e.g. "POST /orders"').transform(parseMethodKey),
    /** The stages it applies on, some of the plan's. @default every stage of the plan */
    stages: stageNames("is not a list").optional(),
    /** What it sets; the rest comes from the plan's throttling. @default the plan's throttling */
    throttling: section(
      {
        /** @default the plan's burstLimit */
        burstLimit: burstLimit.optional(),
        /** @default the plan's rateLimit */
        rateLimit: rateLimit.optional(),
      },
      "is not a throttling setting",
      "{ burstLimit?, rateLimit? }",
    ).prefault({}),
  },
  "is not a method throttle",
  '{ method: "POST /orders", stages?, throttling: { burstLimit?, rateLimit? } }',
);

const planFields = section(
  {
    /** Short name of the plan: `<service>-<environment>-<name>` in AWS, `aws_api_gateway_usage_plan.<name>` in the HCL. */
    name: shortName,
    /** What the plan is for, shown in the console. @default "<name> usage plan of <service>-<environment>" */
    description: description.optional(),
    /** The stages the plan covers: the keys of the plan may call them. @default every stage of the environment */
    stages: stageNames("is not a list").optional(),
    /** Throttle of each key of the plan on every covered stage. @default { burstLimit: 100, rateLimit: 50 } */
    throttling: planThrottlingSchema,
    /** Requests each key may make per day, week or month. @default no quota */
    quota: quotaSchema.optional(),
    /** Tighter (or looser) throttles of single methods, per key. @default none */
    methodThrottling: list(methodThrottleFields, "is not a list", "a list of method throttles").default([]),
  },
  "is not a usage plan",
  '{ name, description?, stages?, throttling?, quota?, methodThrottling? }',
);

/**
 * A usage plan; each method throttle carries what it does not set from its plan (API Gateway would store a missing
 * value as 0 and refuse every request). Whether two method throttles meet on a stage is checked once the plan's
 * stages are known (rules/usage-plans.ts).
 */
export const usagePlanSchema = planFields.transform(({ methodThrottling, ...plan }) => ({
  ...plan,
  methodThrottling: methodThrottling.map(({ method, stages, throttling }) => ({
    ...method,
    stages,
    throttling: { burstLimit: throttling.burstLimit ?? plan.throttling.burstLimit, rateLimit: throttling.rateLimit ?? plan.throttling.rateLimit },
  })),
}));

/** Where a key's value comes from when API Gateway does not generate it: never from git. */
const KEY_VALUE_ALLOWED =
  '{ variable: "<terraform_variable>" } (set through TF_VAR_<terraform_variable>) or { ssmParameter: "/path/to/SecureString" }; or no value (API Gateway generates one)';
const keyValueSchema = z.union([z.strictObject({ variable: terraformVariableName }), z.strictObject({ ssmParameter: ssmParameterName })], {
  error: (iss) =>
    typeof iss.input === "string"
      ? explain("is a key value written into the config, so the secret would be in git", KEY_VALUE_ALLOWED)
      : explain("does not name exactly one source of the key value", KEY_VALUE_ALLOWED),
});

const apiKeyFields = section(
  {
    /** Short name of the client: `<service>-<environment>-<name>` in AWS, `aws_api_gateway_api_key.<name>` in the HCL. */
    name: shortName,
    /** Who the key belongs to (a team, a partner, a contact), shown in the console. @default "API key <name> of <service>-<environment>" */
    description: description.optional(),
    /** The usage plans the key is in, by name: at most one per stage. */
    plans: list(shortName, "is not a list", "a non-empty list of usage plan names")
      .min(1, { error: explain("is empty", "at least one usage plan: a key in no plan may call nothing") })
      .superRefine((names, ctx) => {
        for (const name of duplicates(names)) ctx.addIssue({ code: "custom", input: name, message: explain("is listed more than once", "each plan once") });
      }),
    /** Whether the key may call the API; false suspends a client without deleting its key. @default true */
    enabled: flag().default(true),
    /** Where the key's value comes from. @default generated by API Gateway (read it from the console or `aws apigateway get-api-key --include-value`) */
    value: keyValueSchema.optional(),
  },
  "is not an API key",
  "{ name, plans, description?, enabled?, value? }",
);

/** The environment's usage plans. @default [] */
export const usagePlansSchema = list(usagePlanSchema, "is not a list", "a list of usage plans").default([]);
/** The environment's API keys. @default [] */
export const apiKeysSchema = list(apiKeyFields, "is not a list", "a list of API keys").default([]);

/** What an environment file writes for a usage plan. */
export type UsagePlanInput = z.input<typeof usagePlanSchema>;
/** A parsed usage plan: its method throttles carry every setting, their own or the plan's. */
export type UsagePlanConfig = z.output<typeof usagePlanSchema>;
/** What an environment file writes for an API key. */
export type ApiKeyInput = z.input<typeof apiKeyFields>;
export type ApiKeyConfig = z.output<typeof apiKeyFields>;
export type ApiKeyValueSource = NonNullable<ApiKeyConfig["value"]>;
