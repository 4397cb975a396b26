/**
 * A stage cache's hit-ratio alarm (`stages[].caching.hitRatioAlarm`): it fires when the share of cached
 * requests served from the cache, `CacheHitCount / (CacheHitCount + CacheMissCount)`, stays below a floor. It
 * follows the cache: on by default, it exists only where the stage's cache caches at least one method.
 */
import { z } from "zod";
import { alarmWindowProblems, MAX_EVALUATION_SECONDS, METRIC_RESOLUTION_SECONDS } from "../../aws/limits";
import { flag, numberIn, rule, section, withRules } from "./fields";
import { alarmPeriodSeconds } from "./alarm-period";
import { explain, issue } from "./issues";

/** PutMetricAlarm `Period`, no finer than the one-minute resolution of API Gateway's metrics. */
const periodSeconds = alarmPeriodSeconds();

const fields = section(
  {
    /** Create the alarm where the stage caches at least one method. @default true */
    enabled: flag().default(true),
    /** The floor: the alarm fires below this share of cached requests answered from the cache, 0..1. @default 0.5 */
    threshold: numberIn(0, 1).default(0.5),
    /** Seconds per period: 60 or a multiple of 60. @default 300 */
    periodSeconds: periodSeconds.default(300),
    /** How many recent periods are evaluated. @default 3 */
    evaluationPeriods: numberIn(1, MAX_EVALUATION_SECONDS / METRIC_RESOLUTION_SECONDS, { integer: true }).default(3),
    /** How many of those periods must breach ("M out of N"). @default evaluationPeriods */
    datapointsToAlarm: z.number({ error: explain("is not a whole number", "a whole number from 1 to evaluationPeriods") }).optional(),
  },
  "is not a hit-ratio alarm setting",
  "{ enabled?, threshold?, periodSeconds?, evaluationPeriods?, datapointsToAlarm? }",
).transform(({ datapointsToAlarm, ...alarm }) => ({ ...alarm, datapointsToAlarm: datapointsToAlarm ?? alarm.evaluationPeriods }));

type HitRatioAlarmFields = z.output<typeof fields>;

/** M out of N and CloudWatch's one-day evaluation window, in the words of the other alarms (aws/limits.ts). */
const window = rule<HitRatioAlarmFields>(["periodSeconds", "evaluationPeriods", "datapointsToAlarm"], (alarm) =>
  alarmWindowProblems(alarm).map((p) => issue(p.field, p.value, p.problem, p.allowed)),
);

/** @default { enabled: true, threshold: 0.5, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 } */
export const hitRatioAlarmSchema = withRules(fields, [window]).prefault({});

export type HitRatioAlarm = z.output<typeof hitRatioAlarmSchema>;
