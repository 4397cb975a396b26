/** The tracing rule across sections: X-Ray sampling rule names, built from service, environment and stage, within X-Ray's limit. */
import { MAX_SAMPLING_RULE_NAME_LENGTH } from "../../aws/limits";
import { Naming, samplingRuleName } from "../../aws/naming";
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";

/**
 * Every traced stage gets a sampling rule named `<service>-<environment>-<stage>`: X-Ray allows 32 characters.
 * When `<service>-<environment>-` alone leaves no room for a one-character stage name, the service and
 * environment names are what is too long, and that is said once instead of once per stage.
 */
export const samplingRuleNames: EnvironmentRule = rule(["name", "service", "stages.*.name", "stages.*.tracingEnabled"], (env) => {
  const apiName = new Naming({ service: env.service, environment: env.name }).prefix;
  const traced = env.stages.flatMap((stage, i) => (stage.tracingEnabled ? [{ stage, i }] : []));
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
});

/** The tracing rules across sections. */
export const TRACING_RULES: readonly EnvironmentRule[] = [samplingRuleNames];
