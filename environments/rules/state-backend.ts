/** The state backend's production rules: production state, the environment's and the account's, is never a local file. */
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { issue } from "../schema/issues";
import { S3_SHAPE } from "../schema/state-backend";

const LOCAL_IN_PRODUCTION = "keeps production state in a file on one machine: unshared, unlocked, lost with the laptop";

/** Production state is shared, locked and versioned: never a local file. */
export const productionStateBackend: EnvironmentRule = rule(["tier", "stateBackend"], (env) =>
  env.tier === "production" && env.stateBackend.type === "local" ? [issue("stateBackend", env.stateBackend, LOCAL_IN_PRODUCTION, S3_SHAPE)] : [],
);

/** The production account's state too. */
export const productionAccountStateBackend: EnvironmentRule = rule(["account.production", "account.stateBackend"], (env) =>
  env.account.production && env.account.stateBackend.type === "local" ? [issue("account.stateBackend", env.account.stateBackend, LOCAL_IN_PRODUCTION, S3_SHAPE)] : [],
);

export const STATE_BACKEND_RULES: readonly EnvironmentRule[] = [productionStateBackend, productionAccountStateBackend];
