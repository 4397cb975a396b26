/**
 * Provider classes are imported by deep path (`@cdktf/provider-aws/lib/<resource>`): the package root loads
 * every AWS resource class and costs over 3 seconds on each synth.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const SOURCES = ["main.ts", "environments", "stacks", "modules", "scripts", "test"];
const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)["']@cdktf\/provider-aws["']/;

function typescriptFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("provider imports", () => {
  const files = SOURCES.flatMap(typescriptFiles);

  it("finds the sources it checks", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(path.join("modules", "api-stage.ts")))).toBe(true);
  });

  it("never imports the root of @cdktf/provider-aws", () => {
    const offenders = files.filter((f) => f !== __filename && ROOT_IMPORT.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it("the check recognises a root import", () => {
    expect(ROOT_IMPORT.test('import { AwsProvider } from "@cdktf/provider-aws";')).toBe(true);
    expect(ROOT_IMPORT.test('const aws = require("@cdktf/provider-aws");')).toBe(true);
    expect(ROOT_IMPORT.test('import { AwsProvider } from "@cdktf/provider-aws/lib/provider";')).toBe(false);
  });
});
