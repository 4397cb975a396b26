/**
 * The tracing schema: GIVEN what an environment file writes for X-Ray sampling, WHEN it is parsed, THEN it has
 * X-Ray's own defaults, only what CreateSamplingRule accepts passes (AWS X-Ray API Reference, SamplingRule:
 * `FixedRate` 0 to 1, `ReservoirSize` at least 0, `Priority` 1 to 9999, `RuleName` at most 32 characters),
 * and every traced stage's rule name `<service>-<environment>-<stage>` fits.
 */
import { tracingSchema } from "../../../environments/schema/tracing";
import { withEnv, withStage } from "../../support/environments";
import { environmentProblems, problemsOf } from "../../support/schema";

describe("tracing defaults", () => {
  it("GIVEN no tracing WHEN parsed THEN one request a second, then 5%, at priority 1000", () => {
    expect(tracingSchema.parse(undefined)).toEqual({ samplingRate: 0.05, reservoirSize: 1, priority: 1000 });
    expect(tracingSchema.parse({ samplingRate: 0.5 })).toEqual({ samplingRate: 0.5, reservoirSize: 1, priority: 1000 });
  });
});

describe("what CreateSamplingRule accepts", () => {
  it.each([
    [{ samplingRate: 0, reservoirSize: 0, priority: 1 }, []],
    [{ samplingRate: 1, priority: 9999 }, []],
    [{ samplingRate: -0.1 }, ["samplingRate = -0.1: is out of range. Allowed: a number from 0 to 1"]],
    [{ reservoirSize: 1.5 }, ["reservoirSize = 1.5: is not a whole number. Allowed: a whole number from 0 to 10000"]],
    [{ priority: 0 }, ["priority = 0: is out of range. Allowed: a whole number from 1 to 9999"]],
    [{ priority: "1" }, ['priority = "1": is not a whole number. Allowed: a whole number from 1 to 9999']],
  ])("GIVEN %j THEN %j", (tracing, problems) => {
    expect(problemsOf(tracingSchema, tracing)).toEqual(problems);
  });

  it("GIVEN a typo WHEN parsed THEN it names the nearest setting", () => {
    expect(problemsOf(tracingSchema, { sampleRate: 0.1 })).toEqual([
      "sampleRate = 0.1: is not a setting here (did you mean samplingRate?). Allowed: samplingRate, reservoirSize, priority",
    ]);
  });
});

describe("sampling rule names (at most 32 characters)", () => {
  // "orders-api-staging-" is 19 characters: a stage name of 13 makes a rule name of 32.
  it("GIVEN a traced stage whose rule name is exactly 32 characters THEN it is accepted; 33 is not", () => {
    expect(environmentProblems(withStage("staging", { name: "a".repeat(13) }))).toEqual([]);
    expect(environmentProblems(withStage("staging", { name: "a".repeat(14) }))).toEqual([
      `stages[0].name = "${"a".repeat(14)}": makes the X-Ray sampling rule name "orders-api-staging-${"a".repeat(14)}" 33 characters long. Allowed: a stage name of at most 13 characters (X-Ray rule names are at most 32), or tracingEnabled: false`,
    ]);
  });

  it("GIVEN a long stage name WHEN another field of its stage is broken THEN both are reported", () => {
    const problems = environmentProblems(withStage("staging", { name: "a".repeat(14), loggingLevel: "LOUD" }));
    expect(problems.map((p) => p.split(" = ")[0])).toEqual(["stages[0].loggingLevel", "stages[0].name"]);
  });

  it("GIVEN a service name that leaves no room for a stage name THEN it is said once, on the service", () => {
    const problems = environmentProblems(withEnv("staging", { service: "s".repeat(23) }));
    expect(problems.filter((p) => p.includes("X-Ray"))).toEqual([expect.stringMatching(/^service = "s{23}": with the environment name "staging" makes the prefix/)]);
  });
});
