/**
 * SlackChannel: GIVEN a topic and a Slack channel, THEN an AWS Chatbot channel configuration subscribed to the topic,
 * a role Chatbot may assume that reads CloudWatch only, and guardrails always set; what
 * CreateSlackChannelConfiguration would reject at apply is refused at synth, naming the field.
 */
import { Testing } from "cdktf";
import { SlackChannel, type SlackChannelProps } from "../../modules/slack-channel";
import { dataNamed, only, synth } from "../support/synth";

const TOPIC = "arn:aws:sns:eu-west-1:111111111111:orders-api-staging-alarms";
const props: SlackChannelProps = {
  settings: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" },
  configurationName: "orders-api-staging-alarms",
  roleName: "orders-api-staging-alarms-chatbot",
  partition: "aws",
  topicArns: [TOPIC],
};

describe("SlackChannel", () => {
  const s = synth((scope) => new SlackChannel(scope, "alarms-slack", props));

  it("subscribes the channel to the topic with CloudWatch read-only guardrails and ERROR logging by default", () => {
    expect(only(s, "aws_chatbot_slack_channel_configuration")).toMatchObject({
      configuration_name: "orders-api-staging-alarms",
      slack_team_id: "T07EA123LEP",
      slack_channel_id: "C07EZ1ABC23",
      sns_topic_arns: [TOPIC],
      guardrail_policy_arns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"],
      logging_level: "ERROR",
      iam_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.[^.]+\.arn\}$/),
    });
  });

  // AWS Chatbot Administrator Guide, "IAM policies for AWS Chatbot": the channel role trusts chatbot.amazonaws.com.
  it("lets only AWS Chatbot assume its role, which reads CloudWatch and nothing else", () => {
    expect(dataNamed(s, "aws_iam_policy_document", "trust").statement).toEqual([
      { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["chatbot.amazonaws.com"] }] },
    ]);
    expect(only(s, "aws_iam_role")).toMatchObject({ name: "orders-api-staging-alarms-chatbot" });
    expect(only(s, "aws_iam_role_policy_attachment").policy_arn).toBe("arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess");
    expect(s.resource.aws_iam_role_policy).toBeUndefined();
  });

  it("creates the configuration after the role can read CloudWatch (Chatbot checks the role when it is created)", () => {
    expect(only(s, "aws_chatbot_slack_channel_configuration").depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy_attachment\./)]);
  });

  it("GIVEN guardrails and a logging level THEN the configuration has exactly those", () => {
    const custom = synth((scope) => new SlackChannel(scope, "c", { ...props, settings: { ...props.settings, guardrailPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], loggingLevel: "NONE" } }));
    expect(only(custom, "aws_chatbot_slack_channel_configuration")).toMatchObject({ guardrail_policy_arns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], logging_level: "NONE" });
  });

  it.each([
    [{ partition: "aws-cn" }, 'partition = "aws-cn" has no AWS Chatbot (its API takes arn:aws: ARNs only). Allowed: aws'],
    [{ configurationName: "orders api alarms" }, 'configurationName = "orders api alarms" is not a name CreateSlackChannelConfiguration accepts. Allowed: 1 to 128 letters, digits, - or _'],
    [{ configurationName: "a".repeat(129) }, "is not a name CreateSlackChannelConfiguration accepts"],
    [{ topicArns: [] }, "topicArns = [] is empty: the channel would receive nothing. Allowed: at least one SNS topic ARN"],
    [{ settings: { ...props.settings, workspaceId: "t-1" } }, 'workspaceId = "t-1" is not a SlackTeamId'],
    [{ settings: { ...props.settings, channelId: "#ops" } }, 'channelId = "#ops" is not a SlackChannelId'],
    [{ settings: { ...props.settings, guardrailPolicyArns: [] } }, "guardrailPolicyArns = [] is empty, and Chatbot then applies AdministratorAccess"],
    [{ settings: { ...props.settings, guardrailPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } }, 'guardrailPolicyArns = "arn:aws:iam::aws:policy/AdministratorAccess" is not a narrowing IAM managed policy ARN'],
    [{ roleName: "r".repeat(65) }, `name = "${"r".repeat(65)}" is 65 characters long`],
  ])("GIVEN %j THEN the construct refuses it at synth, naming the field", (change, message) => {
    expect(() => Testing.synthScope((scope) => new SlackChannel(scope, "c", { ...props, ...change } as SlackChannelProps))).toThrow(`SlackChannel ${(change as { configurationName?: string }).configurationName ?? props.configurationName}: `);
    expect(() => Testing.synthScope((scope) => new SlackChannel(scope, "c", { ...props, ...change } as SlackChannelProps))).toThrow(message);
  });
});
