/**
 * Guard rails of every shipped stack, derived from the config rather than listed by hand (the checks are
 * test/support/checks/guard-rails.ts, also run on a registry with an extra environment), and what the shipped
 * config promises besides.
 */
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { describeGuardRails } from "../support/checks/guard-rails";
import { withEnv } from "../support/environments";

describeGuardRails(ENVIRONMENTS);

describe("guard rails of the shipped config", () => {
  it("an environment's own tags cannot overwrite the guard tags: the config is rejected (standardTags keeps the guard values besides)", () => {
    const spoofing = withEnv("dev", { tags: { environment: "prod", owner: "someone-else", team: "a" } });
    expect(() => loadEnvironments([spoofing])).toThrow('tags.environment = "prod": is set by the project on every resource, from the field name = "dev"');
    expect(() => loadEnvironments([spoofing])).toThrow(`tags.owner = "someone-else": is set by the project on every resource, from the field owner = "${ENVIRONMENTS.dev.owner}"`);
  });

  it("staging and prod keep their state in S3", () => {
    expect(ENVIRONMENTS.staging.stateBackend?.type).toBe("s3");
    expect(ENVIRONMENTS.prod.stateBackend?.type).toBe("s3");
  });
});
