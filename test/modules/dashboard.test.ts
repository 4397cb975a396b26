import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { alarmStatusWidgets, ApiDashboard, type ApiDashboardProps } from "../../modules/dashboard";
import { layout, type MetricWidget, textWidget, type Widget } from "../../modules/dashboard-widgets";
import { accessLogMetric } from "../../modules/access-log-metric-filters";
import { DASHBOARD_BODY } from "../support/aws-facts";
import { only, synth } from "../support/synth";

const props: ApiDashboardProps = {
  dashboardName: "orders-api-prod",
  apiName: "orders-api-prod",
  region: "eu-west-1",
  stages: ["v1", "v2"].map((stageName) => ({
    stageName,
    accessLogGroupName: `/apigateway/orders-api-prod/${stageName}/access`,
    logMetrics: [accessLogMetric("orders-api-prod", stageName, "5xx")],
  })),
  alarmArns: ["arn:aws:cloudwatch:eu-west-1:222222222222:alarm:orders-api-prod-v1-5xx-rate"],
};

function build(scope: Construct, p: ApiDashboardProps = props): ApiDashboard {
  return new ApiDashboard(scope, "dashboard", p);
}

/** The metric lines of a widget, as [namespace, metric, dims..., options]. */
function lines(w: MetricWidget): any[][] {
  return w.properties.metrics as unknown as any[][];
}

describe("ApiDashboard", () => {
  const s = synth((scope) => build(scope));
  const resource = only(s, "aws_cloudwatch_dashboard");
  const body = JSON.parse(resource.dashboard_body);
  const widgets: Widget[] = body.widgets;
  const metricWidgets = widgets.filter((w): w is MetricWidget => w.type === "metric");
  const apiGatewayLines = metricWidgets.flatMap(lines).filter((l) => l[0] === "AWS/ApiGateway");

  it("is named after the environment's API, and its body is valid JSON", () => {
    expect(resource.dashboard_name).toBe("orders-api-prod");
    expect(body.widgets.length).toBeGreaterThan(0);
  });

  it("every API Gateway metric names this API and one of its stages", () => {
    expect(apiGatewayLines.length).toBeGreaterThan(0);
    for (const line of apiGatewayLines) {
      expect(line.slice(2, 6)).toEqual(["ApiName", "orders-api-prod", "Stage", expect.stringMatching(/^v[12]$/)]);
    }
    expect(new Set(apiGatewayLines.map((l) => l[5]))).toEqual(new Set(["v1", "v2"]));
  });

  it.each(["v1", "v2"])("stage %s shows Count, 4XX, 5XX, Latency p50/p90/p99 and IntegrationLatency", (stage) => {
    const shown = apiGatewayLines.filter((l) => l[5] === stage).map((l) => `${l[1]} ${l[6].stat}`);
    expect(shown).toEqual(
      expect.arrayContaining(["Count Sum", "4XXError Average", "5XXError Average", "Latency p50", "Latency p90", "Latency p99", "IntegrationLatency p90"]),
    );
  });

  it("computes the API Gateway overhead as Latency - IntegrationLatency, from lines of the same widget", () => {
    const overhead = metricWidgets.filter((w) => w.properties.title.includes("overhead"));
    expect(overhead).toHaveLength(2);
    for (const w of overhead) {
      const ids = Object.fromEntries(lines(w).filter((l) => l.length > 1).map((l) => [l[l.length - 1].id, l[1]]));
      const expression = lines(w).find((l) => l.length === 1)![0];
      expect(expression.expression).toBe("latency - integration");
      expect(ids).toEqual({ latency: "Latency", integration: "IntegrationLatency" });
    }
  });

  it("shows the alarm states", () => {
    const alarm = widgets.find((w) => w.type === "alarm");
    expect(alarm?.properties).toMatchObject({ alarms: props.alarmArns });
  });

  // CloudWatch "Dashboard body structure and syntax": an alarm status widget holds at most 100 alarms.
  it("splits the alarm states into widgets of at most 100 alarms, in order, whatever the number of stages", () => {
    // GIVEN 250 alarms (about 31 stages of 8 alarms each)
    const arns = Array.from({ length: 250 }, (_, i) => `arn:aws:cloudwatch:eu-west-1:222222222222:alarm:a${i}`);
    // WHEN the dashboard is laid out
    const alarmWidgets = alarmStatusWidgets(arns);
    // THEN three widgets carry 100, 100 and 50 alarms, every alarm once, titled so a reader knows there are more
    expect(alarmWidgets.map((w) => (w.properties as unknown as { alarms: string[] }).alarms.length)).toEqual([100, 100, 50]);
    expect(alarmWidgets.flatMap((w) => (w.properties as unknown as { alarms: string[] }).alarms)).toEqual(arns);
    expect(alarmWidgets.map((w) => (w.properties as unknown as { title: string }).title)).toEqual(["Alarms (1 of 3)", "Alarms (2 of 3)", "Alarms (3 of 3)"]);
    // AND none or one widget for the small cases
    expect(alarmStatusWidgets([])).toEqual([]);
    expect(alarmStatusWidgets(arns.slice(0, 100)).map((w) => (w.properties as unknown as { title: string }).title)).toEqual(["Alarms"]);
  });

  it("lists the top failing routes of every stage's access log with Logs Insights", () => {
    const log = widgets.find((w) => w.type === "log")!;
    const query: string = (log.properties as { query: string }).query;
    expect(query).toMatch(/^SOURCE '\/apigateway\/orders-api-prod\/v1\/access' \| SOURCE '\/apigateway\/orders-api-prod\/v2\/access' \| /);
    expect(query).toContain("stats count(*) as requests by stage, httpMethod, resourcePath, status");
  });

  it("shows the access log's 5xx count per stage", () => {
    const fromLogs = metricWidgets.flatMap(lines).filter((l) => l[0] === "orders-api-prod/AccessLogs");
    expect(fromLogs.map((l) => l[3])).toEqual(["v1", "v2"]);
  });

  it("places every widget inside the 24-unit grid without overlaps", () => {
    const cells = new Set<string>();
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(DASHBOARD_BODY.gridColumns);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it("holds nothing cdktf's HCL renderer would corrupt", () => {
    expect(resource.dashboard_body).not.toMatch(/\\|\$\{|%\{/);
  });

  it("rejects Terraform references, which a dashboard body cannot resolve", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const group = new CloudwatchLogGroup(scope, "g", { name: "x" });
        build(scope, { ...props, stages: [{ stageName: "v1", accessLogGroupName: group.name }] });
      }),
    ).toThrow(/ApiDashboard orders-api-prod: .* are Terraform references\. Allowed: plain strings known at synth/);
  });

  it("rejects text that needs escaping in the body", () => {
    expect(() => Testing.synthScope((scope) => build(scope, { ...props, stages: [{ stageName: 'v1"', accessLogGroupName: "g" }] }))).toThrow(
      "the body contains a backslash",
    );
  });

  it("rejects a malformed dashboard name", () => {
    expect(() => Testing.synthScope((scope) => build(scope, { ...props, dashboardName: "orders api" }))).toThrow(
      "ApiDashboard: dashboardName = orders api is malformed. Allowed: 1 to 255 letters, digits, '-' or '_'",
    );
  });
});

describe("layout", () => {
  it("wraps a row that is wider than the grid", () => {
    const placed = layout([[textWidget("a", 16), textWidget("b", 16)], [textWidget("c", 24)]]);
    expect(placed.map((w) => [w.x, w.y])).toEqual([[0, 0], [0, 1], [0, 2]]);
  });
});
