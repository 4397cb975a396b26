/**
 * The REST API (`api`): a name, and the file of its OpenAPI 3.0 definition. The file is read and checked
 * once, while its field is parsed (every problem of the file is an issue of `api.definitionFile`); the parsed
 * API names it by its absolute path, the one the stack deploys. Its routes are kept with the parsed API for
 * the rules that compare method overrides with them (`apiRoutes`), so nothing reads the file twice.
 */
import { z } from "zod";
import { type ApiOperation, apiOperations, DEFINITION_FIELD, loadApiDefinition, type LoadedDefinition, operationKey, resolveDefinitionFile } from "../openapi";
import { section, text } from "./fields";
import { explain } from "./issues";

/** The operations of an API definition by route (`"GET /orders"`), in document order, and its file as messages show it. */
export interface ApiRoutes {
  readonly shown: string;
  readonly operations: ReadonlyMap<string, ApiOperation>;
}

function routesOf(loaded: LoadedDefinition, definitionFile: string): ApiRoutes {
  const operations = loaded.document ? apiOperations(loaded.document) : [];
  return { shown: loaded.shown ?? definitionFile, operations: new Map(operations.map((op) => [operationKey(op), op])) };
}

const NO_FILE = explain("does not name a file", "the path of an OpenAPI 3.0 document (JSON), absolute or relative to the project root");

/** The file, read, parsed and checked as PutRestApi will see it; parsed: its absolute path and its routes. */
const definitionFileSchema = z
  .string({ error: NO_FILE })
  .refine((file) => file.trim() !== "", { error: NO_FILE, abort: true })
  .transform((definitionFile, ctx) => {
    const loaded = loadApiDefinition(definitionFile);
    // `loadApiDefinition` files its issues under DEFINITION_FIELD, the field being parsed here.
    for (const found of loaded.issues) ctx.addIssue({ code: "custom", message: explain(found.problem, found.allowed), input: found.value });
    return { file: resolveDefinitionFile(definitionFile), routes: routesOf(loaded, definitionFile) };
  });

/**
 * An inline document would be a second source beside the file that is deployed: refused rather than ignored,
 * and reported as "(an inline document)" rather than as the document itself.
 */
const inlineDefinitionSchema = z
  .preprocess(
    (inline: undefined) => (inline === undefined ? undefined : "(an inline document)"),
    z.undefined({ error: explain(`is not deployed: the stack deploys the file ${DEFINITION_FIELD} names`, `no api.definition; put the document in the file that ${DEFINITION_FIELD} names`) }),
  )
  .optional();

const apiFields = section(
  {
    /** Short name: 1 to 40 lower-case letters, digits or `-` (the deployed API is called `<service>-<environment>`). */
    name: text(/^[a-z][a-z0-9-]{0,39}$/, "1 to 40 lower-case letters, digits or '-'"),
    /**
     * The OpenAPI 3.0 document (JSON) with an `x-amazon-apigateway-integration` on every operation: absolute,
     * or relative to the project root (the folder of package.json). The one source: validation reads and
     * checks this file, and the stack ships it beside the HCL and deploys it with `file()`.
     */
    definitionFile: definitionFileSchema,
    /** Not accepted: the document lives in `definitionFile` only. */
    definition: inlineDefinitionSchema,
  },
  "is not an API",
  "{ name, definitionFile } naming an OpenAPI 3.0 document (JSON)",
);

/** The routes of each parsed API, by the parsed object: the stage rules read them without reading the file again. */
const ROUTES = new WeakMap<object, ApiRoutes>();

/** The REST API this environment deploys; parsed, `definitionFile` is the absolute path of the checked file. */
export const apiSchema = apiFields.transform(({ name, definitionFile }) => {
  const api = { name, definitionFile: definitionFile.file };
  ROUTES.set(api, definitionFile.routes);
  return api;
});

/** What an environment file writes as its API. */
export type ApiInput = z.input<typeof apiSchema>;
/** A parsed API. */
export type Api = z.output<typeof apiSchema>;

/** The routes of a parsed API's definition (read again only for an API that was not parsed by `apiSchema`). */
export function apiRoutes(api: Api): ApiRoutes {
  return ROUTES.get(api) ?? routesOf(loadApiDefinition(api.definitionFile), api.definitionFile);
}
