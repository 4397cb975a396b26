/** StageAlarms settings written out for module tests (not taken from a shipped environment). */
import type { StageAlarmsProps } from "../../modules/stage-alarms";

type AlarmSettings = StageAlarmsProps["alarms"];

/** Every alarm on, at AWS's recommended settings, with a 2 s latency threshold and a 15-minute low-traffic alarm. */
export const pagingAlarms: AlarmSettings = {
  serverErrorRate: { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3 },
  clientErrorRate: { enabled: true, threshold: 0.05, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  latency: { enabled: true, threshold: 2000, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  integrationLatency: { enabled: true, threshold: 2000, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 },
  lowTraffic: { enabled: true, threshold: 10, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 },
  serverErrorCount: { enabled: true, threshold: 10, periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1 },
};

/** A noisy development stage: client errors and low traffic off, looser latency. */
export const quietAlarms: AlarmSettings = {
  ...pagingAlarms,
  clientErrorRate: { ...pagingAlarms.clientErrorRate, enabled: false },
  latency: { ...pagingAlarms.latency, threshold: 5000 },
  integrationLatency: { ...pagingAlarms.integrationLatency, threshold: 4000 },
  lowTraffic: { enabled: false, threshold: 1, periodSeconds: 60, evaluationPeriods: 10, datapointsToAlarm: 10 },
  serverErrorCount: { ...pagingAlarms.serverErrorCount, threshold: 50, periodSeconds: 300 },
};
