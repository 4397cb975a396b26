import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Testing, TerraformStack } from "cdktf";
import { commentInHcl, hclComments } from "../../modules/hcl-comments";

describe("commentInHcl", () => {
  const topic = new SnsTopic(new TerraformStack(Testing.app(), "s"), "t", { name: "t" });

  it("keeps the lines given for an element, in order, and none for the others", () => {
    // GIVEN two comments on one element, WHEN read back, THEN both lines in order
    commentInHcl(topic, "first line", "second line");
    commentInHcl(topic, "third line");
    expect(hclComments(topic)).toEqual(["first line", "second line", "third line"]);
    expect(hclComments(new SnsTopic(topic.cdktfStack, "other", { name: "o" }))).toEqual([]);
  });

  it.each([["a\nb"], ["  "]])("refuses a line that would not be one comment line: %p", (line) => {
    expect(() => commentInHcl(topic, line)).toThrow(`commentInHcl s/t: comment line ${JSON.stringify(line)} is empty or has a newline`);
  });
});
