/**
 * The shipped stacks' HCL reads as a Terraform engineer writes it (HashiCorp's style conventions, tflint's
 * `terraform_deprecated_interpolation`), and the repairs that make it so change nothing else: each stack is
 * synthesized in-process as `npm run synth` does (cdktf's HCL, then `repairHcl`, then the fast formatter).
 * That it is still `terraform fmt`'s output, valid and plannable is the Terraform tests' part.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { formatCdktfHcl } from "../../scripts/lib/hcl-format";
import { JSON_DOCUMENTS, dropBlankLinesInsideBraces, qualifyProviderSources, repairHcl, unquoteDependsOn } from "../../scripts/lib/hcl-fixes";
import { type Block, type Item, parseHcl, soleInterpolation } from "../../scripts/lib/hcl-tree";
import { synthesizedStacks } from "../../scripts/lib/manifest";
import { buildStacks } from "../../stacks/app";
import { renderAppHcl } from "../support/synth-registry";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "hcl-idiom-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Each shipped stack's HCL as cdktf renders it, before any repair. */
function renderedStacks(): { name: string; hcl: string }[] {
  renderAppHcl(work, (app) => buildStacks(app, loadEnvironments(Object.values(ENVIRONMENTS))));
  return synthesizedStacks(work).map(({ name, file }) => ({ name, hcl: fs.readFileSync(file, "utf8") }));
}

const stacks = renderedStacks().map(({ name, hcl }) => ({ name, rendered: hcl, shipped: formatCdktfHcl(repairHcl(hcl)) ?? "" }));

describe.each(stacks.map((s) => [s.name, s] as const))("stack %s", (_name, { rendered, shipped }) => {
  const lines = shipped.split("\n");

  it("is formatted by the fast formatter (no terraform fmt needed)", () => {
    expect(shipped).not.toBe("");
  });

  it("separates its top-level blocks by exactly one blank line", () => {
    const closers = lines.flatMap((line, i) => (line === "}" ? [i] : []));
    expect(closers.length).toBeGreaterThan(5);
    const wrong = closers.filter((i) => i < lines.length - 2 && !(lines[i + 1] === "" && /^([a-z]|# )/.test(lines[i + 2])));
    expect(wrong.map((i) => lines.slice(i, i + 3).join("⏎"))).toEqual([]);
    expect(lines.filter((line, i) => line === "" && lines[i - 1] === "")).toEqual([]);
  });

  it("sets a resource's nested blocks apart from its arguments by a blank line (blocks of one type stay together)", () => {
    const nested = lines.flatMap((line, i) => (/^ {2}[a-z_]+( "[^"]*")* \{$/.test(line) ? [i] : []));
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.filter((i) => lines[i - 1] !== "" && lines[i - 1] !== "  }" && !lines[i - 1].endsWith("{")).map((i) => lines.slice(i - 1, i + 1).join("⏎"))).toEqual([]);
  });

  it("writes no interpolation-only string: a reference or call is written bare, in lists and objects too", () => {
    const sole = lines.filter((line) => {
      const value = line.trim().replace(/,$/, "").replace(/^("[^"]*"|[A-Za-z_][\w-]*) += /, "");
      return soleInterpolation(value) !== undefined;
    });
    expect(sole).toEqual([]);
    // real templates stay strings
    expect(shipped).toMatch(/"[^"\n]*\$\{[^}\n]+\}[^"\n]*"/);
  });

  it("writes JSON documents as jsonencode(), except the access log format, whose key order is the log line's", () => {
    const escapedJson = lines.filter((line) => /= "\{\\"/.test(line)).map((line) => line.trim().split(" ")[0]);
    expect(new Set(escapedJson)).toEqual(new Set(shipped.includes("access_log_settings") ? ["format"] : []));
    if (shipped.includes("aws_cloudwatch_dashboard")) expect(shipped).toMatch(/^ {2}dashboard_body = jsonencode\(\{$/m);
  });

  it("reads shipped files from stable paths in the stack's own folder, without a content hash (${path.module}/assets/<construct>/<file name>)", () => {
    const files = [...shipped.matchAll(/file\("([^"]+)"\)/g)].map((m) => m[1]);
    if (shipped.includes("aws_api_gateway_rest_api")) expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^\$\{path\.module\}\/assets\/[A-Za-z0-9_-]+\/[^/]+$/);
  });

  it("keeps every block and every attribute: the repairs only move and separate them, unwrap and encode", () => {
    const before = parseHcl(dropBlankLinesInsideBraces(qualifyProviderSources(unquoteDependsOn(rendered))));
    const after = parseHcl(repairHcl(rendered));
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    /** A block as a comparable outline: attributes by name with their lines (unwrapped, unindented), nested blocks in order. */
    const outline = (block: Block, resourceType?: string): unknown => {
      const attribute = (item: Item & { kind: "attribute" }) => {
        const json = resourceType !== undefined && (JSON_DOCUMENTS[resourceType] ?? []).includes(item.name);
        const text = item.lines.map((line) => line.trim().replace(/^(.*? = )?(.*?)(,?)$/, (_m, key = "", value, comma) => `${key}${soleInterpolation(value) ?? value}${comma}`));
        return [item.name, json ? "(a JSON document)" : text];
      };
      return {
        header: block.header.trim(),
        attributes: block.body.flatMap((item) => (item.kind === "attribute" ? [attribute(item)] : [])).sort(),
        blocks: block.body.flatMap((item) => (item.kind === "block" ? [outline(item)] : [])),
      };
    };
    const typeOf = (block: Block) => (block.type === "resource" ? JSON.parse(block.labels[0]) : undefined);
    expect(after!.blocks.map((b) => outline(b, typeOf(b)))).toEqual(before!.blocks.map((b) => outline(b, typeOf(b))));
  });
});
