/**
 * The alarms schema: GIVEN what an environment file writes for its alarms, WHEN it is parsed, THEN every
 * alarm kind is present with its defaults, `datapointsToAlarm` follows `evaluationPeriods` unless set, and
 * what PutMetricAlarm would reject is reported on its field.
 */
import { alarmsSchema } from "../../../environments/schema/alarms";
import { problemsOf } from "../../support/schema";

/** The recommended alarms, written out: the project's defaults. */
const RECOMMENDED = {
  serverErrorRate: { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3 },
  clientErrorRate: { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  latency: { enabled: true, threshold: 2500, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  integrationLatency: { enabled: true, threshold: 2000, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  lowTraffic: { enabled: false, threshold: 1, periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 10 },
  serverErrorCount: { enabled: true, threshold: 10, periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1 },
};

describe("alarm defaults", () => {
  it("GIVEN no alarms WHEN parsed THEN every kind has its recommended settings", () => {
    expect(alarmsSchema.parse(undefined)).toEqual(RECOMMENDED);
    expect(alarmsSchema.parse({})).toEqual(RECOMMENDED);
  });

  it("GIVEN evaluationPeriods alone WHEN parsed THEN datapointsToAlarm follows it; set, it stays", () => {
    const alarms = alarmsSchema.parse({ lowTraffic: { evaluationPeriods: 3 }, latency: { evaluationPeriods: 4, datapointsToAlarm: 2 } });
    expect(alarms.lowTraffic).toEqual({ ...RECOMMENDED.lowTraffic, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(alarms.latency).toEqual({ ...RECOMMENDED.latency, evaluationPeriods: 4, datapointsToAlarm: 2 });
    expect(alarms.serverErrorRate).toEqual(RECOMMENDED.serverErrorRate);
  });
});

/**
 * PutMetricAlarm (Amazon CloudWatch API Reference): `Period` "Valid values are 10, 20, 30, and any multiple of
 * 60", and 10, 20 or 30 only for metrics stored at one-second resolution, which API Gateway's are not (they
 * come once a minute); `DatapointsToAlarm` is M of the `EvaluationPeriods` N.
 */
describe("what PutMetricAlarm accepts", () => {
  it.each([60, 120, 300, 3600])("GIVEN a period of %i s THEN it is accepted", (periodSeconds) => {
    expect(problemsOf(alarmsSchema, { latency: { periodSeconds } })).toEqual([]);
  });

  it.each([
    [45, "latency.periodSeconds = 45: is not a period CloudWatch accepts. Allowed: 10, 20, 30 or a multiple of 60"],
    [90, "latency.periodSeconds = 90: is not a period CloudWatch accepts. Allowed: 10, 20, 30 or a multiple of 60"],
    [30, "latency.periodSeconds = 30: is finer than the one-minute resolution of the metric, so the alarm would lack data. Allowed: 60 or a multiple of 60"],
    [0, "latency.periodSeconds = 0: is not a whole number of seconds. Allowed: 10, 20, 30 or a multiple of 60"],
    [60.5, "latency.periodSeconds = 60.5: is not a whole number of seconds. Allowed: 10, 20, 30 or a multiple of 60"],
    ["60", 'latency.periodSeconds = "60": is not a whole number of seconds. Allowed: 10, 20, 30 or a multiple of 60'],
  ])("GIVEN a period of %p THEN one issue: %s", (periodSeconds, message) => {
    expect(problemsOf(alarmsSchema, { latency: { periodSeconds } })).toEqual([message]);
  });

  it.each([
    [{ evaluationPeriods: 3, datapointsToAlarm: 4 }, "latency.datapointsToAlarm = 4: is more than evaluationPeriods (3). Allowed: a whole number from 1 to 3"],
    [{ evaluationPeriods: 3, datapointsToAlarm: 0 }, "latency.datapointsToAlarm = 0: is out of range. Allowed: a whole number from 1 to 3"],
    [{ datapointsToAlarm: 2.5 }, "latency.datapointsToAlarm = 2.5: is not a whole number. Allowed: a whole number from 1 to 5"],
    [{ evaluationPeriods: 1441 }, "latency.evaluationPeriods = 1441: is out of range. Allowed: a whole number from 1 to 1440"],
    [
      { periodSeconds: 120, evaluationPeriods: 721 },
      "latency.evaluationPeriods = 721: times periodSeconds (120) is 86520 s, over CloudWatch's one-day evaluation limit. Allowed: at most 720 periods of 120 s (86400 s in all)",
    ],
  ])("GIVEN M out of N %j THEN one issue: %s", (latency, message) => {
    expect(problemsOf(alarmsSchema, { latency })).toEqual([message]);
  });

  it("GIVEN M equal to N over a full day of one-minute periods THEN it is accepted", () => {
    expect(problemsOf(alarmsSchema, { latency: { evaluationPeriods: 1440, datapointsToAlarm: 1440 } })).toEqual([]);
  });
});

describe("thresholds in the metric's unit", () => {
  it.each([
    [{ serverErrorRate: { threshold: 5 } }, "serverErrorRate.threshold = 5: is out of range. Allowed: a number from 0 to 1"],
    [{ integrationLatency: { threshold: 0 } }, "integrationLatency.threshold = 0: is out of range. Allowed: a number from 1 to 300000"],
    [{ serverErrorCount: { threshold: 0.5 } }, "serverErrorCount.threshold = 0.5: is not a whole number. Allowed: a whole number from 0 to 1000000000"],
    [{ lowTraffic: { threshold: 0 } }, "lowTraffic.threshold = 0: is out of range. Allowed: a whole number from 1 to 1000000000"],
  ])("GIVEN %j THEN one issue", (alarms, message) => {
    expect(problemsOf(alarmsSchema, alarms)).toEqual([message]);
  });
});

describe("alarm settings that are not settings", () => {
  it("GIVEN a typo inside an alarm WHEN parsed THEN it names the nearest setting", () => {
    expect(problemsOf(alarmsSchema, { latency: { treshold: 3000 } })).toEqual([
      "latency.treshold = 3000: is not a setting here (did you mean threshold?). Allowed: enabled, threshold, periodSeconds, evaluationPeriods, datapointsToAlarm",
    ]);
  });

  it("GIVEN an alarm that is not an object WHEN parsed THEN it says what an alarm setting is", () => {
    expect(problemsOf(alarmsSchema, { latency: true })).toEqual([
      "latency = true: is not an alarm setting. Allowed: { enabled?, threshold?, periodSeconds?, evaluationPeriods?, datapointsToAlarm? }",
    ]);
  });

  it("GIVEN an unknown kind beside a broken one WHEN parsed THEN both are reported, the kind as not a known alarm", () => {
    expect(problemsOf(alarmsSchema, { serverErrors: { threshold: 0.1 }, latency: { threshold: -1 } })).toEqual([
      "latency.threshold = -1: is out of range. Allowed: a number from 1 to 300000",
      'serverErrors = {"threshold":0.1}: is not a known alarm. Allowed: serverErrorRate, clientErrorRate, latency, integrationLatency, lowTraffic, serverErrorCount',
    ]);
  });
});
