/**
 * Usage plans and API keys across sections: plans and keys named once, keys in plans that exist, plans on
 * stages that exist, method throttles on routes the API has and that require a key, every key-required route
 * covered by a plan on every stage, a key in at most one plan per stage, and API Gateway's quotas. AWS accepts
 * some of these and meters nothing; it refuses the others half-way through an apply.
 */
import { snakeCase } from "../../aws/naming";
import { USAGE_PLAN_QUOTAS } from "../../aws/usage-plans";
import { operationKey } from "../openapi";
import { apiRoutes } from "../schema/api";
import type { Environment, EnvironmentRule } from "../schema/environment-fields";
import { duplicates, rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";
import type { UsagePlanConfig } from "../schema/usage-plans";

/** The stages a plan covers: its own list, or every stage of the environment. */
export function planStages(plan: Pick<UsagePlanConfig, "stages">, stages: readonly { readonly name: string }[]): readonly string[] {
  return plan.stages ?? stages.map((stage) => stage.name);
}

const KEY_REQUIRED = '"security": [{ "api_key": [] }]';

/** Two plans of one name would be one plan for Terraform (one address) and two for a reader. */
export const uniquePlanNames: EnvironmentRule = rule(["usagePlans"], ({ usagePlans }) =>
  duplicates(usagePlans.map((plan) => plan.name)).map((name) => issue("usagePlans[].name", name, "is used by more than one usage plan", "a unique name per usage plan")),
);

/** Two keys of one name would be one key for Terraform. */
export const uniqueKeyNames: EnvironmentRule = rule(["apiKeys"], ({ apiKeys }) =>
  duplicates(apiKeys.map((key) => key.name)).map((name) => issue("apiKeys[].name", name, "is used by more than one API key", "a unique name per API key")),
);

/** A key joins plans of the environment: another name would be a usage plan key with no plan to link to. */
export const keysInExistingPlans: EnvironmentRule = rule(["apiKeys", "usagePlans"], ({ apiKeys, usagePlans }) => {
  const names = usagePlans.map((plan) => plan.name);
  const allowed = names.length > 0 ? `one of ${names.join(", ")}` : "the name of a usagePlans entry (the environment has none)";
  return apiKeys.flatMap((key, i) =>
    key.plans.flatMap((plan, j) => (names.includes(plan) ? [] : [issue(`apiKeys[${i}].plans[${j}]`, plan, "is not a usage plan of the environment", allowed)])),
  );
});

/**
 * A plan covers stages of the environment's API, and a method throttle stages of its plan: CreateUsagePlan
 * refuses a stage the API does not have ("Invalid API Stage ... specified for usageplan").
 */
export const plansOnExistingStages: EnvironmentRule = rule(["usagePlans", "stages.*.name"], ({ usagePlans, stages }) => {
  const names = stages.map((stage) => stage.name);
  return usagePlans.flatMap((plan, i) => {
    const own = (plan.stages ?? []).flatMap((stage, j) =>
      names.includes(stage) ? [] : [issue(`usagePlans[${i}].stages[${j}]`, stage, "is not a stage of the environment", `one of ${names.join(", ")}, or no stages (every stage)`)],
    );
    const covered = planStages(plan, stages);
    const throttled = plan.methodThrottling.flatMap((throttle, j) =>
      (throttle.stages ?? []).flatMap((stage, k) =>
        covered.includes(stage)
          ? []
          : [issue(`usagePlans[${i}].methodThrottling[${j}].stages[${k}]`, stage, `is not a stage of usage plan "${plan.name}"`, `one of ${covered.join(", ")}, or no stages (every stage of the plan)`)],
      ),
    );
    return [...own, ...throttled];
  });
});

/**
 * One throttle per method and stage in a plan: `ApiStage.throttle` is a map keyed by `/<path>/<METHOD>`, so a
 * second throttle of a method on a stage would replace the first.
 */
export const oneThrottlePerMethodAndStage: EnvironmentRule = rule(["usagePlans", "stages.*.name"], ({ usagePlans, stages }) =>
  usagePlans.flatMap((plan, i) => {
    const covered = planStages(plan, stages);
    const onStage = plan.methodThrottling.flatMap((t) => (t.stages ?? covered).map((stage) => `${operationKey(t)} on stage ${stage}`));
    return duplicates(onStage).map((key) => issue(`usagePlans[${i}].methodThrottling`, key, "is throttled more than once", "one throttle per method and stage"));
  }),
);

/**
 * A method throttle names a route of the API definition that requires an API key. A throttle on another path
 * fails the apply ("Invalid method", aws/aws-cdk#15426); on a route without a key, API Gateway never identifies
 * the caller by key, so the throttle applies to nothing.
 */
export const methodThrottlesOnKeyedRoutes: EnvironmentRule = rule(["api", "usagePlans"], ({ api, usagePlans }) => {
  const routes = apiRoutes(api);
  const keyed = [...routes.operations.values()].filter((op) => op.apiKeyRequired).map(operationKey);
  return usagePlans.flatMap((plan, i) =>
    plan.methodThrottling.flatMap((throttle, j): ConfigIssue[] => {
      const field = `usagePlans[${i}].methodThrottling[${j}].method`;
      const operation = routes.operations.get(operationKey(throttle));
      if (!operation) return [issue(field, operationKey(throttle), "is not an operation of the API definition", [...routes.operations.keys()].join(", "))];
      if (operation.apiKeyRequired) return [];
      return [
        issue(
          field,
          operationKey(throttle),
          `does not require an API key in ${routes.shown}, so no key's throttle ever applies to it`,
          `${KEY_REQUIRED} on the operation in ${routes.shown}, or one of the routes that require a key: ${keyed.join(", ") || "none"}`,
        ),
      ];
    }),
  );
});

/**
 * A route that requires an API key answers 403 to every caller on a stage that no usage plan covers: API Gateway
 * accepts a key only through a plan of that stage. One issue for every such stage.
 */
export const keyedRoutesCovered: EnvironmentRule = rule(["api", "stages.*.name", "usagePlans"], ({ api, stages, usagePlans }) => {
  const routes = apiRoutes(api);
  const keyed = [...routes.operations.values()].filter((op) => op.apiKeyRequired).map(operationKey);
  const covered = new Set(usagePlans.flatMap((plan) => planStages(plan, stages)));
  const uncovered = stages.map((stage) => stage.name).filter((name) => !covered.has(name));
  if (keyed.length === 0 || uncovered.length === 0) return [];
  return [
    issue(
      "stages",
      uncovered,
      `${uncovered.length === 1 ? "has" : "have"} routes that require an API key in ${routes.shown} (${keyed.join(", ")}) and no usage plan covers ${uncovered.length === 1 ? "it" : "them"}, so every call to those routes is refused (403)`,
      `a usagePlans entry that covers ${uncovered.map((name) => JSON.stringify(name)).join(", ")} (a plan without stages covers every stage: usagePlans: [{ name: "clients" }]), or no ${KEY_REQUIRED} on those routes`,
    ),
  ];
});

/**
 * "A given API key can only be associated with one usage plan for each stage of your API" (Developer Guide,
 * "Usage plans and API keys"): CreateUsagePlanKey refuses the second plan, after plan said yes.
 */
export const oneKeyPlanPerStage: EnvironmentRule = rule(["apiKeys", "usagePlans", "stages.*.name"], ({ apiKeys, usagePlans, stages }) =>
  apiKeys.flatMap((key, i) => {
    const byStage = new Map<string, string[]>();
    for (const name of key.plans) {
      const plan = usagePlans.find((p) => p.name === name);
      for (const stage of plan ? planStages(plan, stages) : []) byStage.set(stage, [...(byStage.get(stage) ?? []), name]);
    }
    return [...byStage]
      .filter(([, plans]) => plans.length > 1)
      .map(([stage, plans]) =>
        issue(`apiKeys[${i}].plans`, plans, `are usage plans that both cover stage "${stage}": API Gateway allows a key one usage plan per stage`, "plans of the key that cover different stages"),
      );
  }),
);

/** API Gateway's quotas on plans and keys ("Quotas for configuring and running a REST API in API Gateway"). */
export const usagePlansWithinQuotas: EnvironmentRule = rule(["apiKeys", "usagePlans"], ({ apiKeys, usagePlans }) => {
  const { usagePlansPerRegion, apiKeysPerRegion, usagePlansPerApiKey } = USAGE_PLAN_QUOTAS;
  return [
    ...(usagePlans.length > usagePlansPerRegion
      ? [issue("usagePlans", `${usagePlans.length} usage plans`, `are more than the ${usagePlansPerRegion} API Gateway allows per account and region (quota "Usage plans per account per Region")`, `at most ${usagePlansPerRegion}, or a raised quota`)]
      : []),
    ...(apiKeys.length > apiKeysPerRegion
      ? [issue("apiKeys", `${apiKeys.length} API keys`, `are more than the ${apiKeysPerRegion} API Gateway allows per account and region (quota "API keys per account per Region", not adjustable)`, `at most ${apiKeysPerRegion}`)]
      : []),
    ...apiKeys.flatMap((key, i) =>
      key.plans.length > usagePlansPerApiKey
        ? [issue(`apiKeys[${i}].plans`, key.plans, `puts the key in ${key.plans.length} usage plans (quota "Usage plans per API key": ${usagePlansPerApiKey})`, `at most ${usagePlansPerApiKey}, or a raised quota`)]
        : [],
    ),
  ];
});

/** The name of a key's secret source, for comparing keys: two keys reading one secret have one value. */
const secretOf = (value: Environment["apiKeys"][number]["value"]): string | undefined =>
  value === undefined ? undefined : "variable" in value ? `Terraform variable ${value.variable}` : `SSM parameter ${value.ssmParameter}`;

/**
 * Key values are unique: "If you try to create two API keys with different names and the same value, API
 * Gateway considers them to be the same API key" (Developer Guide); CreateApiKey answers 409 "API Key already
 * exists" (terraform-provider-aws#17130). A variable also names one value only: a key's variable cannot be an
 * alarm subscriber's URL variable, which the stack declares with its own validation.
 */
export const keySecretsOwnTheirValue: EnvironmentRule = rule(["apiKeys", "notifications"], ({ apiKeys, notifications }) => {
  const urlVariables = notifications.httpsEndpoints.flatMap((e) => (typeof e === "object" && "variable" in e ? [e.variable] : []));
  const first = new Map<string, string>();
  return apiKeys.flatMap((key, i): ConfigIssue[] => {
    const secret = secretOf(key.value);
    if (secret === undefined || key.value === undefined) return [];
    const field = `apiKeys[${i}].value`;
    if ("variable" in key.value && urlVariables.includes(key.value.variable)) {
      return [issue(field, key.value, "is also the variable of an alarm subscriber's URL (notifications.httpsEndpoints)", "a Terraform variable of its own for the key")];
    }
    const owner = first.get(secret);
    if (owner === undefined) {
      first.set(secret, key.name);
      return [];
    }
    return [issue(field, key.value, `is also the value of API key "${owner}": API Gateway refuses a second key with the same value (409 "API Key already exists")`, "a secret of its own per key")];
  });
});

/**
 * Each key-to-plan link is `aws_api_gateway_usage_plan_key.<key>_<plan>` in snake_case: a key `a-b` in plan `c` and
 * a key `a` in plan `b-c` would make one address, and the synth would stop on the clash.
 */
export const keyLinkAddressesDistinct: EnvironmentRule = rule(["apiKeys"], ({ apiKeys }) => {
  // Distinct links only: a key named twice is reported by uniqueKeyNames.
  const links = [...new Set(apiKeys.flatMap((key) => key.plans.map((plan) => JSON.stringify([key.name, plan]))))].map((link) => JSON.parse(link) as [string, string]);
  const byAddress = new Map<string, string[]>();
  for (const [key, plan] of links) byAddress.set(snakeCase(`${key}_${plan}`), [...(byAddress.get(snakeCase(`${key}_${plan}`)) ?? []), `${key} in ${plan}`]);
  return [...byAddress]
    .filter(([, same]) => same.length > 1)
    .map(([address, same]) => issue("apiKeys", same, `make the same Terraform address aws_api_gateway_usage_plan_key.${address}`, "key and plan names that differ once joined with '_'"));
});

/** The usage plan rules, in the order their issues are listed. */
export const USAGE_PLAN_RULES: readonly EnvironmentRule[] = [
  uniquePlanNames,
  uniqueKeyNames,
  keysInExistingPlans,
  plansOnExistingStages,
  oneThrottlePerMethodAndStage,
  methodThrottlesOnKeyedRoutes,
  keyedRoutesCovered,
  oneKeyPlanPerStage,
  usagePlansWithinQuotas,
  keySecretsOwnTheirValue,
  keyLinkAddressesDistinct,
];
