/**
 * A stage's canary release (`stages[].canary`): a share of the stage's requests runs with its own stage
 * variables (and, optionally, the stage cache), logged to its own log groups and measured by its own metrics.
 * The canary runs the stage's deployment (see modules/api-stage.ts): what it tries out is its stage-variable
 * overrides, e.g. a new backend version. Off by default.
 */
import { z } from "zod";
import {
  CANARY_PERCENT_RANGE,
  MAX_STAGE_VARIABLE_NAME_LENGTH,
  MAX_STAGE_VARIABLE_VALUE_LENGTH,
  MAX_STAGE_VARIABLES,
  STAGE_VARIABLE_NAME,
  STAGE_VARIABLE_VALUE,
} from "../../aws/canary";
import { flag, numberIn, section } from "./fields";
import { explain } from "./issues";

const VARIABLE_NAME_ALLOWED = `1 to ${MAX_STAGE_VARIABLE_NAME_LENGTH} letters, digits or '_' (API Gateway stage variable names)`;
const VARIABLE_VALUE_ALLOWED = `1 to ${MAX_STAGE_VARIABLE_VALUE_LENGTH} of letters, digits and - . _ ~ : / ? # & = , (API Gateway stage variable values)`;

/** Stage variables the canary sets or overrides: API Gateway's name and value rules, at most 100 of them. */
const variableValue = z
  .string({ error: explain("is not a stage variable value", VARIABLE_VALUE_ALLOWED) })
  .regex(STAGE_VARIABLE_VALUE, { error: explain("is not a stage variable value API Gateway accepts", VARIABLE_VALUE_ALLOWED) });

const stageVariableOverrides = z
  .record(z.string().regex(STAGE_VARIABLE_NAME), variableValue, {
    error: (iss) =>
      iss.code === "invalid_key"
        ? explain("is not a stage variable name API Gateway accepts", VARIABLE_NAME_ALLOWED)
        : explain("is not a map of stage variables", "an object of variable name to value"),
  })
  .refine((variables) => Object.keys(variables).length <= MAX_STAGE_VARIABLES, {
    error: explain(`is more than the ${MAX_STAGE_VARIABLES} stage variables a stage may have`, `at most ${MAX_STAGE_VARIABLES} variables ("Stage variables per stage")`),
  })
  .default({});

export const canarySchema = section(
  {
    /** Run a canary on the stage. @default false */
    enabled: flag().default(false),
    /** Share of the stage's requests the canary serves, 0..100 (percent; 0 keeps it idle). @default 10 */
    percentTraffic: numberIn(CANARY_PERCENT_RANGE.min, CANARY_PERCENT_RANGE.max).default(10),
    /** Stage variables the canary sets or overrides (its reason to exist: a backend version, a flag). @default {} */
    stageVariableOverrides,
    /** Whether canary requests use the stage cache: needs the stage's cache cluster. @default false */
    useStageCache: flag().default(false),
  },
  "is not a canary setting",
  "{ enabled?, percentTraffic?, stageVariableOverrides?, useStageCache? }",
).prefault({});

export type Canary = z.output<typeof canarySchema>;
