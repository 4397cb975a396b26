/**
 * Repairs for known defects of cdktf's HCL renderer, applied to the synthesized text before formatting.
 * Each is a small pure function; `terraform validate` in the test suite proves the result.
 */

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

/** Every repair, in order. */
export function repairHcl(hcl: string): string {
  return dropBlankLinesInsideBraces(qualifyProviderSources(unquoteDependsOn(hcl)));
}
