/**
 * The SNS topic that alarms notify, encrypted with a customer-managed key, with its subscribers.
 * The key passed in must carry `cloudWatchAlarmsGrant` (CloudWatch must encrypt what it publishes);
 * the topic policy lets this account's CloudWatch alarms publish, and nobody outside the account.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { arn, type AwsLocation } from "./naming";

export interface NotificationTopicProps {
  readonly name: string;
  readonly location: AwsLocation;
  /** ARN of a KMS key whose policy has `cloudWatchAlarmsGrant`. */
  readonly kmsKeyArn: string;
  /** Email subscribers; each must confirm by email before it receives anything. @default [] */
  readonly emails?: readonly string[];
  /** HTTPS subscribers (paging or chat webhooks), `https://` only. @default [] */
  readonly httpsEndpoints?: readonly string[];
}

export class NotificationTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: NotificationTopicProps) {
    super(scope, id);
    const insecure = (props.httpsEndpoints ?? []).filter((url) => !url.startsWith("https://"));
    if (insecure.length > 0) {
      throw new Error(`NotificationTopic ${props.name}: httpsEndpoints ${insecure.join(", ")} are not HTTPS. Allowed: https:// URLs only`);
    }
    this.topic = new SnsTopic(this, "topic", { name: props.name, kmsMasterKeyId: props.kmsKeyArn });
    this.arn = this.topic.arn;

    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountManagesTopic",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:${props.location.partition}:iam::${props.location.accountId}:root`] }],
          actions: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"],
          resources: [this.topic.arn],
        },
        {
          sid: "ThisAccountsAlarmsPublish",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [props.location.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [arn(props.location, "cloudwatch", "alarm:*")] },
          ],
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    new SnsTopicPolicy(this, "topic-policy", { arn: this.topic.arn, policy: policy.json });

    (props.emails ?? []).forEach((email, i) =>
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: "email", endpoint: email }),
    );
    (props.httpsEndpoints ?? []).forEach((url, i) =>
      new SnsTopicSubscription(this, `https-${i}`, { topicArn: this.topic.arn, protocol: "https", endpoint: url }),
    );
  }
}
