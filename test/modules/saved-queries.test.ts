import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { Testing } from "cdktf";
import { accessLogFields } from "../../modules/access-log-format";
import { LOG_QUERIES, queryString } from "../../modules/log-queries";
import { SavedQueries } from "../../modules/saved-queries";
import { all, synth } from "../support/synth";

const access = ["/apigateway/orders-api-prod/v1/access", "/apigateway/orders-api-prod/v2/access"];
const execution = ["API-Gateway-Execution-Logs_abc/v1", "API-Gateway-Execution-Logs_abc/v2"];

describe("SavedQueries", () => {
  const s = synth((scope) => new SavedQueries(scope, "queries", { apiName: "orders-api-prod", accessLogGroupNames: access, executionLogGroupNames: execution }));
  const byName = Object.fromEntries(all(s, "aws_cloudwatch_query_definition").map((q) => [q.name, q]));

  it("saves the four investigations in the API's folder", () => {
    expect(Object.keys(byName).sort()).toEqual(
      ["errors-by-route", "one-request", "slowest-requests", "top-callers"].map((k) => `orders-api-prod/${k}`),
    );
  });

  it("errors by route and status read every stage's access log", () => {
    expect(s.json).toHaveResourceWithProperties(CloudwatchQueryDefinition, {
      name: "orders-api-prod/errors-by-route",
      log_group_names: access,
      query_string: expect.stringContaining("stats count(*) as requests by stage, httpMethod, resourcePath, status"),
    });
  });

  it("slowest requests sort by latency; top callers group by IP", () => {
    expect(byName["orders-api-prod/slowest-requests"].query_string).toContain("sort responseLatency desc");
    expect(byName["orders-api-prod/top-callers"].query_string).toMatch(/stats count\(\*\) as requests.* by ip \| sort requests desc/);
  });

  it("one request is followed across the access AND execution logs", () => {
    expect(byName["orders-api-prod/one-request"].log_group_names).toEqual([...access, ...execution]);
    expect(byName["orders-api-prod/one-request"].query_string).toContain('filter @message like "PASTE-REQUEST-ID-HERE"');
  });

  it("every query is one line, free of backslashes and template sequences", () => {
    for (const query of LOG_QUERIES) expect(queryString(query)).not.toMatch(/[\n\\]|\$\{|%\{/);
  });

  it("queries read only fields the access log writes", () => {
    const known = Object.keys(accessLogFields());
    const used = ["stage", "httpMethod", "resourcePath", "status", "errorResponseType", "responseLatency", "integrationLatency", "requestId", "userAgent", "ip"];
    expect(known).toEqual(expect.arrayContaining(used));
    for (const word of LOG_QUERIES.flatMap((q) => q.commands.join(" ").match(/\b(?:[a-z]+[A-Z]\w*)\b/g) ?? [])) {
      if (!["lastUserAgent"].includes(word)) expect(known).toContain(word);
    }
  });

  it("needs at least one access log group", () => {
    expect(() => Testing.synthScope((scope) => new SavedQueries(scope, "q", { apiName: "a", accessLogGroupNames: [], executionLogGroupNames: [] }))).toThrow(
      "SavedQueries a: no access log groups. Allowed: at least one log group",
    );
  });
});
