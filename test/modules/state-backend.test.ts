/** Where each stack's state lives: a local file by default, or one encrypted, locked S3 object per stack. */
import { Testing, TerraformStack } from "cdktf";
import { configureStateBackend, s3StateKey } from "../../modules/state-backend";

type StateBackend = NonNullable<Parameters<typeof configureStateBackend>[2]>;

function backendOf(stackName: string, backend?: StateBackend): Record<string, any> {
  const app = Testing.app();
  const stack = new TerraformStack(app, stackName);
  configureStateBackend(stack, stackName, backend);
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

const S3: StateBackend = { type: "s3", bucket: "tfstate-123456789012-eu-west-1", region: "eu-west-1", keyPrefix: "team/apigw" };

describe("state backend", () => {
  it("GIVEN no backend THEN state is a local file in the project root, named after the stack", () => {
    expect(backendOf("dev")).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
  });

  it("GIVEN an S3 backend THEN one encrypted object per stack, locked with an S3 lock file", () => {
    expect(backendOf("prod", S3)).toEqual({
      s3: { bucket: "tfstate-123456789012-eu-west-1", key: "team/apigw/prod/terraform.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
  });

  it("GIVEN a KMS key THEN the state objects are encrypted with it", () => {
    const kmsKeyId = "arn:aws:kms:eu-west-1:123456789012:alias/terraform-state";
    expect(backendOf("prod", { ...S3, kmsKeyId }).s3).toMatchObject({ kms_key_id: kmsKeyId, encrypt: true });
  });

  it("no DynamoDB lock table: the lock file needs none", () => {
    expect(backendOf("prod", S3).s3).not.toHaveProperty("dynamodb_table");
  });

  it("two stacks in one bucket never share a key", () => {
    expect(s3StateKey("p", "account-prod-eu-west-1")).not.toEqual(s3StateKey("p", "prod"));
    expect(backendOf("staging", S3).s3.key).not.toEqual(backendOf("dev", S3).s3.key);
  });
});
