/**
 * The environment config, as one schema: it parses what an environment file writes (`unknown`, checked)
 * into a fully defaulted, typed `Environment`. Each section lives in its own file with its defaults beside
 * its fields; the rules across sections run once the fields they read are valid.
 */
import { z } from "zod";
import { ENVIRONMENT_RULES } from "../rules";
import { environmentFields } from "./environment-fields";
import { withRules } from "./fields";
import { productionTurnsWafOn } from "./waf";

export type { Environment, EnvironmentInput, EnvironmentRule } from "./environment-fields";

/** Defaults that depend on another section (the tier) are set on the input first; then fields, then rules. */
export const environmentSchema = z.preprocess(productionTurnsWafOn, withRules(environmentFields, ENVIRONMENT_RULES));
