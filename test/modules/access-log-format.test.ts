import { ACCESS_LOG_FIELDS, accessLogFormat } from "../../modules/access-log-format";

describe("access log format", () => {
  // GIVEN the format, WHEN API Gateway substitutes every $context variable with a value,
  // THEN the line is one valid JSON object with the fields a responder needs.
  const substituted = accessLogFormat().replace(/\$context\.[A-Za-z.]+/g, "value");
  const line = JSON.parse(substituted);

  it("is a single line of JSON", () => {
    expect(accessLogFormat()).not.toMatch(/\n/);
    expect(typeof line).toBe("object");
  });

  it.each([
    ["correlation", ["requestId", "extendedRequestId", "xrayTraceId"]],
    ["who", ["ip", "caller", "user", "userAgent", "apiKeyId"]],
    ["what", ["httpMethod", "resourcePath", "protocol"]],
    ["outcome", ["status", "responseLength", "errorMessage", "integrationStatus", "integrationError"]],
    ["timing", ["requestTime", "responseLatency", "integrationLatency"]],
  ])("answers %s", (_group, fields) => {
    for (const field of fields) expect(line).toHaveProperty(field, "value");
  });

  it("maps fields to the right context variables", () => {
    const raw = JSON.parse(accessLogFormat());
    expect(raw.requestId).toBe("$context.requestId");
    expect(raw.extendedRequestId).toBe("$context.extendedRequestId");
    expect(raw.ip).toBe("$context.identity.sourceIp");
    expect(raw.integrationLatency).toBe("$context.integration.latency");
    expect(raw.xrayTraceId).toBe("$context.xrayTraceId");
    // The API key's id (never its value): which client of a usage plan called.
    expect(raw.apiKeyId).toBe("$context.identity.apiKeyId");
  });

  it("contains $context.requestId, without which API Gateway rejects the format", () => {
    expect(accessLogFormat()).toContain("$context.requestId");
  });

  it("has no Terraform interpolation sequence", () => {
    expect(accessLogFormat()).not.toMatch(/\$\{|%\{/);
  });

  it("has no field twice", () => {
    const names = Object.values(ACCESS_LOG_FIELDS).flatMap((group) => Object.keys(group));
    expect(new Set(names).size).toBe(names.length);
  });
});
