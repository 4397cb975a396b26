/**
 * Rules on the per-stage CloudWatch alarms: values CloudWatch's PutMetricAlarm rejects (period, M out of
 * N, the one-day evaluation window), thresholds in the metric's unit, and periods finer than the metrics.
 */
import { ALARM_KINDS, type AlarmConfig, type AlarmKind, type Environment } from "../types";
import { type ConfigIssue, isBoolean, isObject, issue, numberIn } from "./checks";

/** CloudWatch evaluates at most one day of data per alarm: period x evaluation periods <= 86400 s. */
export const MAX_EVALUATION_SECONDS = 86_400;
/** API Gateway metrics, and metrics from log metric filters, are published once a minute. */
export const METRIC_RESOLUTION_SECONDS = 60;

/** The unit and range of each alarm's threshold. */
const THRESHOLDS: Readonly<Record<AlarmKind, { min: number; max: number; integer: boolean }>> = {
  serverErrorRate: { min: 0, max: 1, integer: false },
  clientErrorRate: { min: 0, max: 1, integer: false },
  latency: { min: 1, max: 300_000, integer: false },
  integrationLatency: { min: 1, max: 300_000, integer: false },
  lowTraffic: { min: 1, max: 1_000_000_000, integer: true },
  serverErrorCount: { min: 0, max: 1_000_000_000, integer: true },
};

/**
 * CloudWatch accepts a period of 10, 20 or 30 seconds (high resolution) or any multiple of 60
 * (PutMetricAlarm `Period`: "Valid values are 10, 20, 30, and any multiple of 60").
 */
export function isCloudWatchPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 20 || seconds === 30 || (seconds > 0 && seconds % 60 === 0);
}

const CLOUDWATCH_PERIODS = "10, 20, 30 or a multiple of 60";

function period(field: string, seconds: unknown): ConfigIssue[] {
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds <= 0) {
    return [issue(field, seconds, "is not a whole number of seconds", CLOUDWATCH_PERIODS)];
  }
  if (!isCloudWatchPeriod(seconds)) return [issue(field, seconds, "is not a period CloudWatch accepts", CLOUDWATCH_PERIODS)];
  if (seconds < METRIC_RESOLUTION_SECONDS) {
    return [issue(field, seconds, "is finer than the one-minute resolution of the metric, so the alarm would lack data", "60 or a multiple of 60")];
  }
  return [];
}

/** M out of N: M <= N, and N periods fit in CloudWatch's one-day evaluation window. */
function window(field: string, alarm: AlarmConfig): ConfigIssue[] {
  const { periodSeconds: p, evaluationPeriods: n, datapointsToAlarm: m } = alarm;
  const nIssues = numberIn(`${field}.evaluationPeriods`, n, 1, MAX_EVALUATION_SECONDS / METRIC_RESOLUTION_SECONDS, { integer: true });
  if (nIssues.length > 0) return nIssues;
  const mIssues = typeof m === "number" && Number.isInteger(m) && m > n
    ? [issue(`${field}.datapointsToAlarm`, m, `is more than evaluationPeriods (${n})`, `a whole number from 1 to ${n}`)]
    : numberIn(`${field}.datapointsToAlarm`, m, 1, n, { integer: true });
  const spanIssues = typeof p === "number" && isCloudWatchPeriod(p) && p * n > MAX_EVALUATION_SECONDS
    ? [issue(`${field}.evaluationPeriods`, n, `times periodSeconds (${p}) is ${p * n} s, over CloudWatch's one-day evaluation limit`, `at most ${Math.floor(MAX_EVALUATION_SECONDS / p)} periods of ${p} s (86400 s in all)`)]
    : [];
  return [...mIssues, ...spanIssues];
}

/** The issues of one alarm's settings (also used by `StageAlarms` to check its props). */
export function alarmIssues(kind: AlarmKind, value: unknown): ConfigIssue[] {
  const field = `alarms.${kind}`;
  if (!isObject(value)) return [issue(field, value, "is not an alarm setting", "{ enabled?, threshold?, periodSeconds?, evaluationPeriods?, datapointsToAlarm? }")];
  const a = value as unknown as AlarmConfig;
  const range = THRESHOLDS[kind];
  return [
    ...isBoolean(`${field}.enabled`, a.enabled),
    ...numberIn(`${field}.threshold`, a.threshold, range.min, range.max, { integer: range.integer }),
    ...period(`${field}.periodSeconds`, a.periodSeconds),
    ...window(field, a),
  ];
}

export function alarms(env: Environment): ConfigIssue[] {
  if (!isObject(env.alarms)) return [issue("alarms", env.alarms, "is not a map of alarm settings", `an object with any of ${ALARM_KINDS.join(", ")}`)];
  return Object.entries(env.alarms).flatMap(([kind, value]) =>
    (ALARM_KINDS as readonly string[]).includes(kind)
      ? alarmIssues(kind as AlarmKind, value)
      : [issue(`alarms.${kind}`, value, "is not a known alarm", ALARM_KINDS.join(", "))],
  );
}
