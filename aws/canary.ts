/**
 * What API Gateway does with a stage's canary release (Developer Guide, "Set up an API Gateway canary release
 * deployment"), and what it accepts in one (API Reference, `CanarySettings`; "Quotas for configuring and running
 * a REST API in API Gateway").
 */

/**
 * The suffix API Gateway appends to the names of a canary's own log groups: `<execution log group>/Canary` and
 * `<access log group>/Canary` (Developer Guide, canary release: "the canary release execution log group is named
 * `API-Gateway-Execution-Logs/{rest-api-id}/{stage-name}/Canary`" (that page writes `/` where API Gateway writes
 * `_`, see "Set up CloudWatch logging for REST APIs") and "the canary release access log group name has the
 * `/Canary` suffix appended to the selected log group name").
 */
export const CANARY_SUFFIX = "/Canary";

/** The log group API Gateway writes a canary's logs to, beside the stage's own `logGroupName`. */
export function canaryLogGroupName(logGroupName: string): string {
  return `${logGroupName}${CANARY_SUFFIX}`;
}

/**
 * The `Stage` dimension of a canary's own metrics in `AWS/ApiGateway` ("the canary release has its own logs and
 * metrics"): the stage name with the suffix of its log groups, `v1/Canary`; `ApiName` stays the API's name. The
 * guide does not spell this value out: check it in the CloudWatch console (AWS/ApiGateway, by stage) after the
 * first deploy of a canary (docs/terraform-teams.md, "Canary releases").
 */
export function canaryMetricStage(stageName: string): string {
  return `${stageName}${CANARY_SUFFIX}`;
}

/** `CanarySettings.percentTraffic`: "between 0.0 and 100.0 inclusive". */
export const CANARY_PERCENT_RANGE = { min: 0, max: 100 } as const;

/**
 * Stage variables (API Reference, CreateStage and CreateDeployment `variables`; `CanarySettings.stageVariableOverrides`
 * takes the same): "Variable names can have alphanumeric and underscore characters, and the values must match
 * `[A-Za-z0-9-._~:/?#&=,]+`". REST API quotas: at most 100 stage variables per stage, keys of at most 64 and values of
 * at most 512 characters (none adjustable).
 */
export const STAGE_VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
export const STAGE_VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
export const MAX_STAGE_VARIABLES = 100;
export const MAX_STAGE_VARIABLE_NAME_LENGTH = 64;
export const MAX_STAGE_VARIABLE_VALUE_LENGTH = 512;
