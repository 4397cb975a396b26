/**
 * AWS Chatbot (renamed "Amazon Q Developer in chat applications") facts: what CreateSlackChannelConfiguration
 * accepts, where its API lives, and the names this project gives a channel configuration and its role.
 * Sources: AWS Chatbot API Reference (the `chatbot-2017-10-11` model: shapes SlackTeamId, SlackChannelId,
 * ConfigurationName, Arn, CustomerCwLogLevel, GuardrailPolicyArnList) and terraform-provider-aws
 * `internal/service/chatbot/service_package.go`.
 */
/**
 * The regions of the Chatbot API ("AWS Chatbot APIs are currently available in the following Regions"). Chatbot
 * is global: a configuration made in one of them serves every region's SNS topics. The AWS provider sends its
 * Chatbot calls to the provider's region when it is one of these and to us-west-2 otherwise
 * (`service_package.go`: "Chatbot endpoint is available only in the 4 regions ... If not default to
 * us-west-2"), so no provider alias is needed; an SCP that denies those regions fails the apply.
 */
export const CHATBOT_API_REGIONS = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"] as const;

/** The region the AWS provider (5.x) calls the Chatbot API in for a provider of `region`. */
export function chatbotApiRegion(region: string): string {
  return (CHATBOT_API_REGIONS as readonly string[]).includes(region) ? region : "us-west-2";
}

/** Every ARN the Chatbot API takes or returns (IamRoleArn, SnsTopicArns, ChatConfigurationArn) is `arn:aws:...`. */
export const CHATBOT_PARTITION = "aws";

/** Shape SlackTeamId: 1 to 255 characters, Pattern `[0-9A-Z]{1,255}`. */
export const SLACK_TEAM_ID = /^[0-9A-Z]{1,255}$/;
/** Shape SlackChannelId: 1 to 255 characters, Pattern `[A-Za-z0-9]+`. */
export const SLACK_CHANNEL_ID = /^[A-Za-z0-9]{1,255}$/;
/** Shape ConfigurationName: 1 to 128 characters, Pattern `[A-Za-z0-9-_]+`. */
export const CHATBOT_CONFIGURATION_NAME = /^[A-Za-z0-9_-]{1,128}$/;
export const MAX_CHATBOT_CONFIGURATION_NAME_LENGTH = 128;
/** Shape CustomerCwLogLevel: `ERROR`, `INFO` or `NONE`. */
export const CHATBOT_LOGGING_LEVELS = ["ERROR", "INFO", "NONE"] as const;
export type ChatbotLoggingLevel = (typeof CHATBOT_LOGGING_LEVELS)[number];

/** The principal of a channel role's trust policy ("IAM policies for AWS Chatbot"). */
export const CHATBOT_SERVICE_PRINCIPAL = "chatbot.amazonaws.com";

/**
 * GuardrailPolicyArns: "The AWS managed AdministratorAccess policy is applied by default if this is not set."
 * Every configuration here names its guardrails; an empty list would fall back to that default.
 */
export const CHATBOT_DEFAULT_GUARDRAIL = "AdministratorAccess";

/** What a channel role and its guardrail allow by default: reading CloudWatch (alarms, metrics, logs). */
export const CLOUDWATCH_READ_ONLY_POLICY = "CloudWatchReadOnlyAccess";

/** `arn:<partition>:iam::aws:policy/<name>`: an AWS managed policy. */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** An IAM managed policy ARN of the `aws` partition: AWS managed (`iam::aws:`) or of an account, with its path. */
export const GUARDRAIL_POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/** Slack's own ids: a workspace (team) id starts with T, a public channel's with C, a private channel's with G. */
export const SLACK_WORKSPACE_ID_PREFIX = "T";
export const SLACK_CHANNEL_ID_PREFIXES = ["C", "G"] as const;

/** The purpose part of the names of an environment's channel (its alarm topic) and an account's (security topic). */
export const ENVIRONMENT_SLACK_PURPOSE = "alarms";
export const ACCOUNT_SLACK_PURPOSE = "security-alarms";

/**
 * Names of one channel configuration and its role: `<owner>-<purpose>` and `<owner>-<purpose>-chatbot`, where
 * the owner is an environment's `<service>-<environment>` or an account's name.
 */
export function chatbotNames(owner: string, purpose: string): { configuration: string; role: string } {
  return { configuration: `${owner}-${purpose}`, role: `${owner}-${purpose}-chatbot` };
}
