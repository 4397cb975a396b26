/**
 * A Slack channel that receives SNS topics' notifications through AWS Chatbot: the channel configuration
 * (`aws_chatbot_slack_channel_configuration`, subscribed to the topics), its role and its guardrails.
 *
 * - The role is assumed by `chatbot.amazonaws.com` ("IAM policies for AWS Chatbot") and may read CloudWatch
 *   (`CloudWatchReadOnlyAccess`): what the channel shows around an alarm. Guardrails cap what anyone in the
 *   channel may do through it; left unset, Chatbot applies AdministratorAccess, so they are always set.
 * - Chatbot is global: its configurations live in one of four API regions, and the AWS provider picks one by
 *   itself (aws/chatbot.ts), so no provider alias is needed and the ARN has no region.
 * - Encrypted topics: nothing on the key is for Chatbot. SNS decrypts a message for its subscribers itself;
 *   the publisher needs `kms:GenerateDataKey*` and `kms:Decrypt` (Amazon SNS Developer Guide, "Key
 *   management"): CloudWatch alarms get them from `cloudWatchAlarmsGrant`, which every topic's key carries.
 *   Without it alarms never reach the topic, and the channel stays silent with no error anywhere.
 * - Chatbot subscribes the topics itself (through its service-linked role AWSServiceRoleForAWSChatbot);
 *   the workspace must have been authorized once in the Chatbot console, which has no API.
 *
 * Construct ids: the configuration and role are named after the construct (`alarms-slack`:
 * `aws_chatbot_slack_channel_configuration.alarms_slack`, `aws_iam_role.alarms_slack`).
 */
import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import {
  awsManagedPolicyArn,
  CHATBOT_CONFIGURATION_NAME,
  CHATBOT_DEFAULT_GUARDRAIL,
  CHATBOT_PARTITION,
  CHATBOT_SERVICE_PRINCIPAL,
  CLOUDWATCH_READ_ONLY_POLICY,
  type ChatbotLoggingLevel,
  GUARDRAIL_POLICY_ARN,
  SLACK_CHANNEL_ID,
  SLACK_TEAM_ID,
} from "../aws/chatbot";
import { assertWithinLimits, iamRoleProblems, type LimitProblem } from "../aws/limits";

/** What a Slack channel's config holds: the parsed `slack` section is one. */
export interface SlackChannelSettings {
  /** The Slack workspace (team) id, authorized in the AWS Chatbot console. */
  readonly workspaceId: string;
  /** The Slack channel id (C... or G...). */
  readonly channelId: string;
  /** IAM managed policies that cap what the channel may do. @default [CloudWatchReadOnlyAccess] */
  readonly guardrailPolicyArns?: readonly string[];
  /** @default "ERROR" */
  readonly loggingLevel?: ChatbotLoggingLevel;
}

export interface SlackChannelProps {
  readonly settings: SlackChannelSettings;
  /** ConfigurationName: 1 to 128 of letters, digits, `-` and `_`. */
  readonly configurationName: string;
  readonly roleName: string;
  /** The partition of the stack's region; Chatbot exists in `aws` only. */
  readonly partition: string;
  /** The topics whose notifications the channel receives; their keys must let their publishers use them. */
  readonly topicArns: readonly string[];
}

export class SlackChannel extends Construct {
  public readonly configuration: ChatbotSlackChannelConfiguration;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: SlackChannelProps) {
    super(scope, id);
    const owner = `SlackChannel ${props.configurationName}`;
    const { settings } = props;
    const guardrails = settings.guardrailPolicyArns ?? [awsManagedPolicyArn(CHATBOT_PARTITION, CLOUDWATCH_READ_ONLY_POLICY)];
    assertWithinLimits(owner, [...slackChannelProblems(props, guardrails), ...iamRoleProblems(props.roleName)]);

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [CHATBOT_SERVICE_PRINCIPAL] }] }],
    });
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Lets AWS Chatbot read CloudWatch for the Slack channel configuration ${props.configurationName}`,
      assumeRolePolicy: trust.json,
    });
    const readCloudWatch = new IamRolePolicyAttachment(this, "cloudwatch-read-only", {
      role: this.role.name,
      policyArn: awsManagedPolicyArn(props.partition, CLOUDWATCH_READ_ONLY_POLICY),
    });
    this.configuration = new ChatbotSlackChannelConfiguration(this, "channel", {
      configurationName: props.configurationName,
      iamRoleArn: this.role.arn,
      slackTeamId: settings.workspaceId,
      slackChannelId: settings.channelId,
      snsTopicArns: [...props.topicArns],
      guardrailPolicyArns: [...guardrails],
      loggingLevel: settings.loggingLevel ?? "ERROR",
      // Chatbot checks the role when the configuration is created.
      dependsOn: [readCloudWatch],
    });
  }
}

/** What CreateSlackChannelConfiguration would reject at apply, for a construct used without the config schema. */
export function slackChannelProblems(props: Pick<SlackChannelProps, "configurationName" | "partition" | "topicArns" | "settings">, guardrails: readonly string[]): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const check = (ok: boolean, field: string, value: unknown, problem: string, allowed: string) => {
    if (!ok) problems.push({ field, value, problem, allowed });
  };
  check(props.partition === CHATBOT_PARTITION, "partition", props.partition, "has no AWS Chatbot (its API takes arn:aws: ARNs only)", CHATBOT_PARTITION);
  check(CHATBOT_CONFIGURATION_NAME.test(props.configurationName), "configurationName", props.configurationName, "is not a name CreateSlackChannelConfiguration accepts", "1 to 128 letters, digits, - or _");
  check(SLACK_TEAM_ID.test(props.settings.workspaceId), "workspaceId", props.settings.workspaceId, "is not a SlackTeamId", "1 to 255 upper-case letters or digits");
  check(SLACK_CHANNEL_ID.test(props.settings.channelId), "channelId", props.settings.channelId, "is not a SlackChannelId", "1 to 255 letters or digits");
  check(props.topicArns.length > 0, "topicArns", [], "is empty: the channel would receive nothing", "at least one SNS topic ARN");
  check(guardrails.length > 0, "guardrailPolicyArns", [], `is empty, and Chatbot then applies ${CHATBOT_DEFAULT_GUARDRAIL}`, "at least one IAM managed policy ARN");
  for (const guardrail of guardrails) {
    check(GUARDRAIL_POLICY_ARN.test(guardrail) && !guardrail.endsWith(`/${CHATBOT_DEFAULT_GUARDRAIL}`), "guardrailPolicyArns", guardrail, "is not a narrowing IAM managed policy ARN", `an IAM policy ARN other than ${CHATBOT_DEFAULT_GUARDRAIL}`);
  }
  return problems;
}
