/**
 * Constraints of the Slack channels (AWS Chatbot) and the Splunk destinations (Firehose) that only `apply` or the
 * running system reveals: `validate` and `plan` accept every value below. Each test names its source, and the facts
 * are typed in from it (test/support/aws-facts.ts), then checked against the constants the code uses and against
 * every resource the shipped stacks emit (the nonprod account's security topic gets a channel here too, so the account
 * stacks' configurations are checked as well).
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { NONPROD_ACCOUNT } from "../../environments/accounts";
import type { EnvironmentInput } from "../../environments/types";
import { CHATBOT_API_REGIONS, CHATBOT_CONFIGURATION_NAME, CHATBOT_LOGGING_LEVELS, CHATBOT_PARTITION, chatbotApiRegion, SLACK_CHANNEL_ID, SLACK_TEAM_ID } from "../../aws/chatbot";
import {
  CLOUDWATCH_LOGS_PROCESSORS,
  destinationBackupPrefixes,
  FIREHOSE_SECRET_ARN,
  MAX_HEC_ENDPOINT_LENGTH,
  OPENSEARCH_DESTINATION_TYPES,
  SPLUNK_ACK_TIMEOUT_SECONDS,
  SPLUNK_BUFFERING_INTERVAL_SECONDS,
  SPLUNK_BUFFERING_SIZE_MIB,
  SPLUNK_HEC_ENDPOINT_TYPES,
  SPLUNK_RETRY_DURATION_SECONDS,
  SPLUNK_S3_BACKUP_MODES,
  SPLUNK_SECRET_KEY,
} from "../../aws/log-destinations";
import { archiveErrorPrefix, archivePrefix } from "../../modules/log-subscription";
import { buildStacks } from "../../stacks/app";
import { CHATBOT_API, FIREHOSE_CLOUDWATCH_LOGS, FIREHOSE_SECRETS_MANAGER, FIREHOSE_SPLUNK, SNS_ENCRYPTED_TOPIC_PUBLISHER, SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../support/aws-facts";
import { rejectionOf, withEnv } from "../support/environments";

const SECURITY_SLACK = { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" };

/** The nonprod account's security topic in Slack too, for every environment of the account (they must agree). */
function withSecuritySlack(input: EnvironmentInput): EnvironmentInput {
  return input.account.name === NONPROD_ACCOUNT.name ? { ...input, account: { ...input.account, slack: SECURITY_SLACK } } : input;
}

const stacks = buildStacks(Testing.app(), loadEnvironments(Object.values(ENVIRONMENTS).map(withSecuritySlack)));
const emitted = [...stacks.accounts, ...stacks.environments].map((stack) => {
  const json = JSON.parse(Testing.synth(stack));
  return { stack: stack.node.id, region: json.provider.aws[0].region as string, json };
});
const resources = (type: string) => emitted.flatMap((e) => Object.entries(e.json.resource?.[type] ?? {}).map(([id, r]) => ({ ...(r as any), id, stack: e.stack, region: e.region, json: e.json })));
const chatbots = resources("aws_chatbot_slack_channel_configuration");
const splunkStreams = resources("aws_kinesis_firehose_delivery_stream").filter((s) => s.destination === "splunk");

it("the checks below see a Slack channel in an environment stack and an account stack, and a Splunk stream", () => {
  expect(chatbots.map((c) => c.stack).sort()).toEqual(["account-nonprod-eu-west-1", "staging"]);
  expect(splunkStreams.map((s) => s.name)).toEqual(["orders-api-staging-splunk-v1"]);
});

// ----------------------------------------------------------------------------------------------------
describe("AWS Chatbot (AWS Chatbot API Reference, CreateSlackChannelConfiguration, model chatbot-2017-10-11)", () => {
  it("the project's patterns, levels and regions are the API's", () => {
    expect([SLACK_TEAM_ID.source, SLACK_CHANNEL_ID.source, CHATBOT_CONFIGURATION_NAME.source]).toEqual([CHATBOT_API.slackTeamIdRule.source, CHATBOT_API.slackChannelIdRule.source, CHATBOT_API.configurationNameRule.source]);
    expect([...CHATBOT_LOGGING_LEVELS]).toEqual([...CHATBOT_API.loggingLevels]);
    expect([...CHATBOT_API_REGIONS].sort()).toEqual([...CHATBOT_API.regions].sort());
    expect(CHATBOT_PARTITION).toBe(CHATBOT_API.partition);
  });

  it("SlackTeamId, SlackChannelId and ConfigurationName match the API's patterns: every emitted configuration", () => {
    for (const c of chatbots) {
      expect({ c: c.configuration_name, team: CHATBOT_API.slackTeamIdRule.test(c.slack_team_id), channel: CHATBOT_API.slackChannelIdRule.test(c.slack_channel_id), name: CHATBOT_API.configurationNameRule.test(c.configuration_name) }).toEqual({
        c: c.configuration_name,
        team: true,
        channel: true,
        name: true,
      });
    }
  });

  it("GuardrailPolicyArns: 'AdministratorAccess is applied by default if this is not set': every configuration sets narrower guardrails", () => {
    for (const c of chatbots) {
      expect(c.guardrail_policy_arns.length).toBeGreaterThan(0);
      for (const guardrail of c.guardrail_policy_arns) expect(guardrail).not.toMatch(new RegExp(`/${CHATBOT_API.defaultGuardrail}$`));
    }
  });

  it("IamRoleArn and SnsTopicArns are arn:aws: only: every configuration is in a stack of the aws partition", () => {
    for (const c of chatbots) expect({ c: c.configuration_name, region: c.region }).toEqual({ c: c.configuration_name, region: expect.not.stringMatching(/^(cn|us-gov)-/) });
    expect(rejectionOf(withEnv("dev", { region: "us-gov-west-1", slack: SECURITY_SLACK }))).toContain("where AWS Chatbot does not exist (its ARNs are arn:aws: only)");
  });

  // terraform-provider-aws internal/service/chatbot/service_package.go: "Chatbot endpoint is available only in the 4
  // regions us-east-2, us-west-2, eu-west-1, and ap-southeast-1 ... If not default to us-west-2". So the one provider
  // of a stack serves its configuration; an SCP denying that region fails the apply (aws-cdk #24675 saw us-east-2).
  it("the provider calls Chatbot in one of its API regions whatever the stack's region: no provider alias, and the docs name the region an SCP must allow", () => {
    for (const c of chatbots) {
      expect(c.provider).toBeUndefined();
      expect(CHATBOT_API.regions).toContain(chatbotApiRegion(c.region));
    }
    expect([chatbotApiRegion("eu-west-1"), chatbotApiRegion("us-east-1"), chatbotApiRegion("eu-central-1")]).toEqual(["eu-west-1", "us-west-2", "us-west-2"]);
  });

  // Amazon SNS Developer Guide, "Key management": the publisher of an encrypted topic needs kms:GenerateDataKey* and
  // kms:Decrypt; SNS decrypts for subscribers itself. Without the CloudWatch grant alarms never reach the topic and the
  // channel stays silent, with no error anywhere; Chatbot itself needs nothing on the key.
  it("every topic a channel receives is encrypted with a key whose policy lets CloudWatch publish, and grants Chatbot nothing", () => {
    for (const c of chatbots) {
      for (const topicRef of c.sns_topic_arns) {
        const topicId = /aws_sns_topic\.([^.]+)\.arn/.exec(topicRef)?.[1] as string;
        const topic = c.json.resource.aws_sns_topic[topicId];
        const keyId = /aws_kms_key\.([^.]+)\.arn/.exec(topic.kms_master_key_id)?.[1] as string;
        const policyId = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(c.json.resource.aws_kms_key[keyId].policy)?.[1] as string;
        const statements: any[] = c.json.data.aws_iam_policy_document[policyId].statement;
        const publisher = statements.find((st) => st.principals?.some((p: any) => p.identifiers.includes(SNS_ENCRYPTED_TOPIC_PUBLISHER.principal)));
        expect({ topic: topicId, actions: [...(publisher?.actions ?? [])].sort() }).toEqual({ topic: topicId, actions: [...SNS_ENCRYPTED_TOPIC_PUBLISHER.actions].sort() });
        expect(statements.some((st) => st.principals?.some((p: any) => p.identifiers.includes("chatbot.amazonaws.com")))).toBe(false);
      }
    }
  });
});

// ----------------------------------------------------------------------------------------------------
describe("Firehose to Splunk (Amazon Data Firehose API Reference, SplunkDestinationConfiguration; Developer Guide)", () => {
  it("the project's ranges and values are the API's", () => {
    const range = (r: { min: number; max: number }) => ({ min: r.min, max: r.max });
    expect([range(SPLUNK_BUFFERING_INTERVAL_SECONDS), range(SPLUNK_BUFFERING_SIZE_MIB), range(SPLUNK_ACK_TIMEOUT_SECONDS), range(SPLUNK_RETRY_DURATION_SECONDS)]).toEqual([
      FIREHOSE_SPLUNK.bufferingIntervalSeconds,
      FIREHOSE_SPLUNK.bufferingSizeMiB,
      FIREHOSE_SPLUNK.acknowledgmentTimeoutSeconds,
      FIREHOSE_SPLUNK.retryDurationSeconds,
    ]);
    expect([[...SPLUNK_HEC_ENDPOINT_TYPES], [...SPLUNK_S3_BACKUP_MODES], MAX_HEC_ENDPOINT_LENGTH]).toEqual([[...FIREHOSE_SPLUNK.endpointTypes], [...FIREHOSE_SPLUNK.s3BackupModes], FIREHOSE_SPLUNK.maxEndpointLength]);
    expect([FIREHOSE_SECRET_ARN.source, SPLUNK_SECRET_KEY]).toEqual([FIREHOSE_SECRETS_MANAGER.secretArnRule.source, FIREHOSE_SECRETS_MANAGER.splunkSecretKey]);
    expect(CLOUDWATCH_LOGS_PROCESSORS.map((p) => ({ type: p.type, parameter: [p.parameters[0].parameterName, p.parameters[0].parameterValue] }))).toEqual(FIREHOSE_CLOUDWATCH_LOGS.splunkProcessors);
    expect([...OPENSEARCH_DESTINATION_TYPES]).toEqual([...FIREHOSE_CLOUDWATCH_LOGS.unsupportedDestinations]);
  });

  it("SplunkBufferingHints 0..60 s and 1..5 MiB, acknowledgment 180..600 s, retries 0..7200 s, HECEndpointType and S3BackupMode values: every emitted Splunk stream", () => {
    const within = (v: number, r: { min: number; max: number }) => Number.isInteger(v) && v >= r.min && v <= r.max;
    for (const { name, splunk_configuration: c } of splunkStreams) {
      expect({
        name,
        interval: within(c.buffering_interval, FIREHOSE_SPLUNK.bufferingIntervalSeconds),
        size: within(c.buffering_size, FIREHOSE_SPLUNK.bufferingSizeMiB),
        ack: within(c.hec_acknowledgment_timeout, FIREHOSE_SPLUNK.acknowledgmentTimeoutSeconds),
        retry: within(c.retry_duration, FIREHOSE_SPLUNK.retryDurationSeconds),
        type: (FIREHOSE_SPLUNK.endpointTypes as readonly string[]).includes(c.hec_endpoint_type),
        backup: (FIREHOSE_SPLUNK.s3BackupModes as readonly string[]).includes(c.s3_backup_mode),
        https: c.hec_endpoint.startsWith("https://") && c.hec_endpoint.length <= FIREHOSE_SPLUNK.maxEndpointLength,
      }).toEqual({ name, interval: true, size: true, ack: true, retry: true, type: true, backup: true, https: true });
    }
  });

  // SecretsManagerConfiguration: SecretARN's pattern, "It must be in the same region as the Firehose stream and the
  // role", RoleARN "required for Splunk"; the token itself never in the HCL (no hec_token).
  it("the HEC token comes from Secrets Manager: a secret ARN of the stream's region, the role given, no hec_token: every emitted Splunk stream", () => {
    for (const { name, region, splunk_configuration: c } of splunkStreams) {
      const secrets = c.secrets_manager_configuration;
      expect({ name, enabled: secrets.enabled, arn: FIREHOSE_SECRETS_MANAGER.secretArnRule.test(secrets.secret_arn), region: secrets.secret_arn.split(":")[3], role: secrets.role_arn, token: c.hec_token }).toEqual({
        name,
        enabled: true,
        arn: true,
        region,
        role: expect.stringMatching(/^\$\{aws_iam_role\.[^.]+\.arn\}$/),
        token: undefined,
      });
    }
    expect(rejectionOf(withEnv("staging", { logDestinations: [{ type: "splunk", stage: "v1", hecEndpoint: "https://s.acme.com", hecToken: { secretArn: "arn:aws:secretsmanager:us-east-1:111111111111:secret:s-AbC123" } }] }))).toContain(
      "Firehose reads a secret in its own region only (SecretsManagerConfiguration)",
    );
  });

  // "Extract message after decompression of CloudWatch Logs": "If you deliver data to a Splunk destination, you must
  // turn on message extraction for Splunk to parse the data". Without it Splunk receives gzip envelopes.
  it("CloudWatch Logs records are decompressed and their messages extracted before Splunk: every emitted Splunk stream", () => {
    for (const { name, splunk_configuration: c } of splunkStreams) {
      const processors = c.processing_configuration.processors.map((p: any) => ({ type: p.type, parameter: [p.parameters[0].parameter_name, p.parameters[0].parameter_value] }));
      expect({ name, enabled: c.processing_configuration.enabled, processors }).toEqual({ name, enabled: true, processors: FIREHOSE_CLOUDWATCH_LOGS.splunkProcessors });
    }
  });

  // "Send CloudWatch Logs to Firehose": Firehose does not deliver CloudWatch Logs to OpenSearch (several log events
  // per record): the stream would create and every record would fail into the backup.
  it("OpenSearch destinations are refused with the reason, before anything is synthesized", () => {
    for (const type of FIREHOSE_CLOUDWATCH_LOGS.unsupportedDestinations) {
      const message = rejectionOf(withEnv("staging", { logDestinations: [{ type, stage: "v1" }] }));
      expect(message).toContain(`logDestinations[0].type = "${type}": cannot receive CloudWatch Logs through Firehose`);
      expect(message).toContain('(Amazon Data Firehose Developer Guide, "Send CloudWatch Logs to Firehose")');
    }
  });

  it("failed records land in the archive bucket apart from the archive's own prefixes, with the stream's backup errors logged", () => {
    for (const { name, splunk_configuration: c } of splunkStreams) {
      const s3 = c.s3_configuration;
      const stage = /-splunk-(.+)$/.exec(name)?.[1] as string;
      expect([s3.prefix, s3.error_output_prefix]).toEqual(Object.values(destinationBackupPrefixes(stage)));
      for (const archive of [archivePrefix(stage), archiveErrorPrefix(stage), "waf-logs/"]) {
        const root = archive.split("/")[0];
        expect(s3.prefix.startsWith(`${root}/`) || s3.error_output_prefix.startsWith(`${root}/`)).toBe(false);
      }
      expect(s3.cloudwatch_logging_options.enabled).toBe(true);
    }
  });

  // CloudWatch Logs API Reference, PutSubscriptionFilter: "Each log group can have up to two subscription filters".
  it("PutSubscriptionFilter: staging's v1 access log group has its archive's filter and its Splunk filter, the two it may have", () => {
    const filters = resources("aws_cloudwatch_log_subscription_filter").filter((f) => f.stack === "staging" && f.log_group_name === "${aws_cloudwatch_log_group.stage_v1_access_logs.name}");
    expect(filters.map((f) => f.id).sort()).toEqual(["stage_v1_archive", "stage_v1_splunk"]);
    expect(filters.length).toBeLessThanOrEqual(SUBSCRIPTION_FILTERS_PER_LOG_GROUP);
    expect(rejectionOf(withEnv("staging", { logDestinations: [...(ENVIRONMENTS.staging.logDestinations ?? []), ...(ENVIRONMENTS.staging.logDestinations ?? [])] }))).toContain(
      "CloudWatch Logs allows 2 per log group (PutSubscriptionFilter)",
    );
  });
});
