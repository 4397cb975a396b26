/** The sample API every shipped environment deploys: an OpenAPI 3 document with MOCK integrations. */
import * as path from "path";
import definition from "../api/orders.openapi.json";
import type { ApiInput } from "./types";

export const ORDERS_API: ApiInput = {
  name: "orders",
  definition,
  // The import above also makes tsc copy the file next to the compiled code, so this path holds in both.
  definitionFile: path.join(__dirname, "..", "api", "orders.openapi.json"),
};
