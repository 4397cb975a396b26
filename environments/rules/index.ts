/**
 * The rules across the sections of an environment, one file per topic. Each rule runs once the fields it
 * reads are valid; their order here is the order in which their issues are listed.
 */
import type { EnvironmentRule } from "../schema/environment-fields";
import { ACCOUNT_RULES } from "./account";
import { ARCHIVE_RULES } from "./archive";
import { CACHE_RULES } from "./cache";
import { CANARY_RULES } from "./canary";
import { IDENTITY_RULES } from "./identity";
import { LOG_DESTINATION_RULES } from "./log-destinations";
import { NOTIFICATION_RULES } from "./notifications";
import { PRODUCTION_RULES } from "./production";
import { SLACK_RULES } from "./slack";
import { STAGE_RULES } from "./stages";
import { STATE_BACKEND_RULES } from "./state-backend";
import { TRACING_RULES } from "./tracing";
import { USAGE_PLAN_RULES } from "./usage-plans";
import { WAF_RULES } from "./waf";

/** Every rule across sections, in the order their issues are listed. */
export const ENVIRONMENT_RULES: readonly EnvironmentRule[] = [
  ...IDENTITY_RULES,
  ...STAGE_RULES,
  ...CACHE_RULES,
  ...CANARY_RULES,
  ...NOTIFICATION_RULES,
  ...PRODUCTION_RULES,
  ...TRACING_RULES,
  ...ARCHIVE_RULES,
  ...ACCOUNT_RULES,
  ...STATE_BACKEND_RULES,
  ...USAGE_PLAN_RULES,
  ...WAF_RULES,
  ...SLACK_RULES,
  ...LOG_DESTINATION_RULES,
];
