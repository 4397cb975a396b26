/**
 * Validation of environment configs. Every rule runs and every issue is gathered into one error, so a
 * user fixes a config in one pass; nothing is synthesized from a config that did not validate.
 */
import { resolveEnvironment } from "./resolve";
import { type ConfigIssue, describeValue, issue } from "./rules/checks";
import { ENVIRONMENT_RULES } from "./rules";
import { stateBuckets } from "./rules/state-backend";
import { accountTrailHomeRegions } from "./rules/account-settings";
import type { Account, AccountConfig, Environment, EnvironmentInput } from "./types";

/** A config that cannot be deployed. `issues` are grouped by environment name. */
export class ConfigValidationError extends Error {
  constructor(public readonly issues: ReadonlyMap<string, readonly ConfigIssue[]>) {
    super(formatIssues(issues));
    this.name = "ConfigValidationError";
  }
}

export function formatIssue(i: ConfigIssue): string {
  return `${i.field} = ${describeValue(i.value)}: ${i.problem}. Allowed: ${i.allowed}`;
}

export function formatIssues(issues: ReadonlyMap<string, readonly ConfigIssue[]>): string {
  const count = [...issues.values()].reduce((n, list) => n + list.length, 0);
  const lines = [...issues].flatMap(([env, list]) => list.map((i) => `  - environment "${env}": ${formatIssue(i)}`));
  return [`Invalid environment configuration (${count} ${count === 1 ? "error" : "errors"}); nothing was synthesized:`, ...lines].join("\n");
}

/** Runs every rule on one environment and returns the issues; an empty list means it is valid. */
export function checkEnvironment(input: EnvironmentInput): { env: Environment; issues: ConfigIssue[] } {
  if (typeof input !== "object" || input === null) {
    const env = {} as Environment;
    return { env, issues: [issue("(environment)", input, "is not an environment config", "an EnvironmentInput object")] };
  }
  const env = resolveEnvironment(input);
  return { env, issues: ENVIRONMENT_RULES.flatMap((rule) => rule(env)) };
}

/** Validates one environment: returns it resolved, or throws every issue found in one error. */
export function validateEnvironment(input: EnvironmentInput): Environment {
  const { env, issues } = checkEnvironment(input);
  if (issues.length > 0) throw new ConfigValidationError(new Map([[String(input?.name), issues]]));
  return env;
}

/** What names an account: its name, id and production flag (its settings are compared apart). */
function identity(account: Account): AccountConfig {
  return { name: account.name, id: account.id, production: account.production };
}

/** The account-level settings, which one account stack builds once for every environment in it. */
function settings(account: Account): Pick<Account, "notifications" | "trail" | "configRules" | "deletionProtection" | "stateBackend" | "cloudTrail" | "deployerPrincipals"> {
  const { notifications, trail, configRules, deletionProtection, stateBackend, cloudTrail, deployerPrincipals } = account;
  return { notifications, trail, configRules, deletionProtection, stateBackend, cloudTrail, deployerPrincipals };
}

/**
 * A bucket that holds production state holds nothing else: whoever may write non-production state there
 * could otherwise read or overwrite production's.
 */
function sharedStateBucketIssues(envs: readonly Environment[]): [string, ConfigIssue][] {
  const uses = envs.flatMap((env) => stateBuckets(env).map((use) => ({ env: env.name, ...use })));
  const productionUse = new Map(uses.filter((u) => u.production).map((u) => [u.bucket, u.env]));
  return uses
    .filter((u) => !u.production && productionUse.has(u.bucket))
    .map((u) => [u.env, issue(u.field, u.bucket, `also holds the production state of environment "${productionUse.get(u.bucket)}"`, "a state bucket of its own for non-production state")]);
}

/**
 * Rules across environments: an account id is one account (one name, one production flag), and two
 * environments never share a name (it is their stack name).
 */
export function crossEnvironmentIssues(envs: readonly Environment[]): Map<string, ConfigIssue[]> {
  const found = new Map<string, ConfigIssue[]>();
  const add = (env: string, i: ConfigIssue) => found.set(env, [...(found.get(env) ?? []), i]);
  const seenNames = new Set<string>();
  const accountsById = new Map<string, Environment>();
  const accountsByName = new Map<string, Environment>();
  for (const env of envs) {
    if (seenNames.has(env.name)) add(env.name, issue("name", env.name, "is used by another environment", "a unique environment name"));
    seenNames.add(env.name);
    const byId = accountsById.get(env.account.id);
    if (byId && (byId.account.name !== env.account.name || byId.account.production !== env.account.production)) {
      add(env.name, issue("account", identity(env.account), `differs from environment "${byId.name}" for the same account id`, `the same name and production flag as ${describeValue(identity(byId.account))}`));
    }
    if (byId && byId.account.name === env.account.name && JSON.stringify(settings(byId.account)) !== JSON.stringify(settings(env.account))) {
      add(env.name, issue("account", settings(env.account), `has other settings than in environment "${byId.name}" for the same account (one account stack serves both)`, `the same notifications, trail, configRules, deletionProtection, stateBackend, cloudTrail and deployerPrincipals as in "${byId.name}"`));
    }
    const byName = accountsByName.get(env.account.name);
    if (byName && byName.account.id !== env.account.id) {
      add(env.name, issue("account.name", env.account.name, `names account ${byName.account.id} in environment "${byName.name}"`, "a distinct name per account id"));
    }
    accountsById.set(env.account.id, byId ?? env);
    accountsByName.set(env.account.name, byName ?? env);
  }
  for (const [env, i] of sharedStateBucketIssues(envs)) add(env, i);
  // Only when the account's settings agree: the home region is read from the account's first environment.
  if (found.size === 0) for (const [env, i] of accountTrailHomeRegions(envs)) add(env, i);
  return found;
}
