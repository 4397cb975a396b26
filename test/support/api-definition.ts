/** Test fixtures: API definition files with one thing changed, written to a private temporary folder. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resolveDefinitionFile } from "../../environments/openapi";
import { ORDERS_API } from "../../environments/sample-api";

let folder: string | undefined;
let count = 0;
// Imported by test files only: the folder goes with the test file that wrote into it.
afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

/** Writes `content` (a document, or raw text for syntax errors) to a new file and returns its absolute path. */
export function definitionFile(content: unknown, name = "api.json"): string {
  folder ??= fs.mkdtempSync(path.join(os.tmpdir(), "api-definition-"));
  const file = path.join(folder, `${++count}-${name}`);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** The shipped sample API's document, parsed afresh (a copy the test may change). */
export function sampleDocument(): any {
  return JSON.parse(fs.readFileSync(resolveDefinitionFile(ORDERS_API.definitionFile), "utf8"));
}
