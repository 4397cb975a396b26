/**
 * The environment's usage plans (`aws_api_gateway_usage_plan`): per plan, the stages its keys may call, the
 * throttle of each key, an optional quota, and per-method throttles of each key on some stages.
 *
 * Each plan names its stages through the stage resources' `stage_name`, never as literals: CreateUsagePlan
 * refuses a stage that does not exist yet ("Invalid API Stage {api: ..., stage: ...} specified for usageplan",
 * aws/aws-cdk#6169), and the reference is what makes Terraform create the stage first (the provider's own
 * example was corrected to it, terraform-provider-aws#29913). A method throttle is keyed `/<resource path>/<METHOD>`
 * (`usagePlanThrottlePath`), and API Gateway refuses one on a plan without a throttle of its own ("Can not define
 * fine grain throttling if usage plan throttle is not defined", aws/aws-cdk#6411).
 */
import { ApiGatewayUsagePlan, type ApiGatewayUsagePlanApiStages } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { Construct } from "constructs";
import { assertWithinLimits, type LimitProblem } from "../aws/limits";
import { type QuotaPeriod, quotaProblems, throttleProblems, usagePlanThrottlePath } from "../aws/usage-plans";
import type { ApiStage } from "./api-stage";
import type { OpenApiRestApi } from "./openapi-rest-api";

/** Requests per second (steady rate) and bucket size (burst) of one API key. */
export interface KeyThrottle {
  readonly burstLimit: number;
  readonly rateLimit: number;
}

/** Requests of one API key per period. */
export interface KeyQuota {
  /** At least 1. */
  readonly limit: number;
  readonly period: QuotaPeriod;
  /** Where the period starts: 0 for DAY, 0..6 for WEEK, 0..27 for MONTH. */
  readonly offset: number;
}

/** One method's throttle per key, on the plan's stages or some of them. */
export interface MethodThrottle {
  /** `GET`, `POST`... as in the API definition. */
  readonly httpMethod: string;
  /** The resource path as in the API definition, e.g. `/orders/{orderId}`. */
  readonly resourcePath: string;
  /** The stages it applies on. @default every stage of the plan */
  readonly stages?: readonly string[];
  /** Both values: API Gateway would store a missing one as 0 and refuse every request. */
  readonly throttling: KeyThrottle;
}

/** One usage plan. */
export interface UsagePlanSettings {
  /** Short name, unique in the environment: the plan is `<namePrefix>-<name>`. */
  readonly name: string;
  /** @default "<name> usage plan of <namePrefix>" */
  readonly description?: string;
  /** Names of the stages the plan covers. @default every stage of `UsagePlansProps.stages` */
  readonly stages?: readonly string[];
  /** Throttle of each key of the plan. Required for method throttles. @default no throttle of its own (the stage's applies) */
  readonly throttling?: KeyThrottle;
  /** @default no quota */
  readonly quota?: KeyQuota;
  /** @default none */
  readonly methodThrottling?: readonly MethodThrottle[];
}

export interface UsagePlansProps {
  readonly api: OpenApiRestApi;
  /** The API's stages; plans name theirs among them. */
  readonly stages: readonly ApiStage[];
  /** `<service>-<environment>`: each plan is named `<namePrefix>-<plan name>`. */
  readonly namePrefix: string;
  readonly plans: readonly UsagePlanSettings[];
}

/** The stage names a plan covers. */
export function coveredStages(plan: Pick<UsagePlanSettings, "stages">, stages: readonly { readonly stageName: string }[]): readonly string[] {
  return plan.stages ?? stages.map((stage) => stage.stageName);
}

/** What AWS would refuse in one plan at apply, with the fields named as in `UsagePlanSettings`. */
export function usagePlanProblems(plan: UsagePlanSettings, stageNames: readonly string[]): LimitProblem[] {
  const covered = plan.stages ?? stageNames;
  const throttles = plan.methodThrottling ?? [];
  return [
    ...(plan.stages ?? []).filter((s) => !stageNames.includes(s)).map((s) => ({ field: "stages", value: s, problem: "is not a stage of the API", allowed: stageNames.join(", ") })),
    ...(plan.throttling ? throttleProblems("throttling", plan.throttling) : []),
    ...(plan.quota ? quotaProblems("quota", plan.quota) : []),
    ...(throttles.length > 0 && plan.throttling === undefined
      ? [{ field: "methodThrottling", value: throttles.map(usagePlanThrottlePath), problem: "needs the plan's own throttling (API Gateway: \"Can not define fine grain throttling if usage plan throttle is not defined\")", allowed: "throttling on the plan, or no method throttles" }]
      : []),
    ...throttles.flatMap((t, i) => [
      ...throttleProblems(`methodThrottling[${i}].throttling`, t.throttling),
      ...(t.stages ?? []).filter((s) => !covered.includes(s)).map((s) => ({ field: `methodThrottling[${i}].stages`, value: s, problem: "is not a stage of the plan", allowed: covered.join(", ") })),
    ]),
  ];
}

export class UsagePlans extends Construct {
  /** Each plan by its short name. */
  public readonly plans: ReadonlyMap<string, ApiGatewayUsagePlan>;

  constructor(scope: Construct, id: string, props: UsagePlansProps) {
    super(scope, id);
    const stageNames = props.stages.map((stage) => stage.stageName);
    const plans = new Map<string, ApiGatewayUsagePlan>();
    for (const plan of props.plans) {
      const owner = `UsagePlans ${props.namePrefix}-${plan.name}`;
      if (plans.has(plan.name)) throw new Error(`${owner}: name = ${JSON.stringify(plan.name)} is used by another plan. Allowed: a unique name per plan`);
      assertWithinLimits(owner, usagePlanProblems(plan, stageNames));
      plans.set(plan.name, this.plan(plan, props));
    }
    this.plans = plans;
  }

  private plan(plan: UsagePlanSettings, props: UsagePlansProps): ApiGatewayUsagePlan {
    const stages = props.stages.filter((stage) => coveredStages(plan, props.stages).includes(stage.stageName));
    const apiStages: ApiGatewayUsagePlanApiStages[] = stages.map((stage) => {
      const throttle = (plan.methodThrottling ?? [])
        .filter((t) => t.stages === undefined || t.stages.includes(stage.stageName))
        .map((t) => ({ path: usagePlanThrottlePath(t), burstLimit: t.throttling.burstLimit, rateLimit: t.throttling.rateLimit }));
      // `stage_name` of the stage resource: the plan is created after the stage it covers.
      return { apiId: props.api.id, stage: stage.stage.stageName, ...(throttle.length > 0 ? { throttle } : {}) };
    });
    return new ApiGatewayUsagePlan(this, plan.name, {
      name: `${props.namePrefix}-${plan.name}`,
      description: plan.description ?? `${plan.name} usage plan of ${props.namePrefix}`,
      apiStages,
      throttleSettings: plan.throttling ? { burstLimit: plan.throttling.burstLimit, rateLimit: plan.throttling.rateLimit } : undefined,
      quotaSettings: plan.quota ? { limit: plan.quota.limit, period: plan.quota.period, offset: plan.quota.offset } : undefined,
    });
  }
}
