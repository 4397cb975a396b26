import { dropBlankLinesInsideBraces, qualifyProviderSources, repairHcl, unquoteDependsOn } from "../../scripts/lib/hcl-fixes";

describe("HCL repairs", () => {
  it("unquotes references in depends_on, which Terraform warns about", () => {
    const hcl = 'resource "a" "b" {\n  depends_on = [\n    "aws_cloudwatch_log_group.x_y-z",\n    "data.aws_iam_policy_document.p",\n  ]\n}\n';
    expect(unquoteDependsOn(hcl)).toBe('resource "a" "b" {\n  depends_on = [\n    aws_cloudwatch_log_group.x_y-z,\n    data.aws_iam_policy_document.p,\n  ]\n}\n');
  });

  it("leaves other strings alone, inside and outside depends_on", () => {
    const hcl = 'name = "aws_x.y"\ndepends_on = ["not a reference"]\n';
    expect(repairHcl(hcl)).toBe(hcl);
  });

  it("drops the blank lines cdktf leaves at the start and end of blocks, and keeps those between blocks", () => {
    const hcl = 'terraform {\n  backend "local" {\n    path = "x"\n  }\n\n\n}\n\nresource "a" "b" {\n  filter {\n\n  }\n}\n';
    expect(dropBlankLinesInsideBraces(hcl)).toBe('terraform {\n  backend "local" {\n    path = "x"\n  }\n}\n\nresource "a" "b" {\n  filter {\n  }\n}\n');
  });

  it("leaves text with a heredoc alone (its blank lines may be content)", () => {
    const hcl = 'x = <<EOT\n{\n\n}\nEOT\n';
    expect(dropBlankLinesInsideBraces(hcl)).toBe(hcl);
  });

  it("writes the provider source out as Terraform reads it: hashicorp/<name>", () => {
    const hcl = 'terraform {\n  required_providers {\n    aws = {\n      version = "5.100.0"\n      source  = "aws"\n    }\n  }\n}\n';
    expect(qualifyProviderSources(hcl)).toContain('      source  = "hashicorp/aws"\n');
    const raw = 'terraform {\nrequired_providers {\naws = {\nversion = "5.100.0"\nsource = "aws"\n}\n}\n}\nresource "x" "y" {\nsource = "file"\n}\n';
    expect(qualifyProviderSources(raw)).toBe(raw.replace('source = "aws"', 'source = "hashicorp/aws"'));
    const qualified = 'terraform {\n  required_providers {\n    gh = {\n      source = "integrations/github"\n    }\n  }\n}\n';
    expect(qualifyProviderSources(qualified)).toBe(qualified);
    const elsewhere = 'resource "x" "y" {\n  source = "file"\n}\n';
    expect(qualifyProviderSources(elsewhere)).toBe(elsewhere);
  });
});
