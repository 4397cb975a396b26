/**
 * The environment config, as one schema: it parses what an environment file writes (`unknown`, checked)
 * into a fully defaulted, typed `Environment`. Each section lives in its own file with its defaults beside
 * its fields; the rules across sections run once the fields they read are valid.
 */
import { ENVIRONMENT_RULES } from "../rules";
import { environmentFields } from "./environment-fields";
import { withRules } from "./fields";

export type { Environment, EnvironmentInput, EnvironmentRule } from "./environment-fields";

export const environmentSchema = withRules(environmentFields, ENVIRONMENT_RULES);
