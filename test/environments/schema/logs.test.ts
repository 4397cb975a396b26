/**
 * The logs schema: GIVEN what an environment file writes for its log retention, WHEN it is parsed, THEN the
 * execution logs keep what every log group keeps unless set apart, and only what PutRetentionPolicy accepts
 * passes (CloudWatch Logs API Reference, `retentionInDays`; the list is written out in test/support/aws-facts.ts).
 */
import { logsSchema } from "../../../environments/schema/logs";
import { RETENTION_DAYS_CLOUDWATCH_ACCEPTS } from "../../support/aws-facts";
import { environmentProblems, problemsOf } from "../../support/schema";
import { withEnv } from "../../support/environments";

describe("log retention defaults", () => {
  it("GIVEN no logs WHEN parsed THEN every log group keeps 30 days", () => {
    expect(logsSchema.parse(undefined)).toEqual({ retentionDays: 30, executionRetentionDays: 30 });
  });

  it("GIVEN retentionDays alone WHEN parsed THEN the execution logs follow it; set apart, they keep their own", () => {
    expect(logsSchema.parse({ retentionDays: 90 })).toEqual({ retentionDays: 90, executionRetentionDays: 90 });
    expect(logsSchema.parse({ retentionDays: 30, executionRetentionDays: 365 })).toEqual({ retentionDays: 30, executionRetentionDays: 365 });
  });
});

describe("retentions CloudWatch Logs accepts", () => {
  it("GIVEN each retention PutRetentionPolicy accepts WHEN set on either field THEN it is accepted", () => {
    for (const days of RETENTION_DAYS_CLOUDWATCH_ACCEPTS) {
      expect(problemsOf(logsSchema, { retentionDays: days, executionRetentionDays: days })).toEqual([]);
    }
  });

  it("GIVEN an execution retention CloudWatch rejects WHEN parsed THEN it is reported on that field", () => {
    expect(problemsOf(logsSchema, { retentionDays: 14, executionRetentionDays: 45 })).toEqual([
      "executionRetentionDays = 45: is not a retention CloudWatch Logs accepts. Allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ]);
  });

  it("GIVEN a bad retentionDays the execution logs follow WHEN parsed THEN it is reported once, on retentionDays", () => {
    expect(problemsOf(logsSchema, { retentionDays: 10 }).map((p) => p.split(":")[0])).toEqual(["retentionDays = 10"]);
  });

  it("GIVEN a typo WHEN parsed THEN it names the nearest setting", () => {
    expect(problemsOf(logsSchema, { retentionDay: 30 })).toEqual([
      "retentionDay = 30: is not a setting here (did you mean retentionDays?). Allowed: retentionDays, executionRetentionDays",
    ]);
  });

  it("GIVEN logs that are not an object WHEN parsed THEN it says what a log setting is", () => {
    expect(environmentProblems(withEnv("dev", { logs: 30 }))).toEqual(["logs = 30: is not a log retention setting. Allowed: { retentionDays?, executionRetentionDays? }"]);
  });
});

describe("production log retention", () => {
  it("GIVEN production access logs kept 30 days, archived a year, and execution logs set apart at a year THEN it is accepted", () => {
    expect(environmentProblems(withEnv("prod", { logs: { retentionDays: 30, executionRetentionDays: 365 } }))).toEqual([]);
  });

  it("GIVEN a bad retention in production WHEN parsed THEN only CloudWatch's rule reports it (the production rule needs a valid value)", () => {
    expect(environmentProblems(withEnv("prod", { logs: { retentionDays: 10 } })).map((p) => p.split(":")[0])).toEqual(["logs.retentionDays = 10"]);
  });
});
