/**
 * A registry of environments (the shape of `ENVIRONMENTS`), what it must synthesize to, and its stacks
 * synthesized once. What a test expects is derived from the registry it is given, never listed by hand, so
 * the same checks run on the shipped registry and on one with an extra environment and account
 * (test/stacks/extra-environment.test.ts), and adding an environment keeps every test meaningful.
 */
import { Testing, type TerraformStack } from "cdktf";
import { loadEnvironments } from "../../environments";
import type { Environment, EnvironmentInput } from "../../environments/types";
import { buildStacks, type Stacks } from "../../stacks/app";

export type Registry = Readonly<Record<string, EnvironmentInput>>;

/** `account-<account>-<region>`: the stack an environment's account settings are in (docs/terraform-teams.md). */
export const accountStackOf = (env: { readonly account: { readonly name: string }; readonly region: string }): string => `account-${env.account.name}-${env.region}`;

/** The environment stacks in registry order, and one account stack per distinct account and region, in order of first use. */
export function expectedStacks(registry: Registry): { environments: string[]; accounts: string[] } {
  const envs = Object.values(registry);
  return { environments: envs.map((e) => e.name), accounts: [...new Set(envs.map(accountStackOf))] };
}

/** Every stack of a registry in name order, the order the manifest, `npm run stacks` and the harness use. */
export function expectedStackNames(registry: Registry): string[] {
  const { environments, accounts } = expectedStacks(registry);
  return [...accounts, ...environments].sort();
}

export interface SynthesizedRegistry {
  /** The validated environments, in registry order. */
  readonly envs: readonly Environment[];
  readonly stacks: Stacks;
  /** Every stack, account stacks first. */
  readonly all: readonly TerraformStack[];
  /** A stack's synthesized JSON, by stack name (synthesized once). */
  json(stack: string): any;
  /** An environment, by name. */
  env(name: string): Environment;
  /** The environments whose account settings an account stack holds, by the account stack's name. */
  envsOfAccountStack(stack: string): Environment[];
}

const synthesized = new WeakMap<Registry, SynthesizedRegistry>();

/** The registry's stacks as `cdktf synth` builds them (`buildStacks`), synthesized once per registry and test file. */
export function synthesizeRegistry(registry: Registry): SynthesizedRegistry {
  const known = synthesized.get(registry);
  if (known) return known;
  const envs = loadEnvironments(Object.values(registry));
  const stacks = buildStacks(Testing.app(), envs);
  const all = [...stacks.accounts, ...stacks.environments];
  const parsed = new Map<string, any>();
  const stackNamed = (name: string) => all.find((s) => s.node.id === name) ?? fail(`no stack "${name}"; there are ${all.map((s) => s.node.id).join(", ")}`);
  const result: SynthesizedRegistry = {
    envs,
    stacks,
    all,
    json: (name) => parsed.get(name) ?? parsed.set(name, JSON.parse(Testing.synth(stackNamed(name)))).get(name),
    env: (name) => envs.find((e) => e.name === name) ?? fail(`no environment "${name}"`),
    envsOfAccountStack: (name) => envs.filter((e) => accountStackOf(e) === name),
  };
  synthesized.set(registry, result);
  return result;
}

function fail(message: string): never {
  throw new Error(message);
}
