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
  "a comment": raw('resource "aws_x" "a" {', "# why", 'name = "a"', "}"),
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
  "a single-line list": raw('resource "aws_x" "a" {', 'names = ["a", "b"]', "}"),
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
  });
});

/** Documents in cdktf's raw style: blocks of attributes, nested blocks, objects and lists. */
function arbitraryDocument(): fc.Arbitrary<string> {
  const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,14}$/);
  const reference = fc.tuple(fc.constantFrom("aws_x", "data.aws_y"), name, fc.constantFrom("id", "arn", "name", "json")).map((parts) => parts.join("."));
  /** Number literals as cdktf writes them, and the forms HCL reads: signs, decimals, exponents. */
  const number = fc
    .tuple(
      fc.constantFrom("", "", "-"),
      fc.oneof(fc.integer({ min: 0, max: 100000 }).map(String), fc.constantFrom("0", "007")),
      fc.constantFrom("", "", ".5", ".05", ".125"),
      fc.constantFrom("", "", "", "e3", "E5", "e-2", "e+10"),
    )
    .map((parts) => parts.join(""));
  /** Escapes: the valid ones, unusual valid ones, and invalid ones Terraform rejects. */
  const escape = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("\\n", "\\r", "\\t", '\\"', "\\\\", "\\u00e9", "\\u0041", "\\U0001F600", "\\uFFFF") },
    { weight: 1, arbitrary: fc.constantFrom("\\d", "\\.", "\\$", "\\uD800", "\\u12", "\\U00110000", "\\x41", "\\/") },
  );
  const printable = fc.stringMatching(/^[ -!#-[\]-~]{0,12}$/); // printable ASCII without `"` and `\`
  const text = fc.array(fc.oneof({ weight: 4, arbitrary: printable }, { weight: 1, arbitrary: escape }), { maxLength: 3 }).map((parts) => parts.join(""));
  const literalText = text.filter((t) => !t.includes("${") && !t.includes("%{"));
  /** What cdktf puts inside `${...}`: references, calls, numbers, operators, nested strings. */
  const expression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      reference,
      number,
      literalText.map((t) => `"${t}"`),
      fc.tuple(fc.constantFrom("sha1", "file", "lower", "max"), fc.array(tie("expression"), { minLength: 1, maxLength: 2 })).map(([f, args]) => `${f}(${args.join(", ")})`),
      fc.tuple(tie("expression"), fc.constantFrom(" + ", " - ", " * ", " / ", " == ", "-", "+"), tie("expression")).map((parts) => parts.join("")),
      tie("expression").map((e) => `-${e}`),
    ),
  })).expression;
  const str = fc.oneof(
    literalText.map((t) => `"${t}"`),
    reference.map((r) => `"\${${r}}"`),
    fc.tuple(literalText, reference, literalText).map(([a, r, b]) => `"${a}\${${r}}${b}"`),
    fc.tuple(fc.constantFrom("sha1", "file", "lower"), reference).map(([f, r]) => `"\${${f}(${r})}"`),
    fc.tuple(literalText, expression, literalText).map(([a, e, b]) => `"${a}\${${e}}${b}"`),
    expression.map((e) => `"\${${e}}"`),
  );
  const scalar = fc.oneof(str, number, fc.constantFrom("true", "false", "null", "0.05", "[]", "{}"));
  const key = fc.oneof({ weight: 4, arbitrary: name }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z./:-]{0,10}$/).map((k) => `"${k}"`) });

  const { value } = fc.letrec<{ value: string[]; list: string[]; object: string[] }>((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar.map((s) => [s]), tie("list"), tie("object")),
    list: fc.array(tie("value"), { maxLength: 3 }).map((items) => [
      "[",
      ...items.flatMap((item, i) => (i < items.length - 1 ? [...item.slice(0, -1), `${item[item.length - 1]},`] : item)),
      "]",
    ]),
    object: fc
      .uniqueArray(fc.tuple(key, tie("value")), { maxLength: 4, selector: ([k]) => k })
      .map((entries) => ["{", ...entries.flatMap(([k, v]) => [`${k} = ${v[0]}`, ...v.slice(1)]), "}"]),
  }));
  const attribute = fc.tuple(name, value).map(([k, v]) => ({ key: k, lines: [`${k} = ${v[0]}`, ...v.slice(1)] }));
  /** A body's items in order; an attribute may be set only once, blocks repeat. */
  const body = (block: fc.Arbitrary<string[]>, maxLength: number) =>
    fc
      .array(fc.oneof({ weight: 3, arbitrary: attribute }, { weight: 1, arbitrary: block.map((lines) => ({ key: "", lines })) }), { maxLength })
      .map((items) => items.filter((item, i) => item.key === "" || items.findIndex((other) => other.key === item.key) === i).flatMap((item) => item.lines));
  const block: fc.Arbitrary<string[]> = fc.letrec<{ block: string[] }>((tie) => ({
    block: fc.tuple(name, body(tie("block"), 6)).map(([type, lines]) => [`${type} {`, ...lines, "}"]),
  })).block;
  const resource = fc
    .tuple(name, name, body(block, 8))
    .map(([type, label, lines]) => [`resource "${type}" "${label}" {`, ...lines, "}"].join("\n"));
  return fc.array(resource, { minLength: 1, maxLength: 3 }).map((blocks) => blocks.join("\n"));
}
