/**
 * The structure of the HCL that cdktf renders, as the repairs in `hcl-fixes.ts` need it: the top-level
 * blocks, and in each block body its attributes (one or more lines each) and nested blocks. Lines are kept
 * exactly as written, so printing an unchanged tree gives the text back, apart from blank lines, which
 * the printer places (`printHcl`).
 *
 * cdktf writes one item per line; strings never span lines, but a heredoc does, and a `${...}` may hold
 * brackets and quoted strings: the scanner follows strings, interpolations and heredocs to find where a
 * multi-line value ends. Anything it does not know (a `/*` comment, a block opened and closed on one
 * line, a bracket that never closes) makes `parseHcl` return `undefined`, and the repairs leave the text
 * as it is.
 */

export interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  /** The comment lines written just before it. */
  readonly comments: readonly string[];
  /** `name = value`, then the value's further lines (for a multi-line list, object or heredoc). */
  readonly lines: readonly string[];
  /** Whether the value holds a heredoc, whose lines are text, not HCL. */
  readonly heredoc: boolean;
}

export interface Block {
  readonly kind: "block";
  /** `resource`, `statement`, `lifecycle`, ... */
  readonly type: string;
  readonly labels: readonly string[];
  readonly comments: readonly string[];
  /** The header line as written: `resource "aws_x" "y" {`. */
  readonly header: string;
  readonly body: readonly Item[];
  /** Comment lines after the last item, before the closing line. */
  readonly trailing: readonly string[];
  /** The closing line as written. */
  readonly closer: string;
}

export type Item = Attribute | Block;

export interface HclFile {
  readonly blocks: readonly Block[];
  /** Comment lines after the last block. */
  readonly trailing: readonly string[];
  /** Whether the text ended with a newline. */
  readonly finalNewline: boolean;
}

const BLOCK_HEADER = /^\s*([A-Za-z_][A-Za-z0-9_-]*)((?: "(?:[^"\\]|\\.)*")*) \{$/;
const ATTRIBUTE = /^\s*([A-Za-z_][A-Za-z0-9_-]*) +=(?!=)/;
const COMMENT = /^\s*(#|\/\/)/;
const BLANK = /^\s*$/;
const CLOSER = /^\s*\}\s*$/;

/** Where the scanner is, carried from line to line. */
interface ScanState {
  /** Open brackets of the value (`{`, `[`, `(`). */
  depth: number;
  /** The closing marker of the heredoc being read, if any. */
  heredoc?: string;
  /** Set when the text is outside what the scanner understands. */
  failed?: true;
}

/** A line without any of these has no bracket, heredoc or block comment for the scanner to follow. */
const NOTHING_TO_FOLLOW = /^[^{}[\]()<*]*$/;
/** Open strings (-1) and the bracket depth inside each `${`/`%{` (0 and up), reused from line to line. */
const contexts: number[] = [];
const IN_STRING = -1;
/** Runs of characters that do not matter, skipped with `test` (which moves `lastIndex` and allocates nothing). */
const PLAIN_STRING = /[^\\"$%]*/y;
const PLAIN_CODE = /[^"#/<{[(}\])]*/y;

/**
 * Reads one line, updating `state`: brackets outside strings, strings and the brackets and strings of
 * their `${...}` and `%{...}`, a comment to the end of the line, and a heredoc opened at its end. A synth
 * scans tens of megabytes: most lines have nothing to follow, and the rest are read without allocating.
 */
function scanLine(line: string, state: ScanState): void {
  if (state.heredoc !== undefined) {
    if (line.trim() === state.heredoc) state.heredoc = undefined;
    return;
  }
  if (NOTHING_TO_FOLLOW.test(line)) return;
  contexts.length = 0;
  for (let i = 0; i < line.length; i++) {
    const top = contexts.length > 0 ? contexts[contexts.length - 1] : undefined;
    const plain = top === IN_STRING ? PLAIN_STRING : PLAIN_CODE;
    plain.lastIndex = i;
    plain.test(line);
    i = plain.lastIndex;
    if (i >= line.length) break;
    const c = line.charCodeAt(i);
    const next = line.charCodeAt(i + 1);
    if (top === IN_STRING) {
      if (c === 0x5c /* \ */) i++;
      else if ((c === 0x24 /* $ */ || c === 0x25) /* % */ && next === c && line.charCodeAt(i + 2) === 0x7b) i += 2;
      else if ((c === 0x24 || c === 0x25) && next === 0x7b /* { */) {
        contexts.push(0);
        i++;
      } else if (c === 0x22 /* " */) contexts.pop();
      continue;
    }
    switch (c) {
      case 0x22: // "
        contexts.push(IN_STRING);
        break;
      case 0x23: // #
        i = line.length;
        break;
      case 0x2f: // /
        if (next === 0x2f) i = line.length;
        else if (next === 0x2a) state.failed = true;
        break;
      case 0x3c: // <
        if (next === 0x3c && top === undefined) {
          const marker = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)$/.exec(line.slice(i));
          if (marker) state.heredoc = marker[1];
          else state.failed = true;
          i = line.length;
        }
        break;
      case 0x7b: // {
      case 0x5b: // [
      case 0x28: // (
        if (top !== undefined) contexts[contexts.length - 1] = top + 1;
        else state.depth++;
        break;
      case 0x7d: // }
      case 0x5d: // ]
      case 0x29: // )
        if (top === undefined) {
          if (--state.depth < 0) state.failed = true;
        } else if (c === 0x7d && top === 0) contexts.pop();
        else contexts[contexts.length - 1] = top - 1;
        break;
    }
    if (state.failed) return;
  }
  if (contexts.length > 0) state.failed = true; // a string does not span lines
}

/** Parses cdktf's HCL, or returns `undefined` for anything outside the shape described above. */
export function parseHcl(hcl: string): HclFile | undefined {
  const finalNewline = hcl.endsWith("\n");
  const lines = (finalNewline ? hcl.slice(0, -1) : hcl).split("\n");
  const at = { line: 0 };
  const body = parseBody(lines, at, true);
  if (!body || at.line !== lines.length || body.items.some((item) => item.kind !== "block")) return undefined;
  return { blocks: body.items as Block[], trailing: body.trailing, finalNewline };
}

/** Most items have no comment: one shared empty list instead of one per item. */
const NO_COMMENTS: readonly string[] = Object.freeze([]);

/**
 * The items of a body and the comments after them, from `at.line` up to its closing line (where it leaves
 * `at`); the top level up to the end.
 */
function parseBody(lines: readonly string[], at: { line: number }, topLevel: boolean): { items: Item[]; trailing: readonly string[] } | undefined {
  const items: Item[] = [];
  let comments = NO_COMMENTS;
  while (at.line < lines.length) {
    const line = lines[at.line];
    if (BLANK.test(line)) {
      at.line++;
      continue;
    }
    if (COMMENT.test(line)) {
      comments = [...comments, line];
      at.line++;
      continue;
    }
    if (CLOSER.test(line)) return topLevel ? undefined : { items, trailing: comments };
    const header = BLOCK_HEADER.exec(line);
    if (header) {
      at.line++;
      const body = parseBody(lines, at, false);
      if (!body || at.line >= lines.length) return undefined;
      const labels = [...header[2].matchAll(/ ("(?:[^"\\]|\\.)*")/g)].map((m) => m[1]);
      items.push({ kind: "block", type: header[1], labels, comments, header: line, body: body.items, trailing: body.trailing, closer: lines[at.line] });
      at.line++;
      comments = NO_COMMENTS;
      continue;
    }
    const attribute = ATTRIBUTE.exec(line);
    if (!attribute || topLevel) return undefined;
    const state: ScanState = { depth: 0 };
    const start = at.line;
    let heredoc = false;
    do {
      scanLine(lines[at.line++], state);
      heredoc ||= state.heredoc !== undefined;
      if (state.failed) return undefined;
    } while ((state.depth > 0 || state.heredoc !== undefined) && at.line < lines.length);
    if (state.depth !== 0 || state.heredoc !== undefined) return undefined;
    // `name   = value` as aligned by a formatter reads as `name = value`: the repairs match one space, and
    // formatting aligns again.
    const [first, ...rest] = lines.slice(start, at.line);
    items.push({ kind: "attribute", name: attribute[1], comments, lines: [first.replace(/^(\s*[A-Za-z_][A-Za-z0-9_-]*) +=/, "$1 ="), ...rest], heredoc });
    comments = NO_COMMENTS;
  }
  return topLevel ? { items, trailing: comments } : undefined;
}

/**
 * Where a blank line goes between two neighbouring items of a body; the printer writes one there.
 * The top level always separates its blocks.
 */
export type Separate = (before: Item, after: Item) => boolean;

/** The text of a tree: top-level blocks one blank line apart, and in bodies where `separate` says. */
export function printHcl(file: HclFile, separate: Separate): string {
  const out: string[] = [];
  file.blocks.forEach((block, i) => {
    if (i > 0) out.push("");
    printItem(block, separate, out);
  });
  out.push(...file.trailing);
  return out.join("\n") + (file.finalNewline ? "\n" : "");
}

function printItem(item: Item, separate: Separate, out: string[]): void {
  out.push(...item.comments);
  if (item.kind === "attribute") {
    out.push(...item.lines);
    return;
  }
  out.push(item.header);
  item.body.forEach((child, i) => {
    if (i > 0 && separate(item.body[i - 1], child)) out.push("");
    printItem(child, separate, out);
  });
  out.push(...item.trailing, item.closer);
}

/**
 * Whether a quoted string is one interpolation and nothing else (`"${aws_x.y.arn}"`), whose value is the
 * expression's own (HCL's template rule): then it returns the expression. A strip marker (`${~`), a
 * second part or literal text returns `undefined`.
 */
export function soleInterpolation(value: string): string | undefined {
  if (!value.startsWith('"${') || !value.endsWith('}"') || value.length < 6) return undefined;
  const inner = value.slice(3, -2);
  if (inner.startsWith("~") || inner.endsWith("~") || inner.trim() === "") return undefined;
  // the `${` must close exactly at the end: its content alone is balanced code
  const state: ScanState = { depth: 0 };
  scanLine(inner, state);
  if (state.failed || state.depth !== 0 || state.heredoc !== undefined) return undefined;
  const closed: ScanState = { depth: 0 };
  scanLine(value, closed);
  return closed.failed || closed.depth !== 0 ? undefined : inner;
}
