/**
 * The Slack channels' rules across sections: AWS Chatbot exists in the `aws` partition only, production refuses
 * placeholder ids (the shipped non-production environments carry some so a review shows the feature), and the
 * names built from the environment fit what Chatbot and IAM accept.
 */
import { partitionOf } from "../../aws/arn";
import { CHATBOT_PARTITION, chatbotNames, ENVIRONMENT_SLACK_PURPOSE, MAX_CHATBOT_CONFIGURATION_NAME_LENGTH } from "../../aws/chatbot";
import { MAX_ROLE_NAME_LENGTH } from "../../aws/limits";
import type { EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";
import type { SlackChannel } from "../schema/slack";
import { nameLength } from "./name-length";

/**
 * Ids nobody's Slack has: all zeros after the prefix letter, or words left for someone to replace. Slack ids are
 * upper-case letters and digits, so the words are matched in upper case.
 */
const PLACEHOLDER_ID = /^[A-Z]0+$|EXAMPLE|PLACEHOLDER|REPLACEME|CHANGEME|XXXX|TODO/;

export function isPlaceholderSlackId(id: string): boolean {
  return PLACEHOLDER_ID.test(id);
}

/** A channel's placeholder ids, reported on `field`. */
function placeholderIds(field: string, slack: SlackChannel, whose: string): ConfigIssue[] {
  const placeholder = (key: "workspaceId" | "channelId", what: string) =>
    isPlaceholderSlackId(slack[key]) ? [issue(`${field}.${key}`, slack[key], `is a placeholder, so ${whose} would reach no Slack ${what}`, `the real ${what} id from the AWS Chatbot console or Slack`)] : [];
  return [...placeholder("workspaceId", "workspace"), ...placeholder("channelId", "channel")];
}

/** Chatbot's API and ARNs are `arn:aws:` only: no configuration can be made for China or GovCloud regions. */
function partitionIssue(field: string, slack: SlackChannel | undefined, region: string): ConfigIssue[] {
  const partition = partitionOf(region);
  return slack !== undefined && partition !== CHATBOT_PARTITION
    ? [issue(field, slack, `is set for region ${region} of partition ${partition}, where AWS Chatbot does not exist (its ARNs are arn:aws: only)`, "no slack setting in this region's environments")]
    : [];
}

export const slackInChatbotPartition: EnvironmentRule = rule(["region", "slack"], (env) => partitionIssue("slack", env.slack, env.region));

export const accountSlackInChatbotPartition: EnvironmentRule = rule(["region", "account.slack"], (env) => partitionIssue("account.slack", env.account.slack, env.region));

export const productionSlackIds: EnvironmentRule = rule(["tier", "slack"], (env) =>
  env.tier === "production" && env.slack !== undefined ? placeholderIds("slack", env.slack, "production alarms") : [],
);

export const productionAccountSlackIds: EnvironmentRule = rule(["account.production", "account.slack"], (env) =>
  env.account.production && env.account.slack !== undefined ? placeholderIds("account.slack", env.account.slack, "the production account's security alarms") : [],
);

/** The channel configuration and its role are named from service and environment. */
export const slackNames: EnvironmentRule = rule(["service", "name", "slack"], (env) => {
  if (env.slack === undefined) return [];
  const names = chatbotNames(`${env.service}-${env.name}`, ENVIRONMENT_SLACK_PURPOSE);
  const both = `${env.service}, ${env.name}`;
  return [
    ...nameLength("service, name", both, "Chatbot channel configuration", names.configuration, MAX_CHATBOT_CONFIGURATION_NAME_LENGTH),
    ...nameLength("service, name", both, "Chatbot channel role", names.role, MAX_ROLE_NAME_LENGTH),
  ];
});

export const SLACK_RULES: readonly EnvironmentRule[] = [slackInChatbotPartition, accountSlackInChatbotPartition, productionSlackIds, productionAccountSlackIds, slackNames];
