/** An OpenAPI definition file for module tests: OpenApiRestApi ships whatever file it is given. */
import * as path from "path";

/** The orders API document in api/ (absolute, so it does not depend on the working folder). */
export const ORDERS_DEFINITION_FILE = path.resolve(__dirname, "..", "..", "api", "orders.openapi.json");
