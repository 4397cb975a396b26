/**
 * A canary beside its stage on the dashboard: requests, 5XX rate and p90 latency of the stage (`Stage` = `v1`)
 * and of its canary (`Stage` = `v1/Canary`, aws/canary.ts) on the same graphs, so a canary that does worse
 * than the stage shows at a glance.
 */
import { canaryMetricStage } from "../aws/canary";
import { apiGatewayMetric, type ApiGatewayMetricName } from "./api-metrics";
import { metricLine, metricWidget, type MetricWidget, textWidget, type TextWidget, type Unplaced } from "./dashboard-widgets";

export function canaryWidgets(apiName: string, region: string, stageName: string, percentTraffic: number): Unplaced<MetricWidget | TextWidget>[] {
  const canary = canaryMetricStage(stageName);
  const both = (metricName: ApiGatewayMetricName, stat: string) => [
    metricLine(apiGatewayMetric(apiName, stageName, metricName), { stat, label: stageName }),
    metricLine(apiGatewayMetric(apiName, canary, metricName), { stat, label: canary }),
  ];
  const ms = { min: 0, label: "ms", showUnits: false };
  return [
    textWidget(`### ${stageName}: canary (${percentTraffic}% of requests) beside the stage. Compare them with the saved query ${apiName}/canary-vs-base.`),
    metricWidget({ title: `${stageName} vs canary: requests`, region, width: 8, lines: both("Count", "Sum"), leftAxis: { min: 0 } }),
    metricWidget({ title: `${stageName} vs canary: 5XX rate (0..1)`, region, width: 8, lines: both("5XXError", "Average"), leftAxis: { min: 0, max: 1 } }),
    metricWidget({ title: `${stageName} vs canary: latency p90`, region, width: 8, lines: both("Latency", "p90"), leftAxis: ms }),
  ];
}
