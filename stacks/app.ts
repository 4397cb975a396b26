/**
 * Instantiates the stacks for a set of validated environments: one AccountStack per distinct account and
 * region, and one ApiObservabilityStack per environment that depends on its AccountStack, so
 * `cdktf deploy <env>` deploys the account settings first.
 */
import { Construct } from "constructs";
import type { Environment } from "../environments/types";
import { AccountStack, accountStackName } from "./account-stack";
import { ApiObservabilityStack } from "./api-observability-stack";

export interface Stacks {
  readonly accounts: readonly AccountStack[];
  readonly environments: readonly ApiObservabilityStack[];
}

export function buildStacks(scope: Construct, envs: readonly Environment[]): Stacks {
  const accounts = new Map<string, AccountStack>();
  const environments = envs.map((env) => {
    const key = accountStackName(env.account, env.region);
    const accountStack = accounts.get(key) ?? new AccountStack(scope, { account: env.account, region: env.region, owner: env.owner });
    accounts.set(key, accountStack);
    const stack = new ApiObservabilityStack(scope, env);
    stack.addDependency(accountStack);
    return stack;
  });
  return { accounts: [...accounts.values()], environments };
}
