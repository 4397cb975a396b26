/** Every rule an environment must pass. Each is a small pure function: environment in, issues out. */
import type { Environment } from "../types";
import { accountCloudTrail, accountDeployerPrincipals, accountNames, accountNotifications, accountSwitches, accountTrail } from "./account-settings";
import { archiveBuffering, archiveFreshnessAlarm, archiveLifecycle, archiveNames, archiveRolePolicySizes } from "./archive";
import { apiDefinition } from "./api";
import type { ConfigIssue } from "./checks";
import { account, deletionProtection, environmentName, region, serviceAndOwner, tags, tier } from "./identity";
import { logRetention } from "./logs";
import { notifications, productionAccountNotifications, productionNotifications } from "./notifications";
import {
  executionLoggingInProduction,
  noDataTraceInProduction,
  prodIsProductionTier,
  productionAccount,
  productionAccountProtection,
  productionDeletionProtection,
  productionRetention,
} from "./production";
import { stages } from "./stages";
import { alarms } from "./alarms";
import { samplingRuleNames, tracing } from "./tracing";
import { productionStateBackend, stateBackends } from "./state-backend";

export type EnvironmentRule = (env: Environment) => ConfigIssue[];

export const ENVIRONMENT_RULES: readonly EnvironmentRule[] = [
  environmentName,
  tier,
  account,
  region,
  serviceAndOwner,
  tags,
  deletionProtection,
  apiDefinition,
  logRetention,
  stages,
  notifications,
  productionNotifications,
  prodIsProductionTier,
  productionAccount,
  noDataTraceInProduction,
  executionLoggingInProduction,
  productionRetention,
  productionDeletionProtection,
  alarms,
  tracing,
  samplingRuleNames,
  archiveLifecycle,
  archiveBuffering,
  archiveFreshnessAlarm,
  archiveNames,
  archiveRolePolicySizes,
  accountNotifications,
  productionAccountNotifications,
  accountTrail,
  accountCloudTrail,
  accountDeployerPrincipals,
  accountSwitches,
  accountNames,
  productionAccountProtection,
  stateBackends,
  productionStateBackend,
];
