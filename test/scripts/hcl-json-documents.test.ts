/**
 * The JSON documents the repairs write as `jsonencode({...})` (dashboards, policies) stay the same JSON:
 * Terraform itself evaluates each (as an output of a plan, which needs no provider) and the result is
 * compared with the document cdktf rendered; the fast formatter gives `terraform fmt`'s bytes for them.
 * Documents: every shipped environment's dashboard, and generated JSON (fast-check; FC_SEED reproduces).
 */
import { Testing } from "cdktf";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { formatCdktfHcl } from "../../scripts/lib/hcl-format";
import { type Json, hclString, isNfc, repairHcl } from "../../scripts/lib/hcl-fixes";
import { runTerraform } from "../../scripts/lib/run-terraform";
import { terraformFmtFiles } from "../../scripts/lib/synth";
import { buildStacks } from "../../stacks/app";

const SEED = Number(process.env.FC_SEED ?? 20261123);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-json-documents-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const TERRAFORM_ENV = { ...process.env, TF_CLI_CONFIG_FILE: os.devNull, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };

/** The dashboard bodies of the shipped environments, as cdktf renders them (JSON strings). */
function shippedDashboards(): string[] {
  const { environments } = buildStacks(Testing.app(), loadEnvironments(Object.values(ENVIRONMENTS)));
  return environments.flatMap((stack) => Object.values<any>(JSON.parse(Testing.synth(stack)).resource.aws_cloudwatch_dashboard ?? {}).map((d) => d.dashboard_body as string));
}

/** JSON with sorted keys, `-0` as `0`: equal for equal documents, whatever the key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sort(x)])) : v;
  return JSON.stringify(sort(value));
}

/** A dashboard resource holding `json` as cdktf writes it, repaired, then turned into an output of the same expression. */
function repairedAsOutput(json: string, i: number): string {
  const repaired = repairHcl(`resource "aws_cloudwatch_dashboard" "d${i}" {\ndashboard_body = ${hclString(json)}\n}\n`);
  return repaired.replace(`resource "aws_cloudwatch_dashboard" "d${i}" {\ndashboard_body = `, `output "d${i}" {\nvalue = `);
}

describe("JSON documents written as jsonencode()", () => {
  /** Characters of keys and strings: mostly ASCII, the ones HCL escapes, and now and then any Unicode (some not NFC). */
  const unit = fc.oneof(
    { weight: 16, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
    { weight: 4, arbitrary: fc.constantFrom('"', "\\", "${", "%{", "$${", "\n", "\t", "\u0001", "\u007f", "é", "😀", "\u2028", "<&>") },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  );
  const key = fc.oneof(fc.string({ unit, maxLength: 10 }), fc.constantFrom("for", "null", "true", "a.b", "", "x-y", "_1", "1a"));
  const generated = fc.sample(fc.dictionary(key, fc.jsonValue({ maxDepth: 4, stringUnit: unit }), { maxKeys: 5 }), { numRuns: 60, seed: SEED });
  const documents = [...shippedDashboards(), ...generated.map((d) => JSON.stringify(d))];
  const outputs = documents.map(repairedAsOutput);
  let planned: Record<string, { value: string }> = {};
  let terraformFormatted: string[] = [];

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(work, "outputs-"));
    const files = outputs.map((hcl, i) => {
      const file = path.join(dir, `d${i}.tf`);
      fs.writeFileSync(file, hcl);
      return file;
    });
    await terraformFmtFiles(files, dir);
    fs.writeFileSync(path.join(dir, "key_order.tf"), 'output "key_order" {\n  value = jsonencode({ requestId = "a", ip = "b" })\n}\n');
    terraformFormatted = files.map((file) => fs.readFileSync(file, "utf8"));
    for (const args of [["init", "-input=false", "-no-color"], ["plan", "-input=false", "-no-color", "-out=plan"]]) {
      const run = await runTerraform(args, dir, TERRAFORM_ENV);
      if (run.code !== 0) throw new Error(`terraform ${args[0]} failed:\n${run.stdout}${run.stderr}`);
    }
    const show = await runTerraform(["show", "-json", "plan"], dir, TERRAFORM_ENV);
    planned = JSON.parse(show.stdout).planned_values.outputs;
  }, 120_000);

  /** Documents HCL would not keep as written (a string not in Unicode NFC): they stay strings. */
  const normalized = (json: string) => !isNfc(JSON.parse(json) as Json);

  it("writes every document as jsonencode() of an HCL value, the shipped dashboards included, except one HCL would normalize", () => {
    expect(documents.length).toBeGreaterThan(generated.length);
    const encoded = /^output "d\d+" \{\nvalue = jsonencode\(/;
    documents.forEach((json, i) => expect({ i, encoded: encoded.test(outputs[i]) }).toEqual({ i, encoded: !normalized(json) }));
    // the sample has both
    expect(documents.filter(normalized).length).toBeGreaterThan(0);
    expect(documents.filter((json) => !normalized(json)).length).toBeGreaterThan(documents.length / 2);
    // Terraform's own reading of a string that is not NFC: why such documents stay strings
    expect(planned[`d${documents.findIndex(normalized)}`]?.value).not.toBe(documents.find(normalized));
  });

  it("gives the same JSON as the string it replaces, for Terraform (object keys in any order)", () => {
    const differences = documents
      .map((json, i) => ({ i, json, planned: planned[`d${i}`]?.value }))
      .filter(({ json }) => !normalized(json))
      .filter(({ json, planned }) => planned === undefined || canonical(JSON.parse(planned)) !== canonical(JSON.parse(json)));
    expect({ seed: SEED, differences: differences.slice(0, 1) }).toEqual({ seed: SEED, differences: [] });
  });

  it("is why the access log format stays a string: jsonencode() writes object keys sorted by name", () => {
    expect(planned.key_order?.value).toBe('{"ip":"b","requestId":"a"}');
  });

  it("formats them as terraform fmt does (the shipped dashboards by the fast formatter)", () => {
    const shipped = documents.length - generated.length;
    outputs.forEach((hcl, i) => {
      const fast = formatCdktfHcl(hcl);
      if (i < shipped) expect(fast).toBeDefined();
      if (fast !== undefined) expect(fast).toBe(terraformFormatted[i]);
    });
  });
});
