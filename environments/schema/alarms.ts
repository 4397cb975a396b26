/**
 * The per-stage CloudWatch alarms (`alarms`), by kind, each defaulting to AWS's recommended alarm ("Recommended
 * alarms" in the CloudWatch user guide). Each field checks what PutMetricAlarm accepts and what the metric
 * can deliver; the rules check M out of N and CloudWatch's one-day evaluation window. Parsed, every kind is
 * present and `datapointsToAlarm` is set (to `evaluationPeriods` unless given).
 */
import { z } from "zod";
import { MAX_EVALUATION_SECONDS, METRIC_RESOLUTION_SECONDS } from "../../aws/limits";
import { flag, numberIn, rule, section, withRules } from "./fields";
import { alarmPeriodSeconds } from "./alarm-period";
import { explain, issue } from "./issues";

/**
 * The alarms of every stage: rates are `Average` of `4XXError`/`5XXError` (0..1), latencies p90 in
 * milliseconds, `lowTraffic` requests per period, `serverErrorCount` 5xx access log lines per period.
 */
export const ALARM_KINDS = ["serverErrorRate", "clientErrorRate", "latency", "integrationLatency", "lowTraffic", "serverErrorCount"] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** PutMetricAlarm `Period`: 10, 20, 30 or a multiple of 60; API Gateway's metrics come once a minute. */
const periodSeconds = alarmPeriodSeconds();

/** At most a day of one-minute periods (PutMetricAlarm: `Period` x `EvaluationPeriods` <= 86400 s). */
const evaluationPeriods = numberIn(1, MAX_EVALUATION_SECONDS / METRIC_RESOLUTION_SECONDS, { integer: true });

/** Its range depends on `evaluationPeriods`: checked by the M-out-of-N rule. */
const datapointsToAlarm = z.number({ error: explain("is not a whole number", "a whole number from 1 to evaluationPeriods") });

/** What an alarm defaults to when the config does not say. */
interface AlarmDefaults {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly evaluationPeriods: number;
}

function alarmFields(threshold: z.ZodNumber, defaults: AlarmDefaults) {
  return section(
    {
      /** @default true, except lowTraffic (false: only where traffic is steady enough to expect it) */
      enabled: flag().default(defaults.enabled),
      /** In the metric's unit: a rate 0..1, milliseconds, or a count. @default see each alarm */
      threshold: threshold.default(defaults.threshold),
      /** Seconds: 60 or a multiple of 60 (API Gateway metrics have one-minute resolution). @default 60 */
      periodSeconds: periodSeconds.default(60),
      /** How many recent periods are evaluated. @default see each alarm */
      evaluationPeriods: evaluationPeriods.default(defaults.evaluationPeriods),
      /** How many of those periods must breach ("M out of N"). @default evaluationPeriods */
      datapointsToAlarm: datapointsToAlarm.optional(),
    },
    "is not an alarm setting",
    "{ enabled?, threshold?, periodSeconds?, evaluationPeriods?, datapointsToAlarm? }",
  );
}

/** One alarm, every field defaulted, `datapointsToAlarm` following `evaluationPeriods` unless set. */
function followingAlarm(threshold: z.ZodNumber, defaults: AlarmDefaults) {
  return alarmFields(threshold, defaults).transform(({ datapointsToAlarm, ...alarm }) => ({ ...alarm, datapointsToAlarm: datapointsToAlarm ?? alarm.evaluationPeriods }));
}

type AlarmConfigFields = z.output<ReturnType<typeof followingAlarm>>;

/** M out of N: a whole M from 1 to N (PutMetricAlarm `DatapointsToAlarm`). */
const mOutOfN = rule<AlarmConfigFields>(["evaluationPeriods", "datapointsToAlarm"], ({ evaluationPeriods: n, datapointsToAlarm: m }) => {
  const allowed = `a whole number from 1 to ${n}`;
  if (!Number.isInteger(m)) return [issue("datapointsToAlarm", m, "is not a whole number", allowed)];
  if (m > n) return [issue("datapointsToAlarm", m, `is more than evaluationPeriods (${n})`, allowed)];
  return m < 1 ? [issue("datapointsToAlarm", m, "is out of range", allowed)] : [];
});

/** N periods fit in CloudWatch's one-day evaluation window. */
const withinOneDay = rule<AlarmConfigFields>(["periodSeconds", "evaluationPeriods"], ({ periodSeconds: p, evaluationPeriods: n }) =>
  p * n > MAX_EVALUATION_SECONDS
    ? [
        issue(
          "evaluationPeriods",
          n,
          `times periodSeconds (${p}) is ${p * n} s, over CloudWatch's one-day evaluation limit`,
          `at most ${Math.floor(MAX_EVALUATION_SECONDS / p)} periods of ${p} s (${MAX_EVALUATION_SECONDS} s in all)`,
        ),
      ]
    : [],
);

/** One alarm, checked once every field parsed (a rule's issue then stops no transform). @default the kind's defaults */
function alarmSchema(threshold: z.ZodNumber, defaults: AlarmDefaults) {
  return withRules(followingAlarm(threshold, defaults), [mOutOfN, withinOneDay]).prefault({});
}

/** Thresholds in each metric's unit. */
const rate = numberIn(0, 1);
const milliseconds = numberIn(1, 300_000);
const count = (min: number) => numberIn(min, 1_000_000_000, { integer: true });

const ALARMS_ALLOWED = `an object with any of ${ALARM_KINDS.join(", ")}`;

/** Every alarm kind, each defaulting to AWS's recommended alarm. @default AWS's recommended alarms, low-traffic alarm off */
export const alarmsSchema = z
  .strictObject(
    {
      /** 5XXError Average > threshold. @default { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3 } */
      serverErrorRate: alarmSchema(rate, { enabled: true, threshold: 0.05, evaluationPeriods: 3 }),
      /** 4XXError Average > threshold. @default { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } */
      clientErrorRate: alarmSchema(rate, { enabled: true, threshold: 0.05, evaluationPeriods: 5 }),
      /** Latency p90 >= threshold ms. @default { enabled: true, threshold: 2500, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } */
      latency: alarmSchema(milliseconds, { enabled: true, threshold: 2500, evaluationPeriods: 5 }),
      /** IntegrationLatency p90 >= threshold ms. @default { enabled: true, threshold: 2000, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } */
      integrationLatency: alarmSchema(milliseconds, { enabled: true, threshold: 2000, evaluationPeriods: 5 }),
      /** Count < threshold requests per period. @default { enabled: false, threshold: 1, periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 10 } */
      lowTraffic: alarmSchema(count(1), { enabled: false, threshold: 1, evaluationPeriods: 10 }),
      /** 5xx access log lines per period > threshold. @default { enabled: true, threshold: 10, periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1 } */
      serverErrorCount: alarmSchema(count(0), { enabled: true, threshold: 10, evaluationPeriods: 1 }),
    } satisfies Record<AlarmKind, z.ZodType>,
    {
      // A typo must not silently do nothing: an unknown kind is named as such.
      error: (iss) => (iss.code === "unrecognized_keys" ? explain("is not a known alarm", ALARM_KINDS.join(", ")) : explain("is not a map of alarm settings", ALARMS_ALLOWED)),
    },
  )
  .prefault({});

/** What an environment file writes for its alarms. */
export type AlarmsInput = z.input<typeof alarmsSchema>;
/** Every alarm kind, parsed. */
export type Alarms = z.output<typeof alarmsSchema>;
/** One parsed alarm. */
export type AlarmConfig = Alarms[AlarmKind];
