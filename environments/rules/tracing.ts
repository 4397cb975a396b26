/** Rules on X-Ray sampling: the rate, reservoir and priority X-Ray accepts, and rule names within its limit. */
import { Naming } from "../../modules/naming";
import { MAX_SAMPLING_RULE_NAME_LENGTH, samplingRuleName } from "../../modules/xray-sampling-rule";
import type { Environment } from "../types";
import { type ConfigIssue, isObject, issue, numberIn } from "./checks";

export function tracing(env: Environment): ConfigIssue[] {
  const t = env.tracing;
  if (!isObject(t)) return [issue("tracing", t, "is not a tracing setting", "{ samplingRate?, reservoirSize?, priority? }")];
  return [
    ...numberIn("tracing.samplingRate", t.samplingRate, 0, 1),
    ...numberIn("tracing.reservoirSize", t.reservoirSize, 0, 10_000, { integer: true }),
    ...numberIn("tracing.priority", t.priority, 1, 9999, { integer: true }),
  ];
}

/** Every traced stage gets a sampling rule named `<service>-<environment>-<stage>`: X-Ray allows 32 characters. */
export function samplingRuleNames(env: Environment): ConfigIssue[] {
  if (!Array.isArray(env.stages) || typeof env.service !== "string" || typeof env.name !== "string") return [];
  const apiName = new Naming({ service: env.service, environment: env.name }).prefix;
  return env.stages.flatMap((stage, i) => {
    if (stage?.tracingEnabled !== true || typeof stage.name !== "string") return [];
    const name = samplingRuleName(apiName, stage.name);
    return name.length > MAX_SAMPLING_RULE_NAME_LENGTH
      ? [issue(`stages[${i}].name`, stage.name, `makes the X-Ray sampling rule name "${name}" ${name.length} characters long`, `a stage name of at most ${MAX_SAMPLING_RULE_NAME_LENGTH - apiName.length - 1} characters (X-Ray rule names are at most ${MAX_SAMPLING_RULE_NAME_LENGTH}), or tracingEnabled: false`)]
      : [];
  });
}
