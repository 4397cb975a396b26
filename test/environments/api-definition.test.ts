/**
 * The API definition file: the config names it, validation reads and checks that very file, and the stack
 * deploys it. PutRestApi is the first to see the body otherwise, at apply: every test here is a problem plan
 * cannot see. GIVEN a shipped environment whose definition file has one thing broken, WHEN it is loaded, THEN ...
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { apiOperations, findJsonSyntaxError, loadApiDefinition, projectRoot, resolveDefinitionFile } from "../../environments/openapi";
import { ORDERS_API } from "../../environments/sample-api";
import type { EnvironmentInput } from "../../environments/types";
import { validateEnvironment } from "../../environments/validate";
import { methodPath } from "../../modules/api-stage";
import { OpenApiRestApi } from "../../modules/openapi-rest-api";
import { definitionFile, sampleDocument } from "../support/api-definition";
import { rejectionOf, withEnv, withStage } from "../support/environments";

const ROOT = path.resolve(__dirname, "..", "..");

/** An environment deploying `content` (a document, or raw text) as its API definition. */
function deploying(name: "dev" | "staging" | "prod", content: unknown, file = "api.json"): { env: EnvironmentInput; file: string } {
  const written = definitionFile(content, file);
  return { env: withEnv(name, { api: { ...ENVIRONMENTS[name].api, definitionFile: written } }), file: written };
}

describe("the shipped sample API", () => {
  it("is named by file only: there is no second, pre-parsed copy of the document", () => {
    expect(ORDERS_API).toEqual({ name: "orders", definitionFile: "api/orders.openapi.json" });
  });

  it("loads without issues, from the project root whatever the working folder", () => {
    const loaded = loadApiDefinition(ORDERS_API.definitionFile);
    expect(loaded.issues).toEqual([]);
    expect(loaded.file).toBe(path.join(ROOT, "api", "orders.openapi.json"));
    expect(loaded.shown).toBe("api/orders.openapi.json");
  });

  it("keys prod's cached GET /orders/{orderId} on orderId, declared on the operation (API reference, Integration.cacheKeyParameters)", () => {
    const prod = validateEnvironment(ENVIRONMENTS.prod);
    expect(prod.stages[0].methodOverrides.find((o) => o.cachingEnabled)).toMatchObject({ httpMethod: "GET", resourcePath: "/orders/{orderId}" });
    const get = sampleDocument().paths["/orders/{orderId}"].get;
    expect(get["x-amazon-apigateway-integration"].cacheKeyParameters).toEqual(["method.request.path.orderId"]);
    expect(get.parameters).toContainEqual(expect.objectContaining({ name: "orderId", in: "path", required: true }));
  });

  // method_path is a JSON Pointer token (RFC 6901): `~1` decodes to '/', then `~0` to '~' (terraform-provider-aws #9738).
  it("gives every operation a method path that decodes back to its route", () => {
    const decode = (token: string) => token.replace(/~1/g, "/").replace(/~0/g, "~");
    const operations = apiOperations(loadApiDefinition(ORDERS_API.definitionFile).document!);
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      const [token, method, ...rest] = methodPath(op).split("/");
      expect({ resourcePath: decode(token), method, rest }).toEqual({ resourcePath: op.resourcePath, method: op.httpMethod, rest: [] });
    }
  });
});

describe("one source: the file validated is the file deployed", () => {
  it("ships the very bytes of the configured file as the REST API body", () => {
    // GIVEN a definition file outside the project, valid for validation
    const file = definitionFile(sampleDocument(), "elsewhere.json");
    expect(loadApiDefinition(file).issues).toEqual([]);
    // WHEN a stack deploys it
    const app = Testing.app();
    const stack = new TerraformStack(app, "one-source");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new OpenApiRestApi(stack, "api", { name: "orders-api-test", definitionFile: file });
    const outdir = Testing.fullSynth(stack);
    // THEN the asset beside the HCL is that file, byte for byte
    const assets = fs.readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith("elsewhere.json"));
    expect(assets).toHaveLength(1);
    expect(fs.readFileSync(path.join(assets[0].parentPath, assets[0].name), "utf8")).toBe(fs.readFileSync(file, "utf8"));
  });

  it("resolves a relative path from the project root: the folder above with a package.json (also from dist/)", () => {
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), "project-root-"));
    fs.writeFileSync(path.join(pkg, "package.json"), "{}");
    fs.mkdirSync(path.join(pkg, "dist", "environments"), { recursive: true });
    const found = projectRoot(path.join(pkg, "dist", "environments"));
    fs.rmSync(pkg, { recursive: true });
    expect(found).toBe(pkg);
    expect(projectRoot()).toBe(ROOT);
    expect(resolveDefinitionFile("api/orders.openapi.json")).toBe(path.join(ROOT, "api", "orders.openapi.json"));
    expect(resolveDefinitionFile("/abs/api.json")).toBe("/abs/api.json");
  });

  it("refuses an inline document beside the file, rather than ignoring it", () => {
    const definition = { openapi: "3.0.1", info: { title: "t", version: "1" }, paths: {} };
    const message = rejectionOf(withEnv("dev", { api: { ...ENVIRONMENTS.dev.api, definition } }));
    expect(message).toContain('environment "dev": api.definition = "(an inline document)": is not deployed: the stack deploys the file api.definitionFile names');
  });
});

describe("a definition file PutRestApi would reject (invalid JSON, not OpenAPI 3.0, missing integrations)", () => {
  it("a file that does not exist", () => {
    const message = rejectionOf(withEnv("dev", { api: { ...ENVIRONMENTS.dev.api, definitionFile: "api/missing.json" } }));
    expect(message).toContain('environment "dev": api.definitionFile = "api/missing.json": does not exist. Allowed: an existing OpenAPI 3.0 document (JSON)');
  });

  it("invalid JSON, with the line and column of the error", () => {
    const { env, file } = deploying("dev", '{\n  "openapi": "3.0.1",\n  "paths": {},\n}\n', "trailing-comma.json");
    expect(rejectionOf(env)).toContain(
      `environment "dev": api.definitionFile = ${JSON.stringify(file)}: is not valid JSON: expected a double-quoted property name at line 4, column 1, found '}'. Allowed: a JSON document`,
    );
  });

  it("a truncated file", () => {
    const { env } = deploying("dev", '{ "openapi": "3.0.1", "paths": { "/x": ', "truncated.json");
    expect(rejectionOf(env)).toMatch(/is not valid JSON: expected a value .* at line 1, column 40, found the end of the file/);
  });

  it("finds the first syntax error where JSON.parse does, and nothing in valid JSON", () => {
    const samples = ['{"a":1 "b":2}', "[1,]", '{"a":"x\ny"}', '"\\q"', "01", "\uFEFF{}", "tru", "{}", '[1, -2.5e3, "\\u00e9", {"a": [true, false, null]}]'];
    for (const text of samples) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect([text, findJsonSyntaxError(text) === undefined]).toEqual([text, parses]);
    }
    expect(findJsonSyntaxError("\uFEFF{}")).toMatchObject({ line: 1, column: 1, found: "U+FEFF" });
  });

  it("Swagger 2.0 or OpenAPI 3.1 instead of 3.0 (API Gateway imports OpenAPI 2.0 and 3.0: developer guide, 'Develop REST APIs using OpenAPI')", () => {
    const swagger = deploying("dev", { swagger: "2.0", info: { title: "t", version: "1" }, paths: {} });
    expect(rejectionOf(swagger.env)).toContain('is Swagger "2.0", not OpenAPI 3.0: API Gateway imports OpenAPI 3.0 (not 3.1). Allowed: "openapi": "3.0.x"');
    const v31 = deploying("dev", { ...sampleDocument(), openapi: "3.1.0" });
    expect(rejectionOf(v31.env)).toContain(`api.definitionFile = ${JSON.stringify(v31.file)}: has "openapi" = "3.1.0"`);
  });

  it("a JSON array instead of a document, and a document without paths", () => {
    expect(rejectionOf(deploying("dev", "[]").env)).toContain("is not an OpenAPI document: its JSON is []");
    expect(rejectionOf(deploying("dev", { openapi: "3.0.1", info: { title: "t", version: "1" } }).env)).toContain('has "paths" = (missing)');
  });

  it("operations without an x-amazon-apigateway-integration, each named, and an integration type API Gateway lacks (API reference, Integration.type)", () => {
    const doc = sampleDocument();
    delete doc.paths["/orders"].get["x-amazon-apigateway-integration"];
    delete doc.paths["/orders"].post["x-amazon-apigateway-integration"];
    doc.paths["/health"].get["x-amazon-apigateway-integration"].type = "lambda";
    const message = rejectionOf(deploying("dev", doc).env);
    expect(message).toMatch(/^Invalid environment configuration \(3 errors\)/);
    expect(message).toContain("has GET /orders without an x-amazon-apigateway-integration: PutRestApi rejects it");
    expect(message).toContain("has POST /orders without an x-amazon-apigateway-integration");
    expect(message).toContain('has GET /health with integration type "lambda". Allowed: http, http_proxy, aws, aws_proxy, mock');
  });

  it("a cache key that is not a declared parameter of its operation (API reference, Integration.cacheKeyParameters: 'must also be specified for Method requestParameters')", () => {
    const doc = sampleDocument();
    doc.paths["/orders"].get["x-amazon-apigateway-integration"].cacheKeyParameters = ["method.request.querystring.page"];
    expect(rejectionOf(deploying("dev", doc).env)).toContain(
      'has GET /orders with cache key method.request.querystring.page, which is not a declared parameter of the operation. Allowed: a parameter { "name": "page", "in": "query" } on the operation or its path item',
    );
  });

  it("a path that does not start with '/'", () => {
    const doc = sampleDocument();
    doc.paths["status"] = doc.paths["/health"];
    expect(rejectionOf(deploying("dev", doc).env)).toContain('has the path "status", which does not start with \'/\'');
  });
});

describe("per-method overrides name routes of the API (their method settings would otherwise match no method)", () => {
  it("an override of a route the definition file does not have names environment, field, value and every route", () => {
    const message = rejectionOf(withStage("prod", { methodOverrides: [{ method: "GET /orders/{id}" }] }));
    expect(message).toContain(
      'environment "prod": stages[0].methodOverrides[0].method = "GET /orders/{id}": is not an operation of the API definition. Allowed: GET /health, GET /orders, POST /orders, GET /orders/{orderId}, DELETE /orders/{orderId}',
    );
  });

  it("the routes come from the configured file, not from the sample API", () => {
    const doc = { openapi: "3.0.1", info: { title: "t", version: "1" }, paths: { "/": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "mock" } } } } };
    const { env } = deploying("dev", doc);
    const stages = [{ ...ENVIRONMENTS.dev.stages[0], methodOverrides: [{ method: "GET /", loggingLevel: "ERROR" as const }] }];
    expect(loadEnvironments([{ ...env, stages }])[0].stages[0].methodOverrides[0]).toMatchObject({ httpMethod: "GET", resourcePath: "/" });
    expect(rejectionOf({ ...env, stages: [{ ...stages[0], methodOverrides: [{ method: "GET /health" }] }] })).toContain('"GET /health": is not an operation of the API definition. Allowed: GET /');
  });

  it("an unreadable definition file is reported once, not as every override's unknown route", () => {
    const env = withEnv("prod", { api: { ...ENVIRONMENTS.prod.api, definitionFile: "api/missing.json" } });
    const message = rejectionOf(env);
    expect(message).toMatch(/^Invalid environment configuration \(1 error\)/);
  });
});

describe("cached methods are keyed on their path parameters (terraform-provider-aws #856: otherwise 'the same cached value will be returned no matter' the parameter)", () => {
  function prodWith(change: (doc: any) => void): { env: EnvironmentInput; file: string } {
    const doc = sampleDocument();
    change(doc);
    return deploying("prod", doc, "cached.json");
  }

  it("caching GET /orders/{orderId} without method.request.path.orderId in cacheKeyParameters", () => {
    const { env, file } = prodWith((doc) => delete doc.paths["/orders/{orderId}"].get["x-amazon-apigateway-integration"].cacheKeyParameters);
    expect(rejectionOf(env)).toContain(
      `environment "prod": stages[0].methodOverrides[0].cachingEnabled = true: caches GET /orders/{orderId} without its path parameter orderId in the cache key: one caller's response would be served for every orderId. Allowed: "cacheKeyParameters": ["method.request.path.orderId"] in the x-amazon-apigateway-integration of GET /orders/{orderId} in ${file}; or cachingEnabled false`,
    );
  });

  it("... and without the parameter declared: the fix names both", () => {
    const { env } = prodWith((doc) => {
      const get = doc.paths["/orders/{orderId}"].get;
      delete get["x-amazon-apigateway-integration"].cacheKeyParameters;
      delete get.parameters;
    });
    expect(rejectionOf(env)).toContain('with { "name": "orderId", "in": "path", "required": true } in the parameters of the operation or its path item; or cachingEnabled false');
  });

  it("a key declared on the path item counts, as in OpenAPI", () => {
    const { env } = prodWith((doc) => {
      const item = doc.paths["/orders/{orderId}"];
      item.parameters = item.get.parameters;
      delete item.get.parameters;
    });
    expect(() => loadEnvironments([env])).not.toThrow();
  });

  it("an uncached route with path parameters needs no key", () => {
    const { env } = prodWith((doc) => delete doc.paths["/orders/{orderId}"].get["x-amazon-apigateway-integration"].cacheKeyParameters);
    const stages = ENVIRONMENTS.prod.stages.map((s) => ({ ...s, methodOverrides: (s.methodOverrides ?? []).map((o) => ({ ...o, cachingEnabled: false })) }));
    expect(() => loadEnvironments([{ ...env, stages }])).not.toThrow();
  });
});

describe("the definition's size", () => {
  // API Gateway quotas: a definition imported with ImportRestApi or PutRestApi is at most 6 MB.
  it("over 6 MB is refused before anything is written (PutRestApi's body limit); 6 MB passes", () => {
    const padded = (bytes: number) => {
      const doc = sampleDocument();
      doc.info.description = "";
      doc.info.description = "x".repeat(bytes - Buffer.byteLength(JSON.stringify(doc, null, 2)));
      return doc;
    };
    const over = deploying("dev", padded(6 * 1024 * 1024 + 100));
    expect(rejectionOf(over.env)).toContain(`api.definitionFile = ${JSON.stringify(over.file)}: is ${6 * 1024 * 1024 + 100} bytes, over the 6291456-byte body PutRestApi accepts`);
    const within = deploying("dev", padded(6 * 1024 * 1024 - 100));
    expect(() => loadEnvironments([within.env])).not.toThrow();
  });
});
