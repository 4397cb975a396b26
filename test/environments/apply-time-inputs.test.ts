/**
 * Inputs that synth and an offline plan accept and a real apply (or first plan) rejects, or that deploy a
 * quietly broken production: tags, regions, execution logs in production, and sampling rule names.
 * GIVEN a shipped environment with one thing changed, WHEN it is loaded, THEN one clear error names the
 * environment, the field, the value and what is allowed (or the config is accepted and synthesizes so).
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS } from "../../environments";
import { checkEnvironment, validateEnvironment } from "../../environments/validate";
import type { EnvironmentInput } from "../../environments/types";
import { partitionOf } from "../../aws/arn";
import { UNKNOWN_TO_TERRAFORM_S3_BACKEND } from "../../aws/regions";
import { STANDARD_TAG_KEYS, standardTags } from "../../aws/tags";
import { buildStacks } from "../../stacks/app";
import { PROVIDER_REGIONS, TAG_LIMITS } from "../support/aws-facts";
import { rejectionOf, withEnv, withStage } from "../support/environments";

function expectRejected(input: EnvironmentInput, ...fragments: string[]): string {
  const message = rejectionOf(input);
  for (const fragment of fragments) expect(message).toContain(fragment);
  return message;
}

const withTags = (tags: Record<string, unknown>) => withEnv("dev", { tags });
const accepted = (input: EnvironmentInput) => expect(() => validateEnvironment(input)).not.toThrow();

/**
 * Tags. Source: "Tag naming limits and requirements" in the Tagging AWS resources user guide
 * (https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html#tag-naming-limits-and-requirements)
 * and the `Tag` shape of the IAM API reference (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html):
 * key pattern `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`, 1..128; value `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, 0..256; at most 50
 * user tags per resource; `aws:` reserved. The tags are the provider's `default_tags`, so every resource
 * (IAM roles, log groups, buckets...) carries them, and a bad one fails the first create at apply.
 */
describe("tags AWS rejects at apply", () => {
  it.each([
    ["cost center!", "x"],
    ["a<b>", "x"],
  ])("a key with a character outside AWS's tag pattern (%s)", (key, value) => {
    expectRejected(
      withTags({ [key]: value }),
      `environment "dev": tags.${key} = "${key}": is not a tag key AWS accepts. Allowed: 1 to 128 Unicode letters, digits, spaces or _ . : / = + - @, not starting with 'aws:'`,
    );
  });

  it("a value with a character outside AWS's tag pattern", () => {
    expectRejected(withTags({ team: "a<b>" }), 'tags.team = "a<b>": is not a tag value AWS accepts. Allowed: a string of 0 to 256 Unicode letters');
  });

  it("the aws: prefix in any letter case", () => {
    expectRejected(withTags({ "AWS:team": "x" }), 'tags.AWS:team = "AWS:team": is not a tag key AWS accepts');
  });

  it("counts Unicode characters, as AWS does: 128 accented letters are a key, 129 are not; values up to 256", () => {
    accepted(withTags({ ["ü".repeat(128)]: "ß".repeat(256) }));
    expectRejected(withTags({ ["ü".repeat(129)]: "x" }), "is not a tag key AWS accepts");
    expectRejected(withTags({ team: "ß".repeat(257) }), "is not a tag value AWS accepts");
  });

  it("accepts Unicode letters, spaces and every allowed symbol, and an empty value", () => {
    accepted(withTags({ "cost center": "Zürich Büro", Kostenstelle: "a/b=c+d@e:f.g_h-1", 日本: "", team: "" }));
  });

  it(`at most ${TAG_LIMITS.perResource} tags per resource, counting the 4 the project adds`, () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`team-${i}`, "x"]));
    accepted(withTags(tags(46)));
    expectRejected(
      withTags(tags(47)),
      'environment "dev": tags = "47 tags": with the 4 tags the project sets (environment, service, owner, managed-by) would put 51 tags on every resource; AWS allows 50. Allowed: at most 46 tags',
    );
  });

  it("the count uses exactly the keys standardTags sets", () => {
    expect(Object.keys(standardTags({ environment: "e", service: "s", owner: "o" })).sort()).toEqual([...STANDARD_TAG_KEYS].sort());
  });
});

describe("a tag the project sets is not silently replaced", () => {
  it.each([
    ["owner", "someone-else", 'from the field owner = "platform-team"'],
    ["environment", "prod", 'from the field name = "dev"'],
    ["service", "other", 'from the field service = "orders-api"'],
    ["managed-by", "terraform", 'from always "cdktf"'],
  ])("a team tag %s is an error naming where the project's value comes from", (key, value, source) => {
    expectRejected(
      withTags({ [key]: value }),
      `environment "dev": tags.${key} = "${value}": is set by the project on every resource, ${source}. Allowed: a tag key other than environment, service, owner, managed-by (in any letter case)`,
    );
  });

  // IAM compares tag keys without case; CreateRole rejects the pair: "InvalidInput: Duplicate tag keys found.
  // Please note that Tag keys are case insensitive." (github-aws-runners/terraform-aws-github-runner#1346 with
  // default_tags on aws_iam_role; aws/aws-cdk#26253). The archive and CloudTrail roles carry the default tags.
  it("a team tag that differs from a standard key only in case (IAM roles: Duplicate tag keys found)", () => {
    expectRejected(withTags({ Owner: "x" }), 'tags.Owner = "x": differs only in letter case from the tag "owner" the project sets on every resource', "IAM roles treat tag keys case-insensitively");
  });

  it("two team tags that differ only in case (IAM roles: Duplicate tag keys found)", () => {
    expectRejected(withTags({ Team: "a", team: "b" }), 'tags.team = "b": differs only in letter case from tags.Team, and IAM roles treat tag keys case-insensitively. Allowed: one of the two keys');
  });
});

describe("owner and service become tag values", () => {
  it("an owner outside AWS's tag value pattern", () => {
    expectRejected(withEnv("dev", { owner: "team<platform>" }), 'environment "dev": owner = "team<platform>": is not a value AWS accepts for the owner tag. Allowed: 1 to 256 Unicode letters');
  });

  it("an empty owner", () => {
    expectRejected(withEnv("dev", { owner: "" }), 'owner = "": is not a value AWS accepts for the owner tag');
  });

  it("an owner with spaces and Unicode letters, as AWS allows", () => {
    accepted(withEnv("dev", { owner: "Plattform Team Zürich" }));
  });

  it("a service name that would not be a tag value is already rejected by the service rule", () => {
    expectRejected(withEnv("dev", { service: "orders api!" }), 'service = "orders api!": is malformed');
  });
});

/**
 * Regions. Source: the AWS provider 5.100.0 validates `region` against its endpoint data (hashicorp/
 * aws-sdk-go-base endpoints/endpoints_gen.go) and `terraform plan` fails with `invalid AWS Region: eu-west-9`;
 * Terraform 1.11's S3 backend fails `init` the same way for a state bucket region it does not know.
 */
describe("regions that do not exist", () => {
  it("eu-west-9: the error lists the aws partition's regions", () => {
    const message = expectRejected(
      withEnv("staging", { region: "eu-west-9" }),
      'environment "staging": region = "eu-west-9": is not a region of the aws partition that AWS provider 5.100 knows (plan would fail with "invalid AWS Region"). Allowed: one of af-south-1, ap-east-1,',
    );
    for (const region of PROVIDER_REGIONS.aws) expect(message).toContain(region);
    expect(message).not.toContain("cn-north-1");
  });

  it("ap-southeast-6 (New Zealand) is newer than provider 5.100 and fails the same way", () => {
    expectRejected(withEnv("dev", { region: "ap-southeast-6" }), 'region = "ap-southeast-6": is not a region of the aws partition');
  });

  it.each([
    ["cn-north-9", "aws-cn", "one of cn-north-1, cn-northwest-1"],
    ["us-gov-north-1", "aws-us-gov", "one of us-gov-east-1, us-gov-west-1"],
  ])("%s: the error lists its own partition's regions", (region, partition, allowed) => {
    expectRejected(withEnv("dev", { region }), `region = "${region}": is not a region of the ${partition} partition`, `Allowed: ${allowed}`);
  });

  it.each([
    ["us-isob-east-1", "aws-iso-b"],
    ["us-iso-east-1", "aws-iso"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("%s: a real region of a partition whose ARNs the project does not write (%s)", (region, partition) => {
    expectRejected(
      withEnv("dev", { region }),
      `region = "${region}": is in the ${partition} partition, whose ARNs and service domains this project does not write. Allowed: a region of the aws, aws-cn or aws-us-gov partition (aws: af-south-1,`,
    );
  });

  it("every listed region is accepted, and is in the partition partitionOf writes its ARNs for", () => {
    for (const [partition, regions] of Object.entries(PROVIDER_REGIONS)) {
      for (const region of regions) {
        // Without the account's Slack channel: AWS Chatbot does not exist in China and GovCloud (tested apart).
        expect(validateEnvironment(withEnv("dev", { region, account: { ...ENVIRONMENTS.dev.account, slack: undefined } })).region).toBe(region);
        expect({ region, partition: partitionOf(region) }).toEqual({ region, partition });
      }
    }
  });

  it("the state bucket's region goes through the same rule", () => {
    const backend = { type: "s3", bucket: "tfstate-111111111111", region: "eu-west-9" };
    expectRejected(withEnv("staging", { stateBackend: backend }), 'stateBackend.region = "eu-west-9": is not a region of the aws partition');
  });

  it("ap-east-2: an environment may deploy there, its state bucket may not be there (Terraform 1.11's S3 backend does not know it)", () => {
    expect(UNKNOWN_TO_TERRAFORM_S3_BACKEND).toContain("ap-east-2");
    accepted(withEnv("staging", { region: "ap-east-2" }));
    const backend = { type: "s3", bucket: "tfstate-111111111111", region: "ap-east-2" };
    const message = expectRejected(
      withEnv("staging", { stateBackend: backend }),
      'stateBackend.region = "ap-east-2": is not known to Terraform 1.11\'s S3 backend (terraform init would fail with "Invalid AWS Region")',
    );
    expect(message).toContain("Allowed: a state bucket in one of af-south-1, ap-east-1, ap-northeast-1");
  });
});

describe("production execution logs", () => {
  it("execution logging OFF for one method in production is an error naming the method", () => {
    const overrides = [{ method: "GET /orders", loggingLevel: "OFF" }];
    expectRejected(
      withStage("prod", { methodOverrides: overrides }, 1),
      'environment "prod": stages[1].methodOverrides[0].loggingLevel = "OFF": turns execution logging off in production for GET /orders. Allowed: ERROR or INFO',
    );
  });

  it("an override that only inherits the stage's OFF is reported once, with the stage", () => {
    const message = rejectionOf(withStage("prod", { loggingLevel: "OFF", methodOverrides: [{ method: "GET /orders", throttling: { burstLimit: 10, rateLimit: 5 } }] }, 1));
    expect(message).toContain('stages[1].loggingLevel = "OFF"');
    expect(message).not.toContain("methodOverrides[0].loggingLevel");
  });

  it("OFF per method stays allowed outside production", () => {
    accepted(withStage("dev", { methodOverrides: [{ method: "GET /health", loggingLevel: "OFF" }] }));
  });

  it("the shipped prod keeps its health check quiet (no per-method metrics) with execution logs at ERROR", () => {
    const health = validateEnvironment(ENVIRONMENTS.prod).stages[0].methodOverrides.find((o) => o.resourcePath === "/health")!;
    expect(health).toMatchObject({ httpMethod: "GET", loggingLevel: "ERROR", metricsEnabled: false });
  });

  it("a short retention in production is an error even when the archive keeps a year: execution logs are not archived", () => {
    expectRejected(
      withEnv("prod", { logs: { retentionDays: 30 } }),
      'environment "prod": logs.retentionDays = 30: also keeps the production execution logs only 30 days, and execution logs are not archived: the S3 archive receives only the access logs. Allowed: at least 365 days, or logs.executionRetentionDays of at least 365',
    );
  });

  it("a short execution log retention of its own in production", () => {
    expectRejected(
      withEnv("prod", { logs: { retentionDays: 365, executionRetentionDays: 90 } }),
      'logs.executionRetentionDays = 90: keeps the production execution logs only 90 days, and execution logs are not archived',
      "Allowed: at least 365 days",
    );
  });

  it("a short archive and a short retention: one error that names both ways out", () => {
    const archive = { lifecycle: { transitions: [], expirationDays: 180 } };
    const message = expectRejected(
      withEnv("prod", { logs: { retentionDays: 30 }, archive }),
      "logs.retentionDays = 30: is too short for production while the archive keeps logs only 180 days. Allowed: at least 365 days, or archive.lifecycle.expirationDays of at least 365 together with logs.executionRetentionDays of at least 365 (execution logs are not archived",
    );
    expect(message).toMatch(/\(1 error\)/);
  });

  it("an execution log retention CloudWatch does not accept", () => {
    expectRejected(withEnv("dev", { logs: { retentionDays: 14, executionRetentionDays: 45 } }), "logs.executionRetentionDays = 45: is not a retention CloudWatch Logs accepts");
  });

  it("access logs kept 30 days (archived a year) and execution logs a year: accepted, and each log group gets its own retention", () => {
    const env = validateEnvironment(withEnv("prod", { logs: { retentionDays: 30, executionRetentionDays: 365 } }));
    const { environments } = buildStacks(Testing.app(), [env]);
    const groups = Object.values(JSON.parse(Testing.synth(environments[0])).resource.aws_cloudwatch_log_group) as { name: string; retention_in_days: number }[];
    const retention = (fragment: string) => [...new Set(groups.filter((g) => g.name.includes(fragment)).map((g) => g.retention_in_days))];
    expect(retention("API-Gateway-Execution-Logs_")).toEqual([365]);
    expect(retention("/access")).toEqual([30]);
  });
});

describe("sampling rule names when the service name is long", () => {
  const longService = "orders-platform-api-gw-eu"; // 25 characters: "orders-platform-api-gw-eu-staging-" is 34

  it("says the service/environment name is too long, once, instead of a negative stage name length", () => {
    const message = expectRejected(
      withEnv("staging", { service: longService }),
      `environment "staging": service = "${longService}": with the environment name "staging" makes the prefix "${longService}-staging-" of the X-Ray sampling rule names 34 characters long, leaving no room for a stage name (X-Ray rule names are at most 32). Allowed: a service name of at most 22 characters for this environment (service and environment name together at most 29 characters), or tracingEnabled: false on every stage`,
    );
    expect(message).not.toMatch(/at most -\d/);
    expect(message.match(/X-Ray sampling rule/g)).toHaveLength(1);
  });

  // Other names (the archive bucket's) have limits of their own; these look at the sampling rule names only.
  const samplingIssues = (input: EnvironmentInput) => checkEnvironment(input).issues.filter((i) => i.problem.includes("X-Ray"));

  it("the longest service name the message allows fits a one-character stage", () => {
    const env = ENVIRONMENTS.staging;
    expect(samplingIssues({ ...env, service: "o".repeat(22), stages: [{ name: "a" }] })).toEqual([]);
    expect(samplingIssues({ ...env, service: "o".repeat(23), stages: [{ name: "a" }] })).toHaveLength(1);
  });

  it("not traced anywhere: the same service name has no sampling rule to name", () => {
    const env = ENVIRONMENTS.staging;
    expect(samplingIssues({ ...env, service: longService, stages: env.stages.map((s) => ({ ...s, tracingEnabled: false })) })).toEqual([]);
  });
});
