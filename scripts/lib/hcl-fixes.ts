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

/** Every repair, in order. */
export function repairHcl(hcl: string): string {
  return unquoteDependsOn(hcl);
}
