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

/**
 * Every traced stage gets a sampling rule named `<service>-<environment>-<stage>`: X-Ray allows 32 characters.
 * When `<service>-<environment>-` alone leaves no room for a one-character stage name, the service and
 * environment names are what is too long, and that is said once instead of once per stage.
 */
export function samplingRuleNames(env: Environment): ConfigIssue[] {
  if (!Array.isArray(env.stages) || typeof env.service !== "string" || typeof env.name !== "string") return [];
  const apiName = new Naming({ service: env.service, environment: env.name }).prefix;
  const traced = env.stages.flatMap((stage, i) => (stage?.tracingEnabled === true && typeof stage.name === "string" ? [{ stage, i }] : []));
  if (traced.length === 0) return [];
  const maxStageName = MAX_SAMPLING_RULE_NAME_LENGTH - apiName.length - 1;
  if (maxStageName < 1) {
    // service + "-" + name + "-" + at least one character of stage name.
    const maxService = MAX_SAMPLING_RULE_NAME_LENGTH - env.name.length - 3;
    // Only an environment name longer than the name rule allows leaves no room for a 2-character service.
    if (maxService < 2) return [];
    return [
      issue(
        "service",
        env.service,
        `with the environment name ${JSON.stringify(env.name)} makes the prefix "${apiName}-" of the X-Ray sampling rule names ${apiName.length + 1} characters long, leaving no room for a stage name (X-Ray rule names are at most ${MAX_SAMPLING_RULE_NAME_LENGTH})`,
        `a service name of at most ${maxService} characters for this environment (service and environment name together at most ${MAX_SAMPLING_RULE_NAME_LENGTH - 3} characters), or tracingEnabled: false on every stage`,
      ),
    ];
  }
  return traced.flatMap(({ stage, i }) => {
    const name = samplingRuleName(apiName, stage.name);
    return name.length > MAX_SAMPLING_RULE_NAME_LENGTH
      ? [issue(`stages[${i}].name`, stage.name, `makes the X-Ray sampling rule name "${name}" ${name.length} characters long`, `a stage name of at most ${maxStageName} characters (X-Ray rule names are at most ${MAX_SAMPLING_RULE_NAME_LENGTH}), or tracingEnabled: false`)]
      : [];
  });
}
