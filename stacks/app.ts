/**
 * Instantiates the stacks for a set of validated environments: one AccountStack per distinct account and
 * region, and one ApiObservabilityStack per environment that depends on its AccountStack, so
 * `cdktf deploy <env>` deploys the account settings first. Of an account's stacks only the one of its home
 * region holds the trail and the change alarm: one multi-region trail per account, however many regions.
 */
import { Construct } from "constructs";
import { trailHomeRegion } from "../modules/cloudtrail";
import { AccountStack, type AccountSettings, accountStackName } from "./account-stack";
import { ApiObservabilityStack, type ApiObservabilityStackProps } from "./api-observability-stack";

/** One environment as the stacks read it: its own stack's props, and its account's settings. */
export interface EnvironmentStackSettings extends ApiObservabilityStackProps {
  readonly account: AccountSettings;
}

export interface Stacks {
  readonly accounts: readonly AccountStack[];
  readonly environments: readonly ApiObservabilityStack[];
}

export function buildStacks(scope: Construct, envs: readonly EnvironmentStackSettings[]): Stacks {
  const accounts = new Map<string, AccountStack>();
  // Decided once per account (validation asks for a home region when there are several to choose from).
  const regionsOf = (id: string) => [...new Set(envs.filter((e) => e.account.id === id).map((e) => e.region))];
  const environments = envs.map((env) => {
    const key = accountStackName(env.account, env.region);
    const auditHome = trailHomeRegion(env.account.cloudTrail.homeRegion, regionsOf(env.account.id)) === env.region;
    const accountStack = accounts.get(key) ?? new AccountStack(scope, { account: env.account, region: env.region, owner: env.owner, auditHome });
    accounts.set(key, accountStack);
    const stack = new ApiObservabilityStack(scope, env);
    stack.addDependency(accountStack);
    return stack;
  });
  return { accounts: [...accounts.values()], environments };
}
