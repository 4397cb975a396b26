/**
 * What API Gateway accepts in usage plans, API keys and the links between them (Amazon API Gateway API
 * Reference: `CreateUsagePlan`, `QuotaSettings`, `ThrottleSettings`, `ApiStage`, `CreateApiKey`,
 * `CreateUsagePlanKey`; Developer Guide: "Usage plans and API keys for REST APIs in API Gateway", "Amazon API
 * Gateway quotas", "Quotas for configuring and running a REST API in API Gateway"). Plan and validate accept
 * values that break most of these: the apply fails half-way, or succeeds and meters nothing.
 */
import type { LimitProblem } from "./limits";

/** `QuotaSettings` `period`: "Valid Values: DAY | WEEK | MONTH". */
export const QUOTA_PERIODS = ["DAY", "WEEK", "MONTH"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/**
 * `QuotaSettings` `offset` per period, as the provider checks it when it creates or updates the plan
 * (terraform-provider-aws `validUsagePlanQuotaSettings`, run at apply, not at plan): "must be zero in the DAY
 * period", "between 0 and 6 inclusive in the WEEK period", "between 0 and 27 inclusive in the MONTH period".
 * The SDK reference documents it as the day the period starts (WEEK: 0 is Sunday, 1 is Monday).
 */
export const QUOTA_OFFSET_MAX: Readonly<Record<QuotaPeriod, number>> = { DAY: 0, WEEK: 6, MONTH: 27 };

/** `QuotaSettings` `limit` is an Integer (32-bit): a quota of 0 requests would refuse every request of the key. */
export const MAX_QUOTA_LIMIT = 2_147_483_647;

/**
 * The account's throttle quota in most regions ("Amazon API Gateway quotas": 10,000 requests per second, a
 * token bucket of at most 5,000 requests). A usage plan's or a method's throttle above it never applies.
 */
export const ACCOUNT_THROTTLE = { rateLimit: 10_000, burstLimit: 5000 } as const;

/**
 * `CreateApiKey` `value`: the Developer Guide calls it "an alphanumeric string between 20 and 128 characters"; the
 * provider refuses other lengths (`aws_api_gateway_api_key.value`, `StringLenBetween(20, 128)`).
 */
export const API_KEY_VALUE_LENGTH = { min: 20, max: 128 } as const;
/** Developer Guide, "Usage plans and API keys": "The name cannot exceed 1024 characters." */
export const MAX_API_KEY_NAME_LENGTH = 1024;

/**
 * "Quotas for configuring and running a REST API in API Gateway": "API keys per account per Region: 10000" (cannot be
 * increased), "Usage plans per account per Region: 300" and "Usage plans per API key: 10" (both can be increased).
 */
export const USAGE_PLAN_QUOTAS = { apiKeysPerRegion: 10_000, usagePlansPerRegion: 300, usagePlansPerApiKey: 10 } as const;

/**
 * The header API Gateway reads an API key from when the REST API's `apiKeySource` is `HEADER` (the default):
 * an OpenAPI security scheme `{ type: apiKey, name: x-api-key, in: header }` on an operation imports as
 * `apiKeyRequired` ("Configure a method to use API keys with an OpenAPI definition").
 */
export const API_KEY_HEADER = "x-api-key";
/** `x-amazon-apigateway-api-key-source` / `RestApi.apiKeySource`: "Valid Values: HEADER | AUTHORIZER". */
export const API_KEY_SOURCES = ["HEADER", "AUTHORIZER"] as const;

/**
 * The key of one method's throttle in a usage plan's API stage (`ApiStage.throttle`, the provider's
 * `api_stages.throttle.path`): the resource path, then `/` and the HTTP method, written out (`/orders/POST`,
 * the root `//GET`). Unlike `aws_api_gateway_method_settings.method_path` it is not a JSON Pointer: no `~1`.
 */
export function usagePlanThrottlePath(route: { readonly httpMethod: string; readonly resourcePath: string }): string {
  return `${route.resourcePath}/${route.httpMethod}`;
}

/** A throttle (requests per second, bucket size) within what the account allows. */
export function throttleProblems(field: string, throttle: { readonly burstLimit: number; readonly rateLimit: number }): LimitProblem[] {
  const problems: LimitProblem[] = [];
  if (!Number.isInteger(throttle.burstLimit) || throttle.burstLimit < 0 || throttle.burstLimit > ACCOUNT_THROTTLE.burstLimit) {
    problems.push({ field: `${field}.burstLimit`, value: throttle.burstLimit, problem: "is out of range", allowed: `a whole number from 0 to ${ACCOUNT_THROTTLE.burstLimit}` });
  }
  if (!(throttle.rateLimit >= 0 && throttle.rateLimit <= ACCOUNT_THROTTLE.rateLimit)) {
    problems.push({ field: `${field}.rateLimit`, value: throttle.rateLimit, problem: "is out of range", allowed: `a number from 0 to ${ACCOUNT_THROTTLE.rateLimit}` });
  }
  return problems;
}

/** A quota the provider and API Gateway accept: a limit of at least one request, an offset within its period. */
export function quotaProblems(field: string, quota: { readonly limit: number; readonly period: string; readonly offset: number }): LimitProblem[] {
  const problems: LimitProblem[] = [];
  if (!Number.isInteger(quota.limit) || quota.limit < 1 || quota.limit > MAX_QUOTA_LIMIT) {
    problems.push({ field: `${field}.limit`, value: quota.limit, problem: "is out of range", allowed: `a whole number from 1 to ${MAX_QUOTA_LIMIT}` });
  }
  if (!(QUOTA_PERIODS as readonly string[]).includes(quota.period)) {
    problems.push({ field: `${field}.period`, value: quota.period, problem: "is not a quota period", allowed: QUOTA_PERIODS.join(", ") });
    return problems;
  }
  const max = QUOTA_OFFSET_MAX[quota.period as QuotaPeriod];
  if (!Number.isInteger(quota.offset) || quota.offset < 0 || quota.offset > max) {
    problems.push({ field: `${field}.offset`, value: quota.offset, problem: `is not an offset of a ${quota.period} quota`, allowed: quotaOffsetAllowed(quota.period as QuotaPeriod) });
  }
  return problems;
}

/** What `offset` may be for a period, in words. */
export function quotaOffsetAllowed(period: QuotaPeriod): string {
  return QUOTA_OFFSET_MAX[period] === 0 ? `0 (a ${period} quota has no offset)` : `a whole number from 0 to ${QUOTA_OFFSET_MAX[period]} for a ${period} quota`;
}
