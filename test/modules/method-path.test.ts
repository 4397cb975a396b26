/**
 * `aws_api_gateway_method_settings.method_path` is a JSON Pointer: the provider passes it unchanged into the
 * UpdateStage patch path `/{method_path}/<setting>` (API reference, PatchOperation.path: "a JSON Pointer
 * value"), so the slashes of the resource path are written `~1` and `~` itself `~0` (RFC 6901, section 3).
 * Unescaped (`orders/{orderId}/GET`), AWS files the settings under a key no method matches, prod's caching
 * and throttling overrides do nothing, and plan stays clean (terraform-provider-aws #9738).
 */
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ALL_METHODS, ApiStage, type ApiStageProps, jsonPointerToken, methodPath } from "../../modules/api-stage";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { ORDERS_DEFINITION_FILE } from "../support/definition-file";
import { cachedStage, plainStage } from "../support/stage-settings";
import { all, synth } from "../support/synth";

/** RFC 6901 decoding of one reference token: `~1` first, then `~0`. */
const decode = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");

type StageSettings = ApiStageProps["stage"];

function stageWith(stage: StageSettings) {
  return synth((scope) => {
    const api = new OpenApiRestApi(scope, "api", { name: "orders-api-test", definitionFile: ORDERS_DEFINITION_FILE });
    new ApiStage(scope, `stage-${stage.name}`, { api, stage, logs: { retentionInDays: 365, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" } });
  });
}

describe("methodPath (terraform-provider-aws #9738; RFC 6901)", () => {
  it("escapes the slashes of a nested resource path: ~1orders~1{orderId}/GET, not orders/{orderId}/GET", () => {
    expect(methodPath({ httpMethod: "GET", resourcePath: "/orders/{orderId}" })).toBe("~1orders~1{orderId}/GET");
    expect(methodPath({ httpMethod: "POST", resourcePath: "/orders" })).toBe("~1orders/POST");
  });

  it("writes the root resource as ~1/GET", () => {
    expect(methodPath({ httpMethod: "GET", resourcePath: "/" })).toBe("~1/GET");
  });

  it("writes '~' as ~0 before escaping slashes, and keeps greedy path parameters", () => {
    expect(jsonPointerToken("/a~1/b")).toBe("~1a~01~1b");
    expect(methodPath({ httpMethod: "ANY", resourcePath: "/files/{proxy+}" })).toBe("~1files~1{proxy+}/ANY");
  });

  // The shipped API's own routes are checked the same way in test/environments/api-definition.test.ts.
  it.each([
    ["GET", "/"],
    ["GET", "/health"],
    ["POST", "/orders"],
    ["GET", "/orders/{orderId}"],
    ["DELETE", "/orders/{orderId}/items/{itemId}"],
    ["ANY", "/files/{proxy+}"],
    ["PUT", "/a~b/c~1d"],
  ])("%s %s decodes back to its route: one token, then the method", (httpMethod, resourcePath) => {
    const [token, method, ...rest] = methodPath({ httpMethod, resourcePath }).split("/");
    expect({ resourcePath: decode(token), method, rest }).toEqual({ resourcePath, method: httpMethod, rest: [] });
  });
});

describe("ApiStage method settings", () => {
  it("GIVEN a stage with three overrides, one on a nested path THEN they use JSON Pointer paths and the stage default stays */*", () => {
    const paths = all(stageWith(cachedStage), "aws_api_gateway_method_settings").map((m) => m.method_path).sort();
    expect(paths).toEqual([ALL_METHODS, "~1health/GET", "~1orders/POST", "~1orders~1{orderId}/GET"]);
    expect(paths).not.toContain("orders/{orderId}/GET");
  });

  it("GIVEN an override of the root route THEN its method path is ~1/GET", () => {
    const root: StageSettings["methodOverrides"][number] = { ...plainStage, httpMethod: "GET", resourcePath: "/", cachingEnabled: false };
    const s = stageWith({ ...plainStage, methodOverrides: [root] });
    expect(s.json).toHaveResourceWithProperties(ApiGatewayMethodSettings, { method_path: "~1/GET" });
  });

  it("GIVEN a cached GET /orders/{orderId} THEN the cache stays encrypted and clients cannot bypass it", () => {
    const cached = all(stageWith(cachedStage), "aws_api_gateway_method_settings").find((m) => m.method_path === "~1orders~1{orderId}/GET");
    expect(cached.settings).toMatchObject({ caching_enabled: true, cache_data_encrypted: true, require_authorization_for_cache_control: true });
  });
});
