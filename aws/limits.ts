/**
 * Limits the AWS APIs enforce only when a resource is created or updated: `terraform validate` and
 * `plan` accept a value that breaks them, and `apply` fails half-way (or, worse, succeeds and does
 * nothing). Each limit names the API reference (or guide) it comes from; the checks are pure functions
 * that return the problems they find, so config rules and construct guards share them.
 *
 * Sources are the AWS API references (their request parameters' "Length constraints" and "Pattern") as
 * published in the service models, and the service guides where a limit is only documented there.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/** One broken limit: what is wrong with which value, and what the API accepts. */
export interface LimitProblem {
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
  readonly allowed: string;
}

/** `Construct name: field = "value" problem. Allowed: ...` (the aws-cdk style of a props error). */
export function limitError(owner: string, problems: readonly LimitProblem[]): Error {
  const text = problems.map((p) => `${p.field} = ${JSON.stringify(p.value)} ${p.problem}. Allowed: ${p.allowed}`).join("; ");
  return new Error(`${owner}: ${text}`);
}

/** A construct prop that must be a whole number in `[min, max]`: returns it, or throws naming the construct and prop. */
export function wholeNumberIn(owner: string, field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${owner}: ${field} = ${value} is out of range. Allowed: a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Throws the problems, if any, as one error naming the construct. */
export function assertWithinLimits(owner: string, problems: readonly LimitProblem[]): void {
  if (problems.length > 0) throw limitError(owner, problems);
}

/**
 * The literal text of a string that may contain Terraform references (cdktf tokens such as
 * `${TfToken[TOKEN.12]}`): each reference is replaced by `placeholder`, so only the parts known at
 * synth are checked. Unknown parts are checked by AWS.
 */
export function literalText(value: string, placeholder = "x"): string {
  return value.replace(/\$\{TfToken\[[^\]]*\]\}/g, placeholder);
}

interface TextLimit {
  readonly min?: number;
  readonly max: number;
  /** Must match as a whole. */
  readonly pattern?: RegExp;
  /** Words for `allowed`, e.g. "letters, digits, '-' and '_'". */
  readonly characters?: string;
}

/** Length and character set of one string parameter. */
export function textProblems(field: string, value: string, limit: TextLimit): LimitProblem[] {
  const min = limit.min ?? 1;
  const allowed = `${min} to ${limit.max} characters${limit.characters ? ` of ${limit.characters}` : ""}`;
  if (value.length < min || value.length > limit.max) return [{ field, value, problem: `is ${value.length} characters long`, allowed }];
  if (limit.pattern && !limit.pattern.test(value)) return [{ field, value, problem: "has characters the API rejects", allowed }];
  return [];
}

// ---------------------------------------------------------------------------------------------------
// CloudWatch alarms: PutMetricAlarm (Amazon CloudWatch API Reference).

/** PutMetricAlarm `AlarmName`: 1 to 255 characters. */
export const MAX_ALARM_NAME_LENGTH = 255;
/** PutMetricAlarm `AlarmDescription`: 0 to 1024 characters. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;
/** PutMetricAlarm `AlarmActions`, `OKActions`, `InsufficientDataActions`: at most 5 each. */
export const MAX_ALARM_ACTIONS = 5;

export interface AlarmShape {
  readonly alarmName: string;
  readonly alarmDescription?: string;
  readonly alarmActions?: readonly string[];
  readonly okActions?: readonly string[];
  readonly insufficientDataActions?: readonly string[];
}

export function alarmProblems(alarm: AlarmShape): LimitProblem[] {
  const actions = (field: string, list: readonly string[] | undefined): LimitProblem[] =>
    (list ?? []).length > MAX_ALARM_ACTIONS
      ? [{ field, value: list, problem: `lists ${(list ?? []).length} actions`, allowed: `at most ${MAX_ALARM_ACTIONS} actions per state (PutMetricAlarm)` }]
      : [];
  return [
    ...textProblems("alarmName", alarm.alarmName, { max: MAX_ALARM_NAME_LENGTH, pattern: /^[^\u0000-\u001f\u007f]+$/, characters: "UTF-8 without control characters" }),
    ...(alarm.alarmDescription === undefined
      ? []
      : textProblems("alarmDescription", alarm.alarmDescription, { min: 0, max: MAX_ALARM_DESCRIPTION_LENGTH })),
    ...actions("alarmActions", alarm.alarmActions),
    ...actions("okActions", alarm.okActions),
    ...actions("insufficientDataActions", alarm.insufficientDataActions),
  ];
}

// ---------------------------------------------------------------------------------------------------
// CloudWatch Logs: CreateLogGroup, PutMetricFilter, PutSubscriptionFilter, PutQueryDefinition
// (Amazon CloudWatch Logs API Reference).

/** CreateLogGroup: 1 to 512 of `a-z A-Z 0-9 _ - / . #`, and not starting with `aws/`. */
export const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export function logGroupNameProblems(field: string, name: string): LimitProblem[] {
  const text = literalText(name);
  const shape = textProblems(field, text, { max: 512, pattern: LOG_GROUP_NAME, characters: "letters, digits, '_', '-', '/', '.' and '#'" });
  if (shape.length > 0) return shape.map((p) => ({ ...p, value: name }));
  return text.startsWith("aws/") ? [{ field, value: name, problem: "starts with aws/, which CloudWatch Logs reserves", allowed: "a name that does not start with aws/" }] : [];
}

/** PutMetricFilter: at most 100 metric filters per log group. */
export const MAX_METRIC_FILTERS_PER_LOG_GROUP = 100;
/** PutSubscriptionFilter: each log group can have up to two subscription filters. */
export const MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;
/** PutMetricFilter / PutSubscriptionFilter `filterPattern`: 0 to 1024 characters. */
export const MAX_FILTER_PATTERN_LENGTH = 1024;
/** PutMetricFilter `dimensions`: one metric filter can include as many as three dimensions. */
export const MAX_METRIC_FILTER_DIMENSIONS = 3;

export interface MetricFilterShape {
  readonly name: string;
  readonly pattern: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly metricValue: string;
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** PutMetricFilter's constraints on one filter and its metric transformation. */
export function metricFilterProblems(filter: MetricFilterShape): LimitProblem[] {
  // `filterName` [^:*]* 1..512; `metricNamespace`/`metricName` [^:*$]* up to 255; `metricValue` up to 100.
  const dimensions = Object.keys(filter.dimensions ?? {});
  return [
    ...textProblems("name", filter.name, { max: 512, pattern: /^[^:*]*$/, characters: "any character but ':' and '*'" }),
    ...textProblems("pattern", filter.pattern, { min: 0, max: MAX_FILTER_PATTERN_LENGTH }),
    ...textProblems("metricTransformation.namespace", filter.metricNamespace, { max: 255, pattern: /^[^:*$]*$/, characters: "any character but ':', '*' and '$'" }),
    ...textProblems("metricTransformation.name", filter.metricName, { max: 255, pattern: /^[^:*$]*$/, characters: "any character but ':', '*' and '$'" }),
    ...textProblems("metricTransformation.value", filter.metricValue, { max: 100 }),
    ...(dimensions.length > MAX_METRIC_FILTER_DIMENSIONS
      ? [{ field: "metricTransformation.dimensions", value: dimensions, problem: `has ${dimensions.length} dimensions`, allowed: `at most ${MAX_METRIC_FILTER_DIMENSIONS}` }]
      : []),
  ];
}

/** PutQueryDefinition `name`: 1 to 255 characters. */
export const MAX_QUERY_DEFINITION_NAME_LENGTH = 255;
/** PutQueryDefinition `queryString`: 1 to 10000 characters. */
export const MAX_QUERY_STRING_LENGTH = 10_000;

export function queryDefinitionProblems(name: string, queryString: string, logGroupNames: readonly string[]): LimitProblem[] {
  return [
    ...textProblems("name", name, { max: MAX_QUERY_DEFINITION_NAME_LENGTH }),
    ...textProblems("queryString", queryString, { max: MAX_QUERY_STRING_LENGTH }),
    ...logGroupNames.flatMap((group, i) => logGroupNameProblems(`logGroupNames[${i}]`, group)),
  ];
}

// ---------------------------------------------------------------------------------------------------
// KMS: CreateAlias, CreateKey (AWS Key Management Service API Reference).

/** CreateAlias `AliasName`: `alias/` and a name, 1 to 256 of `a-zA-Z0-9:/_-`; `alias/aws/` is reserved. */
export const KMS_ALIAS_NAME = /^alias\/[a-zA-Z0-9:/_-]+$/;

export function kmsAliasProblems(aliasName: string): LimitProblem[] {
  const shape = textProblems("aliasName", aliasName, { max: 256, pattern: KMS_ALIAS_NAME, characters: "'alias/' then letters, digits, '/', '_', '-' or ':'" });
  if (shape.length > 0) return shape;
  return aliasName.startsWith("alias/aws/")
    ? [{ field: "aliasName", value: aliasName, problem: "starts with alias/aws/, which is reserved for AWS managed keys", allowed: "any other alias/ name" }]
    : [];
}

// ---------------------------------------------------------------------------------------------------
// IAM: CreateRole, PutRolePolicy (IAM API Reference) and "IAM and AWS STS quotas" (IAM User Guide).

/** CreateRole `RoleName`: 1 to 64 of `[\w+=,.@-]`. */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM role names: at most 64 characters. */
export const MAX_ROLE_NAME_LENGTH = 64;
/** CreateRole `Description`: up to 1000 of tab, newline, carriage return, U+0020-U+007E and U+00A1-U+00FF. */
export const IAM_ROLE_DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{0,1000}$/;
/** IAM quota "Role trust policy length": 2,048 characters by default (white space not counted). */
export const MAX_TRUST_POLICY_LENGTH = 2048;
/** IAM quota "Inline policy size" for a role: all inline policies together, 10,240 characters (white space not counted). */
export const MAX_ROLE_INLINE_POLICIES_LENGTH = 10_240;

export function iamRoleProblems(name: string, description?: string): LimitProblem[] {
  return [
    ...textProblems("name", literalText(name), { max: 64, pattern: IAM_ROLE_NAME, characters: "letters, digits and _+=,.@-" }),
    ...(description === undefined
      ? []
      : textProblems("description", description, { min: 0, max: 1000, pattern: IAM_ROLE_DESCRIPTION, characters: "printable ASCII and Latin-1" })),
  ];
}

const single = <T>(values: readonly T[]): T | readonly T[] => (values.length === 1 ? values[0] : values);

/**
 * The JSON `aws_iam_policy_document` renders for these statements, without white space (which IAM does
 * not count against its quotas). Terraform references inside are counted by their token text, so use it
 * for documents built from strings known at synth.
 */
export function iamPolicyJson(statements: readonly DataAwsIamPolicyDocumentStatement[]): string {
  const rendered = statements.map((s) => {
    const principals: Record<string, unknown> = {};
    for (const p of s.principals as readonly { type: string; identifiers: string[] }[] | undefined ?? []) {
      principals[p.type] = p.type === "*" ? "*" : single(p.identifiers);
    }
    const conditions: Record<string, Record<string, unknown>> = {};
    for (const c of s.condition as readonly { test: string; variable: string; values: string[] }[] | undefined ?? []) {
      conditions[c.test] = { ...conditions[c.test], [c.variable]: single(c.values) };
    }
    return {
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      ...(s.actions ? { Action: single(s.actions) } : {}),
      ...(s.resources ? { Resource: single(s.resources) } : {}),
      ...(Object.keys(principals).length > 0 ? { Principal: principals } : {}),
      ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
    };
  });
  return JSON.stringify({ Version: "2012-10-17", Statement: rendered });
}

/** Characters IAM counts in a policy: everything but white space. */
export function iamPolicyLength(statements: readonly DataAwsIamPolicyDocumentStatement[]): number {
  return iamPolicyJson(statements).replace(/\s/g, "").length;
}

// ---------------------------------------------------------------------------------------------------
// Kinesis Data Firehose: CreateDeliveryStream (Amazon Data Firehose API Reference) and "Custom Prefixes
// for Amazon S3 Objects" (Amazon Data Firehose Developer Guide, "Semantic rules").

/** CreateDeliveryStream `DeliveryStreamName`: 1 to 64 of `[a-zA-Z0-9_.-]`. */
export const DELIVERY_STREAM_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
/** Firehose delivery stream names: at most 64 characters. */
export const MAX_DELIVERY_STREAM_NAME_LENGTH = 64;
/** ExtendedS3DestinationConfiguration `FileExtension`: empty, or `.` and `[0-9a-z!\-_.*'()]`. */
export const FIREHOSE_FILE_EXTENSION = /^$|^\.[0-9a-z!\-_.*'()]+$/;
/** `Prefix` and `ErrorOutputPrefix` may not be longer than 512 characters once evaluated. */
export const MAX_EVALUATED_PREFIX_LENGTH = 512;

/** The longest text each expression of a prefix can evaluate to (timestamps per Java DateTimeFormatter). */
function evaluatedLength(prefix: string): number {
  return prefix.replace(/!\{([^}]*)\}/g, (_, expression: string) => {
    const [namespace, value = ""] = expression.split(/:(.*)/s);
    // Pattern letters print as many characters as they repeat, except full month and day names (up to 9).
    if (namespace === "timestamp") {
      const text = value.replace(/'([^']*)'/g, "$1");
      return "x".repeat(text.length + (text.match(/MMMM|EEEE/g) ?? []).length * 5);
    }
    if (expression === "firehose:error-output-type") return "x".repeat("format-conversion-failed".length);
    if (expression === "firehose:random-string") return "x".repeat(11);
    return `!{${expression}}`; // not an expression Firehose knows: reported as malformed
  }).length;
}

/** The semantic rules of `Prefix` and `ErrorOutputPrefix` that CreateDeliveryStream enforces. */
export function firehosePrefixProblems(prefix: string, errorOutputPrefix: string | undefined): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const hasExpression = (text: string) => /!\{/.test(text);
  const malformed = (text: string) => text.replace(/!\{(firehose|timestamp|partitionKeyFromQuery|partitionKeyFromLambda):[^}]+\}/g, "").includes("!{");
  if (malformed(prefix)) problems.push({ field: "prefix", value: prefix, problem: "has '!{' outside a !{namespace:value} expression", allowed: "!{ only in !{namespace:value} expressions" });
  if (prefix.includes("!{firehose:error-output-type}")) {
    problems.push({ field: "prefix", value: prefix, problem: "uses !{firehose:error-output-type}", allowed: "that expression in errorOutputPrefix only" });
  }
  if (hasExpression(prefix) && !errorOutputPrefix) {
    problems.push({ field: "errorOutputPrefix", value: errorOutputPrefix, problem: "is empty while prefix contains expressions", allowed: "an error output prefix" });
  }
  if (errorOutputPrefix) {
    if (malformed(errorOutputPrefix)) {
      problems.push({ field: "errorOutputPrefix", value: errorOutputPrefix, problem: "has '!{' outside a !{namespace:value} expression", allowed: "!{ only in !{namespace:value} expressions" });
    }
    if (hasExpression(errorOutputPrefix) && !errorOutputPrefix.includes("!{firehose:error-output-type}")) {
      problems.push({ field: "errorOutputPrefix", value: errorOutputPrefix, problem: "has expressions but no !{firehose:error-output-type}", allowed: "at least one !{firehose:error-output-type}" });
    }
  }
  for (const [field, text] of [["prefix", prefix], ["errorOutputPrefix", errorOutputPrefix ?? ""]] as const) {
    if (text.length > 1024 || evaluatedLength(text) > MAX_EVALUATED_PREFIX_LENGTH) {
      problems.push({ field, value: text, problem: "can be longer than 512 characters once evaluated", allowed: `at most ${MAX_EVALUATED_PREFIX_LENGTH} characters after evaluation` });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// AWS Config: PutConfigRule (AWS Config API Reference).

export function configRuleProblems(name: string, description: string | undefined, inputParameters: string | undefined): LimitProblem[] {
  return [
    ...textProblems("name", name, { max: 128, pattern: /\S/ }),
    ...(description === undefined ? [] : textProblems("description", description, { min: 0, max: 256 })),
    ...(inputParameters === undefined ? [] : textProblems("inputParameters", inputParameters, { max: 1024 })),
  ];
}

// ---------------------------------------------------------------------------------------------------
// X-Ray: CreateSamplingRule (AWS X-Ray API Reference).

export interface SamplingRuleShape {
  readonly ruleName: string;
  readonly serviceName: string;
  readonly serviceType: string;
  readonly host: string;
  readonly httpMethod: string;
  readonly urlPath: string;
}

export function samplingRuleProblems(rule: SamplingRuleShape): LimitProblem[] {
  return [
    ...textProblems("ruleName", rule.ruleName, { max: 32 }),
    ...textProblems("serviceName", rule.serviceName, { max: 64 }),
    ...textProblems("serviceType", rule.serviceType, { max: 64 }),
    ...textProblems("host", rule.host, { max: 64 }),
    ...textProblems("httpMethod", rule.httpMethod, { max: 10 }),
    ...textProblems("urlPath", rule.urlPath, { max: 128 }),
  ];
}

/** AWS X-Ray quota "Custom sampling rules per region" (L-8C0C998A): 25 by default. */
export const DEFAULT_MAX_SAMPLING_RULES_PER_REGION = 25;

// ---------------------------------------------------------------------------------------------------
// CloudTrail: CreateTrail (AWS CloudTrail API Reference).

/**
 * CreateTrail `Name`: 3 to 128 ASCII letters, digits, '.', '_' or '-', starting and ending with a letter
 * or digit, no two of '.', '_', '-' next to each other, and not in IP address format.
 */
export function cloudTrailNameProblems(name: string): LimitProblem[] {
  const shape = textProblems("name", name, { min: 3, max: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$/, characters: "letters, digits, '.', '_' or '-', starting and ending with a letter or digit" });
  if (shape.length > 0) return shape;
  if (/[._-]{2}/.test(name)) return [{ field: "name", value: name, problem: "has adjacent '.', '_' or '-'", allowed: "no two of '.', '_', '-' next to each other" }];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return [{ field: "name", value: name, problem: "is in IP address format", allowed: "a name that is not an IP address" }];
  return [];
}

// ---------------------------------------------------------------------------------------------------
// S3: CreateBucket ("General purpose bucket naming rules", Amazon S3 User Guide).

/** S3 bucket names are global: 3 to 63 characters. */
export const MAX_BUCKET_NAME_LENGTH = 63;
/**
 * S3 bucket naming rules: 3 to 63 lower-case letters, digits, `.` and `-`, starting and ending with a letter
 * or digit, no `..`, not an IP address, none of the prefixes and suffixes S3 reserves.
 */
export const S3_BUCKET_NAME = /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

// ---------------------------------------------------------------------------------------------------
// S3: PutBucketLifecycleConfiguration (Amazon S3 API Reference).

/** A lifecycle configuration can have up to 1,000 rules (not adjustable). */
export const MAX_LIFECYCLE_RULES = 1000;
/** LifecycleRule `ID`: at most 255 characters. */
export const MAX_LIFECYCLE_RULE_ID_LENGTH = 255;

// ---------------------------------------------------------------------------------------------------
// SNS: CreateTopic (Amazon SNS API Reference).

/** CreateTopic `Name`: 1 to 256 ASCII letters, digits, '_' and '-' (a FIFO topic ends with `.fifo`). */
export const SNS_TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

// ---------------------------------------------------------------------------------------------------
// CloudWatch dashboards: PutDashboard (Amazon CloudWatch API Reference).

/** PutDashboard `DashboardName`: at most 255 of A-Z, a-z, 0-9, '-' and '_'. Dashboards are global in an account. */
export const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** X-Ray's limit on `rule_name`. */
export const MAX_SAMPLING_RULE_NAME_LENGTH = 32;

/** Longest freshness tolerance: half of the 24 hours Firehose retries S3 before it drops records, to leave time to repair. */
export const MAX_FRESHNESS_TOLERANCE_SECONDS = 43_200;

/** The only retention periods (days) CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** CloudWatch evaluates at most one day of data per alarm: period x evaluation periods <= 86400 s. */
export const MAX_EVALUATION_SECONDS = 86_400;
/** API Gateway metrics, and metrics from log metric filters, are published once a minute. */
export const METRIC_RESOLUTION_SECONDS = 60;

/**
 * CloudWatch accepts a period of 10, 20 or 30 seconds (high resolution) or any multiple of 60
 * (PutMetricAlarm `Period`: "Valid values are 10, 20, 30, and any multiple of 60").
 */
export function isCloudWatchPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 20 || seconds === 30 || (seconds > 0 && seconds % 60 === 0);
}

/** `isCloudWatchPeriod`, in words. */
export const CLOUDWATCH_PERIODS = "10, 20, 30 or a multiple of 60";

/** An alarm's evaluation window: `datapointsToAlarm` (M) of `evaluationPeriods` (N) periods of `periodSeconds`. */
export interface AlarmWindow {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/**
 * What PutMetricAlarm rejects in an alarm's window: a `Period` it does not accept, `EvaluationPeriods` or
 * `DatapointsToAlarm` below 1, M over N, and N periods longer than `MAX_EVALUATION_SECONDS`. Fields are named
 * as in `AlarmWindow` (callers prefix them).
 */
export function alarmWindowProblems(window: AlarmWindow): LimitProblem[] {
  const { periodSeconds: p, evaluationPeriods: n, datapointsToAlarm: m } = window;
  const period: LimitProblem[] = isCloudWatchPeriod(p) ? [] : [{ field: "periodSeconds", value: p, problem: "is not a CloudWatch period", allowed: CLOUDWATCH_PERIODS }];
  if (!Number.isInteger(n) || n < 1) {
    return [...period, { field: "evaluationPeriods", value: n, problem: "is not a whole number of periods", allowed: "a whole number from 1" }];
  }
  const datapoints: LimitProblem[] =
    Number.isInteger(m) && m >= 1 && m <= n ? [] : [{ field: "datapointsToAlarm", value: m, problem: `is not from 1 to evaluationPeriods (${n})`, allowed: `a whole number from 1 to ${n}` }];
  const span: LimitProblem[] =
    period.length === 0 && p * n > MAX_EVALUATION_SECONDS
      ? [{ field: "evaluationPeriods", value: n, problem: `times periodSeconds (${p}) is ${p * n} s, over CloudWatch's one-day evaluation limit`, allowed: `at most ${Math.floor(MAX_EVALUATION_SECONDS / p)} periods of ${p} s` }]
      : [];
  return [...period, ...datapoints, ...span];
}
