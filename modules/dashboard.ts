/**
 * The environment's CloudWatch dashboard: alarm states and the top failing routes first, then per stage
 * its traffic, error rates, latency percentiles, backend (integration) latency, and the API Gateway
 * overhead computed by metric math (Latency - IntegrationLatency). The body is built from the typed model
 * in `dashboard-widgets.ts` and serialized with `JSON.stringify`. An environment too large for one
 * dashboard (500 widgets, 2,500 metrics) gets several, filled in order and named `<name>`, `<name>_2`, ...
 */
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { partitionOf } from "../aws/arn";
import { commentInHcl } from "./hcl-comments";
import { assertWithinLimits, DASHBOARD_NAME, type LimitProblem, MAX_QUERY_STRING_LENGTH } from "../aws/limits";
import { MAX_LOG_GROUPS_PER_QUERY, MAX_METRICS_PER_DASHBOARD, MAX_METRICS_PER_WIDGET, MAX_WIDGETS_PER_DASHBOARD } from "../aws/scale-limits";
import { apiGatewayMetric, type MetricId } from "./api-metrics";
import {
  alarmStatusWidget,
  MAX_ALARMS_PER_WIDGET,
  type DashboardBody,
  layout,
  logWidget,
  metricCount,
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
  /** More widgets for the stage's row (its cache, its canary, ...), after the standard ones. @default none */
  readonly extraWidgets?: readonly Unplaced<Widget>[];
}

/** Widgets about the whole environment (its web ACL, its API clients, ...): a row of their own, kept on one dashboard. */
export interface DashboardSection {
  /** The row's heading, e.g. "WAF". */
  readonly title: string;
  readonly widgets: readonly Unplaced<Widget>[];
}

export interface ApiDashboardProps {
  readonly dashboardName: string;
  /** The REST API's name, the `ApiName` dimension. */
  readonly apiName: string;
  readonly region: string;
  readonly stages: readonly DashboardStage[];
  /** ARNs of the alarms whose states are shown (built from names, not references). @default none */
  readonly alarmArns?: readonly string[];
  /** Rows about the whole environment, after the alarm states and failing routes, before the stages. @default none */
  readonly sections?: readonly DashboardSection[];
}

/**
 * The CloudWatch console's page of a dashboard (`#dashboards:name=<name>`, the console's own link format),
 * on the console of the region's partition. Dashboard names are letters, digits, `-` and `_`: nothing to escape.
 */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  const partition = partitionOf(region);
  const host = partition === "aws-cn" ? "console.amazonaws.cn" : partition === "aws-us-gov" ? "console.amazonaws-us-gov.com" : "console.aws.amazon.com";
  return `https://${host}/cloudwatch/home?region=${region}#dashboards:name=${dashboardName}`;
}

/**
 * The alarm states, in widgets of at most 100 alarms each (the most an alarm status widget shows, CloudWatch
 * "Dashboard body structure and syntax": one more and PutDashboard rejects the body).
 */
export function alarmStatusWidgets(alarmArns: readonly string[]): Unplaced<Widget>[] {
  const chunks = Array.from({ length: Math.ceil(alarmArns.length / MAX_ALARMS_PER_WIDGET) }, (_, i) => alarmArns.slice(i * MAX_ALARMS_PER_WIDGET, (i + 1) * MAX_ALARMS_PER_WIDGET));
  return chunks.map((chunk, i) => alarmStatusWidget(chunks.length === 1 ? "Alarms" : `Alarms (${i + 1} of ${chunks.length})`, chunk, 24, 4));
}

/** Consecutive runs of `items`, each as long as `fits` accepts (at least one item each). */
function runs<T>(items: readonly T[], fits: (run: readonly T[]) => boolean): T[][] {
  const result: T[][] = [];
  for (const item of items) {
    const last = result[result.length - 1];
    if (last && fits([...last, item])) last.push(item);
    else result.push([item]);
  }
  return result;
}

/**
 * The top failing routes of every stage, from their access logs. The console runs a log widget's query with
 * StartQuery, which takes at most 50 log groups and 10,000 characters of query: more stages than that are
 * spread over several widgets.
 */
export function failingRoutesWidgets(region: string, stages: readonly DashboardStage[]): Unplaced<Widget>[] {
  const query = logQuery("errors-by-route");
  const fits = (run: readonly DashboardStage[]) =>
    run.length <= MAX_LOG_GROUPS_PER_QUERY && queryString(query, run.map((s) => s.accessLogGroupName)).length <= MAX_QUERY_STRING_LENGTH;
  const chunks = runs(stages, fits);
  return chunks.map((chunk) => {
    const which = chunks.length === 1 ? "all stages" : `stages ${chunk[0].stageName} to ${chunk[chunk.length - 1].stageName}`;
    return logWidget(`Top failing routes (4xx and 5xx, ${which})`, region, queryString(query, chunk.map((s) => s.accessLogGroupName)), 24, 6);
  });
}

/** One stage's row: its traffic, error rates, latency percentiles, integration latency and API Gateway overhead. */
function stageRow(apiName: string, region: string, stage: DashboardStage): Unplaced<Widget>[] {
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
  return [...row, ...(stage.extraWidgets ?? [])];
}

/**
 * The name of the environment's `index`-th dashboard (from 0): `dashboardName`, then `dashboardName_2`,
 * `_3`, ... Environment and service names have no '_', so no other environment's dashboard can have it.
 */
export function dashboardPageName(dashboardName: string, index: number): string {
  return index === 0 ? dashboardName : `${dashboardName}_${index + 1}`;
}

/** One of the environment's dashboards. */
export interface DashboardPage {
  readonly name: string;
  readonly body: DashboardBody;
}

/** Widgets that stay on one dashboard: one overview widget, one section's row, or one stage's row. */
interface Block {
  readonly widgets: readonly Unplaced<Widget>[];
  /** A row of its own: a section's or a stage's. @default part of the overview row */
  readonly row?: boolean;
  readonly stageName?: string;
}

const blockMetrics = (block: Block) => block.widgets.reduce((n, w) => n + metricCount(w), 0);

/**
 * Fills dashboards in order, each within CloudWatch's limits on widgets and metrics per dashboard; one
 * widget of each is kept for its header.
 */
function paginate(blocks: readonly Block[]): Block[][] {
  const fits = (page: readonly Block[]) =>
    1 + page.reduce((n, b) => n + b.widgets.length, 0) <= MAX_WIDGETS_PER_DASHBOARD && page.reduce((n, b) => n + blockMetrics(b), 0) <= MAX_METRICS_PER_DASHBOARD;
  const pages = runs(blocks, fits);
  return pages.length > 0 ? pages : [[]]; // no alarms and no stages: one dashboard with its header
}

/**
 * The environment's dashboards: alarm states and the top failing routes first, then one row per stage. One
 * dashboard unless CloudWatch's limits (500 widgets, 2,500 metrics) need more; a split keeps each stage's
 * row whole and says on every dashboard which stages it shows and where the others are.
 */
export function dashboardPages(props: ApiDashboardProps): DashboardPage[] {
  const { apiName, region } = props;
  const overview: Block[] = [...alarmStatusWidgets(props.alarmArns ?? []), ...failingRoutesWidgets(region, props.stages)].map((w) => ({ widgets: [w] }));
  const sections: Block[] = (props.sections ?? []).map((section) => ({ widgets: [textWidget(`## ${section.title}`), ...section.widgets], row: true }));
  const stages: Block[] = props.stages.map((stage) => ({ widgets: stageRow(apiName, region, stage), row: true, stageName: stage.stageName }));
  const pages = paginate([...overview, ...sections, ...stages]);
  const names = pages.map((_, i) => dashboardPageName(props.dashboardName, i));
  const queries = `Saved Logs Insights queries are in the folder ${apiName} (e.g. ${savedQueryName(apiName, "one-request")}).`;
  return pages.map((page, i) => {
    const shown = page.flatMap((b) => (b.stageName === undefined ? [] : [b.stageName]));
    // One line: a newline would be a backslash escape in the JSON body.
    const header =
      pages.length === 1
        ? `**${apiName}**: stages ${props.stages.map((s) => s.stageName).join(", ")}. ${queries}`
        : `**${apiName}**, dashboard ${i + 1} of ${pages.length} (${names.map((n) => `\`${n}\``).join(", ")}): ` +
          `${shown.length > 0 ? `stages ${shown.join(", ")}` : "alarm states and failing routes of every stage"}. ${queries}`;
    const top = [textWidget(header), ...page.filter((b) => !b.row).flatMap((b) => b.widgets)];
    const rows = page.filter((b) => b.row).map((b) => [...b.widgets]);
    return { name: names[i], body: { start: "-PT6H", periodOverride: "auto", widgets: layout([top, ...rows]) } };
  });
}

/** What in a dashboard body CloudWatch would reject (PutDashboard), or the console could not run (StartQuery). */
export function dashboardLimitProblems(body: DashboardBody): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const metrics = body.widgets.reduce((n, w) => n + metricCount(w), 0);
  if (body.widgets.length > MAX_WIDGETS_PER_DASHBOARD) {
    problems.push({ field: "widgets", value: body.widgets.length, problem: "is more widgets than one dashboard holds", allowed: `at most ${MAX_WIDGETS_PER_DASHBOARD} ("Dashboard Body Structure and Syntax")` });
  }
  if (metrics > MAX_METRICS_PER_DASHBOARD) {
    problems.push({ field: "metrics", value: metrics, problem: "is more metrics than one dashboard may retrieve", allowed: `at most ${MAX_METRICS_PER_DASHBOARD} (CloudWatch service quotas, Dashboards)` });
  }
  body.widgets.forEach((w, i) => {
    if (metricCount(w) > MAX_METRICS_PER_WIDGET) {
      problems.push({ field: `widgets[${i}].properties.metrics`, value: metricCount(w), problem: "is more metrics than one widget may retrieve", allowed: `at most ${MAX_METRICS_PER_WIDGET} (CloudWatch service quotas, Dashboards)` });
    }
    if (w.type === "alarm" && w.properties.alarms.length > MAX_ALARMS_PER_WIDGET) {
      problems.push({ field: `widgets[${i}].properties.alarms`, value: w.properties.alarms.length, problem: "is more alarms than an alarm status widget shows", allowed: `at most ${MAX_ALARMS_PER_WIDGET} ("Dashboard Body Structure and Syntax")` });
    }
    if (w.type === "log") {
      const sources = (w.properties.query.match(/(^|\| )SOURCE '/g) ?? []).length;
      if (sources > MAX_LOG_GROUPS_PER_QUERY || w.properties.query.length > MAX_QUERY_STRING_LENGTH) {
        problems.push({
          field: `widgets[${i}].properties.query`,
          value: `${sources} log groups, ${w.properties.query.length} characters`,
          problem: "is more than one Logs Insights query takes",
          allowed: `at most ${MAX_LOG_GROUPS_PER_QUERY} log groups and ${MAX_QUERY_STRING_LENGTH} characters (StartQuery)`,
        });
      }
    }
  });
  return problems;
}

export class ApiDashboard extends Construct {
  /** The first dashboard, named `dashboardName`. */
  public readonly dashboard: CloudwatchDashboard;
  /** Every dashboard: the first, then `<dashboardName>_2`, ... when CloudWatch's limits need more than one. */
  public readonly dashboards: readonly CloudwatchDashboard[];
  /** The first dashboard's serialized body, as written to `dashboard_body`. */
  public readonly body: string;
  /** Every dashboard's serialized body, in the order of `dashboards`. */
  public readonly bodies: readonly string[];

  constructor(scope: Construct, id: string, props: ApiDashboardProps) {
    super(scope, id);
    if (!DASHBOARD_NAME.test(props.dashboardName)) {
      throw new Error(`ApiDashboard: dashboardName = ${props.dashboardName} is malformed. Allowed: 1 to 255 letters, digits, '-' or '_'`);
    }
    const unresolved = [props.apiName, props.region, ...props.stages.flatMap((s) => [s.stageName, s.accessLogGroupName]), ...(props.alarmArns ?? [])].filter((v) =>
      Token.isUnresolved(v),
    );
    if (unresolved.length > 0) {
      throw new Error(`ApiDashboard ${props.dashboardName}: ${unresolved.join(", ")} are Terraform references. Allowed: plain strings known at synth`);
    }
    const pages = dashboardPages(props);
    const last = pages[pages.length - 1].name;
    if (!DASHBOARD_NAME.test(last)) {
      throw new Error(
        `ApiDashboard ${props.dashboardName}: its ${pages.length} dashboards need the name ${last}, which is malformed. Allowed: names of 1 to 255 letters, digits, '-' or '_' (a shorter dashboardName)`,
      );
    }
    this.bodies = pages.map((page) => {
      // Never written on past CloudWatch's limits: the pagination keeps within them, this proves it.
      assertWithinLimits(`ApiDashboard ${page.name}`, dashboardLimitProblems(page.body));
      const body = JSON.stringify(page.body);
      if (unsafeForHcl(body)) {
        throw new Error(`ApiDashboard ${page.name}: the body contains a backslash, '\${' or '%{' (a quote, newline or template in a string). Allowed: plain text`);
      }
      return body;
    });
    this.body = this.bodies[0];
    this.dashboards = pages.map(
      // `dashboard` repeats the type: the HCL names them after this construct, then `<id>_2`, `<id>_3`, ...
      (page, i) => new CloudwatchDashboard(this, i === 0 ? "dashboard" : String(i + 1), { dashboardName: page.name, dashboardBody: this.bodies[i] }),
    );
    // A reviewer would look for references here; say why the body has none.
    for (const d of this.dashboards) commentInHcl(d, "Alarm ARNs and log group names in the body are written out from config: the body is checked", "against CloudWatch's dashboard limits at synth, which needs every value known then.");
    this.dashboard = this.dashboards[0];
  }
}
