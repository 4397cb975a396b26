/** Rules on the REST API: its name, and the definition file the stack deploys (read and checked as it is). */
import { DEFINITION_FIELD, loadApiDefinition } from "../openapi";
import type { Environment } from "../types";
import { type ConfigIssue, isObject, issue, matches } from "./checks";

export function apiDefinition(env: Environment): ConfigIssue[] {
  if (!isObject(env.api)) return [issue("api", env.api, "is not an API", "{ name, definitionFile } naming an OpenAPI 3.0 document (JSON)")];
  // An inline document would be a second source beside the file that is deployed: refuse it rather than ignore it.
  const inline = "definition" in env.api
    ? [issue("api.definition", "(an inline document)", `is not deployed: the stack deploys the file ${DEFINITION_FIELD} names`, `no api.definition; put the document in the file that ${DEFINITION_FIELD} names`)]
    : [];
  return [
    ...matches("api.name", env.api.name, /^[a-z][a-z0-9-]{0,39}$/, "1 to 40 lower-case letters, digits or '-'"),
    ...inline,
    ...loadApiDefinition(env.api.definitionFile).issues,
  ];
}
