/**
 * Comments for the synthesized HCL, written just above an element's block: for what a reviewer would
 * otherwise flag, such as a literal ARN where a reference would make a dependency cycle. cdktf renders no
 * comments; `ReadableStack` writes these (see there).
 */
import type { TerraformElement } from "cdktf";

const comments = new WeakMap<TerraformElement, string[]>();

/** Adds a comment above `element`'s block: one `# ` line per entry of `lines` (no newlines inside). */
export function commentInHcl(element: TerraformElement, ...lines: readonly string[]): void {
  const bad = lines.find((line) => line.includes("\n") || line.trim() === "");
  if (bad !== undefined) throw new Error(`commentInHcl ${element.node.path}: comment line ${JSON.stringify(bad)} is empty or has a newline. Allowed: one non-empty line per entry`);
  comments.set(element, [...(comments.get(element) ?? []), ...lines]);
}

/** The comment lines given for `element`, without `# `. */
export function hclComments(element: TerraformElement): readonly string[] {
  return comments.get(element) ?? [];
}
