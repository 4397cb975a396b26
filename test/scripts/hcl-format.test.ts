/**
 * The fast formatter must give exactly what `terraform fmt` gives, or nothing (then `terraform fmt` runs).
 * Each expectation is Terraform's own output for the same text: hand-picked cases for each rule, and
 * generated cdktf-shaped documents (fast-check; FC_SEED reproduces a sample).
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InvalidHclError, formatCdktfHcl } from "../../scripts/lib/hcl-format";
import { runTerraform } from "../../scripts/lib/run-terraform";
import { terraformFmtFiles } from "../../scripts/lib/synth";
import { arbitraryDocument } from "./arbitrary-hcl";

const SEED = Number(process.env.FC_SEED ?? 20261123);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-format-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `terraform fmt` of each text (one file per text), through the harness synth uses. */
async function terraformFmt(texts: readonly string[]): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(work, "fmt-"));
  const files = texts.map((text, i) => {
    const file = path.join(dir, `f${i}.tf`);
    fs.writeFileSync(file, text);
    return file;
  });
  await terraformFmtFiles(files, dir);
  return files.map((file) => fs.readFileSync(file, "utf8"));
}

/** What Terraform did with a text it rejected. */
const REJECTED = Symbol("rejected by terraform fmt");

/**
 * `terraform fmt` of each text in one run, which goes on past a file it rejects: each text's output, or
 * `REJECTED` for a text Terraform reports an error for.
 */
async function terraformFmtOrReject(texts: readonly string[]): Promise<(string | typeof REJECTED)[]> {
  const dir = fs.mkdtempSync(path.join(work, "fmt-"));
  const files = texts.map((text, i) => {
    const file = path.join(dir, `f${i}.tf`);
    fs.writeFileSync(file, text);
    return file;
  });
  const run = await runTerraform(["fmt", "-list=false", "-no-color", ...files], dir, { ...process.env, TF_CLI_CONFIG_FILE: os.devNull, CHECKPOINT_DISABLE: "1" });
  const rejected = new Set([...run.stderr.matchAll(/on (\S+\.tf) line \d+/g)].map((m) => path.resolve(dir, m[1])));
  if (run.code !== 0 && rejected.size === 0) throw new Error(`terraform fmt failed:\n${run.stderr}`);
  return files.map((file) => (rejected.has(file) ? REJECTED : fs.readFileSync(file, "utf8")));
}

/** What the fast formatter does with a text: its output, `undefined` (declined) or `REJECTED` (threw). */
function fastOrReject(text: string): string | undefined | typeof REJECTED {
  try {
    return formatCdktfHcl(text);
  } catch (error) {
    if (error instanceof InvalidHclError) return REJECTED;
    throw error;
  }
}

/** cdktf's raw style: one item per line, no indentation. */
const raw = (...lines: string[]) => lines.join("\n");

const SAME_AS_TERRAFORM: Record<string, string> = {
  "indents and aligns runs of attributes, broken by nested blocks and multi-line values": raw(
    'resource "aws_x" "a" {',
    'name = "a"',
    "retention_in_days = 30",
    "tags = {",
    'cost-center = "orders"',
    '"kubernetes.io/name" = "x"',
    "}",
    "enabled = true",
    "rule {",
    "id = -1",
    "ratio = 0.05",
    "}",
    "empty_list = []",
    "empty_map = {}",
    "}",
  ),
  "unwraps a block attribute that is one interpolation, nested quotes included": raw(
    'resource "aws_x" "a" {',
    'arn = "${aws_sns_topic.t_topic.arn}"',
    'body = "${file("assets/api/orders.json")}"',
    'hash = "${sha1(aws_api_gateway_rest_api.api_rest-api.body)}"',
    'first = "${element(aws_x.y[*].id, 0)}"',
    'index = "${aws_x.y[0].id}"',
    "}",
  ),
  "leaves list items, object values, literal text, two interpolations and escapes wrapped": raw(
    'resource "aws_x" "a" {',
    "alarm_actions = [",
    '"${aws_sns_topic.t_topic.arn}"',
    "]",
    "triggers = {",
    'redeployment = "${sha1(aws_x.y.body)}"',
    "}",
    'name = "API-Gateway-Execution-Logs_${aws_x.y.id}/v1"',
    'pair = "${aws_x.a.id}${aws_x.b.id}"',
    'escaped = "$${not.a.reference}"',
    'directive_escape = "%%{not a directive}"',
    'quoted = "say \\"hi\\" \\\\ ${aws_x.y.id}"',
    'unicode = "café ☕"',
    'escapes = "a\\nb\\rc\\td \\u00e9 \\U0001F600 \\u0041 ${aws_x.y.id}\\\\d+"',
    "}",
  ),
  "numbers: negative, decimal and exponent outside ${}, unsigned ones inside it": raw(
    'resource "aws_x" "a" {',
    "offset = -1",
    "ratio = -0.5",
    "big = 1.5e3",
    "small = 2E-5",
    "zero_padded = 007",
    "labels = {",
    'x = "x${1.5e3}"',
    'y = "${1E5}"',
    "z = -12.25e+2",
    "}",
    "items = [",
    "-3,",
    '"${max(1, 2.5)}"',
    "]",
    'count_of = "${10}"',
    "}",
  ),
  "lists of objects and of lists, depends_on references, blank line between blocks, no final newline": raw(
    'terraform {',
    'required_providers {',
    'aws = {',
    'version = "5.100.0"',
    'source = "hashicorp/aws"',
    "}",
    "}",
    "}",
    "",
    'resource "aws_x" "a" {',
    "items = [",
    "{",
    "a = 1",
    "bb = 2",
    "},",
    "{",
    'c = "x"',
    "}",
    "]",
    "matrix = [",
    "[",
    "1,",
    "2",
    "],",
    "[",
    "3",
    "]",
    "]",
    "depends_on = [",
    "aws_x.b,",
    "data.aws_y.c",
    "]",
    "lifecycle {",
    "  prevent_destroy = true",
    "}",
    "}",
  ),
  "a final newline": 'resource "aws_x" "a" {\nname = "a"\n}\n',
  "blank lines between blocks and groups, which break a run of aligned attributes": raw(
    'resource "aws_x" "a" {',
    "depends_on = [",
    "aws_x.b",
    "]",
    "",
    "name = 1",
    "",
    "longer_name = 2",
    "x = 3",
    "",
    "rule {",
    "id = 1",
    "}",
    "}",
    "",
    'resource "aws_x" "b" {',
    "name = 1",
    "}",
  ),
  "single-line lists and objects in terraform fmt's spacing, nested, aligned as attributes": raw(
    'resource "aws_x" "a" {',
    'metrics = [["AWS/ApiGateway", "Count", { stat = "Sum", label = "5XX" }], [], {}]',
    'row = ["a", -1, 0.5, true, null, aws_x.y.arn, sha1("x")]',
    'flat = { a = 1, "b.c" = "x", d = [1, { e = {} }] }',
    "tags = {",
    'short = ["a"]',
    "longer_key = { k = 1 }",
    "}",
    "}",
  ),
  "a call whose one argument opens on its line: jsonencode({ ... }) and jsonencode([ ... ])": raw(
    'resource "aws_x" "a" {',
    "dashboard_body = jsonencode({",
    'start = "-PT6H"',
    "periodOverride = 1",
    "widgets = [",
    "{",
    'type = "metric"',
    "properties = {",
    "metrics = [",
    '["AWS/ApiGateway", "Count"],',
    '[".", "5XXError", { stat = "Sum" }],',
    "]",
    "}",
    "},",
    "]",
    "})",
    "name = 1",
    "list = jsonencode([",
    "1,",
    "jsonencode({",
    "a = 1",
    "}),",
    "])",
    "}",
  ),
  "whole-line comments at every level, which end a run of aligned attributes and keep their text": raw(
    "# Moved: remove once applied.  ",
    "moved {",
    "# from the old name",
    "from = aws_x.old",
    "to = aws_x.a",
    "}",
    'resource "aws_x" "a" {',
    "a = 1",
    "  # why bbb",
    "bbb = 2",
    "// slashes",
    "tags = {",
    "# in an object",
    "k = 1",
    "}",
    "list = [",
    "# in a list",
    "1,",
    "]",
    "#no space",
    "}",
  ),
  "a variable block with a primitive type, sensitive, and a validation": raw(
    'variable "pagerduty_url" {',
    'description = "Secret URL. Set TF_VAR_pagerduty_url."',
    "type = string",
    "sensitive = true",
    "validation {",
    'error_message = "Set TF_VAR_pagerduty_url."',
    'condition = "${startswith(var.pagerduty_url, "https://")}"',
    "}",
    "}",
    'variable "count_of" {',
    "type = number",
    "default = 1",
    "}",
  ),
};

const OUTSIDE_THE_SUBSET: Record<string, string> = {
  "a /* */ comment": raw('resource "aws_x" "a" {', "/* why */", 'name = "a"', "}"),
  "a comment after a value": raw('resource "aws_x" "a" {', 'name = "a" # why', "}"),
  "a heredoc": raw('resource "aws_x" "a" {', "policy = <<EOT", "{}", "EOT", "}"),
  "a template directive": raw('resource "aws_x" "a" {', 'name = "%{if true}a%{endif}"', "}"),
  "an operator": raw('resource "aws_x" "a" {', 'count = "${length(aws_x.y) + 1}"', "}"),
  "a subtraction in an interpolation": raw('resource "aws_x" "a" {', 'name = "n${aws_x.y.count - 1}"', "}"),
  "a negative number right after ${ (terraform fmt writes ${- 1})": raw('resource "aws_x" "a" {', "tags = {", 'offset = "offset${-1}"', "}", "}"),
  "a negative number in a call inside ${": raw('resource "aws_x" "a" {', "items = [", '"${max(-1, 2)}"', "]", "}"),
  "a negation of a reference": raw('resource "aws_x" "a" {', 'n = "x${-aws_x.y.n}"', "}"),
  "a conditional": raw('resource "aws_x" "a" {', "count = var.on ? 1 : 0", "}"),
  "unusual spacing": raw('resource "aws_x" "a" {', "name  = 1", "}"),
  "no spaces around =": raw('resource "aws_x" "a" {', "name=1", "}"),
  "a non-ASCII key": raw('resource "aws_x" "a" {', "tags = {", '"clé" = "v"', "}", "}"),
  "a top-level attribute": raw("name = 1"),
  "an unclosed block": raw('resource "aws_x" "a" {', "name = 1"),
  "a bracket closing the wrong kind": raw('resource "aws_x" "a" {', "tags = {", "a = 1", "]", "}"),
  "Windows line ends": 'resource "aws_x" "a" {\r\nname = 1\r\n}\r\n',
  "a tab": 'resource "aws_x" "a" {\n\tname = 1\n}\n',
  "a single-line list spaced otherwise than terraform fmt writes it": raw('resource "aws_x" "a" {', 'names = ["a","b"]', "}"),
  "a single-line list with spaces inside the brackets": raw('resource "aws_x" "a" {', 'names = [ "a" ]', "}"),
  "a single-line list with a trailing comma": raw('resource "aws_x" "a" {', 'names = ["a", ]', "}"),
  "a single-line object without spaces inside the braces": raw('resource "aws_x" "a" {', "tags = {a = 1}", "}"),
  "a single-line object with a trailing comma": raw('resource "aws_x" "a" {', "tags = { a = 1, }", "}"),
  "a single-line object that is a for expression": raw('resource "aws_x" "a" {', "tags = { for = 1 }", "}"),
  "a single-line list inside ${}": raw('resource "aws_x" "a" {', 'name = "x${["a"]}"', "}"),
  "a call closed by the wrong bracket": raw('resource "aws_x" "a" {', "body = jsonencode({", "a = 1", "}", "}"),
  "a call opening two arguments": raw('resource "aws_x" "a" {', "body = merge({", "a = 1", "}, {", "})", "}"),
  "a variable block (terraform fmt rewrites its type)": raw('variable "v" {', 'type = "string"', "}"),
  "a variable block of a legacy unparameterized type": raw('variable "v" {', "type = list", "}"),
  "a label with an escape": raw('resource "aws_x" "a\\u0041" {', "name = 1", "}"),
  "a non-ASCII label": raw('resource "aws_x" "é" {', "name = 1", "}"),
};

/** Strings Terraform rejects (invalid escapes): the fast formatter must throw, naming the string. */
const REJECTED_BY_TERRAFORM: Record<string, string> = {
  "a regular expression's \\d (cdktf does not escape backslashes)": '"^\\d+$"',
  "a \\$": '"a\\$b"',
  "a surrogate \\u escape": '"\\uD800"',
  "a \\U escape beyond Unicode": '"\\U00110000"',
  "a short \\u escape": '"\\u12"',
  "an invalid escape inside a function call's string argument": '"${file("a\\.json")}"',
  "an invalid escape in an object key": "{\n\"a\\.b\" = 1\n}",
};

describe("formatCdktfHcl", () => {
  const cases = Object.entries(SAME_AS_TERRAFORM);
  let expected: string[] = [];
  beforeAll(async () => {
    expected = await terraformFmt(cases.map(([, text]) => text));
  });

  it.each(cases.map(([name, text], i) => [name, text, i] as const))("gives terraform fmt's bytes: %s", (_name, text, i) => {
    expect(formatCdktfHcl(text)).toBe(expected[i]);
  });

  it("really changes the cases above (they are not already formatted)", () => {
    expect(expected).toHaveLength(cases.length);
    cases.forEach(([, text], i) => expect(text).not.toBe(expected[i]));
  });

  it.each(Object.entries(OUTSIDE_THE_SUBSET))("declines %s, so that terraform fmt formats it", (_name, text) => {
    expect(formatCdktfHcl(text)).toBeUndefined();
  });

  it("throws for each string Terraform rejects, naming the string, where terraform fmt fails too", async () => {
    const cases = Object.entries(REJECTED_BY_TERRAFORM).map(([name, value]) => [name, value, raw('resource "aws_x" "a" {', `name = ${value}`, "}")] as const);
    const fmt = await terraformFmtOrReject(cases.map(([, , text]) => text));
    cases.forEach(([name, value, text], i) => {
      expect({ name, terraform: fmt[i] }).toEqual({ name, terraform: REJECTED });
      let thrown: unknown;
      try {
        formatCdktfHcl(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidHclError);
      // it names the (innermost) quoted string holding the escape
      const named = (thrown as InvalidHclError).value;
      expect(value).toContain(named);
      expect((thrown as Error).message).toContain(named);
    });
  });

  it("gives terraform fmt's bytes for generated cdktf-shaped documents, declines or rejects what Terraform rejects", async () => {
    const docs = fc.sample(arbitraryDocument(), { numRuns: 300, seed: SEED });
    const fmt = await terraformFmtOrReject(docs);
    const outcomes = docs.map((doc, i) => ({ doc, ours: fastOrReject(doc), fmt: fmt[i] }));
    // formatted: exactly terraform's bytes; rejected: terraform rejects it too; declined: terraform fmt decides
    const wrong = outcomes.filter(({ ours, fmt }) => ours !== undefined && ours !== fmt);
    expect({ seed: SEED, wrong: wrong.slice(0, 1) }).toEqual({ seed: SEED, wrong: [] });
    // the sample exercises all three
    const count = (f: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(f).length;
    expect(count((o) => typeof o.ours === "string")).toBeGreaterThan(docs.length / 10);
    expect(count((o) => o.ours === REJECTED)).toBeGreaterThan(docs.length / 20);
    expect(count((o) => o.ours === undefined)).toBeGreaterThan(docs.length / 20);
    // and formats each shape the repairs write: blank lines, single-line lists and objects, `f({` openers, comments
    const formatted = (shape: RegExp) => count((o) => typeof o.ours === "string" && shape.test(o.doc));
    expect({ blankLines: formatted(/\n\n/) > 10, inline: formatted(/ = [[{] ?[^\n\]}]/) > 10, calls: formatted(/\([{[]$/m) > 10, comments: formatted(/^ *(#|\/\/)/m) > 10 }).toEqual({
      blankLines: true,
      inline: true,
      calls: true,
      comments: true,
    });
  });
});
