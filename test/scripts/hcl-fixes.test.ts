import {
  JSON_DOCUMENTS,
  dropBlankLinesInsideBraces,
  hclString,
  hclStringValue,
  qualifyProviderSources,
  quoteKeysStartingWithDash,
  repairHcl,
  separates,
  unquoteDependsOn,
} from "../../scripts/lib/hcl-fixes";
import { parseHcl, printHcl, soleInterpolation } from "../../scripts/lib/hcl-tree";

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

  // cdktf's wrapIdentifierInQuotesIfNeeded quotes a leading digit, not a leading "-": HCL then reads `-v1` as a negation.
  it("GIVEN a map key that starts with '-' (a stage named -v1) THEN it is quoted, in cdktf's raw and in aligned HCL", () => {
    const hcl = 'output "invoke_urls" {\nvalue = {\nv1 = "${aws_api_gateway_stage.stage_v1.invoke_url}"\n-v1 = "${aws_api_gateway_stage.stage_v1_.invoke_url}"\n}\n}\n';
    expect(quoteKeysStartingWithDash(hcl)).toBe(hcl.replace("\n-v1 = ", '\n"-v1" = '));
    expect(quoteKeysStartingWithDash('    -iz- = x\n    ok-1 = y\n    "-q" = z\n')).toBe('    "-iz-" = x\n    ok-1 = y\n    "-q" = z\n');
    expect(repairHcl(hcl)).toContain('"-v1" = aws_api_gateway_stage.stage_v1_.invoke_url');
  });

  it("GIVEN a heredoc THEN its lines are text, left alone, and lines after it are repaired", () => {
    const hcl = 'x = <<-EOT\n-not = a key\nEOT\ny = {\n-v1 = 1\n}\n';
    expect(quoteKeysStartingWithDash(hcl)).toBe('x = <<-EOT\n-not = a key\nEOT\ny = {\n"-v1" = 1\n}\n');
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

/** cdktf's raw style: one item per line, no indentation. */
const raw = (...lines: string[]) => lines.join("\n") + "\n";

describe("parseHcl", () => {
  it("gives the text back, apart from blank lines, for blocks, multi-line values, heredocs and comments", () => {
    const hcl = raw(
      'resource "aws_x" "a" {',
      "# why",
      "tags = {",
      'a = "}"',
      "}",
      "policy = <<EOF",
      "{",
      "}",
      "EOF",
      'name = "${lookup({ a = "]" }, "a")}"',
      'dynamic "rule" {',
      "content {",
      "id = 1",
      "}",
      "}",
      "}",
    );
    const file = parseHcl(hcl);
    expect(file).toBeDefined();
    expect(printHcl(file!, () => false)).toBe(hcl);
    const body = file!.blocks[0].body;
    expect(body.map((item) => (item.kind === "block" ? `block ${item.type}` : `${item.name}${item.heredoc ? " (heredoc)" : ""}`))).toEqual(["tags", "policy (heredoc)", "name", "block dynamic"]);
    expect(body[0].comments).toEqual(["# why"]);
  });

  it.each([
    ["a /* comment */", raw('resource "aws_x" "a" {', "/* x */", "}")],
    ["a top-level attribute", raw("name = 1")],
    ["an unclosed block", raw('resource "aws_x" "a" {', "name = 1")],
    ["a bracket that never closes", raw('resource "aws_x" "a" {', "tags = {", "a = 1", "}", "x = [")],
    ["a block opened and closed on one line", raw('resource "aws_x" "a" {', "filter {}", "}")],
    ["a string that does not close on its line", raw('resource "aws_x" "a" {', 'name = "a', '"', "}")],
  ])("returns undefined for %s, so the repairs leave the text as it is", (_name, hcl) => {
    expect(parseHcl(hcl)).toBeUndefined();
    expect(repairHcl(hcl)).toBe(dropBlankLinesInsideBraces(hcl));
  });
});

describe("soleInterpolation", () => {
  it.each([
    ['"${aws_sns_topic.t.arn}"', "aws_sns_topic.t.arn"],
    ['"${sha1(aws_x.y.body)}"', "sha1(aws_x.y.body)"],
    ['"${file("a}b.json")}"', 'file("a}b.json")'],
    ['"${lookup({ a = "}" }, "a")}"', 'lookup({ a = "}" }, "a")'],
    ['"${"x"}"', '"x"'],
  ])("unwraps %s", (value, expression) => {
    expect(soleInterpolation(value)).toBe(expression);
  });

  it.each(['"arn:${aws_x.y.id}:x"', '"${aws_x.a.id}${aws_x.b.id}"', '"${aws_x.a.id} "', '"$${aws_x.a.id}"', '"${~ aws_x.a.id ~}"', '"${}"', '"%{if true}a%{endif}"', "aws_x.a.id", '"${a}-${b}"'])(
    "leaves %s (literal text, two parts, an escape, a strip marker, a directive)",
    (value) => {
      expect(soleInterpolation(value)).toBeUndefined();
    },
  );
});

describe("unwrapSoleInterpolations", () => {
  it("writes references and calls bare in list items and object values, and keeps real templates as strings", () => {
    const hcl = raw(
      'resource "aws_cloudwatch_metric_alarm" "a" {',
      "alarm_actions = [",
      '"${aws_sns_topic.t.arn}",',
      '"arn:aws:sns:eu-west-1:111111111111:${aws_sns_topic.t.name}"',
      "]",
      "triggers = {",
      'redeployment = "${sha1(aws_x.y.body)}"',
      '"a.b" = "${aws_x.y.id}"',
      'name = "prefix-${aws_x.y.id}"',
      "}",
      'arn = "${aws_sns_topic.t.arn}"',
      "}",
    );
    expect(repairHcl(hcl)).toBe(
      raw(
        'resource "aws_cloudwatch_metric_alarm" "a" {',
        "alarm_actions = [",
        "aws_sns_topic.t.arn,",
        '"arn:aws:sns:eu-west-1:111111111111:${aws_sns_topic.t.name}"',
        "]",
        "triggers = {",
        "redeployment = sha1(aws_x.y.body)",
        '"a.b" = aws_x.y.id',
        'name = "prefix-${aws_x.y.id}"',
        "}",
        "arn = aws_sns_topic.t.arn",
        "}",
      ),
    );
  });

  it("leaves a heredoc's lines alone: they are text", () => {
    const hcl = raw('resource "aws_x" "a" {', "script = <<EOF", '"${aws_x.y.id}"', "EOF", "}");
    expect(repairHcl(hcl)).toBe(hcl);
  });
});

describe("hclString and hclStringValue", () => {
  it.each(["plain", 'say "hi"', "back\\slash \\d", "line\nbreak\ttab\r", "${not.a.reference} %{not a directive}", "$${already} 100%", "café ☕ \u0001 \u007f", "line\u2028separator", ""])(
    "round-trip %j",
    (value) => {
      expect(hclStringValue(hclString(value))).toBe(value);
    },
  );

  it("reads Terraform's escapes, and refuses an interpolation or an escape Terraform rejects", () => {
    expect(hclStringValue('"a\\u00e9\\U0001F600\\"\\\\$${x}%%{y}"')).toBe('aé😀"\\${x}%{y}');
    expect(hclStringValue('"${aws_x.y.id}"')).toBeUndefined();
    expect(hclStringValue('"^\\d+$"')).toBeUndefined();
    expect(hclStringValue('"\\uD800"')).toBeUndefined();
    expect(hclStringValue('"a\\/b"')).toBeUndefined(); // JSON's `\/`: not an HCL escape
    expect(hclStringValue('"tab\tkept"')).toBe("tab\tkept");
    expect(hclStringValue('"a" + "b"')).toBeUndefined();
  });
});

describe("jsonDocumentsAsJsonencode", () => {
  const dashboard = {
    start: "-PT6H",
    widgets: [
      {
        type: "metric",
        width: 6,
        properties: {
          metrics: [["AWS/ApiGateway", "Count", "ApiName", "orders", { stat: "Sum", label: "Requests" }], [{ expression: "m2 - m1", id: "e1" }]],
          yAxis: { left: { min: 0, max: 0.05 } },
          "a.b": null,
          for: true,
          markdown: 'say "hi" ${x}',
          empty: [],
          none: {},
        },
      },
    ],
  };
  const resource = (type: string, name: string, value: unknown) => raw(`resource "${type}" "d" {`, `${name} = ${hclString(JSON.stringify(value))}`, 'dashboard_name = "d"', "}");

  it("writes a dashboard body as jsonencode() of an HCL object: objects one item per line, metric rows on one line", () => {
    expect(repairHcl(resource("aws_cloudwatch_dashboard", "dashboard_body", dashboard))).toBe(
      raw(
        'resource "aws_cloudwatch_dashboard" "d" {',
        "dashboard_body = jsonencode({",
        'start = "-PT6H"',
        "widgets = [",
        "{",
        'type = "metric"',
        "width = 6",
        "properties = {",
        "metrics = [",
        '["AWS/ApiGateway", "Count", "ApiName", "orders", { stat = "Sum", label = "Requests" }],',
        '[{ expression = "m2 - m1", id = "e1" }],',
        "]",
        "yAxis = {",
        "left = {",
        "min = 0",
        "max = 0.05",
        "}",
        "}",
        '"a.b" = null',
        '"for" = true',
        'markdown = "say \\"hi\\" $${x}"',
        "empty = []",
        "none = {}",
        "}",
        "},",
        "]",
        "})",
        'dashboard_name = "d"',
        "}",
      ),
    );
  });

  it("writes policies of the listed resources as jsonencode(), and nothing else", () => {
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
    expect(repairHcl(resource("aws_iam_role_policy", "policy", policy))).toContain("policy = jsonencode({\nVersion = ");
    // the access log format: its key order is the order of each log line's fields, which jsonencode would sort
    const format = raw('resource "aws_api_gateway_stage" "s" {', "access_log_settings {", `format = ${hclString('{"requestId":"$context.requestId","ip":"$context.identity.sourceIp"}')}`, "}", "}");
    expect(repairHcl(format)).toBe(format);
    // a string that is not a JSON object, or holds an interpolation, stays
    for (const value of ['"not json {"', '"{\\"a\\":\\"${aws_x.y.id}\\"}"', '"12"']) {
      const hcl = raw('resource "aws_cloudwatch_dashboard" "d" {', `dashboard_body = ${value}`, "}");
      expect(repairHcl(hcl)).toBe(hcl);
    }
    expect(Object.keys(JSON_DOCUMENTS)).not.toContain("aws_api_gateway_stage");
  });
});

describe("layout (HashiCorp's style conventions)", () => {
  it("separates top-level blocks by one blank line, and in a body the meta-arguments, arguments, each type of nested block and lifecycle", () => {
    const hcl = raw(
      "terraform {",
      "required_providers {",
      "aws = {",
      'source = "aws"',
      "}",
      "}",
      'backend "s3" {',
      'bucket = "b"',
      "}",
      "}",
      "",
      "",
      'provider "aws" {',
      'region = "eu-west-1"',
      "default_tags {",
      "tags = {",
      'a = "b"',
      "}",
      "}",
      "}",
      'data "aws_iam_policy_document" "p" {',
      "statement {",
      "actions = [",
      '"s3:GetObject"',
      "]",
      "condition {",
      'test = "Bool"',
      "}",
      "condition {",
      'test = "StringEquals"',
      "}",
      "principals {",
      'type = "*"',
      "}",
      "}",
      "statement {",
      'sid = "Two"',
      "}",
      "}",
      'resource "aws_api_gateway_stage" "s" {',
      'stage_name = "v1"',
      "access_log_settings {",
      'format = "x"',
      "}",
      "lifecycle {",
      "create_before_destroy = true",
      "}",
      "depends_on = [",
      "aws_x.y",
      "]",
      "}",
    );
    expect(repairHcl(hcl)).toBe(
      raw(
        "terraform {",
        "required_providers {",
        "aws = {",
        'source = "hashicorp/aws"',
        "}",
        "}",
        "",
        'backend "s3" {',
        'bucket = "b"',
        "}",
        "}",
        "",
        'provider "aws" {',
        'region = "eu-west-1"',
        "",
        "default_tags {",
        "tags = {",
        'a = "b"',
        "}",
        "}",
        "}",
        "",
        'data "aws_iam_policy_document" "p" {',
        "statement {",
        "actions = [",
        '"s3:GetObject"',
        "]",
        "",
        "condition {",
        'test = "Bool"',
        "}",
        "condition {",
        'test = "StringEquals"',
        "}",
        "",
        "principals {",
        'type = "*"',
        "}",
        "}",
        "statement {",
        'sid = "Two"',
        "}",
        "}",
        "",
        'resource "aws_api_gateway_stage" "s" {',
        "depends_on = [",
        "aws_x.y",
        "]",
        "",
        'stage_name = "v1"',
        "",
        "access_log_settings {",
        'format = "x"',
        "}",
        "",
        "lifecycle {",
        "create_before_destroy = true",
        "}",
        "}",
      ),
    );
  });

  it("keeps comments after the last item of a body and of the file where they are", () => {
    const hcl = raw('resource "aws_x" "a" {', "name = 1", "# last in the body", "}", "# last in the file");
    expect(repairHcl(hcl)).toBe(hcl);
  });

  it("keeps comments with the item they precede, and a text without a final newline without one", () => {
    const hcl = 'resource "aws_x" "a" {\nrule {\n}\n# the name\nname = 1\n}\nresource "aws_x" "b" {\n}';
    expect(repairHcl(hcl)).toBe('resource "aws_x" "a" {\n# the name\nname = 1\n\nrule {\n}\n}\n\nresource "aws_x" "b" {\n}');
  });

  it("is stable: repairing repaired HCL changes nothing", () => {
    const hcl = raw('resource "aws_x" "a" {', "rule {", "}", 'name = "${aws_x.b.id}"', "depends_on = [", "aws_x.b", "]", "}", 'resource "aws_x" "b" {', "}");
    expect(repairHcl(repairHcl(hcl))).toBe(repairHcl(hcl));
    expect(separates).toBeInstanceOf(Function);
  });
});

describe("HCL a formatter has aligned (cdktf synth --hcl formats its output before the repairs)", () => {
  it("GIVEN aligned attributes and object items THEN it is repaired like unaligned HCL", () => {
    const aligned = ['resource "aws_x" "a" {', '  name   = "a"', "  dimensions = {", '    Stage   = "${aws_y.b.stage_name}"', "  }", "}", 'resource "aws_x" "b" {', '  id = "b"', "}", ""].join("\n");
    const repaired = repairHcl(aligned);
    expect(repaired).toContain("Stage   = aws_y.b.stage_name");
    expect(repaired).toContain('}\n\nresource "aws_x" "b"');
  });
});
