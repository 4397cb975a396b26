/**
 * The archive-late alarm's tolerance (`archive.freshnessToleranceSeconds`): GIVEN a shipped environment,
 * WHEN it is loaded with a tolerance, THEN it is resolved or rejected with environment, field, value and range.
 */
import { ENVIRONMENTS } from "../../environments";
import { validateEnvironment } from "../../environments/validate";
import { rejectionOf, withEnv } from "../support/environments";

const withArchive = (name: "dev" | "staging" | "prod", archive: Record<string, unknown>) => withEnv(name, { archive: { ...ENVIRONMENTS[name].archive, ...archive } });

describe("archive.freshnessToleranceSeconds", () => {
  it("defaults to 15 minutes past the buffering interval", () => {
    expect(validateEnvironment(ENVIRONMENTS.staging).archive.freshnessToleranceSeconds).toBe(900);
    expect(validateEnvironment(withArchive("dev", { freshnessToleranceSeconds: 1800 })).archive.freshnessToleranceSeconds).toBe(1800);
  });

  // Firehose Developer Guide, "Data Delivery Failure Handling": S3 delivery is retried for up to 24 hours, then
  // "your data is lost". A tolerance beyond 12 hours leaves too little of that window to repair delivery.
  it.each([
    [30, "is out of range"],
    [43_201, "is out of range"],
    [90.5, "is not a whole number"],
    ["15m", "is not a whole number"],
  ])("rejects %p", (value, problem) => {
    expect(rejectionOf(withArchive("prod", { freshnessToleranceSeconds: value }))).toContain(
      `environment "prod": archive.freshnessToleranceSeconds = ${JSON.stringify(value)}: ${problem}. Allowed: a whole number from 60 to 43200`,
    );
  });
});
