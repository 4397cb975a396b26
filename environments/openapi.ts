/**
 * The API definition file: where it is, reading and checking it, and what its operations are.
 *
 * The config names the file (`api.definitionFile`); the stack ships that very file beside the HCL and
 * deploys it with `file()`, and validation reads and parses that same file here. There is no second,
 * pre-parsed copy that could differ from what PutRestApi receives.
 */
import * as fs from "fs";
import * as path from "path";
import { type ConfigIssue, describeValue, issue } from "./schema/issues";
import { API_KEY_HEADER, API_KEY_SOURCES } from "../aws/usage-plans";

/** The subset of an OpenAPI document this project reads. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [key: string]: unknown;
}

/** A JSON object (the document is arbitrary JSON until checked). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"] as const;

/** The config field every problem of the definition file is reported under. */
export const DEFINITION_FIELD = "api.definitionFile";

/** A method request parameter as OpenAPI declares it (`in`: path, query, header or cookie). */
export interface ApiParameter {
  readonly name: string;
  readonly in: string;
}

/** One operation of the API, keyed as in config: `"GET /pets/{petId}"`. */
export interface ApiOperation {
  readonly httpMethod: string;
  readonly resourcePath: string;
  readonly integration: unknown;
  /** Parameters declared on the operation and on its path item (the operation's win, as in OpenAPI). */
  readonly parameters: readonly ApiParameter[];
  /** The integration's `cacheKeyParameters`, e.g. `method.request.path.orderId`. */
  readonly cacheKeyParameters: readonly string[];
  /**
   * Whether callers need an API key: the operation's `security` (or the document's, when the operation has none)
   * names an API key scheme (`apiKeySchemes`). PutRestApi imports it as the method's `apiKeyRequired`.
   */
  readonly apiKeyRequired: boolean;
}

export function operationKey(op: { httpMethod: string; resourcePath: string }): string {
  return `${op.httpMethod} ${op.resourcePath}`;
}

/** Names of the path parameters of a resource path: `/orders/{orderId}` -> `orderId`, `/{proxy+}` -> `proxy`. */
export function pathTemplateParameters(resourcePath: string): string[] {
  return [...resourcePath.matchAll(/\{([^{}]+?)\+?\}/g)].map((m) => m[1]);
}

/** The method request parameter API Gateway names a declared parameter by, e.g. `method.request.path.orderId`. */
export function methodRequestParameter(p: ApiParameter): string {
  const location = p.in === "query" ? "querystring" : p.in;
  return `method.request.${location}.${p.name}`;
}

/** A local `$ref` (`#/components/parameters/x`) resolved in the document; anything else as it is. */
function dereference(doc: OpenApiDocument, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
  return value.$ref
    .slice(2)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, token) => (isObject(node) ? node[token] : undefined), doc);
}

function declaredParameters(doc: OpenApiDocument, list: unknown): ApiParameter[] {
  return (Array.isArray(list) ? list : [])
    .map((p) => dereference(doc, p))
    .filter((p): p is Record<string, unknown> => isObject(p) && typeof p.name === "string" && typeof p.in === "string")
    .map((p) => ({ name: p.name as string, in: p.in as string }));
}

/**
 * The security schemes API Gateway reads as API keys: `{ "type": "apiKey", "name": "x-api-key", "in": "header" }`
 * under `components.securitySchemes` (Developer Guide, "Configure a method to use API keys with an OpenAPI
 * definition"). Another apiKey scheme (another header, a query parameter) is not an API Gateway API key.
 */
export function apiKeySchemes(doc: OpenApiDocument): string[] {
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  return Object.entries(schemes)
    .filter(([, scheme]) => isObject(scheme) && scheme.type === "apiKey" && typeof scheme.name === "string" && scheme.name.toLowerCase() === API_KEY_HEADER && scheme.in === "header")
    .map(([name]) => name);
}

/** The scheme names of a `security` value (a list of requirement objects), or undefined when there is none to read. */
function securitySchemeNames(security: unknown): string[] | undefined {
  if (!Array.isArray(security)) return undefined;
  return security.flatMap((requirement) => (isObject(requirement) ? Object.keys(requirement) : []));
}

/** Every operation of the document, in document order. `x-amazon-apigateway-any-method` counts as ANY. */
export function apiOperations(doc: OpenApiDocument): ApiOperation[] {
  const keySchemes = apiKeySchemes(doc);
  // An operation's own `security` replaces the document's (OpenAPI 3.0, Operation Object); `[]` means none.
  const documentSecurity = securitySchemeNames(doc.security) ?? [];
  return operationObjects(doc).map(({ httpMethod, resourcePath, item, op }) => {
    const shared = declaredParameters(doc, item.parameters);
    const own = declaredParameters(doc, op.parameters);
    const integration = op["x-amazon-apigateway-integration"];
    const keys = isObject(integration) && Array.isArray(integration.cacheKeyParameters) ? integration.cacheKeyParameters : [];
    return {
      httpMethod,
      resourcePath,
      integration,
      parameters: [...own, ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in))],
      cacheKeyParameters: keys.filter((k): k is string => typeof k === "string"),
      apiKeyRequired: (securitySchemeNames(op.security) ?? documentSecurity).some((name) => keySchemes.includes(name)),
    };
  });
}

/** Each operation object of the document with its method, path and path item, in document order. */
function operationObjects(doc: OpenApiDocument): { httpMethod: string; resourcePath: string; item: Record<string, unknown>; op: Record<string, unknown> }[] {
  return Object.entries(isObject(doc.paths) ? doc.paths : {}).flatMap(([resourcePath, item]) =>
    isObject(item)
      ? Object.entries(item)
          .map(([key, operation]) => ({ httpMethod: key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase(), operation }))
          .filter(({ httpMethod }) => httpMethod === "ANY" || (HTTP_METHODS as readonly string[]).includes(httpMethod))
          .map(({ httpMethod, operation }) => ({ httpMethod, resourcePath, item, op: isObject(operation) ? operation : {} }))
      : [],
  );
}

/** The project root: the nearest folder above this file with a package.json (the same from ts-jest and from dist/). */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}: cannot locate the project root`);
  }
}

/** An absolute path as it is; a relative one from the project root (where cdktf.json resolves assets too). */
export function resolveDefinitionFile(definitionFile: string): string {
  return path.resolve(projectRoot(), definitionFile);
}

/** Where the first JSON syntax error is: JSON.parse's messages differ between Node versions and often omit it. */
export interface JsonSyntaxError {
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** What the grammar allows there, and what the text has instead. */
  readonly expected: string;
  readonly found: string;
}

/** The first syntax error of a JSON text (RFC 8259), or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  class Failure {
    constructor(readonly offset: number, readonly expected: string) {}
  }
  const fail = (expected: string): never => {
    throw new Failure(i, expected);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail("a closing '\"'");
      const c = text[i];
      if (c === '"') return void i++;
      if (c < " ") fail("no raw control character inside a string (write it as an escape, e.g. \\n)");
      if (c !== "\\") i++;
      else if ('"\\/bfnrt'.includes(text[i + 1] ?? "")) i += 2;
      else if (text[i + 1] === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else fail("an escape sequence (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail("a double-quoted property name");
        string();
        space();
        if (text[i] !== ":") fail("':'");
        i++;
        value();
        space();
        if (text[i] === "}") return void i++;
        if (text[i] !== ",") fail("',' or '}'");
        i++;
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === "]") return void i++;
        if (text[i] !== ",") fail("',' or ']'");
        i++;
      }
    }
    if (c === '"') return string();
    const literal = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
    literal.lastIndex = i;
    const match = literal.exec(text);
    if (!match) fail("a value (object, array, string, number, true, false or null)");
    i += match![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail("the end of the document");
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split("\n").length;
    const column = error.offset - before.lastIndexOf("\n");
    const ch = text.codePointAt(error.offset);
    const found =
      ch === undefined ? "the end of the file" : ch < 0x20 || ch === 0xfeff || ch > 0x7e ? `U+${ch.toString(16).toUpperCase().padStart(4, "0")}` : `'${String.fromCodePoint(ch)}'`;
    return { line, column, expected: error.expected, found };
  }
}

/** The file as the config named it, for messages (machine-independent when it is inside the project). */
function shown(definitionFile: string, file: string): string {
  const relative = path.relative(projectRoot(), file);
  return path.isAbsolute(definitionFile) && (relative.startsWith("..") || path.isAbsolute(relative)) ? file : relative.split(path.sep).join("/");
}

/** Integration types API Gateway accepts in `x-amazon-apigateway-integration.type` (any case). */
export const INTEGRATION_TYPES = ["http", "http_proxy", "aws", "aws_proxy", "mock"] as const;

/** What PutRestApi would reject (or import differently) in a parsed document; [] when it is fine. */
export function definitionIssues(doc: unknown, file: string): ConfigIssue[] {
  const bad = (problem: string, allowed: string) => issue(DEFINITION_FIELD, file, problem, allowed);
  if (!isObject(doc)) return [bad(`is not an OpenAPI document: its JSON is ${describeValue(doc)}`, 'a JSON object with "openapi": "3.0.x", "info" and "paths"')];
  // API Gateway imports OpenAPI 2.0 and 3.0 only; this project reads OpenAPI 3.0.
  if (typeof doc.openapi !== "string" || !/^3\.0\.\d+$/.test(doc.openapi)) {
    const what = "swagger" in doc ? `is Swagger ${describeValue(doc.swagger)}, not OpenAPI 3.0` : `has "openapi" = ${describeValue(doc.openapi)}`;
    return [bad(`${what}: API Gateway imports OpenAPI 3.0 (not 3.1)`, '"openapi": "3.0.x" (e.g. "3.0.1")')];
  }
  const info = isObject(doc.info) && typeof doc.info.title === "string" && typeof doc.info.version === "string" ? [] : [bad('has no "info" with a "title" and a "version"', '"info": { "title": "...", "version": "..." }')];
  if (!isObject(doc.paths)) return [...info, bad(`has "paths" = ${describeValue(doc.paths)}`, '"paths": an object of resource paths, each with its operations')];
  const notPaths = Object.keys(doc.paths).filter((p) => !p.startsWith("/"));
  const operations = apiOperations(doc as OpenApiDocument);
  if (operations.length === 0) return [...info, bad("defines no operation", "at least one path with an HTTP method (get, post, ...)")];
  return [
    ...info,
    ...notPaths.map((p) => bad(`has the path ${JSON.stringify(p)}, which does not start with '/'`, 'resource paths like "/orders/{orderId}"')),
    ...operations.flatMap((op) => operationIssues(op, bad)),
    ...securityIssues(doc as OpenApiDocument, bad),
  ];
}

const API_KEY_SCHEME_EXAMPLE = `"components": { "securitySchemes": { "api_key": { "type": "apiKey", "name": "${API_KEY_HEADER}", "in": "header" } } }`;

/**
 * What would make the API keys of the document differ from what it says: a `security` requirement naming a
 * scheme the document does not define (OpenAPI requires it defined), an `x-api-key` scheme outside the header
 * API Gateway reads it from, and an API key source API Gateway does not know.
 */
function securityIssues(doc: OpenApiDocument, bad: (problem: string, allowed: string) => ConfigIssue): ConfigIssue[] {
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const defined = Object.keys(schemes);
  const requirements: [string, unknown][] = [
    ["the document", doc.security],
    ...operationObjects(doc).map(({ httpMethod, resourcePath, op }): [string, unknown] => [`${httpMethod} ${resourcePath}`, op.security]),
  ];
  const undefinedSchemes = requirements.flatMap(([where, security]) =>
    (securitySchemeNames(security) ?? [])
      .filter((name) => !defined.includes(name))
      .map((name) => bad(`has ${where} requiring the security scheme ${JSON.stringify(name)}, which components.securitySchemes does not define`, `a scheme defined there, e.g. ${API_KEY_SCHEME_EXAMPLE}`)),
  );
  const misplacedKeys = Object.entries(schemes)
    .filter(([, s]) => isObject(s) && s.type === "apiKey" && typeof s.name === "string" && s.name.toLowerCase() === API_KEY_HEADER && s.in !== "header")
    .map(([name, s]) => bad(`has the security scheme ${JSON.stringify(name)} with "in": ${describeValue((s as Record<string, unknown>).in)}: API Gateway reads API keys from the ${API_KEY_HEADER} header only`, `"in": "header"`));
  const source = doc["x-amazon-apigateway-api-key-source"];
  const sourceIssue =
    source === undefined || (API_KEY_SOURCES as readonly unknown[]).includes(source)
      ? []
      : [bad(`has "x-amazon-apigateway-api-key-source" = ${describeValue(source)}`, `${API_KEY_SOURCES.join(" or ")} (HEADER: the ${API_KEY_HEADER} header; AUTHORIZER: a Lambda authorizer's usageIdentifierKey)`)];
  return [...undefinedSchemes, ...misplacedKeys, ...sourceIssue];
}

function operationIssues(op: ApiOperation, bad: (problem: string, allowed: string) => ConfigIssue): ConfigIssue[] {
  const key = operationKey(op);
  // PutRestApi rejects an operation without an integration; plan cannot see it.
  if (!isObject(op.integration)) {
    return [bad(`has ${key} without an x-amazon-apigateway-integration: PutRestApi rejects it`, 'an "x-amazon-apigateway-integration" object on every operation (e.g. { "type": "mock", ... })')];
  }
  const type = op.integration.type;
  const typeIssue =
    typeof type === "string" && (INTEGRATION_TYPES as readonly string[]).includes(type.toLowerCase())
      ? []
      : [bad(`has ${key} with integration type ${describeValue(type)}`, INTEGRATION_TYPES.join(", "))];
  // A cache key must be a method request parameter, i.e. a declared parameter of the operation
  // (API reference, Integration.cacheKeyParameters); otherwise the import fails.
  const declared = op.parameters.map(methodRequestParameter);
  const undeclared = op.cacheKeyParameters.filter((k) => !declared.includes(k));
  return [
    ...typeIssue,
    ...undeclared.map((k) =>
      bad(
        `has ${key} with cache key ${k}, which is not a declared parameter of the operation`,
        `a parameter { "name": "${k.split(".").slice(3).join(".")}", "in": "${k.split(".")[2] === "querystring" ? "query" : k.split(".")[2]}" } on the operation or its path item${declared.length ? `, or one of ${declared.join(", ")}` : ""}`,
      ),
    ),
  ];
}

/** The definition file read, parsed and checked; `document` only when it parsed as a JSON object. */
export interface LoadedDefinition {
  /** The absolute path read (undefined when the config names no file). */
  readonly file?: string;
  /** The file as messages show it. */
  readonly shown?: string;
  readonly document?: OpenApiDocument;
  readonly issues: readonly ConfigIssue[];
}

/** The largest body PutRestApi (and ImportRestApi) accepts: 6 MB. */
export const MAX_API_DEFINITION_BYTES = 6 * 1024 * 1024;

/** Reads, parses and checks the file an environment deploys: every problem is a ConfigIssue under `api.definitionFile`. */
export function loadApiDefinition(definitionFile: unknown): LoadedDefinition {
  if (typeof definitionFile !== "string" || definitionFile.trim() === "") {
    return { issues: [issue(DEFINITION_FIELD, definitionFile, "does not name a file", "the path of an OpenAPI 3.0 document (JSON), absolute or relative to the project root")] };
  }
  const file = resolveDefinitionFile(definitionFile);
  const name = shown(definitionFile, file);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const problem = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : `cannot be read (${code})`;
    return { file, shown: name, issues: [issue(DEFINITION_FIELD, name, problem, "an existing OpenAPI 3.0 document (JSON), absolute or relative to the project root")] };
  }
  // API Gateway quotas ("Important notes for REST APIs" / quotas): an API definition imported with
  // ImportRestApi or PutRestApi is at most 6 MB; a larger body plans and then fails at apply.
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_API_DEFINITION_BYTES) {
    return { file, shown: name, issues: [issue(DEFINITION_FIELD, name, `is ${bytes} bytes, over the ${MAX_API_DEFINITION_BYTES}-byte body PutRestApi accepts`, "an API definition of at most 6 MB (split the API, or drop unused schemas and examples)")] };
  }
  const syntax = findJsonSyntaxError(text);
  if (syntax) {
    const problem = `is not valid JSON: expected ${syntax.expected} at line ${syntax.line}, column ${syntax.column}, found ${syntax.found}`;
    return { file, shown: name, issues: [issue(DEFINITION_FIELD, name, problem, "a JSON document (Terraform's file() deploys it as it is, and PutRestApi rejects invalid JSON)")] };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // Only if the scanner above and JSON.parse ever disagree.
    return { file, shown: name, issues: [issue(DEFINITION_FIELD, name, `is not valid JSON: ${(error as Error).message}`, "a JSON document")] };
  }
  return { file, shown: name, document: isObject(document) ? (document as OpenApiDocument) : undefined, issues: definitionIssues(document, name) };
}
