import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Testing } from "cdktf";
import { cloudWatchAlarmsGrant } from "../../modules/kms-grants";
import { awsLocation } from "../../aws/arn";
import { HTTPS_CONFIRMATION_TIMEOUT_MINUTES, NotificationTopic } from "../../modules/notification-topic";
import { all, synth } from "../support/synth";

const location = awsLocation("123456789012", "eu-west-1");
const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/k";

describe("NotificationTopic", () => {
  const s = synth((scope) =>
    new NotificationTopic(scope, "alarms", { name: "svc-dev-alarms", location, kmsKeyArn, emails: ["a@example.com"], httpsEndpoints: ["https://hooks.example.com/x"] }),
  );

  it("is encrypted with the given key", () => {
    expect(s.json).toHaveResourceWithProperties(SnsTopic, { name: "svc-dev-alarms", kms_master_key_id: kmsKeyArn });
  });

  it("subscribes every email and HTTPS endpoint", () => {
    expect(s.json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "a@example.com" });
    expect(s.json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "https", endpoint: "https://hooks.example.com/x" });
    expect(all(s, "aws_sns_topic_subscription")).toHaveLength(2);
  });

  // SNS API reference, Subscribe: an HTTP/S endpoint must confirm before it receives anything. The provider
  // waits for that confirmation only with endpoint_auto_confirms, up to confirmation_timeout_in_minutes, and
  // fails the apply otherwise (terraform-provider-aws resourceTopicSubscriptionCreate; issue #12838).
  it("makes the apply wait for each HTTPS endpoint to confirm, so a wrong URL fails the apply (SNS Subscribe; terraform-provider-aws #12838)", () => {
    const [https] = all(s, "aws_sns_topic_subscription").filter((sub) => sub.protocol === "https");
    expect(https).toMatchObject({ endpoint_auto_confirms: true, confirmation_timeout_in_minutes: HTTPS_CONFIRMATION_TIMEOUT_MINUTES });
    expect(HTTPS_CONFIRMATION_TIMEOUT_MINUTES).toBeGreaterThan(1);
    // Email cannot confirm itself: the provider never waits for it, so it must not claim to auto-confirm.
    const [email] = all(s, "aws_sns_topic_subscription").filter((sub) => sub.protocol === "email");
    expect(email.endpoint_auto_confirms).toBeUndefined();
  });

  it("lets only this account's CloudWatch alarms publish, over TLS", () => {
    const statements = Object.values(s.data.aws_iam_policy_document)[0].statement;
    const alarms = statements.find((st: any) => st.sid === "ThisAccountsAlarmsPublish");
    expect(alarms.principals).toEqual([{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }]);
    expect(alarms.condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*"] },
    ]);
    expect(statements.find((st: any) => st.sid === "DenyInsecureTransport").effect).toBe("Deny");
  });

  it("rejects a plain-HTTP endpoint", () => {
    expect(() =>
      Testing.synthScope((scope) => new NotificationTopic(scope, "t", { name: "t", location, kmsKeyArn, httpsEndpoints: ["http://hooks.example.com"] })),
    ).toThrow("NotificationTopic t: httpsEndpoints http://hooks.example.com are not HTTPS. Allowed: https:// URLs only");
  });

  it("the key grant lets CloudWatch encrypt what it publishes", () => {
    expect(cloudWatchAlarmsGrant()).toMatchObject({ principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }], actions: ["kms:Decrypt", "kms:GenerateDataKey*"] });
  });
});
