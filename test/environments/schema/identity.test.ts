/**
 * Who and where: GIVEN an environment's name, tier, region, service, owner and tags, WHEN parsed, THEN every
 * problem is reported with its field, value and what is allowed.
 * Sources: AWS provider 5.100.0's region list and Terraform 1.11's S3 backend (checked against both binaries,
 * see aws/regions.ts); "Tag naming limits and requirements" (Tagging AWS resources user guide): at most 50
 * tags per resource, keys of 1 to 128 and values of 0 to 256 Unicode characters of letters, digits, white
 * space and _ . : / = + - @, keys not starting with aws:; IAM CreateRole: "Duplicate tag keys found. Please
 * note that Tag keys are case insensitive."
 */
import { z } from "zod";
import { IDENTITY_RULES, standardTags, tagKeys } from "../../../environments/rules/identity";
import type { Environment } from "../../../environments/schema/environment";
import { section } from "../../../environments/schema/fields";
import { environmentNameSchema, ownerSchema, regionField, regionSchema, serviceSchema, tagsSchema, tierSchema } from "../../../environments/schema/identity";
import { formatIssue, toConfigIssues } from "../../../environments/schema/issues";
import { undeclaredReads } from "./rule-reads";

const identity = section(
  { name: environmentNameSchema, tier: tierSchema, region: regionSchema, service: serviceSchema, owner: ownerSchema, tags: tagsSchema },
  "is not an environment config",
  "an object",
);
const DEV = { name: "dev", tier: "non-production", region: "eu-west-1", service: "orders-api", owner: "platform-team" };

function problemsOf(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? [] : toConfigIssues(parsed.error.issues).map(formatIssue);
}
/** The identity fields as an environment has them (all the identity rules read, see "reads" below). */
const env = (changes: Record<string, unknown> = {}): Environment => identity.parse({ ...DEV, ...changes }) as unknown as Environment;
const ruleProblems = (value: Environment) => IDENTITY_RULES.flatMap((rule) => rule.check(value)).map(formatIssue);

describe("identity defaults", () => {
  it("GIVEN no tags WHEN parsed THEN an empty map, and the other fields as written", () => {
    expect(identity.parse(DEV)).toEqual({ ...DEV, tags: {} });
  });
});

describe("name and tier", () => {
  it.each([
    ["Dev", "name = \"Dev\": is malformed. Allowed: 1 to 20 lower-case letters, digits or '-', starting with a letter"],
    ["dev-environment-number-2", "name = \"dev-environment-number-2\": is malformed. Allowed: 1 to 20 lower-case letters, digits or '-', starting with a letter"],
    // The account stacks are named `account-<name>-<region>`: an environment may not take their names.
    ["account-nonprod", "name = \"account-nonprod\": starts with 'account-', which is reserved for the account stacks. Allowed: a name that does not start with 'account-'"],
  ])("GIVEN name %p THEN one issue", (name, message) => {
    expect(problemsOf(identity, { ...DEV, name })).toEqual([message]);
  });

  it("GIVEN a name both too long and reserved THEN only its format (the reserved prefix is judged on a well-formed name)", () => {
    expect(problemsOf(identity, { ...DEV, name: "account-nonprod-west1" })).toEqual([
      "name = \"account-nonprod-west1\": is malformed. Allowed: 1 to 20 lower-case letters, digits or '-', starting with a letter",
    ]);
  });

  it.each([["prod"], [undefined]])("GIVEN tier %p THEN it is not a tier", (tier) => {
    expect(problemsOf(identity, { ...DEV, tier })).toEqual([`tier = ${tier === undefined ? "(missing)" : `"${tier}"`}: is not a valid value. Allowed: production, non-production`]);
  });
});

describe("regions", () => {
  const regionProblems = (region: unknown) => problemsOf(identity, { ...DEV, region });

  it.each(["eu-west-1", "ap-southeast-5", "cn-northwest-1", "us-gov-west-1"])("GIVEN %s THEN accepted", (region) => {
    expect(regionProblems(region)).toEqual([]);
  });

  it.each(["EU-WEST-1", "eu-west", "eu-west-1a", 5])("GIVEN %p THEN malformed", (region) => {
    expect(regionProblems(region)).toEqual([`region = ${JSON.stringify(region)}: is malformed. Allowed: an AWS region code such as eu-west-1, us-east-1 or ap-southeast-2`]);
  });

  it("GIVEN a well-formed code the pinned provider does not know THEN plan would fail: rejected with the partition's regions", () => {
    const [message] = regionProblems("eu-west-9");
    expect(message).toMatch(/^region = "eu-west-9": is not a region of the aws partition that AWS provider 5\.100 knows \(plan would fail with "invalid AWS Region"\)\. Allowed: one of af-south-1, .*, us-west-2$/);
  });

  it("GIVEN a region of an isolated partition THEN rejected: the project writes no ARNs for it", () => {
    expect(regionProblems("us-isob-east-1")[0]).toContain('region = "us-isob-east-1": is in the aws-iso-b partition, whose ARNs and service domains this project does not write');
  });

  it("GIVEN ap-east-2 THEN an environment may be there, a state bucket not (Terraform 1.11's S3 backend does not know it)", () => {
    expect(regionProblems("ap-east-2")).toEqual([]);
    expect(problemsOf(section({ region: regionField("a region", { stateBucket: true }) }, "no", "an object"), { region: "ap-east-2" })[0]).toContain(
      `region = "ap-east-2": is not known to Terraform 1.11's S3 backend (terraform init would fail with "Invalid AWS Region"), though the AWS provider knows it. Allowed: a state bucket in one of af-south-1, ap-east-1, ap-northeast-1`,
    );
  });
});

describe("service and owner", () => {
  it.each([
    [{ service: "A" }, 'service = "A": is malformed. Allowed: 2 to 30 lower-case letters, digits or \'-\', starting with a letter'],
    [{ owner: "" }, 'owner = "": is not a value AWS accepts for the owner tag. Allowed: 1 to 256 Unicode letters, digits, spaces or _ . : / = + - @'],
    [{ owner: "team|ops" }, 'owner = "team|ops": is not a value AWS accepts for the owner tag. Allowed: 1 to 256 Unicode letters, digits, spaces or _ . : / = + - @'],
    [{ owner: "x".repeat(257) }, `owner = "${"x".repeat(257)}": is not a value AWS accepts for the owner tag. Allowed: 1 to 256 Unicode letters, digits, spaces or _ . : / = + - @`],
  ])("GIVEN %p THEN one issue", (changes, message) => {
    expect(problemsOf(identity, { ...DEV, ...changes })).toEqual([message]);
  });

  it("GIVEN an owner of 256 Unicode letters (AWS counts characters, not UTF-16 units) THEN accepted; an emoji is no letter", () => {
    expect(problemsOf(identity, { ...DEV, owner: "日".repeat(256) })).toEqual([]);
    expect(problemsOf(identity, { ...DEV, owner: "😀" })).toHaveLength(1);
  });
});

describe("tags", () => {
  it.each([["team"], [[]], [null]])("GIVEN tags = %p THEN not a map", (tags) => {
    expect(problemsOf(identity, { ...DEV, tags })).toEqual([`tags = ${JSON.stringify(tags)}: is not a map of strings. Allowed: an object of tag name to string value`]);
  });

  it("GIVEN keys AWS refuses THEN each is named, with its own key as the value", () => {
    const keys = ["aws:owner", "AWS:team", "k".repeat(129), "a|b", ""];
    const tags = Object.fromEntries([...keys, "k".repeat(128), "cost-center"].map((key) => [key, "v"]));
    expect(problemsOf(identity, { ...DEV, tags }).map((message) => message.split(" = ")[0])).toEqual(keys.map((key) => `tags.${key}`));
    expect(problemsOf(identity, { ...DEV, tags: { "aws:owner": "x" } })).toEqual([
      "tags.aws:owner = \"aws:owner\": is not a tag key AWS accepts. Allowed: 1 to 128 Unicode letters, digits, spaces or _ . : / = + - @, not starting with 'aws:'",
    ]);
  });

  it("GIVEN values AWS refuses THEN each; an empty value is allowed", () => {
    expect(problemsOf(identity, { ...DEV, tags: { a: "x|y", b: 5, c: "v".repeat(257), d: "" } }).map((m) => m.split(": ")[0])).toEqual(["tags.a = \"x|y\"", "tags.b = 5", `tags.c = "${"v".repeat(257)}"`]);
  });

  it("GIVEN 46 tags THEN accepted; 47 THEN with the 4 standard tags over AWS's 50", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
    expect(tagKeys.check(env({ tags: tags(46) }))).toEqual([]);
    expect(tagKeys.check(env({ tags: tags(47) })).map(formatIssue)).toEqual([
      'tags = "47 tags": with the 4 tags the project sets (environment, service, owner, managed-by) would put 51 tags on every resource; AWS allows 50. Allowed: at most 46 tags',
    ]);
  });

  it("GIVEN two keys that differ only in letter case THEN the second (IAM roles refuse the pair)", () => {
    expect(tagKeys.check(env({ tags: { Team: "a", team: "b" } })).map(formatIssue)).toEqual([
      'tags.team = "b": differs only in letter case from tags.Team, and IAM roles treat tag keys case-insensitively. Allowed: one of the two keys',
    ]);
  });

  it("GIVEN a standard tag key, in any letter case THEN it names the field the project takes the value from", () => {
    expect(standardTags.check(env({ tags: { environment: "x", Owner: "y", "managed-by": "z", team: "ok" } })).map(formatIssue)).toEqual([
      'tags.environment = "x": is set by the project on every resource, from the field name = "dev". Allowed: a tag key other than environment, service, owner, managed-by (in any letter case)',
      'tags.Owner = "y": differs only in letter case from the tag "owner" the project sets on every resource (from the field owner = "platform-team"), and IAM roles treat tag keys case-insensitively. Allowed: a tag key other than environment, service, owner, managed-by (in any letter case)',
      'tags.managed-by = "z": is set by the project on every resource, from always "cdktf". Allowed: a tag key other than environment, service, owner, managed-by (in any letter case)',
    ]);
  });

  it("GIVEN good tags THEN no rule objects", () => {
    expect(ruleProblems(env({ tags: { team: "orders", "cost-center": "42" } }))).toEqual([]);
  });
});

describe("reads", () => {
  it.each(IDENTITY_RULES.map((rule, i) => [i, rule] as const))("GIVEN rule %i THEN it reads only the fields it declares", (_, rule) => {
    expect(undeclaredReads(rule, env({ tags: { environment: "x", Team: "a", team: "b" } }))).toEqual([]);
  });
});
