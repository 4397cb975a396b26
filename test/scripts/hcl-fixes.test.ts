import { repairHcl, unquoteDependsOn } from "../../scripts/lib/hcl-fixes";

describe("HCL repairs", () => {
  it("unquotes references in depends_on, which Terraform warns about", () => {
    const hcl = 'resource "a" "b" {\n  depends_on = [\n    "aws_cloudwatch_log_group.x_y-z",\n    "data.aws_iam_policy_document.p",\n  ]\n}\n';
    expect(unquoteDependsOn(hcl)).toBe('resource "a" "b" {\n  depends_on = [\n    aws_cloudwatch_log_group.x_y-z,\n    data.aws_iam_policy_document.p,\n  ]\n}\n');
  });

  it("leaves other strings alone, inside and outside depends_on", () => {
    const hcl = 'name = "aws_x.y"\ndepends_on = ["not a reference"]\n';
    expect(repairHcl(hcl)).toBe(hcl);
  });
});
