/**
 * A Slack channel that receives a topic's alarms through AWS Chatbot (`slack` of an environment: its alarm
 * topic; `account.slack`: the account's security topic). Off when left out. The workspace must have been
 * authorized once in the AWS Chatbot console (Slack's OAuth flow has no API); its id is then shown there.
 * Ids are checked against what CreateSlackChannelConfiguration accepts (aws/chatbot.ts) and Slack's own
 * prefixes; production refuses placeholder ids (rules/slack.ts).
 */
import { z } from "zod";
import {
  awsManagedPolicyArn,
  CHATBOT_DEFAULT_GUARDRAIL,
  CHATBOT_LOGGING_LEVELS,
  CHATBOT_PARTITION,
  CLOUDWATCH_READ_ONLY_POLICY,
  GUARDRAIL_POLICY_ARN,
  SLACK_CHANNEL_ID,
  SLACK_CHANNEL_ID_PREFIXES,
  SLACK_TEAM_ID,
  SLACK_WORKSPACE_ID_PREFIX,
} from "../../aws/chatbot";
import { duplicates, list, oneOf, section } from "./fields";
import { explain, issue, type RuleIssueParams } from "./issues";

const WORKSPACE_ALLOWED = "the workspace (team) id the AWS Chatbot console shows once the workspace is authorized: T and upper-case letters or digits, e.g. T07EA123LEP";
const CHANNEL_ALLOWED = "the channel id at the end of the channel's link: C (public) or G (private) and upper-case letters or digits, e.g. C07EZ1ABC23";
const GUARDRAIL_ALLOWED = `IAM managed policy ARNs of the aws partition, e.g. "${awsManagedPolicyArn(CHATBOT_PARTITION, CLOUDWATCH_READ_ONLY_POLICY)}"`;

/** Only the first problem of a value, and only once the value is a string. */
const unlessFailed = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

/** A Slack workspace (team) id: CreateSlackChannelConfiguration's SlackTeamId, and a team id (T...) of Slack's. */
const workspaceId = z
  .string({ error: explain("is not a Slack workspace id", WORKSPACE_ALLOWED) })
  .regex(SLACK_TEAM_ID, { error: explain("is not a Slack workspace id AWS Chatbot accepts (SlackTeamId: 1 to 255 upper-case letters or digits)", WORKSPACE_ALLOWED) })
  .refine((id) => id.startsWith(SLACK_WORKSPACE_ID_PREFIX), { error: explain("is not a Slack workspace (team) id: those start with T", WORKSPACE_ALLOWED), ...unlessFailed });

/** A Slack channel id: SlackChannelId's pattern, and a channel Chatbot can post to (public C..., private G...; not a DM). */
const channelId = z
  .string({ error: explain("is not a Slack channel id", CHANNEL_ALLOWED) })
  .regex(SLACK_CHANNEL_ID, { error: explain("is not a Slack channel id AWS Chatbot accepts (SlackChannelId: 1 to 255 letters or digits)", CHANNEL_ALLOWED) })
  .refine((id) => SLACK_CHANNEL_ID_PREFIXES.some((p) => id.startsWith(p)) && id === id.toUpperCase(), {
    error: explain("is not the id of a Slack channel (channel ids start with C or G and are upper case; D is a direct message)", CHANNEL_ALLOWED),
    ...unlessFailed,
  });

/** A guardrail: an IAM managed policy ARN, and never the AdministratorAccess Chatbot falls back to. */
const guardrailPolicyArn = z
  .string({ error: explain("is not a policy ARN", GUARDRAIL_ALLOWED) })
  .regex(GUARDRAIL_POLICY_ARN, { error: explain("is not an IAM managed policy ARN of the aws partition", GUARDRAIL_ALLOWED) })
  .refine((policyArn) => !policyArn.endsWith(`:policy/${CHATBOT_DEFAULT_GUARDRAIL}`), {
    error: explain("lets anyone in the channel do anything the role can, which is what a guardrail exists to narrow", `a narrower policy, e.g. ${CLOUDWATCH_READ_ONLY_POLICY} or ReadOnlyAccess`),
    ...unlessFailed,
  });

const guardrails = list(guardrailPolicyArn, "is not a list", `a non-empty list of ${GUARDRAIL_ALLOWED}`)
  .min(1, { error: explain(`is empty, and Chatbot applies ${CHATBOT_DEFAULT_GUARDRAIL} when no guardrail is set`, `at least one of ${GUARDRAIL_ALLOWED}`) })
  .superRefine(
    (arns, ctx) => {
      for (const repeated of duplicates(arns)) {
        const configIssue = issue("[]", repeated, "is listed more than once", "each policy once");
        ctx.addIssue({ code: "custom", input: repeated, message: configIssue.problem, params: { configIssue } satisfies RuleIssueParams });
      }
    },
    { when: (payload) => Array.isArray(payload.value) },
  );

/** The default guardrail and channel role policy: CloudWatch, read only. */
export const defaultGuardrails = (): string[] => [awsManagedPolicyArn(CHATBOT_PARTITION, CLOUDWATCH_READ_ONLY_POLICY)];

export const slackChannelFields = section(
  {
    /** The Slack workspace (team) id, authorized once in the AWS Chatbot console. */
    workspaceId,
    /** The channel's id (C... public, G... private). For a private channel, invite @aws (the Chatbot app) to it first. */
    channelId,
    /**
     * Channel guardrails (GuardrailPolicyArns): the most anyone in the channel may do through Chatbot, whatever
     * the channel role allows. @default ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]
     */
    guardrailPolicyArns: guardrails.default(defaultGuardrails),
    /** What Chatbot logs about this configuration: ERROR, INFO or NONE. @default "ERROR" */
    loggingLevel: oneOf(CHATBOT_LOGGING_LEVELS, "is not a logging level AWS Chatbot accepts").default("ERROR"),
  },
  "is not a Slack channel setting",
  "{ workspaceId, channelId, guardrailPolicyArns?, loggingLevel? }",
);

/** A topic's Slack channel through AWS Chatbot. @default off (no channel) */
export const slackChannelSchema = slackChannelFields.optional();
export type SlackChannel = z.output<typeof slackChannelFields>;
export type SlackChannelInput = z.input<typeof slackChannelFields>;
