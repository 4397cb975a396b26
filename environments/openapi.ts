/** Pure helpers that read an OpenAPI document: which operations it defines. */
import type { OpenApiDocument } from "./types";

export const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"] as const;

/** One operation of the API, keyed as in config: `"GET /pets/{petId}"`. */
export interface ApiOperation {
  readonly httpMethod: string;
  readonly resourcePath: string;
  readonly integration: unknown;
}

export function operationKey(op: { httpMethod: string; resourcePath: string }): string {
  return `${op.httpMethod} ${op.resourcePath}`;
}

/** Every operation of the document, in document order. `x-amazon-apigateway-any-method` counts as ANY. */
export function apiOperations(doc: OpenApiDocument): ApiOperation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([resourcePath, item]) =>
    Object.entries(item ?? {})
      .map(([key, operation]) => ({ key: key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase(), operation }))
      .filter(({ key }) => key === "ANY" || (HTTP_METHODS as readonly string[]).includes(key))
      .map(({ key, operation }) => ({
        httpMethod: key,
        resourcePath,
        integration: (operation as Record<string, unknown>)?.["x-amazon-apigateway-integration"],
      })),
  );
}
