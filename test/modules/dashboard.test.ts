import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import {
  alarmStatusWidgets,
  dashboardConsoleUrl,
  ApiDashboard,
  type ApiDashboardProps,
  dashboardLimitProblems,
  dashboardPages,
  type DashboardStage,
  failingRoutesWidgets,
} from "../../modules/dashboard";
import { layout, MAX_ALARMS_PER_WIDGET, metricCount, metricLine, metricWidget, type MetricWidget, textWidget, type Widget } from "../../modules/dashboard-widgets";
import { accessLogMetric } from "../../modules/access-log-metric-filters";
import { MAX_LOG_GROUPS_PER_QUERY, MAX_METRICS_PER_DASHBOARD, MAX_METRICS_PER_WIDGET, MAX_WIDGETS_PER_DASHBOARD } from "../../aws/scale-limits";
import { DASHBOARD_BODY, DASHBOARD_QUOTAS, START_QUERY } from "../support/aws-facts";
import { all, only, synth } from "../support/synth";

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

/** `count` stages as the stack describes them: an access log group and two log metrics each. */
function manyStages(count: number, groupName = (stage: string) => `/apigateway/orders-api-prod/${stage}/access`): DashboardStage[] {
  return Array.from({ length: count }, (_, i) => `s${i}`).map((stageName) => ({
    stageName,
    accessLogGroupName: groupName(stageName),
    logMetrics: [accessLogMetric("orders-api-prod", stageName, "5xx"), accessLogMetric("orders-api-prod", stageName, "4xx")],
  }));
}

/** Eight alarms per stage, as the stack creates (stage alarms and the archive's two). */
const alarmsOf = (stages: readonly DashboardStage[]) =>
  stages.flatMap((s) => Array.from({ length: 8 }, (_, i) => `arn:aws:cloudwatch:eu-west-1:222222222222:alarm:orders-api-prod-${s.stageName}-${i}`));

const markdown = (w: Widget) => (w.properties as { markdown: string }).markdown;

describe("ApiDashboard at scale (CloudWatch: \"Dashboard Body Structure and Syntax\", \"CloudWatch service quotas\", Logs StartQuery)", () => {
  it("uses CloudWatch's documented limits", () => {
    expect({ MAX_WIDGETS_PER_DASHBOARD, MAX_METRICS_PER_WIDGET, MAX_METRICS_PER_DASHBOARD, MAX_LOG_GROUPS_PER_QUERY }).toEqual({
      MAX_WIDGETS_PER_DASHBOARD: DASHBOARD_BODY.widgets,
      MAX_METRICS_PER_WIDGET: DASHBOARD_QUOTAS.metricsPerWidget,
      MAX_METRICS_PER_DASHBOARD: DASHBOARD_QUOTAS.metricsPerDashboard,
      MAX_LOG_GROUPS_PER_QUERY: START_QUERY.logGroups,
    });
  });

  // GIVEN an environment of 300 stages (2,100 stage widgets, 3,900 metrics, 2,400 alarms: far over one dashboard)
  const stages = manyStages(300);
  const big: ApiDashboardProps = { ...props, stages, alarmArns: alarmsOf(stages) };
  // WHEN its dashboards are laid out
  const pages = dashboardPages(big);

  it("splits into dashboards named <name>, <name>_2, ..., each within CloudWatch's limits", () => {
    expect(pages.map((p) => p.name)).toEqual(["orders-api-prod", ...Array.from({ length: pages.length - 1 }, (_, i) => `orders-api-prod_${i + 2}`)]);
    expect(pages.length).toBe(5);
    for (const { name, body } of pages) {
      const metrics = body.widgets.reduce((n, w) => n + metricCount(w), 0);
      expect({ name, widgets: body.widgets.length <= DASHBOARD_BODY.widgets, metrics: metrics <= DASHBOARD_QUOTAS.metricsPerDashboard }).toEqual({ name, widgets: true, metrics: true });
      expect(dashboardLimitProblems(body)).toEqual([]);
    }
  });

  it("shows every stage once, in order, with its whole row on one dashboard, and every alarm once", () => {
    const rows = pages.flatMap((p) => p.body.widgets.filter((w) => w.type === "text" && markdown(w).startsWith("## Stage ")).map((w) => [p.name, markdown(w).slice(9)]));
    expect(rows.map(([, stage]) => stage)).toEqual(stages.map((s) => s.stageName));
    for (const [page, stage] of rows) {
      const widgets = pages.find((p) => p.name === page)!.body.widgets.filter((w) => w.type === "metric" && (w as MetricWidget).properties.title.startsWith(`${stage}: `));
      expect({ stage, widgets: widgets.length }).toEqual({ stage, widgets: 6 });
    }
    const alarms = pages.flatMap((p) => p.body.widgets.filter((w) => w.type === "alarm").flatMap((w) => (w.properties as unknown as { alarms: string[] }).alarms));
    expect(alarms).toEqual(big.alarmArns);
  });

  it("says on every dashboard which it is, which stages it shows and what the others are called", () => {
    pages.forEach((page, i) => {
      const header = markdown(page.body.widgets[0]);
      expect(header).toContain(`dashboard ${i + 1} of ${pages.length}`);
      for (const other of pages) expect(header).toContain(`\`${other.name}\``);
    });
    expect(markdown(pages[1].body.widgets[0])).toMatch(/: stages s\d+, /);
  });

  it("keeps the widgets of a full and a partly filled dashboard inside the grid without overlaps", () => {
    for (const { body } of [pages[0], pages[pages.length - 1]]) {
      const cells = new Set<string>();
      for (const w of body.widgets) {
        expect(w.x + w.width).toBeLessThanOrEqual(DASHBOARD_BODY.gridColumns);
        for (let x = w.x; x < w.x + w.width; x++) for (let y = w.y; y < w.y + w.height; y++) cells.add(`${x},${y}`);
      }
      expect(cells.size).toBe(body.widgets.reduce((n, w) => n + w.width * w.height, 0));
    }
  });

  it("creates one aws_cloudwatch_dashboard per page, the first with the construct id (so the resource name) of a single dashboard", () => {
    let built: ApiDashboard | undefined;
    const s = synth((scope) => (built = build(scope, big)));
    const byName = (entries: [string, unknown][]) => Object.fromEntries(entries);
    expect(byName(all(s, "aws_cloudwatch_dashboard").map((d) => [d.dashboard_name, JSON.parse(d.dashboard_body)]))).toEqual(byName(pages.map((p) => [p.name, p.body])));
    // `dashboard` repeats the type, so the HCL names the pages `<id>`, `<id>_2`, ... (stacks/logical-names.ts)
    expect(built?.dashboards.map((d) => d.node.id)).toEqual(["dashboard", "2", "3", "4", "5"]);
    expect(built?.dashboard).toBe(built?.dashboards[0]);
  });

  it("stays one dashboard, as before, while everything fits, down to no stage at all", () => {
    const fits = manyStages(60);
    expect(dashboardPages({ ...props, stages: fits, alarmArns: alarmsOf(fits) })).toHaveLength(1);
    expect(dashboardPages({ ...props, stages: [], alarmArns: [] }).map((p) => p.body.widgets.map((w) => w.type))).toEqual([["text"]]);
  });

  it("lists the failing routes in queries of at most 50 log groups and 10,000 characters, as StartQuery takes", () => {
    // GIVEN 120 stages; and 60 stages whose log group names are 200 characters long
    const byCount = failingRoutesWidgets("eu-west-1", manyStages(120));
    const byLength = failingRoutesWidgets("eu-west-1", manyStages(60, (stage) => `/${stage}/${"g".repeat(198 - stage.length)}`));
    const queries = (ws: ReturnType<typeof failingRoutesWidgets>) => ws.map((w) => (w.properties as unknown as { query: string }).query);
    // THEN 50 + 50 + 20 log groups; and no query over 10,000 characters
    expect(queries(byCount).map((q) => q.split("SOURCE '").length - 1)).toEqual([50, 50, 20]);
    expect(Math.max(...queries(byLength).map((q) => q.length))).toBeLessThanOrEqual(START_QUERY.queryStringLength);
    expect(queries(byLength).length).toBeGreaterThan(1);
    expect(byCount.map((w) => (w.properties as unknown as { title: string }).title)).toEqual([
      "Top failing routes (4xx and 5xx, stages s0 to s49)",
      "Top failing routes (4xx and 5xx, stages s50 to s99)",
      "Top failing routes (4xx and 5xx, stages s100 to s119)",
    ]);
  });

  it("refuses a body over any limit with what is over and by how much", () => {
    const widgets = layout([Array.from({ length: 501 }, () => textWidget("x", 1))]);
    const alarm = { type: "alarm", x: 0, y: 0, width: 24, height: 4, properties: { title: "a", alarms: Array.from({ length: MAX_ALARMS_PER_WIDGET + 1 }, (_, i) => `a${i}`), sortBy: "default" } } as Widget;
    const problems = dashboardLimitProblems({ start: "-PT6H", periodOverride: "auto", widgets: [...widgets, alarm] });
    expect(problems.map((p) => `${p.field} = ${p.value}: ${p.allowed}`)).toEqual([
      'widgets = 502: at most 500 ("Dashboard Body Structure and Syntax")',
      'widgets[501].properties.alarms = 101: at most 100 ("Dashboard Body Structure and Syntax")',
    ]);
    expect(() =>
      metricWidget({ title: "too many", region: "eu-west-1", lines: Array.from({ length: 501 }, (_, i) => metricLine(accessLogMetric("a", `s${i}`, "5xx"), { stat: "Sum" })) }),
    ).toThrow("metricWidget too many: 501 metrics. Allowed: at most 500 per widget (CloudWatch service quotas, Dashboards)");
  });

  it("refuses a dashboard name that has no room for the pages' suffix", () => {
    const name = "d".repeat(254);
    expect(() => Testing.synthScope((scope) => build(scope, { ...big, dashboardName: name }))).toThrow(
      `ApiDashboard ${name}: its 5 dashboards need the name ${name}_5, which is malformed. Allowed: names of 1 to 255 letters, digits, '-' or '_' (a shorter dashboardName)`,
    );
  });
});

describe("ApiDashboard sections and a stage's extra widgets", () => {
  const waf = metricWidget({ title: "WAF: blocked requests", region: "eu-west-1", width: 12, lines: [metricLine({ namespace: "AWS/WAFV2", metricName: "BlockedRequests", dimensions: { WebACL: "orders-api-prod", Region: "eu-west-1", Rule: "ALL" } }, { stat: "Sum" })] });
  const cache = metricWidget({ title: "v1: cache hits", region: "eu-west-1", width: 12, lines: [metricLine({ namespace: "AWS/ApiGateway", metricName: "CacheHitCount", dimensions: { ApiName: "orders-api-prod", Stage: "v1" } }, { stat: "Sum" })] });
  const withExtras: ApiDashboardProps = {
    ...props,
    stages: props.stages.map((s) => (s.stageName === "v1" ? { ...s, extraWidgets: [cache] } : s)),
    sections: [{ title: "WAF", widgets: [waf] }],
  };
  const [page] = dashboardPages(withExtras);
  const titles = page.body.widgets.map((w) => ("title" in w.properties ? w.properties.title : "markdown" in w.properties ? w.properties.markdown : undefined));

  it("GIVEN a section THEN it is a row of its own, headed by its title, after the overview and before the stages", () => {
    const heading = titles.indexOf("## WAF");
    expect(heading).toBeGreaterThan(titles.findIndex((t) => String(t).startsWith("Top failing routes")));
    expect(titles[heading + 1]).toBe("WAF: blocked requests");
    expect(titles.indexOf("## Stage v1")).toBeGreaterThan(heading + 1);
    const y = (i: number) => page.body.widgets[i].y;
    expect(y(heading)).toBeGreaterThan(y(heading - 1));
    expect(y(titles.indexOf("## Stage v1"))).toBeGreaterThan(y(heading + 1));
  });

  it("GIVEN a stage's extra widget THEN it ends that stage's row only", () => {
    const v1 = titles.indexOf("## Stage v1");
    const v2 = titles.indexOf("## Stage v2");
    expect(titles.indexOf("v1: cache hits")).toBeGreaterThan(v1);
    expect(titles.indexOf("v1: cache hits")).toBeLessThan(v2);
    expect(titles.filter((t) => t === "v1: cache hits")).toHaveLength(1);
  });

  it("GIVEN neither THEN the dashboard is the one it was before", () => {
    expect(dashboardPages({ ...props, sections: [], stages: props.stages.map((s) => ({ ...s, extraWidgets: [] })) })).toEqual(dashboardPages(props));
  });
});

describe("layout", () => {
  it("wraps a row that is wider than the grid", () => {
    const placed = layout([[textWidget("a", 16), textWidget("b", 16)], [textWidget("c", 24)]]);
    expect(placed.map((w) => [w.x, w.y])).toEqual([[0, 0], [0, 1], [0, 2]]);
  });
});

describe("dashboardConsoleUrl (the stack's dashboard_urls output)", () => {
  it("links the CloudWatch console's page of the dashboard, in its region, on its partition's console", () => {
    // GIVEN a dashboard name in each partition, THEN the console link opens that dashboard in that region
    expect(dashboardConsoleUrl("eu-west-1", "orders-api-dev")).toBe("https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=orders-api-dev");
    expect(dashboardConsoleUrl("cn-north-1", "d")).toBe("https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards:name=d");
    expect(dashboardConsoleUrl("us-gov-west-1", "d")).toBe("https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards:name=d");
  });
});
