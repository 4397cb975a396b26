/**
 * A formatter for the HCL that cdktf renders, giving byte for byte what `terraform fmt` (Terraform 1.11)
 * gives for it, at a small fraction of the cost: `terraform fmt` is a third of a large synth.
 *
 * cdktf writes one item per line, without indentation: block headers, `key = value`, openers of lists
 * and objects, list items, closing brackets and whole-line comments; the repairs (`hcl-fixes.ts`) add blank lines, single-line
 * lists and objects in their canonical spacing (`["a", 1]`, `{ stat = "Sum" }`) and calls whose one
 * argument opens on the call's line (`jsonencode({` ... `})`). For those lines `terraform fmt` does three
 * things, and so does this:
 * - it indents two spaces per open bracket;
 * - it aligns the `=` of consecutive single-line attributes (a blank or comment line ends a run);
 * - it unwraps an attribute of a block whose whole value is one interpolation (`"${x}"` becomes `x`).
 *   It does not unwrap list items or object values.
 *
 * Any line outside that shape makes `formatCdktfHcl` return `undefined`, so the caller runs
 * `terraform fmt` for that file instead. Examples: a block comment or one after a value, a heredoc, a template directive, a
 * single-line list or object spaced otherwise than terraform fmt writes it (or inside `${...}`), a
 * non-ASCII key or label, a variable block whose `type` is not `string`, `number` or `bool` (terraform fmt
 * rewrites legacy types such as `"string"` or `list`), an expression other than references, function calls
 * and literals (so any operator), a negative number inside `${...}` (terraform fmt's spacing of a minus
 * depends on the token before it, and after `${` it writes `${- 1}`), or unusual spacing.
 *
 * HCL that Terraform rejects is never passed on: a string escape other than `\n`, `\r`, `\t`, `\"`, `\\`,
 * `\uNNNN` and `\UNNNNNNNN` (a Unicode scalar value) makes `formatCdktfHcl` throw an `InvalidHclError`
 * naming the string (cdktf's renderer does not escape backslashes: a value `^\d+$` is written `"^\d+$"`).
 * A test compares the output with `terraform fmt`'s for every stack of the shipped, large and generated
 * configurations.
 */

type Scope = "block" | "object" | "list";

/** An open bracket: what it holds and the line that closes it (`}`, `]`, or `})` after `jsonencode({`). */
interface Open {
  readonly scope: Scope;
  readonly close: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/;
/** Inside `${...}` a number takes no sign: see the header. */
const UNSIGNED_NUMBER = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/;
const LITERAL = /^(true|false|null)\b/;

/**
 * Reads `text` from `at` and returns where what it matched ends, or -1. `inTemplate`: whether this is
 * inside a `${...}`, at any depth.
 */
type Reader = (text: string, at: number, inTemplate: boolean) => number;

/** HCL that Terraform would reject (an invalid escape), found while formatting. */
export class InvalidHclError extends Error {
  constructor(
    message: string,
    /** The offending quoted string, as written in the HCL. */
    readonly value: string,
  ) {
    super(message);
    this.name = "InvalidHclError";
  }
}

/** The length of the valid escape sequence at `at` (a backslash), or -1. */
function escapeLength(text: string, at: number): number {
  const selector = text[at + 1];
  if (selector !== undefined && 'nrt"\\'.includes(selector)) return 2;
  const digits = selector === "u" ? 4 : selector === "U" ? 8 : 0;
  if (digits === 0) return -1;
  const hex = text.slice(at + 2, at + 2 + digits);
  if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) return -1;
  const code = parseInt(hex, 16);
  return code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? -1 : 2 + digits;
}

/** The quoted string starting at `at`, for a message (up to its closing quote on the line). */
function quotedAt(text: string, at: number): string {
  const line = text.slice(at).split("\n")[0];
  for (let i = 1; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === '"') return line.slice(0, i + 1);
  }
  return line;
}

/**
 * A quoted string. `parts` receives "lit" for each run of literal text and "interp" for each `${...}`,
 * so the caller can tell a lone interpolation. A template directive (`%{`) is outside the subset.
 */
function readString(text: string, at: number, _inTemplate = false, parts?: string[]): number {
  if (text[at] !== '"') return -1;
  let i = at + 1;
  const literal = () => {
    if (parts && parts[parts.length - 1] !== "lit") parts.push("lit");
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c === "\\") {
      const length = escapeLength(text, i);
      if (length < 0) {
        const value = quotedAt(text, at);
        throw new InvalidHclError(`invalid escape sequence \\${text[i + 1] ?? ""} in ${value}: HCL allows only \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN (a literal backslash is \\\\)`, value);
      }
      literal();
      i += length;
    } else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") {
      literal(); // "$${" and "%%{" are escapes for the literal text
      i += 3;
    } else if (c === "$" && text[i + 1] === "{") {
      parts?.push("interp");
      const end = readExpression(text, i + 2, true);
      if (end < 0 || text[end] !== "}") return -1;
      i = end + 1;
    } else if (c === "%" && text[i + 1] === "{") {
      return -1;
    } else {
      literal();
      i++;
    }
  }
  return -1;
}

/** `a.b[0].c`, `data.x.y.json`, `a.b[*].c`: a traversal with no spaces. */
function readTraversal(text: string, at: number, _inTemplate = false): number {
  const head = IDENT.exec(text.slice(at, at + 256));
  if (!head) return -1;
  let i = at + head[0].length;
  for (;;) {
    const rest = text.slice(i, i + 256);
    const step = /^(\.[A-Za-z_][A-Za-z0-9_-]*|\.[0-9]+|\.\*|\[[0-9]+\]|\[\*\])/.exec(rest);
    if (!step) return i;
    i += step[0].length;
  }
}

/** `name(arg, arg)`, the arguments being expressions, separated by a comma and one space. */
function readCall(text: string, at: number, inTemplate = false): number {
  const name = IDENT.exec(text.slice(at, at + 256));
  if (!name || text[at + name[0].length] !== "(") return -1;
  let i = at + name[0].length + 1;
  if (text[i] === ")") return i + 1;
  for (;;) {
    i = readExpression(text, i, inTemplate);
    if (i < 0) return -1;
    if (text[i] === ")") return i + 1;
    if (text[i] !== "," || text[i + 1] !== " ") return -1;
    i += 2;
  }
}

/**
 * `[a, b]`: a single-line list as terraform fmt writes it (no space inside the brackets, `, ` between
 * items, no trailing comma). Not inside `${...}`, where this formatter has not been compared with it.
 */
function readInlineList(text: string, at: number, inTemplate = false): number {
  if (inTemplate || text[at] !== "[") return -1;
  let i = at + 1;
  if (text[i] === "]") return i + 1;
  for (;;) {
    i = readExpression(text, i);
    if (i < 0) return -1;
    if (text[i] === "]") return i + 1;
    if (text[i] !== "," || text[i + 1] !== " ") return -1;
    i += 2;
  }
}

/**
 * `{ a = 1, "b.c" = "x" }`: a single-line object as terraform fmt writes it (one space inside the braces,
 * `, ` between items, no trailing comma); `{}` when empty. Not inside `${...}` (see `readInlineList`).
 */
function readInlineObject(text: string, at: number, inTemplate = false): number {
  if (inTemplate || text[at] !== "{") return -1;
  if (text[at + 1] === "}") return at + 2;
  if (text[at + 1] !== " ") return -1;
  let i = at + 2;
  for (;;) {
    const key = readKey(text, i);
    // `{ for ...` opens a for expression
    if (key < 0 || text.slice(key, key + 3) !== " = " || (i === at + 2 && text.slice(i, key) === "for")) return -1;
    i = readExpression(text, key + 3);
    if (i < 0) return -1;
    if (text.startsWith(" }", i)) return i + 2;
    if (text[i] !== "," || text[i + 1] !== " ") return -1;
    i += 2;
  }
}

/** An object key: an identifier, or a quoted ASCII string without interpolation. */
function readKey(text: string, at: number): number {
  const ident = IDENT.exec(text.slice(at, at + 256));
  if (ident) return at + ident[0].length;
  const parts: string[] = [];
  const end = readString(text, at, false, parts);
  return end >= 0 && !parts.includes("interp") && /^[\x20-\x7e]+$/.test(text.slice(at, end)) ? end : -1;
}

/** What an interpolation may hold here: a call, a reference, a quoted string, a number or a literal. */
function readExpression(text: string, at: number, inTemplate = false): number {
  const readers: Reader[] = [readCall, readString, readNumberOrLiteral, readInlineList, readInlineObject, readTraversal];
  for (const read of readers) {
    const end = read(text, at, inTemplate);
    if (end >= 0) return end;
  }
  return -1;
}

function readNumberOrLiteral(text: string, at: number, inTemplate = false): number {
  const rest = text.slice(at, at + 64);
  const match = LITERAL.exec(rest) ?? (inTemplate ? UNSIGNED_NUMBER : NUMBER).exec(rest);
  return match ? at + match[0].length : -1;
}

/** A whole value on one line: an expression, or an empty `[]` or `{}`. */
function isValue(text: string): boolean {
  if (text === "[]" || text === "{}") return true;
  return readExpression(text, 0) === text.length;
}

/** `"${x}"` -> `x` when the string is one interpolation and nothing else (terraform's unwrapping rule). */
function unwrapInterpolation(value: string): string {
  if (!value.startsWith('"${')) return value;
  const parts: string[] = [];
  if (readString(value, 0, false, parts) !== value.length || parts.length !== 1 || parts[0] !== "interp") return value;
  return value.slice(3, -2);
}

function isKey(key: string): boolean {
  if (!/^[\x20-\x7e]+$/.test(key)) return false; // alignment counts characters: keep to ASCII
  if (IDENT.exec(key)?.[0] === key) return true;
  const parts: string[] = [];
  return readString(key, 0, false, parts) === key.length && !parts.includes("interp");
}

/**
 * `type "label" "label" {`. terraform fmt rewrites labels (unescaped, then escaped again), so only plain
 * ASCII labels are taken.
 */
function isBlockHeader(line: string): boolean {
  const type = IDENT.exec(line);
  if (!type) return false;
  const labels = /^( "[\x20-\x7e]*?")* \{$/.exec(line.slice(type[0].length));
  return labels !== null && !/[\\$%]/.test(line);
}

interface Line {
  readonly indent: number;
  readonly text: string;
  /** For a single-line attribute: the key, aligned with its neighbours' keys. */
  readonly key?: string;
}

/**
 * Formats cdktf's HCL as `terraform fmt` would, or returns `undefined` if it holds anything unfamiliar.
 * Throws an `InvalidHclError` for an invalid escape in a line it reads.
 */
export function formatCdktfHcl(hcl: string): string | undefined {
  if (hcl.includes("\r") || hcl.includes("\t")) return undefined;
  const open: Open[] = [];
  const lines: Line[] = [];
  for (const raw of hcl.split("\n")) {
    const line = classify(raw.replace(/^ +/, ""), open);
    if (!line) return undefined;
    lines.push(line);
  }
  if (open.length !== 0) return undefined;
  if (!variableTypesKept(lines)) return undefined;
  return alignAttributes(lines);
}

/** Primitive type keywords, which terraform fmt leaves as they are in a variable's `type`. */
const KEPT_VARIABLE_TYPES = ["string", "number", "bool"];

/** Whether every top-level variable block's `type` is one terraform fmt does not rewrite. */
function variableTypesKept(lines: readonly Line[]): boolean {
  let inVariable = false;
  for (const line of lines) {
    if (line.indent === 0 && line.text !== "" && !line.text.startsWith("}")) inVariable = line.text.startsWith("variable ");
    if (inVariable && line.indent === 1 && line.key === "type" && !KEPT_VARIABLE_TYPES.includes(line.text)) return false;
  }
  return true;
}

/**
 * What a value that ends its line opens, other than a block: `{`, `[`, or a call whose one argument
 * opens there (`jsonencode({`), which terraform fmt indents one level and closes with `})`.
 */
function opener(value: string): Open | undefined {
  if (value === "{") return { scope: "object", close: "}" };
  if (value === "[") return { scope: "list", close: "]" };
  const call = /^([A-Za-z_][A-Za-z0-9_-]*)\(([{[])$/.exec(value);
  if (!call) return undefined;
  return call[2] === "{" ? { scope: "object", close: "})" } : { scope: "list", close: "])" };
}

/** One line: what it opens or closes (updating `open`) and how it is written. */
function classify(text: string, open: Open[]): Line | undefined {
  const depth = open.length;
  const scope: Scope | undefined = open[depth - 1]?.scope;
  if (text === "") return { indent: 0, text };
  // a whole-line comment, indented as the lines around it, text as written (a `/*` comment is declined)
  if (text.startsWith("#") || text.startsWith("//")) return { indent: depth, text };
  if (/^(\}|\]|\}\)|\]\)),?$/.test(text)) {
    const closes: Open | undefined = open.pop();
    if (!closes || text.replace(/,$/, "") !== closes.close) return undefined;
    if (text.endsWith(",") && open[open.length - 1]?.scope !== "list") return undefined;
    return { indent: depth - 1, text };
  }
  if (scope === undefined || scope === "block") {
    if (isBlockHeader(text)) {
      open.push({ scope: "block", close: "}" });
      return { indent: depth, text };
    }
    if (scope === undefined) return undefined; // only blocks at the top level
  }
  if (scope === "list") {
    const opens = opener(text);
    if (opens) {
      open.push(opens);
      return { indent: depth, text };
    }
    const item = text.endsWith(",") ? text.slice(0, -1) : text;
    return isValue(item) ? { indent: depth, text } : undefined;
  }
  const eq = text.indexOf(" = ");
  if (eq <= 0) return undefined;
  const key = text.slice(0, eq);
  const value = text.slice(eq + 3);
  if (!isKey(key)) return undefined;
  const opens = opener(value);
  if (opens) {
    open.push(opens);
    return { indent: depth, text };
  }
  if (!isValue(value)) return undefined;
  return { indent: depth, text: scope === "block" ? unwrapInterpolation(value) : value, key };
}

/** Indents every line and aligns the `=` of each run of consecutive single-line attributes. */
function alignAttributes(lines: readonly Line[]): string {
  const out: string[] = new Array(lines.length);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.key === undefined) {
      out[i++] = "  ".repeat(line.indent) + line.text;
      continue;
    }
    let end = i;
    let width = 0;
    while (end < lines.length && lines[end].key !== undefined) width = Math.max(width, (lines[end++].key as string).length);
    for (; i < end; i++) {
      const { indent, key, text } = lines[i] as Required<Line>;
      out[i] = `${"  ".repeat(indent)}${key}${" ".repeat(width - key.length + 1)}= ${text}`;
    }
  }
  return out.join("\n");
}
