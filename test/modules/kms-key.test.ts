import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey as AwsKmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Testing } from "cdktf";
import { cloudWatchLogsGrant } from "../../modules/kms-grants";
import { KmsKey } from "../../modules/kms-key";
import { awsLocation } from "../../aws/arn";
import { only, synth } from "../support/synth";

const location = awsLocation("123456789012", "eu-west-1");

describe("KmsKey", () => {
  // GIVEN a key for CloudWatch Logs
  const s = synth((scope) =>
    new KmsKey(scope, "logs-key", { alias: "svc-dev-logs", description: "logs", location, grants: [cloudWatchLogsGrant(location)] }),
  );

  it("rotates, with a 30-day deletion window, and is not protected by default", () => {
    expect(s.json).toHaveResourceWithProperties(AwsKmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(only(s, "aws_kms_key").lifecycle).toBeUndefined();
  });

  it("has an alias", () => {
    expect(s.json).toHaveResourceWithProperties(KmsAlias, { name: "alias/svc-dev-logs" });
  });

  it("lets the account administer it, and CloudWatch Logs of this account and region use it", () => {
    const statements = Object.values(s.data.aws_iam_policy_document)[0].statement;
    expect(statements[0]).toMatchObject({ principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }] });
    expect(statements[1]).toMatchObject({
      principals: [{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }],
      condition: [{ test: "ArnLike", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:eu-west-1:123456789012:log-group:*"] }],
    });
    expect(s.json).toHaveDataSource(DataAwsIamPolicyDocument);
    expect(only(s, "aws_kms_key").policy).toMatch(/data\.aws_iam_policy_document\..*\.json/);
  });

  it("can be protected from destroy", () => {
    const p = synth((scope) => new KmsKey(scope, "k", { alias: "a", description: "d", location, grants: [], preventDestroy: true }));
    expect(only(p, "aws_kms_key").lifecycle).toEqual({ prevent_destroy: true });
  });

  it.each([6, 31, 7.5])("rejects a deletion window of %p days", (days) => {
    expect(() =>
      Testing.synthScope((scope) => new KmsKey(scope, "k", { alias: "a", description: "d", location, grants: [], deletionWindowInDays: days })),
    ).toThrow(`KmsKey a: deletionWindowInDays = ${days} is out of range. Allowed: a whole number from 7 to 30`);
  });

  it("uses the China partition's service domain there", () => {
    const cn = awsLocation("123456789012", "cn-north-1");
    expect(cloudWatchLogsGrant(cn).principals).toEqual([{ type: "Service", identifiers: ["logs.cn-north-1.amazonaws.com.cn"] }]);
  });
});
