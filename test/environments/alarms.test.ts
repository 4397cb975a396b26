/**
 * Alarm settings: GIVEN a shipped environment with one alarm setting broken, WHEN it is loaded, THEN the
 * error names the environment, the field, the bad value and what CloudWatch accepts.
 */
import { ENVIRONMENTS } from "../../environments";
import { alarmsSchema } from "../../environments/schema/alarms";
import { isCloudWatchPeriod } from "../../aws/limits";
import { validateEnvironment } from "../../environments/validate";
import { rejectionOf, withAlarms } from "../support/environments";

describe("alarm settings of the shipped environments", () => {
  it("staging gets AWS's recommended alarms, low traffic off", () => {
    const { alarms } = validateEnvironment(ENVIRONMENTS.staging);
    expect(alarms.serverErrorRate).toEqual({ enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(alarms.clientErrorRate).toEqual({ enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 });
    expect(alarms.lowTraffic.enabled).toBe(false);
  });

  it("prod enables the low-traffic alarm; its datapoints follow the evaluation periods it sets", () => {
    const { alarms } = validateEnvironment(ENVIRONMENTS.prod);
    expect(alarms.lowTraffic).toEqual({ enabled: true, threshold: 10, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(alarmsSchema.parse({}).lowTraffic.datapointsToAlarm).toBe(10);
  });

  it("dev does not page on client errors", () => {
    expect(validateEnvironment(ENVIRONMENTS.dev).alarms.clientErrorRate.enabled).toBe(false);
  });
});

describe("bad alarm settings", () => {
  it("alarms that are not an object", () => {
    expect(rejectionOf(withAlarms("dev", "strict"))).toContain('alarms = "strict": is not a map of alarm settings. Allowed: an object with any of serverErrorRate');
  });

  it("an unknown alarm (a typo must not silently do nothing)", () => {
    expect(rejectionOf(withAlarms("dev", { serverErrors: { threshold: 0.1 } }))).toContain(
      'environment "dev": alarms.serverErrors = {"threshold":0.1}: is not a known alarm. Allowed: serverErrorRate, clientErrorRate, latency',
    );
  });

  it("an alarm setting that is not an object", () => {
    expect(rejectionOf(withAlarms("dev", { latency: 3000 }))).toContain("alarms.latency = 3000: is not an alarm setting");
  });

  it("enabled that is not a boolean", () => {
    expect(rejectionOf(withAlarms("dev", { lowTraffic: { enabled: "yes" } }))).toContain('alarms.lowTraffic.enabled = "yes": is not a boolean');
  });

  it("an error-rate threshold above 1 (rates are 0..1, not percent)", () => {
    expect(rejectionOf(withAlarms("staging", { serverErrorRate: { threshold: 5 } }))).toContain(
      "alarms.serverErrorRate.threshold = 5: is out of range. Allowed: a number from 0 to 1",
    );
  });

  it("a latency threshold of 0 ms", () => {
    expect(rejectionOf(withAlarms("staging", { latency: { threshold: 0 } }))).toContain("alarms.latency.threshold = 0: is out of range. Allowed: a number from 1 to 300000");
  });

  it("a fractional request count", () => {
    expect(rejectionOf(withAlarms("prod", { lowTraffic: { enabled: true, threshold: 2.5 } }))).toContain(
      "alarms.lowTraffic.threshold = 2.5: is not a whole number",
    );
  });

  it("a period CloudWatch rejects", () => {
    expect(rejectionOf(withAlarms("dev", { latency: { periodSeconds: 45 } }))).toContain(
      "alarms.latency.periodSeconds = 45: is not a period CloudWatch accepts. Allowed: 10, 20, 30 or a multiple of 60",
    );
  });

  it("a period that is not a number", () => {
    expect(rejectionOf(withAlarms("dev", { latency: { periodSeconds: "1m" } }))).toContain('alarms.latency.periodSeconds = "1m": is not a whole number of seconds');
  });

  it("a high-resolution period on a one-minute metric", () => {
    expect(rejectionOf(withAlarms("dev", { serverErrorRate: { periodSeconds: 10 } }))).toContain(
      "alarms.serverErrorRate.periodSeconds = 10: is finer than the one-minute resolution of the metric",
    );
  });

  it("no evaluation periods", () => {
    expect(rejectionOf(withAlarms("dev", { serverErrorRate: { evaluationPeriods: 0 } }))).toContain(
      "alarms.serverErrorRate.evaluationPeriods = 0: is out of range. Allowed: a whole number from 1 to 1440",
    );
  });

  it("more datapoints to alarm than evaluation periods", () => {
    expect(rejectionOf(withAlarms("staging", { serverErrorRate: { evaluationPeriods: 3, datapointsToAlarm: 5 } }))).toContain(
      "alarms.serverErrorRate.datapointsToAlarm = 5: is more than evaluationPeriods (3). Allowed: a whole number from 1 to 3",
    );
  });

  it("no datapoints to alarm", () => {
    expect(rejectionOf(withAlarms("staging", { serverErrorRate: { datapointsToAlarm: 0 } }))).toContain(
      "alarms.serverErrorRate.datapointsToAlarm = 0: is out of range. Allowed: a whole number from 1 to 3",
    );
  });

  it("period x evaluation periods over one day", () => {
    expect(rejectionOf(withAlarms("prod", { lowTraffic: { enabled: true, periodSeconds: 3600, evaluationPeriods: 25, datapointsToAlarm: 20 } }))).toContain(
      "alarms.lowTraffic.evaluationPeriods = 25: times periodSeconds (3600) is 90000 s, over CloudWatch's one-day evaluation limit. Allowed: at most 24 periods of 3600 s",
    );
  });

  it("reports every broken alarm at once", () => {
    const message = rejectionOf(withAlarms("dev", { latency: { periodSeconds: 45 }, serverErrorRate: { threshold: 2 } }));
    expect(message).toMatch(/^Invalid environment configuration \(2 errors\)/);
  });
});

describe("CloudWatch periods (PutMetricAlarm Period: 10, 20, 30 or any multiple of 60)", () => {
  it.each([10, 20, 30, 60, 120, 300, 3600, 86400])("%i s is accepted", (s) => expect(isCloudWatchPeriod(s)).toBe(true));
  it.each([0, 5, 25, 45, 90, -60])("%i s is rejected", (s) => expect(isCloudWatchPeriod(s)).toBe(false));
});
