/**
 * The API schema: GIVEN what an environment file writes for its API, WHEN it is parsed, THEN the API names
 * the absolute path of its definition file (the stack deploys that path and needs no config import), the file
 * is read once per parse, and every problem names the field.
 */
import fs from "fs";
import * as path from "path";
import { ENVIRONMENTS } from "../../../environments";
import { apiSchema } from "../../../environments/schema/api";
import { environmentSchema } from "../../../environments/schema/environment";
import { definitionFile, sampleDocument } from "../../support/api-definition";
import { problemsOf } from "../../support/schema";

const ROOT = path.resolve(__dirname, "..", "..", "..");

describe("a parsed API", () => {
  it("GIVEN a path relative to the project root WHEN parsed THEN it is { name, definitionFile } with the absolute path", () => {
    const api = apiSchema.parse({ name: "orders", definitionFile: "api/orders.openapi.json" });
    expect(api).toEqual({ name: "orders", definitionFile: path.join(ROOT, "api", "orders.openapi.json") });
    expect(Object.keys(api)).toEqual(["name", "definitionFile"]);
  });

  it("GIVEN an absolute path outside the project WHEN parsed THEN it is kept as it is", () => {
    const file = definitionFile(sampleDocument(), "outside.json");
    expect(apiSchema.parse({ name: "orders", definitionFile: file }).definitionFile).toBe(file);
  });

  it("GIVEN an environment with method overrides on several stages WHEN parsed THEN its definition file is read once", () => {
    const file = definitionFile(sampleDocument(), "read-once.json");
    const stages = ENVIRONMENTS.prod.stages.map((stage) => ({ ...stage, methodOverrides: [{ method: "GET /orders" }, { method: "POST /orders" }] }));
    const read = jest.spyOn(fs, "readFileSync");
    try {
      environmentSchema.parse({ ...ENVIRONMENTS.prod, api: { name: "orders", definitionFile: file }, stages });
      expect(read.mock.calls.filter(([target]) => target === file)).toHaveLength(1);
    } finally {
      read.mockRestore();
    }
  });
});

describe("bad API settings", () => {
  it.each([
    [{ name: "orders", definitionFile: 42 }, "definitionFile = 42: does not name a file. Allowed: the path of an OpenAPI 3.0 document (JSON), absolute or relative to the project root"],
    [{ name: "orders", definitionFile: "  " }, 'definitionFile = "  ": does not name a file. Allowed: the path of an OpenAPI 3.0 document (JSON), absolute or relative to the project root'],
    [{ name: "Orders", definitionFile: "api/orders.openapi.json" }, 'name = "Orders": is malformed. Allowed: 1 to 40 lower-case letters, digits or \'-\''],
    ["orders", 'api = "orders": is not an API. Allowed: { name, definitionFile } naming an OpenAPI 3.0 document (JSON)'],
  ])("GIVEN %j THEN one issue", (api, message) => {
    const problems = api === "orders" ? problemsOf(environmentSchema, { ...ENVIRONMENTS.dev, api }) : problemsOf(apiSchema, api);
    expect(problems).toEqual([message]);
  });

  it("GIVEN an inline document beside the file WHEN parsed THEN it is refused, shown as an inline document rather than in full", () => {
    const definition = sampleDocument();
    expect(problemsOf(apiSchema, { name: "orders", definitionFile: "api/orders.openapi.json", definition })).toEqual([
      'definition = "(an inline document)": is not deployed: the stack deploys the file api.definitionFile names. Allowed: no api.definition; put the document in the file that api.definitionFile names',
    ]);
  });

  it("GIVEN a typo of definitionFile WHEN parsed THEN the typo names the key, and the file is missing", () => {
    expect(problemsOf(apiSchema, { name: "orders", definitonFile: "api/orders.openapi.json" })).toEqual([
      "definitionFile = (missing): does not name a file. Allowed: the path of an OpenAPI 3.0 document (JSON), absolute or relative to the project root",
      'definitonFile = "api/orders.openapi.json": is not a setting here (did you mean definitionFile?). Allowed: name, definitionFile, definition',
    ]);
  });

  it("GIVEN a file that does not exist WHEN parsed THEN the issue shows the file as written, relative to the project root", () => {
    expect(problemsOf(apiSchema, { name: "orders", definitionFile: "api/none.json" })).toEqual([
      'definitionFile = "api/none.json": does not exist. Allowed: an existing OpenAPI 3.0 document (JSON), absolute or relative to the project root',
    ]);
  });
});
