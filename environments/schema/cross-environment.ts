/**
 * Rules across environments: one account id is one account with one set of settings (one account stack
 * serves every environment in it), two environments never share a name, production state never shares a
 * bucket with non-production state, and an account used in several regions names its trail's home region.
 */
import { trailName } from "../../aws/naming";
import { MAX_REST_APIS_PER_REGION } from "../../aws/scale-limits";
import { USAGE_PLAN_QUOTAS } from "../../aws/usage-plans";
import { MAX_LOG_RESOURCE_POLICIES_PER_REGION } from "../../aws/waf";
import type { Account } from "./account";
import type { Environment } from "./environment-fields";
import { type ConfigIssue, describeValue, issue } from "./issues";

/**
 * One trail per account, whatever the number of regions its environments use: a multi-region trail records
 * every region into one log group in its home region, so only that region's account stack creates the trail
 * (or, for an existing trail, the alarm on its log group). With several regions the home region must be
 * named: picking one from the order of the environments would move the trail when an environment is added.
 * Returns `[environment name, issue]` pairs for `crossEnvironmentIssues`.
 */
function accountTrailHomeRegions(envs: readonly Environment[]): [string, ConfigIssue][] {
  const byAccount = new Map<string, Environment[]>();
  for (const env of envs) byAccount.set(env.account.id, [...(byAccount.get(env.account.id) ?? []), env]);
  return [...byAccount.values()].flatMap((accountEnvs): [string, ConfigIssue][] => {
    const [first] = accountEnvs;
    const { cloudTrail, name } = first.account;
    const regions = [...new Set(accountEnvs.map((e) => e.region))];
    const where = regions.map((r) => `${r} (${accountEnvs.filter((e) => e.region === r).map((e) => e.name).join(", ")})`).join(" and ");
    const holds = cloudTrail.mode === "dedicated" ? `the multi-region trail "${trailName(name)}"` : `the change alarm on log group "${cloudTrail.logGroupName}"`;
    const field = "account.cloudTrail.homeRegion";
    const allowed = `one of ${regions.join(", ")}: that region's account stack holds ${holds}, which covers every region`;
    if (cloudTrail.homeRegion !== undefined && !regions.includes(cloudTrail.homeRegion)) {
      const problem = `is not a region of account "${name}"'s environments (${where}), so no account stack would create ${holds}`;
      return [[first.name, issue(field, cloudTrail.homeRegion, problem, `${allowed} (with ENVIRONMENTS, select an environment of the home region too)`)]];
    }
    if (cloudTrail.homeRegion === undefined && regions.length > 1) {
      const second = accountEnvs.find((e) => e.region !== first.region) as Environment;
      const problem = `is missing while account "${name}" is used in ${where}: ${
        cloudTrail.mode === "dedicated" ? `each account stack would create ${holds} (one trail records every region)` : `each account stack would create ${holds}, which exists in one region only`
      }`;
      return [[second.name, issue(field, undefined, problem, allowed)]];
    }
    return [];
  });
}

/** What names an account: its name, id and production flag (its settings are compared apart). */
function identity(account: Account): Pick<Account, "name" | "id" | "production"> {
  return { name: account.name, id: account.id, production: account.production };
}

/** The account-level settings, which one account stack builds once for every environment in it. */
function settings(account: Account): Omit<Account, "name" | "id" | "production"> {
  const { name: _name, id: _id, production: _production, ...rest } = account;
  return rest;
}

/** An S3 state bucket one environment names: where (field), which bucket, and whether production state goes there. */
export interface StateBucketUse {
  readonly field: string;
  readonly bucket: string;
  readonly production: boolean;
}

/** The S3 state buckets one environment names (its own and its account's), with whether production state goes there. */
export function stateBuckets(env: Environment): StateBucketUse[] {
  const uses = [
    { field: "stateBackend.bucket", backend: env.stateBackend, production: env.tier === "production" },
    { field: "account.stateBackend.bucket", backend: env.account.stateBackend, production: env.account.production },
  ];
  return uses.flatMap(({ field, backend, production }) => (backend.type === "s3" ? [{ field, bucket: backend.bucket, production }] : []));
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
 * Quotas of an account and region that its environments share: one REST API per environment (600 Regional
 * APIs per region, not adjustable: "Quotas for configuring and running a REST API in API Gateway"), one X-Ray
 * sampling rule per traced stage (quota "Custom sampling rules per region"), Firehose streams
 * (CreateDeliveryStream: 5,000 per region by default: one per stage's archive, per web ACL's log archive and
 * per log destination), CloudWatch Logs resource policies (PutResourcePolicy: 10 per region; one per web
 * ACL's log delivery), and usage plans and API keys (300 and 10,000 per account and region, same quotas page).
 * Beyond one, the apply of the environment that crosses it fails half-way; the issue is that environment's,
 * the last of its account and region in the registry.
 */
const wafOn = (env: Environment) => env.waf.enabled;

function regionalQuotaIssues(envs: readonly Environment[]): [string, ConfigIssue][] {
  const byPlace = new Map<string, Environment[]>();
  for (const env of envs) byPlace.set(`${env.account.id} ${env.region}`, [...(byPlace.get(`${env.account.id} ${env.region}`) ?? []), env]);
  return [...byPlace.values()].flatMap((placed): [string, ConfigIssue][] => {
    const last = placed[placed.length - 1];
    const { quotas, name: account } = last.account;
    const where = `account ${account} in ${last.region} (${placed.map((e) => e.name).join(", ")})`;
    const count = (stages: (env: Environment) => number) => placed.reduce((n, env) => n + stages(env), 0);
    const checks = [
      { field: "name", what: "REST APIs", used: placed.length, quota: MAX_REST_APIS_PER_REGION.REGIONAL, raise: "environments in another region or account (the quota cannot be raised)" },
      { field: "stages", what: "traced stages (one X-Ray sampling rule each)", used: count((env) => env.stages.filter((s) => s.tracingEnabled).length), quota: quotas.samplingRulesPerRegion, raise: "tracingEnabled: false on some stages, or account.quotas.samplingRulesPerRegion set to the quota AWS raised" },
      {
        field: "stages",
        what: "Firehose streams (one per stage's archive, per web ACL's log archive, per log destination)",
        used: count((env) => env.stages.length + (wafOn(env) ? 1 : 0) + env.logDestinations.length),
        quota: quotas.firehoseStreamsPerRegion,
        raise: "account.quotas.firehoseStreamsPerRegion set to the quota AWS raised",
      },
      { field: "waf.enabled", what: "CloudWatch Logs resource policies (one per web ACL's log delivery)", used: count((env) => (wafOn(env) ? 1 : 0)), quota: MAX_LOG_RESOURCE_POLICIES_PER_REGION, raise: "WAF on in fewer environments of this account and region" },
      { field: "usagePlans", what: "usage plans", used: count((env) => env.usagePlans.length), quota: USAGE_PLAN_QUOTAS.usagePlansPerRegion, raise: "fewer usage plans, or a raised quota" },
      { field: "apiKeys", what: "API keys", used: count((env) => env.apiKeys.length), quota: USAGE_PLAN_QUOTAS.apiKeysPerRegion, raise: "fewer API keys (the quota cannot be raised)" },
    ];
    return checks
      .filter(({ used, quota }) => used > quota)
      .map(({ field, what, used, quota, raise }) => [last.name, issue(field, `${used} ${what} in ${where}`, `is over the ${quota} AWS allows per account and region`, `at most ${quota}: ${raise}`)]);
  });
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
      add(env.name, issue("account", settings(env.account), `has other settings than in environment "${byId.name}" for the same account (one account stack serves both)`, `the same notifications, trail, configRules, deletionProtection, stateBackend, cloudTrail and deployerPrincipals as in "${byId.name}" (and the same quotas)`));
    }
    const byName = accountsByName.get(env.account.name);
    if (byName && byName.account.id !== env.account.id) {
      add(env.name, issue("account.name", env.account.name, `names account ${byName.account.id} in environment "${byName.name}"`, "a distinct name per account id"));
    }
    accountsById.set(env.account.id, byId ?? env);
    accountsByName.set(env.account.name, byName ?? env);
  }
  for (const [env, i] of sharedStateBucketIssues(envs)) add(env, i);
  for (const [env, i] of regionalQuotaIssues(envs)) add(env, i);
  // Only when the account's settings agree: the home region is read from the account's first environment.
  if (found.size === 0) for (const [env, i] of accountTrailHomeRegions(envs)) add(env, i);
  return found;
}
