/**
 * The SNS topic that alarms notify, encrypted with a customer-managed key, with its subscribers.
 * The key passed in must carry `cloudWatchAlarmsGrant` (CloudWatch must encrypt what it publishes);
 * the topic policy lets this account's CloudWatch alarms publish, and nobody outside the account.
 *
 * An HTTPS subscription delivers nothing until its endpoint confirms it (SNS API reference, Subscribe), and
 * without `endpoint_auto_confirms` the provider creates it and moves on, so a wrong URL never pages anyone
 * and plan stays clean. With it, the apply waits `confirmation_timeout_in_minutes` for the confirmation and
 * fails otherwise (terraform-provider-aws `resourceTopicSubscriptionCreate`; issue #12838 shows the failure).
 * Secret URLs come from a sensitive Terraform variable or a SecureString SSM parameter, never from git.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Fn, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { arn, type AwsLocation } from "../aws/arn";

/**
 * Minutes an apply waits for an HTTPS endpoint to confirm its subscription (the provider's default is 1).
 * PagerDuty confirms within seconds; SNS retries delivering the confirmation request, so allow for that.
 */
export const HTTPS_CONFIRMATION_TIMEOUT_MINUTES = 5;

/** Where an HTTPS subscriber's URL comes from: written out, a sensitive Terraform variable, or an SSM SecureString. */
export type HttpsEndpointInput = string | { readonly ssmParameter: string } | { readonly variable: string };

/** Who a topic notifies. */
export interface NotificationSubscribers {
  /** Email subscribers; each must confirm by email before it receives anything. @default [] */
  readonly emails?: readonly string[];
  /**
   * HTTPS subscribers (paging or chat webhooks): an `https://` URL, `{ variable }` (a sensitive Terraform
   * variable of the stack, set through `TF_VAR_<name>`) or `{ ssmParameter }` (a SecureString read at plan
   * time). Each must confirm its subscription during the apply. @default []
   */
  readonly httpsEndpoints?: readonly HttpsEndpointInput[];
}

export interface NotificationTopicProps extends NotificationSubscribers {
  readonly name: string;
  readonly location: AwsLocation;
  /** ARN of a KMS key whose policy has `cloudWatchAlarmsGrant`. */
  readonly kmsKeyArn: string;
}

export class NotificationTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: NotificationTopicProps) {
    super(scope, id);
    const insecure = (props.httpsEndpoints ?? []).filter((e) => typeof e === "string" && !e.startsWith("https://"));
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
    (props.httpsEndpoints ?? []).forEach(
      (endpoint, i) =>
        new SnsTopicSubscription(this, `https-${i}`, {
          topicArn: this.topic.arn,
          protocol: "https",
          endpoint: this.endpointUrl(endpoint, `https-${i}`, props.name),
          endpointAutoConfirms: true,
          confirmationTimeoutInMinutes: HTTPS_CONFIRMATION_TIMEOUT_MINUTES,
        }),
    );
  }

  /** The URL itself, or a reference to where the secret URL comes from. */
  private endpointUrl(endpoint: HttpsEndpointInput, id: string, topicName: string): string {
    if (typeof endpoint === "string") return endpoint;
    if ("variable" in endpoint) return secretUrlVariable(this, endpoint.variable, topicName).stringValue;
    if ("ssmParameter" in endpoint) {
      // `value` is sensitive in the data source's schema, so plans print "(sensitive value)".
      return new DataAwsSsmParameter(this, `${id}-url`, { name: endpoint.ssmParameter, withDecryption: true }).value;
    }
    throw new Error(`NotificationTopic ${topicName}: httpsEndpoints entry ${JSON.stringify(endpoint)} is not allowed. Allowed: an https:// URL, { variable } or { ssmParameter }`);
  }
}

/**
 * The stack's sensitive variable `name`, declared once however many topics name it. No default: a missing
 * value fails the plan ("No value for required variable") instead of subscribing a placeholder, and the
 * validation turns an empty or non-HTTPS value into an error that says how to set it.
 */
export function secretUrlVariable(scope: Construct, name: string, topicName: string): TerraformVariable {
  const stack = TerraformStack.of(scope);
  const id = `secret-url-${name}`;
  const existing = stack.node.tryFindChild(id);
  if (existing) return existing as TerraformVariable;
  const variable = new TerraformVariable(stack, id, {
    type: "string",
    sensitive: true,
    description: `Secret HTTPS endpoint (e.g. a PagerDuty integration URL) subscribed to ${topicName}. Set TF_VAR_${name}; never commit it.`,
  });
  variable.overrideLogicalId(name);
  variable.addValidation({
    condition: Fn.startswith(variable.stringValue, "https://"),
    errorMessage: `Set TF_VAR_${name} to the integration's https:// URL.`,
  });
  return variable;
}
