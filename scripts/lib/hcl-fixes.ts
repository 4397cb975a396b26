/**
 * Repairs for known defects of cdktf's HCL renderer, applied to the synthesized text before formatting,
 * and the layout a Terraform engineer would write (HashiCorp's style conventions, see `separates`).
 * Each is a small pure function; `terraform validate` in the test suite proves the result, and the fast
 * formatter's tests prove it still gives `terraform fmt`'s bytes for what these write.
 */
import { type Attribute, type Block, type HclFile, type Item, parseHcl, printHcl, soleInterpolation } from "./hcl-tree";

const REFERENCE = /^(data\.|module\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/;

/**
 * cdktf writes `depends_on = ["aws_x.y"]`; Terraform wants bare references and warns "Quoted references
 * are deprecated" otherwise (and will one day reject them).
 */
export function unquoteDependsOn(hcl: string): string {
  return hcl.replace(/depends_on\s*=\s*\[([^\]]*)\]/g, (_match, body: string) => {
    const items = body.replace(/"([^"]*)"/g, (quoted, ref: string) => (REFERENCE.test(ref) ? ref : quoted));
    return `depends_on = [${items}]`;
  });
}

/**
 * cdktf quotes an object key that starts with a digit or holds a character outside `A-Za-z0-9_-`, but not
 * one that starts with `-` (a stage named `-v1` in an output's map), which HCL reads as a negation and
 * Terraform rejects ("Invalid reference"). Such a key is quoted; heredoc lines are text, left alone.
 */
export function quoteKeysStartingWithDash(hcl: string): string {
  let heredocEnd: string | undefined;
  return hcl
    .split("\n")
    .map((line) => {
      if (heredocEnd !== undefined) {
        if (line.trim() === heredocEnd) heredocEnd = undefined;
        return line;
      }
      heredocEnd = /<<-?([A-Za-z_][A-Za-z0-9_]*)$/.exec(line)?.[1];
      return line.replace(/^([ \t]*)(-[A-Za-z0-9_-]*)([ \t]*=[ \t])/, '$1"$2"$3');
    })
    .join("\n");
}

/**
 * cdktf leaves blank lines where it rendered nothing (an empty `filter {}`, the end of the `terraform`
 * block), which `terraform fmt` keeps. Quoted HCL strings cannot span lines, so a blank line is never
 * inside one; a heredoc could hold one, so text with a heredoc is left as it is.
 */
export function dropBlankLinesInsideBraces(hcl: string): string {
  if (hcl.includes("<<")) return hcl;
  return hcl.replace(/\{\n(?:[ \t]*\n)+/g, "{\n").replace(/\n(?:[ \t]*\n)+([ \t]*\})/g, "\n$1");
}

/**
 * cdktf writes `source = "aws"` in `required_providers`; Terraform reads a bare name as `hashicorp/<name>`,
 * which is what a reader of plain HCL expects to see written out.
 */
export function qualifyProviderSources(hcl: string): string {
  const open = hcl.search(/required_providers\s*\{/);
  if (open < 0) return hcl;
  let depth = 0;
  let close = hcl.indexOf("{", open);
  for (; close < hcl.length; close++) {
    if (hcl[close] === "{") depth++;
    if (hcl[close] === "}" && --depth === 0) break;
  }
  const block = hcl.slice(open, close).replace(/^(\s*source\s*=\s*)"([a-z0-9-]+)"$/gm, '$1"hashicorp/$2"');
  return hcl.slice(0, open) + block + hcl.slice(close);
}

/** A quoted string at the start of `text` (no interpolation inside): where it ends, or -1. */
function quotedEnd(text: string): number {
  if (text[0] !== '"') return -1;
  for (let i = 1; i < text.length; i++) {
    PLAIN_STRING.lastIndex = i;
    PLAIN_STRING.test(text); // skips to the next character that matters, allocating nothing
    i = PLAIN_STRING.lastIndex;
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") i += 2; // `$${`: literal text
    else if ((c === "$" || c === "%") && text[i + 1] === "{") return -1;
  }
  return -1;
}

const PLAIN_STRING = /[^\\"$%]*/y;

/**
 * One line of a value with its sole-interpolation strings unwrapped: a list item (`"${x}",`), an
 * attribute or object item (`key = "${x}"`). Other lines come back as they are.
 */
function unwrapLine(line: string): string {
  if (!line.includes('"${')) return line;
  const [, indent, body, comma] = /^( *)(.*?)(,?)$/s.exec(line) as RegExpExecArray;
  const item = soleInterpolation(body);
  if (item !== undefined) return indent + item + comma;
  const key = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(body)?.[0].length ?? quotedEnd(body);
  // One space before `=`, or more where a formatter aligned the items.
  const equals = key <= 0 ? undefined : /^ += /.exec(body.slice(key))?.[0];
  if (equals === undefined) return line;
  const value = soleInterpolation(body.slice(key + equals.length));
  return value === undefined ? line : indent + body.slice(0, key + equals.length) + value + comma;
}

/**
 * `"${aws_sns_topic.x.arn}"` is written `aws_sns_topic.x.arn` everywhere, also in lists and object values,
 * where `terraform fmt` leaves it (it unwraps only a block attribute's whole value; tflint's
 * `terraform_deprecated_interpolation`). A template that is one interpolation returns the expression's
 * value "verbatim, without conversion to string" (hashicorp/hcl, hclsyntax/spec.md, "Template Interpolation
 * Unwrapping"), so nothing changes for Terraform. Heredoc lines are text, left alone.
 */
export function unwrapSoleInterpolations(file: HclFile): HclFile {
  const attribute = (a: Attribute): Attribute => {
    if (a.heredoc || !a.lines.some((line) => line.includes('"${'))) return a;
    return { ...a, lines: a.lines.map(unwrapLine) };
  };
  const block = (b: Block): Block => ({ ...b, body: b.body.map((item) => (item.kind === "block" ? block(item) : attribute(item))) });
  return { ...file, blocks: file.blocks.map(block) };
}

/**
 * Attributes that hold a JSON document whose object key order means nothing to AWS, by resource type:
 * cdktf renders them as one escaped string, Terraform teams write `jsonencode({...})` (which orders
 * keys by name). Not the access log format: the order of its keys is the order of each log line's fields.
 */
export const JSON_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_cloudwatch_dashboard: ["dashboard_body"],
  aws_iam_role: ["assume_role_policy"],
  aws_iam_role_policy: ["policy"],
  aws_iam_policy: ["policy"],
  aws_s3_bucket_policy: ["policy"],
  aws_sns_topic_policy: ["policy"],
  aws_kms_key: ["policy"],
  aws_cloudwatch_log_resource_policy: ["policy_document"],
  aws_wafv2_web_acl: ["rule_json"],
};

/** The value of a quoted HCL string without interpolations, or `undefined`. */
export function hclStringValue(quoted: string): string | undefined {
  if (quotedEnd(quoted) !== quoted.length) return undefined;
  // JSON reads HCL's escapes but `\U`; a surrogate `\u` Terraform rejects, JSON does not: those the long way
  if (!/\\(?![nrt"\\]|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})|[\u0000-\u001f]/.test(quoted)) {
    return (JSON.parse(quoted) as string).replace(/([$%])\1\{/g, "$1{"); // `$${` and `%%{` are literal text
  }
  const simple: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
  let valid = true;
  const value = quoted.slice(1, -1).replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)|([$%])\2\{/g, (match, escape: string | undefined, doubled: string | undefined) => {
    if (doubled !== undefined) return `${doubled}{`; // `$${` and `%%{` are literal text
    if (simple[escape as string] !== undefined) return simple[escape as string];
    const code = escape && escape.length > 1 ? parseInt(escape.slice(1), 16) : -1;
    if (code >= 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
    valid = false; // Terraform rejects it: the formatter reports it
    return match;
  });
  return valid ? value : undefined;
}

/**
 * A string as an HCL literal: escapes, control characters and line separators as `\uNNNN` (visible in
 * review), and `${`/`%{` written `$${`/`%%{` so they stay text.
 */
export function hclString(value: string): string {
  const escapes: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "${": "$${", "%{": "%%{" };
  return `"${value.replace(/[\\"\n\r\t]|\$\{|%\{|[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => escapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

/**
 * Words HCL reads as something else where an object key is bare: `{ for ...` opens a for expression
 * (hclsyntax/spec.md, "Collection Values"), `true`, `false` and `null` are literals; the rest, to be plain.
 */
const RESERVED_KEYS = new Set(["true", "false", "null", "for", "in", "if", "else", "endif", "endfor"]);

function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) && !RESERVED_KEYS.has(key) ? key : hclString(key);
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (v: Json): boolean => v === null || typeof v !== "object";

/**
 * Whether every string and key is in Unicode Normalization Form C. HCL's string literals get "special
 * handling with regard to Unicode normalization" (hashicorp/hcl, hclsyntax/spec.md, "Source Code
 * Representation"): Terraform reads `"A\u0309"` written out as `"Ả"` (test/scripts/hcl-json-documents.test.ts).
 * A document with another form stays one string, so jsonencode() never changes what AWS receives.
 */
export function isNfc(v: Json): boolean {
  if (typeof v === "string" && /^[\x00-\x7f]*$/.test(v)) return true;
  if (typeof v === "string") return v.normalize("NFC") === v;
  if (isScalar(v)) return true;
  return Array.isArray(v) ? v.every(isNfc) : Object.entries(v as Record<string, Json>).every(([k, item]) => isNfc(k) && isNfc(item));
}
const isFlatObject = (v: Json): boolean => typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every(isScalar);

/** The longest single-line list this writes (beyond, one item per line). */
const INLINE_LIST_WIDTH = 160;

function scalar(v: Json): string {
  return typeof v === "string" ? hclString(v) : String(v);
}

/** A value on one line: scalars, empty lists and objects, and flat objects (inside a single-line list). */
function inline(v: Json): string {
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(", ")}]`;
  const entries = Object.entries(v as Record<string, Json>);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([k, item]) => `${hclKey(k)} = ${inline(item)}`).join(", ")} }`;
}

/**
 * Writes a JSON value as HCL in cdktf's raw style (one item per line, no indentation) onto `out`, its first
 * line after `before` and its last one before `after`: objects one item per line; a list of scalars and
 * flat objects (a dashboard's metric row) on one line if it is short enough.
 */
function writeJson(v: Json, before: string, after: string, out: string[]): void {
  if (isScalar(v) || (Array.isArray(v) && v.length === 0) || (isFlatObject(v) && Object.keys(v as object).length === 0)) {
    out.push(before + inline(v) + after);
  } else if (Array.isArray(v)) {
    const oneLine = v.every((item) => isScalar(item) || isFlatObject(item)) ? inline(v) : undefined;
    if (oneLine !== undefined && oneLine.length <= INLINE_LIST_WIDTH) {
      out.push(before + oneLine + after);
      return;
    }
    out.push(`${before}[`);
    for (const item of v) writeJson(item, "", ",", out);
    out.push(`]${after}`);
  } else {
    out.push(`${before}{`);
    for (const [k, item] of Object.entries(v as Record<string, Json>)) writeJson(item, `${hclKey(k)} = `, "", out);
    out.push(`}${after}`);
  }
}

/** `name = "{\"a\":1}"` as `name = jsonencode({` ... `})`, if its value is one JSON object or array. */
function jsonDocumentAsJsonencode(attribute: Attribute): Attribute {
  if (attribute.lines.length !== 1) return attribute;
  const prefix = `${attribute.name} = `;
  const line = attribute.lines[0];
  const at = line.indexOf(prefix);
  const text = at < 0 ? undefined : hclStringValue(line.slice(at + prefix.length));
  if (text === undefined || !/^\s*[{[]/.test(text)) return attribute;
  let document: Json;
  try {
    document = JSON.parse(text) as Json;
  } catch {
    return attribute;
  }
  if (!isNfc(document)) return attribute;
  const lines: string[] = [];
  writeJson(document, `${line.slice(0, at)}${prefix}jsonencode(`, ")", lines);
  return { ...attribute, lines };
}

/**
 * JSON documents (see `JSON_DOCUMENTS`) as `jsonencode({...})` in HCL instead of one escaped string: the
 * JSON AWS receives is the same document (`jsonencode` orders object keys by name).
 */
export function jsonDocumentsAsJsonencode(file: HclFile): HclFile {
  const blocks = file.blocks.map((block) => {
    const names = block.type === "resource" ? JSON_DOCUMENTS[JSON.parse(block.labels[0] ?? '""') as string] : undefined;
    if (!names) return block;
    return { ...block, body: block.body.map((item) => (item.kind === "attribute" && names.includes(item.name) ? jsonDocumentAsJsonencode(item) : item)) };
  });
  return { ...file, blocks };
}

/** Meta-arguments: first in a body (HashiCorp's style conventions). */
const META_ARGUMENTS = ["count", "for_each", "provider", "depends_on"];
/** Meta-argument blocks: last in a body. */
const META_BLOCKS = ["lifecycle", "provisioner", "connection"];

/** The group an item belongs to; a body is written group by group, one blank line apart. */
function groupOf(item: Item): string {
  if (item.kind === "attribute") return META_ARGUMENTS.includes(item.name) ? "meta-arguments" : "arguments";
  return item.type === "dynamic" ? `dynamic ${item.labels[0]}` : `block ${item.type}`;
}

function rank(item: Item): number {
  if (item.kind === "attribute") return META_ARGUMENTS.includes(item.name) ? 0 : 1;
  return META_BLOCKS.includes(item.type) ? 3 : 2;
}

/**
 * HashiCorp's style conventions ("Style Conventions", Terraform language docs): meta-arguments first,
 * then the arguments, then nested blocks, meta-argument blocks (`lifecycle`) last, each group one blank
 * line from the next; blocks of the same type stay together, without blank lines between them.
 * The order within a group is cdktf's.
 */
export function orderBodies(file: HclFile): HclFile {
  const block = (b: Block): Block => {
    const body = b.body.map((item) => (item.kind === "block" ? block(item) : item));
    const ordered = body.every((item, i) => i === 0 || rank(body[i - 1]) <= rank(item));
    return { ...b, body: ordered ? body : body.map((item, i) => ({ item, i })).sort((x, y) => rank(x.item) - rank(y.item) || x.i - y.i).map(({ item }) => item) };
  };
  return { ...file, blocks: file.blocks.map(block) };
}

/** One blank line between groups of a body (see `orderBodies`); the printer separates top-level blocks. */
export function separates(before: Item, after: Item): boolean {
  return groupOf(before) !== groupOf(after);
}

/** Every repair, in order. */
export function repairHcl(hcl: string): string {
  const repaired = dropBlankLinesInsideBraces(qualifyProviderSources(unquoteDependsOn(quoteKeysStartingWithDash(hcl))));
  const file = parseHcl(repaired);
  if (!file) return repaired;
  return printHcl(orderBodies(jsonDocumentsAsJsonencode(unwrapSoleInterpolations(file))), separates);
}
