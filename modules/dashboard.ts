/**
 * The environment's CloudWatch dashboard: alarm states and the top failing routes first, then per stage
 * its traffic, error rates, latency percentiles, backend (integration) latency, and the API Gateway
 * overhead computed by metric math (Latency - IntegrationLatency). The body is built from the typed model
 * in `dashboard-widgets.ts` and serialized with `JSON.stringify`.
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { apiGatewayMetric, type MetricId } from "./api-metrics";
import {
  alarmStatusWidget,
  MAX_ALARMS_PER_WIDGET,
  type DashboardBody,
  layout,
  logWidget,
  metricLine,
  metricWidget,
  textWidget,
  type Unplaced,
  unsafeForHcl,
  type Widget,
} from "./dashboard-widgets";
import { logQuery, queryString, savedQueryName } from "./log-queries";

export interface DashboardStage {
  readonly stageName: string;
  /** The access log group's name as a plain string (a dashboard cannot hold Terraform references). */
  readonly accessLogGroupName: string;
  /** Log-based response counts of the stage (from `AccessLogMetricFilters`). @default none */
  readonly logMetrics?: readonly MetricId[];
}

export interface ApiDashboardProps {
  readonly dashboardName: string;
  /** The REST API's name, the `ApiName` dimension. */
  readonly apiName: string;
  readonly region: string;
  readonly stages: readonly DashboardStage[];
  /** ARNs of the alarms whose states are shown (built from names, not references). @default none */
  readonly alarmArns?: readonly string[];
}

/**
 * The alarm states, in widgets of at most 100 alarms each (the most an alarm status widget shows, CloudWatch
 * "Dashboard body structure and syntax": one more and PutDashboard rejects the body).
 */
export function alarmStatusWidgets(alarmArns: readonly string[]): Unplaced<Widget>[] {
  const chunks = Array.from({ length: Math.ceil(alarmArns.length / MAX_ALARMS_PER_WIDGET) }, (_, i) => alarmArns.slice(i * MAX_ALARMS_PER_WIDGET, (i + 1) * MAX_ALARMS_PER_WIDGET));
  return chunks.map((chunk, i) => alarmStatusWidget(chunks.length === 1 ? "Alarms" : `Alarms (${i + 1} of ${chunks.length})`, chunk, 24, 4));
}

/** The dashboard body as a typed object. */
export function dashboardBody(props: ApiDashboardProps): DashboardBody {
  const { apiName, region } = props;
  const sources = props.stages.map((s) => s.accessLogGroupName);
  const top: Unplaced<Widget>[] = [
    // One line: a newline would be a backslash escape in the JSON body.
    textWidget(
      `**${apiName}**: stages ${props.stages.map((s) => s.stageName).join(", ")}. ` +
        `Saved Logs Insights queries are in the folder ${apiName} (e.g. ${savedQueryName(apiName, "one-request")}).`,
    ),
  ];
  top.push(...alarmStatusWidgets(props.alarmArns ?? []));
  top.push(logWidget("Top failing routes (4xx and 5xx, all stages)", region, queryString(logQuery("errors-by-route"), sources), 24, 6));

  const stageRows = props.stages.map((stage): Unplaced<Widget>[] => {
    const m = (name: Parameters<typeof apiGatewayMetric>[2]) => apiGatewayMetric(apiName, stage.stageName, name);
    const percentiles = (name: "Latency" | "IntegrationLatency") =>
      (["p50", "p90", "p99"] as const).map((stat) => metricLine(m(name), { stat, label: `${name} ${stat}` }));
    const ms = { min: 0, label: "ms", showUnits: false };
    const row: Unplaced<Widget>[] = [
      textWidget(`## Stage ${stage.stageName}`),
      metricWidget({ title: `${stage.stageName}: requests`, region, width: 6, lines: [metricLine(m("Count"), { stat: "Sum", label: "Requests" })], leftAxis: { min: 0 } }),
      metricWidget({
        title: `${stage.stageName}: error rates (0..1)`,
        region,
        width: 6,
        lines: [metricLine(m("4XXError"), { stat: "Average", label: "4XX rate" }), metricLine(m("5XXError"), { stat: "Average", label: "5XX rate" })],
        leftAxis: { min: 0, max: 1 },
      }),
      metricWidget({ title: `${stage.stageName}: latency`, region, width: 6, lines: percentiles("Latency"), leftAxis: ms }),
      metricWidget({ title: `${stage.stageName}: integration latency`, region, width: 6, lines: percentiles("IntegrationLatency"), leftAxis: ms }),
      metricWidget({
        title: `${stage.stageName}: API Gateway overhead (Latency - IntegrationLatency, average)`,
        region,
        width: 12,
        lines: [
          metricLine(m("Latency"), { stat: "Average", id: "latency", visible: false }),
          metricLine(m("IntegrationLatency"), { stat: "Average", id: "integration", visible: false }),
          [{ expression: "latency - integration", id: "overhead", label: "API Gateway overhead" }],
        ],
        leftAxis: ms,
      }),
    ];
    if ((stage.logMetrics ?? []).length > 0) {
      row.push(
        metricWidget({
          title: `${stage.stageName}: error responses from the access log`,
          region,
          width: 12,
          lines: (stage.logMetrics ?? []).map((metric) => metricLine(metric, { stat: "Sum", label: metric.metricName })),
          leftAxis: { min: 0 },
        }),
      );
    }
    return row;
  });

  return { start: "-PT6H", periodOverride: "auto", widgets: layout([top, ...stageRows]) };
}

export class ApiDashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  /** The serialized body, as written to `dashboard_body`. */
  public readonly body: string;

  constructor(scope: Construct, id: string, props: ApiDashboardProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.dashboardName)) {
      throw new Error(`ApiDashboard: dashboardName = ${props.dashboardName} is malformed. Allowed: 1 to 255 letters, digits, '-' or '_'`);
    }
    const unresolved = [props.apiName, props.region, ...props.stages.flatMap((s) => [s.stageName, s.accessLogGroupName]), ...(props.alarmArns ?? [])].filter((v) =>
      Token.isUnresolved(v),
    );
    if (unresolved.length > 0) {
      throw new Error(`ApiDashboard ${props.dashboardName}: ${unresolved.join(", ")} are Terraform references. Allowed: plain strings known at synth`);
    }
    this.body = JSON.stringify(dashboardBody(props));
    if (unsafeForHcl(this.body)) {
      throw new Error(`ApiDashboard ${props.dashboardName}: the body contains a backslash, '\${' or '%{' (a quote, newline or template in a string). Allowed: plain text`);
    }
    this.dashboard = new CloudwatchDashboard(this, "dashboard", { dashboardName: props.dashboardName, dashboardBody: this.body });
  }
}
