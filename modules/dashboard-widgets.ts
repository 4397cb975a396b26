/**
 * A typed model of the CloudWatch dashboard body ("Dashboard body structure and syntax"), and builders for
 * the widgets this project uses. The body is serialized with `JSON.stringify`, never templated, so it is
 * valid JSON by construction; strings in it must not contain `${`, `%{` or backslashes, which cdktf's HCL renderer does not escape.
 */
import { MAX_METRICS_PER_WIDGET } from "../aws/scale-limits";
import type { MetricId } from "./api-metrics";

/** Rendering options of one metric line (the last element of a metric array). */
export interface MetricOptions {
  readonly stat?: string;
  readonly label?: string;
  /** Id for metric math; lower-case first letter. */
  readonly id?: string;
  /** Hide a line that only feeds an expression. */
  readonly visible?: boolean;
  readonly yAxis?: "left" | "right";
  readonly period?: number;
}

/** A metric math line, e.g. `{ expression: "m1 - m2", id: "e1", label: "API Gateway overhead" }`. */
export interface ExpressionLine {
  readonly expression: string;
  readonly id: string;
  readonly label: string;
  readonly yAxis?: "left" | "right";
}

/** `[namespace, metricName, dim1, value1, ..., options]` or `[{ expression }]`. */
export type MetricLine = readonly [...string[], MetricOptions] | readonly [ExpressionLine];

export interface Position {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface YAxis {
  readonly min?: number;
  readonly max?: number;
  readonly label?: string;
  readonly showUnits?: boolean;
}

export interface MetricWidget extends Position {
  readonly type: "metric";
  readonly properties: {
    readonly title: string;
    readonly region: string;
    readonly view: "timeSeries" | "singleValue";
    readonly stacked: boolean;
    readonly period: number;
    readonly metrics: readonly MetricLine[];
    readonly yAxis?: { readonly left?: YAxis; readonly right?: YAxis };
  };
}

export interface AlarmStatusWidget extends Position {
  readonly type: "alarm";
  readonly properties: {
    readonly title: string;
    /** Alarm ARNs, at most 100. */
    readonly alarms: readonly string[];
    readonly sortBy: "stateUpdatedTimestamp" | "default";
  };
}

export interface LogWidget extends Position {
  readonly type: "log";
  readonly properties: {
    readonly title: string;
    readonly region: string;
    /** `SOURCE '<group>' | SOURCE '<group>' | <commands>` */
    readonly query: string;
    readonly view: "table" | "timeSeries";
  };
}

export interface TextWidget extends Position {
  readonly type: "text";
  readonly properties: { readonly markdown: string };
}

export type Widget = MetricWidget | AlarmStatusWidget | LogWidget | TextWidget;

export interface DashboardBody {
  readonly start: string;
  readonly periodOverride: "auto" | "inherit";
  readonly widgets: readonly Widget[];
}

/** The dashboard grid is 24 units wide. */
export const GRID_WIDTH = 24;

/** A widget before it is placed on the grid. */
export type Unplaced<W extends Widget> = Omit<W, keyof Position> & { readonly width: number; readonly height: number };

/** Places widgets left to right, wrapping to a new row when the grid is full; each row is as tall as its tallest widget. */
export function layout(rows: readonly (readonly Unplaced<Widget>[])[]): Widget[] {
  const placed: Widget[] = [];
  let y = 0;
  for (const row of rows) {
    let x = 0;
    let rowHeight = 0;
    for (const widget of row) {
      if (widget.width > GRID_WIDTH) throw new Error(`layout: width = ${widget.width} is too wide. Allowed: at most ${GRID_WIDTH}`);
      if (x + widget.width > GRID_WIDTH) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      placed.push({ ...widget, x, y } as Widget);
      x += widget.width;
      rowHeight = Math.max(rowHeight, widget.height);
    }
    y += rowHeight;
  }
  return placed;
}

/** A metric line from a metric's identity and options. */
export function metricLine(metric: MetricId, options: MetricOptions): MetricLine {
  const dimensions = Object.entries(metric.dimensions).flat();
  return [metric.namespace, metric.metricName, ...dimensions, options];
}

export interface MetricWidgetOptions {
  readonly title: string;
  readonly region: string;
  readonly lines: readonly MetricLine[];
  /** @default 60 */
  readonly period?: number;
  readonly leftAxis?: YAxis;
  /** @default 8 */
  readonly width?: number;
  /** @default 6 */
  readonly height?: number;
}

export function metricWidget(o: MetricWidgetOptions): Unplaced<MetricWidget> {
  const metrics = o.lines.filter(isMetric).length;
  if (metrics > MAX_METRICS_PER_WIDGET) {
    throw new Error(`metricWidget ${o.title}: ${metrics} metrics. Allowed: at most ${MAX_METRICS_PER_WIDGET} per widget (CloudWatch service quotas, Dashboards)`);
  }
  return {
    type: "metric",
    width: o.width ?? 8,
    height: o.height ?? 6,
    properties: {
      title: o.title,
      region: o.region,
      view: "timeSeries",
      stacked: false,
      period: o.period ?? 60,
      metrics: o.lines,
      ...(o.leftAxis ? { yAxis: { left: o.leftAxis } } : {}),
    },
  };
}

/** A line that retrieves a metric (an expression line only computes from others). */
function isMetric(line: MetricLine): boolean {
  return !(line.length === 1 && typeof line[0] === "object" && "expression" in line[0]);
}

/**
 * The metrics a widget retrieves, which CloudWatch counts against its per-widget and per-dashboard quotas,
 * hidden lines that only feed metric math included.
 */
export function metricCount(widget: Widget | Unplaced<Widget>): number {
  return widget.type === "metric" ? (widget as Unplaced<MetricWidget>).properties.metrics.filter(isMetric).length : 0;
}

/** An alarm status widget shows at most 100 alarms (CloudWatch, "Dashboard body structure and syntax"). */
export const MAX_ALARMS_PER_WIDGET = 100;

export function alarmStatusWidget(title: string, alarmArns: readonly string[], width = GRID_WIDTH, height = 4): Unplaced<AlarmStatusWidget> {
  if (alarmArns.length > MAX_ALARMS_PER_WIDGET) throw new Error(`alarmStatusWidget ${title}: ${alarmArns.length} alarms. Allowed: at most ${MAX_ALARMS_PER_WIDGET}`);
  return { type: "alarm", width, height, properties: { title, alarms: alarmArns, sortBy: "stateUpdatedTimestamp" } };
}

export function logWidget(title: string, region: string, query: string, width = GRID_WIDTH, height = 6): Unplaced<LogWidget> {
  return { type: "log", width, height, properties: { title, region, query, view: "table" } };
}

export function textWidget(markdown: string, width = GRID_WIDTH, height = 1): Unplaced<TextWidget> {
  return { type: "text", width, height, properties: { markdown } };
}

/** Strings the HCL renderer would corrupt: a `${` or `%{` template sequence, or a backslash. */
export function unsafeForHcl(text: string): boolean {
  return text.includes("${") || text.includes("%{") || text.includes("\\");
}
