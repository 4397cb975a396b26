/**
 * The canary rule across stages: a canary's resources are named after its stage with `canary` appended (log
 * groups `aws_cloudwatch_log_group.stage_v1_canary_access_logs`, alarms `aws_cloudwatch_metric_alarm.stage_v1_canary_5xx_rate`
 * named `<api>-v1-canary-5xx-rate` in CloudWatch), which is what a stage named `v1-canary` or `v1_canary` gets for its
 * own. Terraform would stop on the clash, and CloudWatch alarm names are unique per account and region:
 * PutMetricAlarm would let one alarm overwrite the other.
 */
import { snakeCase } from "../../aws/naming";
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";

export const canaryNamesFree: EnvironmentRule = rule(["stages.*.name", "stages.*.canary.enabled"], (env) => {
  const byAddress = new Map(env.stages.map((stage) => [snakeCase(stage.name), stage.name]));
  return env.stages.flatMap((stage, i) => {
    const taken = stage.canary.enabled ? byAddress.get(`${snakeCase(stage.name)}_canary`) : undefined;
    return taken === undefined
      ? []
      : [
          issue(
            `stages[${i}].canary.enabled`,
            true,
            `names the canary's log groups and alarms "${stage.name}-canary", as the stage "${taken}" names its own`,
            `a canary on a stage with no sibling named "${stage.name}-canary" or "${stage.name}_canary" (rename that stage), or enabled false`,
          ),
        ];
  });
});

/** The canary rules across stages. */
export const CANARY_RULES: readonly EnvironmentRule[] = [canaryNamesFree];
