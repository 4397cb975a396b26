/** The sample API every shipped environment deploys: an OpenAPI 3.0 document with MOCK integrations. */
import type { ApiInput } from "./types";

export const ORDERS_API: ApiInput = {
  name: "orders",
  // Relative to the project root, so it is the same file from ts-jest, from dist/ and for cdktf's assets.
  definitionFile: "api/orders.openapi.json",
};
