/**
 * The stages' rules across sections: unique stage names, and method overrides that name a route of the API
 * definition, with the cache keys and the stage cache cluster their caching needs.
 */
import { type ApiOperation, operationKey, pathTemplateParameters } from "../openapi";
import { apiRoutes } from "../schema/api";
import type { EnvironmentRule } from "../schema/environment-fields";
import { snakeCase } from "../../aws/naming";
import { duplicates, rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";
import type { MethodOverride } from "../schema/stages";

/** Two stages of one name would be one stage: API Gateway names stages uniquely per API. */
export const uniqueStageNames: EnvironmentRule = rule(["stages.*.name"], (env) =>
  duplicates(env.stages.map((stage) => stage.name)).map((name) => issue("stages[].name", name, "is used by more than one stage", "a unique name per stage")),
);

/**
 * A cached method is keyed only on its integration's `cacheKeyParameters`: without its path parameters there,
 * `GET /orders/1` and `GET /orders/2` share one cache entry and callers get each other's responses. A cache key
 * must also be a declared method request parameter (API reference, Integration.cacheKeyParameters).
 */
function cacheKeys(field: string, override: MethodOverride, operation: ApiOperation, file: string): ConfigIssue[] {
  if (!override.cachingEnabled) return [];
  const route = operationKey(operation);
  return pathTemplateParameters(operation.resourcePath)
    .filter((name) => !operation.cacheKeyParameters.includes(`method.request.path.${name}`))
    .map((name) => {
      const key = `method.request.path.${name}`;
      const declared = operation.parameters.some((p) => p.in === "path" && p.name === name);
      return issue(
        `${field}.cachingEnabled`,
        true,
        `caches ${route} without its path parameter ${name} in the cache key: one caller's response would be served for every ${name}`,
        `"cacheKeyParameters": ["${key}"] in the x-amazon-apigateway-integration of ${route} in ${file}` +
          (declared ? "" : `, with { "name": "${name}", "in": "path", "required": true } in the parameters of the operation or its path item`) +
          "; or cachingEnabled false",
      );
    });
}

/**
 * An override names a route of the API definition: its method settings would otherwise be filed under a
 * path no method has, which AWS accepts and which changes nothing. A cached route needs its cache keys.
 */
export const overridesMatchRoutes: EnvironmentRule = rule(["api", "stages"], (env) => {
  const routes = apiRoutes(env.api);
  return env.stages.flatMap((stage, i) =>
    stage.methodOverrides.flatMap((override, j) => {
      const field = `stages[${i}].methodOverrides[${j}]`;
      const operation = routes.operations.get(operationKey(override));
      return operation
        ? cacheKeys(field, override, operation, routes.shown)
        : [issue(`${field}.method`, operationKey(override), "is not an operation of the API definition", [...routes.operations.keys()].join(", "))];
    }),
  );
});

/** A cached method needs the stage's cache cluster: without it API Gateway has nowhere to cache. */
export const cachingNeedsCluster: EnvironmentRule = rule(["stages"], (env) =>
  env.stages.flatMap((stage, i) =>
    stage.methodOverrides.flatMap((override, j) =>
      override.cachingEnabled && !stage.caching.enabled
        ? [issue(`stages[${i}].methodOverrides[${j}].cachingEnabled`, true, "needs the stage cache cluster", `set stages[${i}].caching.enabled to true, or cachingEnabled to false`)]
        : [],
    ),
  ),
);

/** The stages' rules across sections, in the order their issues are listed. */

/**
 * One REST API per environment, and API Gateway allows it `quotas.stagesPerApi` stages ("Stages per API",
 * 10 by default, adjustable per API): CreateStage fails beyond it, half-way through an apply.
 */
export const stagesWithinQuota: EnvironmentRule = rule(["stages", "quotas.stagesPerApi"], ({ stages, quotas }) =>
  stages.length <= quotas.stagesPerApi
    ? []
    : [
        issue(
          "stages",
          `${stages.length} stages`,
          `are more than the ${quotas.stagesPerApi} stages API Gateway allows the environment's REST API (quota "Stages per API")`,
          `at most ${quotas.stagesPerApi} stages (split the environment), or quotas.stagesPerApi set to the quota AWS raised for this API`,
        ),
      ],
);

/**
 * A stage's name is part of the Terraform address of each of its resources, in snake_case
 * (`aws_cloudwatch_log_group.stage_v1_qa_access_logs`): `v1-qa` and `v1_qa`, or `V1` and `v1`, are two stages
 * for API Gateway but one address for Terraform, and the synth would stop on the clash.
 */
export const stageAddressesDistinct: EnvironmentRule = rule(["stages.*.name"], (env) => {
  const names = [...new Set(env.stages.map((stage) => stage.name))];
  const byAddress = new Map<string, string[]>();
  for (const name of names) byAddress.set(snakeCase(name), [...(byAddress.get(snakeCase(name)) ?? []), name]);
  return [...byAddress]
    .filter(([, same]) => same.length > 1)
    .map(([address, [first, ...others]]) =>
      issue("stages[].name", others.join(", "), `makes the same Terraform address part "${address}" as the stage "${first}"`, "stage names that differ in more than letter case, '-' and '_'"),
    );
});

export const STAGE_RULES: readonly EnvironmentRule[] = [uniqueStageNames, overridesMatchRoutes, cachingNeedsCluster, stagesWithinQuota, stageAddressesDistinct];
