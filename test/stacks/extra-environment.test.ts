/**
 * Adding an environment in a new account is a registry entry: GIVEN the shipped registry plus one such
 * environment, THEN every check the stack tests run on the shipped registry holds for it too (its account
 * stack and environment stack exist, depend on each other, keep the guard rails, archive and audit).
 * test/terraform/extra-environment.test.ts runs Terraform on its stacks.
 */
import { ENVIRONMENTS } from "../../environments";
import { describeAccountTrails } from "../support/checks/account-trail";
import { describeArchive } from "../support/checks/archive";
import { describeGuardRails } from "../support/checks/guard-rails";
import { describeProtection } from "../support/checks/protection";
import { describeStackWiring } from "../support/checks/stack-wiring";
import { EXTRA_ACCOUNT, EXTRA_ENVIRONMENT, WITH_EXTRA_ENVIRONMENT } from "../support/extra-environment";
import { accountStackOf, synthesizeRegistry } from "../support/registry";

describe("GIVEN the shipped registry plus an environment in a new account", () => {
  it("THEN the extra environment and its account are new to the registry", () => {
    expect(Object.keys(ENVIRONMENTS)).not.toContain(EXTRA_ENVIRONMENT.name);
    expect(Object.values(ENVIRONMENTS).map((e) => e.account.id)).not.toContain(EXTRA_ACCOUNT.id);
  });

  it("THEN the app has its account stack and its environment stack, the one depending on the other", () => {
    const app = synthesizeRegistry(WITH_EXTRA_ENVIRONMENT);
    const stack = app.stacks.environments.find((s) => s.node.id === EXTRA_ENVIRONMENT.name);
    expect(stack?.dependencies.map((d) => d.node.id)).toEqual([accountStackOf(EXTRA_ENVIRONMENT)]);
    expect(app.stacks.accounts.map((s) => s.node.id)).toContain("account-extra-account-us-east-1");
  });
});

describeStackWiring(WITH_EXTRA_ENVIRONMENT);
describeGuardRails(WITH_EXTRA_ENVIRONMENT);
describeAccountTrails(WITH_EXTRA_ENVIRONMENT);
describeProtection(WITH_EXTRA_ENVIRONMENT);
describeArchive(WITH_EXTRA_ENVIRONMENT);
