/** X-Ray sampling settings: GIVEN one broken setting, WHEN the environment is loaded, THEN one clear error. */
import { ENVIRONMENTS } from "../../environments";
import { validateEnvironment } from "../../environments/validate";
import { rejectionOf, withEnv, withStage } from "../support/environments";

describe("tracing of the shipped environments", () => {
  it("samples more in dev than in staging, and more in staging than in prod", () => {
    const rate = (name: string) => validateEnvironment(ENVIRONMENTS[name]).tracing.samplingRate;
    expect(rate("dev")).toBeGreaterThan(rate("staging"));
    expect(rate("staging")).toBeGreaterThan(rate("prod"));
  });

  it("defaults to X-Ray's own sampling", () => {
    const { tracing: _omit, ...rest } = ENVIRONMENTS.staging;
    expect(validateEnvironment(rest).tracing).toEqual({ samplingRate: 0.05, reservoirSize: 1, priority: 1000 });
  });
});

describe("bad tracing settings", () => {
  it("tracing that is not an object", () => {
    expect(rejectionOf(withEnv("dev", { tracing: 0.5 }))).toContain("tracing = 0.5: is not a tracing setting");
  });

  it("a sampling rate above 1", () => {
    expect(rejectionOf(withEnv("dev", { tracing: { samplingRate: 50 } }))).toContain("tracing.samplingRate = 50: is out of range. Allowed: a number from 0 to 1");
  });

  it("a negative reservoir", () => {
    expect(rejectionOf(withEnv("dev", { tracing: { reservoirSize: -1 } }))).toContain("tracing.reservoirSize = -1: is out of range. Allowed: a whole number from 0 to 10000");
  });

  it("a priority X-Ray rejects", () => {
    expect(rejectionOf(withEnv("prod", { tracing: { priority: 10000 } }))).toContain("tracing.priority = 10000: is out of range. Allowed: a whole number from 1 to 9999");
  });

  it("a traced stage whose sampling rule name would exceed 32 characters", () => {
    expect(rejectionOf(withStage("staging", { name: "release-candidate-7" }))).toContain(
      'environment "staging": stages[0].name = "release-candidate-7": makes the X-Ray sampling rule name "orders-api-staging-release-candidate-7" 38 characters long. Allowed: a stage name of at most 13 characters',
    );
  });

  it("the same stage name is fine when the stage is not traced", () => {
    expect(() => validateEnvironment(withStage("staging", { name: "release-candidate-7", tracingEnabled: false }))).not.toThrow();
  });
});
