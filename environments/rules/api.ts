/** Rules on the REST API definition. */
import { apiOperations, operationKey } from "../openapi";
import type { Environment } from "../types";
import { type ConfigIssue, isObject, issue, matches } from "./checks";

export function apiDefinition(env: Environment): ConfigIssue[] {
  if (!isObject(env.api)) return [issue("api", env.api, "is not an API", "{ name, definition } with an OpenAPI 3 document")];
  const doc = env.api.definition;
  const name = matches("api.name", env.api.name, /^[a-z][a-z0-9-]{0,39}$/, "1 to 40 lower-case letters, digits or '-'");
  if (!isObject(doc) || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.") || !isObject(doc.paths)) {
    return [...name, issue("api.definition", doc, "is not an OpenAPI 3 document with paths", "a parsed OpenAPI 3.x document")];
  }
  const operations = apiOperations(doc);
  if (operations.length === 0) {
    return [...name, issue("api.definition.paths", Object.keys(doc.paths), "defines no operation", "at least one path with an HTTP method")];
  }
  // API Gateway rejects an imported operation without an integration only at apply time: catch it at synth.
  const withoutIntegration = operations.filter((op) => !isObject(op.integration)).map(operationKey);
  return [
    ...name,
    ...withoutIntegration.map((key) =>
      issue(`api.definition.paths["${key}"]`, "no x-amazon-apigateway-integration", "has no integration", "an x-amazon-apigateway-integration object (e.g. type \"mock\")"),
    ),
    // `${` would be read as a Terraform interpolation inside the HCL string that carries the definition.
    ...(JSON.stringify(doc).includes("${")
      ? [issue("api.definition", "${...}", "contains a Terraform interpolation sequence", "no '${' anywhere in the document; use stage variables ($stageVariables.x) instead")]
      : []),
  ];
}
