/** An alarm's `periodSeconds`, the same check wherever an alarm is configured (stage alarms, WAF, cache). */
import { z } from "zod";
import { CLOUDWATCH_PERIODS, isCloudWatchPeriod, METRIC_RESOLUTION_SECONDS } from "../../aws/limits";
import { explain } from "./issues";

const NOT_WHOLE_SECONDS = explain("is not a whole number of seconds", CLOUDWATCH_PERIODS);

/**
 * PutMetricAlarm `Period` (10, 20, 30 or a multiple of 60), no finer than the one-minute resolution of the
 * metrics it watches (`metrics` names them in the message: API Gateway's and WAF's come once a minute).
 */
export function alarmPeriodSeconds(metrics = "the metric") {
  return z
    .number({ error: NOT_WHOLE_SECONDS })
    .int({ error: NOT_WHOLE_SECONDS, abort: true })
    .positive({ error: NOT_WHOLE_SECONDS, abort: true })
    .refine(isCloudWatchPeriod, { error: explain("is not a period CloudWatch accepts", CLOUDWATCH_PERIODS), abort: true })
    .refine((seconds) => seconds >= METRIC_RESOLUTION_SECONDS, {
      error: explain(`is finer than the one-minute resolution of ${metrics}, so the alarm would lack data`, "60 or a multiple of 60"),
    });
}
