/**
 * Bad state backends: each is rejected at synth, naming the environment, the field, the value and what is
 * allowed, instead of failing at `terraform init` after review (or, worse, sharing production state).
 */
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { EnvironmentInput } from "../../environments/types";
import { rejectionOf, withEnv } from "../support/environments";

const S3 = { type: "s3", bucket: "tfstate-111111111111-eu-west-1", region: "eu-west-1" };
const withBackend = (name: "dev" | "staging" | "prod", stateBackend: unknown) => withEnv(name, { stateBackend });
const withAccountBackend = (name: "dev" | "staging" | "prod", stateBackend: unknown) =>
  withEnv(name, { account: { ...ENVIRONMENTS[name].account, stateBackend } });

function expectRejected(input: EnvironmentInput, ...fragments: string[]): void {
  const message = rejectionOf(input);
  expect(message).toContain(`environment "${input.name}": `);
  for (const fragment of fragments) expect(message).toContain(fragment);
}

describe("state backend config", () => {
  it("the shipped configs: every environment in its own account's S3 bucket (CI deploys them all)", () => {
    const [dev, staging, prod] = loadEnvironments([ENVIRONMENTS.dev, ENVIRONMENTS.staging, ENVIRONMENTS.prod]);
    expect(dev.stateBackend).toEqual(staging.stateBackend);
    expect(loadEnvironments([{ ...ENVIRONMENTS.dev, stateBackend: undefined }])[0].stateBackend).toEqual({ type: "local" }); // the default
    expect(staging.stateBackend).toMatchObject({ type: "s3", keyPrefix: "apigw-observability" });
    expect(prod.stateBackend).toMatchObject({ type: "s3", keyPrefix: "apigw-observability" });
    expect(prod.stateBackend).not.toEqual(staging.stateBackend);
    expect(prod.account.stateBackend).toEqual(prod.stateBackend);
  });

  it("an unknown backend type", () => {
    expectRejected(withBackend("dev", { type: "consul" }), 'stateBackend.type = "consul": is not a state backend type. Allowed: local, s3');
  });

  it("a backend that is not an object", () => {
    expectRejected(withBackend("dev", "s3"), 'stateBackend = "s3": is not a state backend. Allowed: { type: "local" }');
  });

  it.each([
    ["upper case", "TfState-Bucket"],
    ["too short", "tf"],
    ["an IP address", "192.168.1.10"],
    ["double dots", "tf..state"],
    ["a reserved prefix", "xn--tfstate"],
    ["a trailing hyphen", "tfstate-"],
  ])("an S3 bucket name with %s", (_, bucket) => {
    expectRejected(withBackend("staging", { ...S3, bucket }), `stateBackend.bucket = "${bucket}": is malformed. Allowed: an S3 bucket name`);
  });

  it("a missing bucket", () => {
    expectRejected(withBackend("staging", { type: "s3", region: "eu-west-1" }), "stateBackend.bucket = (missing): is malformed");
  });

  it("a malformed bucket region", () => {
    expectRejected(withBackend("staging", { ...S3, region: "Europe" }), 'stateBackend.region = "Europe": is malformed. Allowed: the state bucket\'s AWS region code');
  });

  it.each(["/leading", "trailing/", "double//slash", "spaces here"])("a key prefix %j", (keyPrefix) => {
    expectRejected(withBackend("staging", { ...S3, keyPrefix }), `stateBackend.keyPrefix = "${keyPrefix}": is malformed. Allowed: folder names`);
  });

  it("a KMS key that is not an ARN", () => {
    expectRejected(withBackend("staging", { ...S3, kmsKeyId: "my-key" }), 'stateBackend.kmsKeyId = "my-key": is malformed. Allowed: the ARN of a KMS key or alias');
  });

  it("accepts a KMS key or alias ARN", () => {
    for (const kmsKeyId of ["arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:eu-west-1:111111111111:alias/tfstate"]) {
      expect(() => loadEnvironments([withBackend("staging", { ...S3, kmsKeyId })])).not.toThrow();
    }
  });

  it("production state in a local file", () => {
    expectRejected(withBackend("prod", { type: "local" }), 'stateBackend = {"type":"local"}: keeps production state in a file on one machine', 'Allowed: { type: "s3", bucket, region');
  });

  it("a production account's state in a local file", () => {
    expectRejected(withAccountBackend("prod", { type: "local" }), 'account.stateBackend = {"type":"local"}: keeps production state in a file on one machine');
  });

  it("the account's backend is checked like the environment's", () => {
    expectRejected(withAccountBackend("staging", { ...S3, bucket: "Bad" }), 'account.stateBackend.bucket = "Bad": is malformed');
  });

  it("a non-production environment whose state shares the production state bucket", () => {
    const prodBucket = (ENVIRONMENTS.prod.stateBackend as { bucket: string }).bucket;
    const message = rejectionOf(ENVIRONMENTS.prod, withBackend("staging", { ...S3, bucket: prodBucket }));
    expect(message).toContain(`environment "staging": stateBackend.bucket = "${prodBucket}": also holds the production state of environment "prod". Allowed: a state bucket of its own`);
    expect(message).not.toContain(`- environment "prod":`);
  });

  it("environments of one account disagree on the account stack's backend (one stack, one state)", () => {
    const message = rejectionOf(ENVIRONMENTS.dev, withAccountBackend("staging", { type: "local" }));
    expect(message).toContain('environment "staging": account = ');
    expect(message).toContain("stateBackend");
  });

  it("an environment name that would collide with an account stack's name and state key", () => {
    expectRejected(withEnv("dev", { name: "account-nonprod" }), 'name = "account-nonprod": starts with \'account-\', which is reserved for the account stacks');
  });
});
