/**
 * The rules across the sections of an environment, one file per topic. Each rule runs once the fields it
 * reads are valid; their order here is the order in which their issues are listed.
 */
import type { EnvironmentRule } from "../schema/environment-fields";
import { ACCOUNT_RULES } from "./account";
import { ARCHIVE_RULES } from "./archive";
import { IDENTITY_RULES } from "./identity";
import { NOTIFICATION_RULES } from "./notifications";
import { PRODUCTION_RULES } from "./production";
import { STAGE_RULES } from "./stages";
import { STATE_BACKEND_RULES } from "./state-backend";
import { TRACING_RULES } from "./tracing";

/** Every rule across sections, in the order their issues are listed. */
export const ENVIRONMENT_RULES: readonly EnvironmentRule[] = [
  ...IDENTITY_RULES,
  ...STAGE_RULES,
  ...NOTIFICATION_RULES,
  ...PRODUCTION_RULES,
  ...TRACING_RULES,
  ...ARCHIVE_RULES,
  ...ACCOUNT_RULES,
  ...STATE_BACKEND_RULES,
];
