/**
 * The Slack and log destination sections: GIVEN what an environment file writes, WHEN it is parsed, THEN defaults
 * apply, and every value AWS Chatbot's CreateSlackChannelConfiguration or Firehose's CreateDeliveryStream would
 * reject at apply (or accept and never deliver) is an issue naming the field, the value and what is allowed.
 */
import { ENVIRONMENTS } from "../../../environments";
import { SLACK_RULES } from "../../../environments/rules/slack";
import { destinationPolicyLengths, LOG_DESTINATION_RULES } from "../../../environments/rules/log-destinations";
import { logDestinationsSchema } from "../../../environments/schema/log-destinations";
import { slackChannelFields } from "../../../environments/schema/slack";
import { MAX_ROLE_INLINE_POLICIES_LENGTH } from "../../../aws/limits";
import { withEnv } from "../../support/environments";
import { environmentProblems, problemsOf } from "../../support/schema";
import { undeclaredReads } from "./rule-reads";

const SLACK = { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" };
const SPLUNK = { type: "splunk", stage: "v1", hecEndpoint: "https://http-inputs-firehose-acme.splunkcloud.com:443", hecToken: { secretName: "orders-api/splunk-hec-token" } };
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:222222222222:secret:orders-api/splunk-hec-token-AbC123";

/** The issues of a whole environment about one section (the others are tested apart). */
const problems = (env: unknown, ...prefixes: string[]) => environmentProblems(env).filter((p) => prefixes.some((prefix) => p.startsWith(prefix)));

describe("slack: defaults and what AWS Chatbot accepts", () => {
  it("GIVEN no slack THEN there is no channel; GIVEN ids only THEN CloudWatch read-only guardrails and ERROR logging", () => {
    expect(slackChannelFields.optional().parse(undefined)).toBeUndefined();
    expect(slackChannelFields.parse(SLACK)).toEqual({ ...SLACK, guardrailPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"], loggingLevel: "ERROR" });
  });

  it.each([
    [{ ...SLACK, workspaceId: "t07ea123lep" }, 'workspaceId = "t07ea123lep": is not a Slack workspace id AWS Chatbot accepts (SlackTeamId: 1 to 255 upper-case letters or digits)'],
    [{ ...SLACK, workspaceId: "C07EA123LEP" }, 'workspaceId = "C07EA123LEP": is not a Slack workspace (team) id: those start with T'],
    [{ ...SLACK, workspaceId: "" }, 'workspaceId = "": is not a Slack workspace id AWS Chatbot accepts'],
    [{ ...SLACK, workspaceId: 42 }, "workspaceId = 42: is not a Slack workspace id."],
    [{ ...SLACK, channelId: "#alerts" }, 'channelId = "#alerts": is not a Slack channel id AWS Chatbot accepts (SlackChannelId: 1 to 255 letters or digits)'],
    [{ ...SLACK, channelId: "D07EZ1ABC23" }, 'channelId = "D07EZ1ABC23": is not the id of a Slack channel (channel ids start with C or G and are upper case; D is a direct message)'],
    [{ ...SLACK, channelId: "c07ez1abc23" }, 'channelId = "c07ez1abc23": is not the id of a Slack channel'],
    [{ ...SLACK, guardrailPolicyArns: [] }, "guardrailPolicyArns = []: is empty, and Chatbot applies AdministratorAccess when no guardrail is set"],
    [{ ...SLACK, guardrailPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }, 'guardrailPolicyArns[0] = "arn:aws:iam::aws:policy/AdministratorAccess": lets anyone in the channel do anything the role can'],
    [{ ...SLACK, guardrailPolicyArns: ["ReadOnlyAccess"] }, 'guardrailPolicyArns[0] = "ReadOnlyAccess": is not an IAM managed policy ARN of the aws partition'],
    [{ ...SLACK, guardrailPolicyArns: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess"] }, "is not an IAM managed policy ARN of the aws partition"],
    [{ ...SLACK, guardrailPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"] }, 'guardrailPolicyArns[] = "arn:aws:iam::aws:policy/ReadOnlyAccess": is listed more than once'],
    [{ ...SLACK, loggingLevel: "DEBUG" }, 'loggingLevel = "DEBUG": is not a logging level AWS Chatbot accepts. Allowed: ERROR, INFO, NONE'],
    [{ ...SLACK, channel: "C1" }, 'channel = "C1": is not a setting here (did you mean channelId?)'],
    [{ workspaceId: "T07EA123LEP" }, "channelId = (missing): is not a Slack channel id"],
    ["T07EA123LEP/C07EZ1ABC23", 'is not a Slack channel setting. Allowed: { workspaceId, channelId, guardrailPolicyArns?, loggingLevel? }'],
  ])("GIVEN slack %j THEN one issue: %s", (slack, expected) => {
    const found = problemsOf(slackChannelFields, slack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it("GIVEN a customer managed guardrail with a path THEN it is accepted", () => {
    expect(problemsOf(slackChannelFields, { ...SLACK, guardrailPolicyArns: ["arn:aws:iam::111111111111:policy/chatops/read-alarms"] })).toEqual([]);
  });
});

describe("slack: the rules across sections", () => {
  it("GIVEN a channel in a China or GovCloud region THEN it is refused, for the environment and the account: Chatbot ARNs are arn:aws: only", () => {
    const env = withEnv("dev", { region: "cn-north-1", slack: SLACK, account: { ...ENVIRONMENTS.dev.account, slack: SLACK } });
    expect(problems(env, "slack", "account.slack")).toEqual([
      `slack = ${JSON.stringify({ ...SLACK, guardrailPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"], loggingLevel: "ERROR" }).slice(0, 77)}...: is set for region cn-north-1 of partition aws-cn, where AWS Chatbot does not exist (its ARNs are arn:aws: only). Allowed: no slack setting in this region's environments`,
      expect.stringMatching(/^account\.slack = .*: is set for region cn-north-1 of partition aws-cn, where AWS Chatbot does not exist/),
    ]);
  });

  it("GIVEN production with placeholder ids THEN each is refused; staging's placeholders pass", () => {
    const prod = withEnv("prod", { slack: { workspaceId: "T0000000000", channelId: "CEXAMPLE123" } });
    expect(problems(prod, "slack")).toEqual([
      'slack.workspaceId = "T0000000000": is a placeholder, so production alarms would reach no Slack workspace. Allowed: the real workspace id from the AWS Chatbot console or Slack',
      'slack.channelId = "CEXAMPLE123": is a placeholder, so production alarms would reach no Slack channel. Allowed: the real channel id from the AWS Chatbot console or Slack',
    ]);
    expect(problems(withEnv("prod", { slack: SLACK }), "slack")).toEqual([]);
    expect(problems(ENVIRONMENTS.staging, "slack")).toEqual([]);
  });

  it("GIVEN the production account's security channel with a placeholder THEN it is refused", () => {
    const prod = withEnv("prod", { account: { ...ENVIRONMENTS.prod.account, slack: { workspaceId: "T07EA123LEP", channelId: "G000000" } } });
    expect(problems(prod, "account.slack")).toEqual([
      'account.slack.channelId = "G000000": is a placeholder, so the production account\'s security alarms would reach no Slack channel. Allowed: the real channel id from the AWS Chatbot console or Slack',
    ]);
  });

  it("GIVEN a service and environment name too long for the role THEN the name is refused, with the limit", () => {
    // The longest service (30) and environment name (20): <service>-<name>-alarms-chatbot is 66 characters.
    const env = withEnv("dev", { service: `s${"x".repeat(29)}`, name: `n${"x".repeat(19)}`, slack: SLACK });
    expect(problems(env, "service, name")).toContainEqual(expect.stringContaining("makes the Chatbot channel role name"));
    expect(problems(env, "service, name")).toContainEqual(expect.stringContaining("66 characters long. Allowed: a shorter value: AWS allows at most 64 characters"));
  });

  it("reads only the fields each rule declares", () => {
    const env = { region: "eu-west-1", tier: "production", service: "orders-api", name: "prod", slack: { ...SLACK, guardrailPolicyArns: [], loggingLevel: "ERROR" }, account: { production: true, slack: SLACK } };
    for (const rule of SLACK_RULES) expect(undeclaredReads(rule, env)).toEqual([]);
  });
});

describe("logDestinations: defaults and what Firehose accepts", () => {
  it("GIVEN none THEN []; GIVEN a Splunk destination THEN Firehose's Splunk defaults", () => {
    expect(logDestinationsSchema.parse(undefined)).toEqual([]);
    expect(logDestinationsSchema.parse([SPLUNK])).toEqual([
      { ...SPLUNK, hecEndpointType: "Raw", acknowledgmentTimeoutSeconds: 180, retryDurationSeconds: 3600, bufferingIntervalSeconds: 60, bufferingSizeMiB: 5, backupMode: "FailedEventsOnly" },
    ]);
  });

  it.each(([
    [{ type: "opensearch" }, 'type = "opensearch": cannot receive CloudWatch Logs through Firehose: a subscription record holds several log events and OpenSearch indexes one document per record'],
    [{ type: "opensearchserverless" }, 'type = "opensearchserverless": cannot receive CloudWatch Logs through Firehose'],
    [{ type: "datadog" }, 'type = "datadog": is not a log destination type. Allowed: splunk'],
    [{ hecEndpoint: "http://splunk.acme.com:8088" }, 'hecEndpoint = "http://splunk.acme.com:8088": is not an HTTPS URL (Firehose sends to Splunk over TLS only)'],
    [{ hecEndpoint: "https://splunk.acme.com:8088/services/collector" }, "has a path, query or credentials: Firehose appends the collector's path itself"],
    [{ hecEndpoint: "https://splunk.acme.com?token=abc" }, "has a path, query or credentials"],
    [{ hecEndpoint: "https://" }, 'hecEndpoint = "https://": is not a valid URL'],
    [{ hecEndpoint: `https://${"a".repeat(2048)}.com` }, "is longer than 2048 characters (HECEndpoint)"],
    [{ hecEndpointType: "Json" }, 'hecEndpointType = "Json": is not a HEC endpoint type Firehose accepts. Allowed: Raw, Event'],
    [{ hecToken: "splunk-token" }, 'hecToken = "splunk-token": is not a secret setting'],
    [{ hecToken: { secretName: "a", secretArn: SECRET_ARN } }, "hecToken = "],
    [{ hecToken: {} }, "hecToken = {}: does not name exactly one secret"],
    [{ hecToken: { secretName: SECRET_ARN } }, 'hecToken.secretName = "arn:aws:secretsmanager:eu-west-1:222222222222:secret:orders-api/splunk-hec-token-AbC123": is an ARN'],
    [{ hecToken: { secretName: "splunk token" } }, 'hecToken.secretName = "splunk token": is not a secret name Secrets Manager accepts'],
    [{ hecToken: { secretName: "splunk/hec-tokens" } }, 'hecToken.secretName = "splunk/hec-tokens": ends with a hyphen and six characters'],
    [{ hecToken: { secretArn: "arn:aws:secretsmanager:eu-west-1:222222222222:secret:orders-api/splunk-hec-token" } }, "is not a complete Secrets Manager secret ARN"],
    [{ hecToken: { secretName: "splunk/hec", kmsKeyArn: "alias/splunk" } }, 'hecToken.kmsKeyArn = "alias/splunk": is not a KMS key ARN (an alias is not accepted in a policy)'],
    [{ acknowledgmentTimeoutSeconds: 179 }, "acknowledgmentTimeoutSeconds = 179: is out of range. Allowed: a whole number from 180 to 600"],
    [{ acknowledgmentTimeoutSeconds: 601 }, "acknowledgmentTimeoutSeconds = 601: is out of range. Allowed: a whole number from 180 to 600"],
    [{ retryDurationSeconds: 7201 }, "retryDurationSeconds = 7201: is out of range. Allowed: a whole number from 0 to 7200"],
    [{ bufferingIntervalSeconds: 61 }, "bufferingIntervalSeconds = 61: is out of range. Allowed: a whole number from 0 to 60"],
    [{ bufferingSizeMiB: 6 }, "bufferingSizeMiB = 6: is out of range. Allowed: a whole number from 1 to 5"],
    [{ bufferingSizeMiB: 0 }, "bufferingSizeMiB = 0: is out of range. Allowed: a whole number from 1 to 5"],
    [{ bufferingSizeMiB: 2.5 }, "bufferingSizeMiB = 2.5: is not a whole number. Allowed: a whole number from 1 to 5"],
    [{ backupMode: "AllDocuments" }, 'backupMode = "AllDocuments": is not an S3 backup mode Firehose accepts for Splunk. Allowed: FailedEventsOnly, AllEvents'],
    [{ hecTokn: { secretName: "x" } }, "hecTokn = "],
  ] as [Record<string, unknown>, string][]).map(([change, expected]) => [expected, change] as const))("GIVEN a Splunk destination with one bad field THEN the issue says: %s", (expected, change) => {
    const found = problemsOf(logDestinationsSchema, [{ ...SPLUNK, ...change }]);
    expect(found).toContainEqual(expect.stringContaining(expected));
    expect(found.every((p) => p.startsWith("[0]"))).toBe(true);
  });

  it("GIVEN something other than a list or an entry other than an object THEN each says what is allowed", () => {
    expect(problemsOf(logDestinationsSchema, { splunk: SPLUNK })).toEqual([expect.stringContaining("is not a list")]);
    expect(problemsOf(logDestinationsSchema, ["splunk"])).toEqual([expect.stringMatching(/^\[0\] = "splunk": is not a log destination/)]);
  });

  it("GIVEN a full secret ARN with a customer managed key THEN it is accepted", () => {
    expect(problemsOf(logDestinationsSchema, [{ ...SPLUNK, hecToken: { secretArn: SECRET_ARN, kmsKeyArn: "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }])).toEqual([]);
  });
});

describe("logDestinations: the rules across sections", () => {
  const staging = (logDestinations: unknown[]) => withEnv("staging", { logDestinations });

  it("GIVEN a stage the environment does not have THEN it is refused, naming its stages", () => {
    expect(problems(staging([{ ...SPLUNK, stage: "v2" }]), "logDestinations")).toEqual(['logDestinations[0].stage = "v2": is not a stage of this environment. Allowed: one of v1, v1-qa']);
  });

  it("GIVEN two destinations for one stage THEN the second is refused: three subscription filters on one log group (PutSubscriptionFilter allows two)", () => {
    expect(problems(staging([SPLUNK, SPLUNK]), "logDestinations")).toEqual([
      'logDestinations[1].stage = "v1": already has a destination (logDestinations[0]): with the archive\'s, its access log group would need 3 subscription filters, and CloudWatch Logs allows 2 per log group (PutSubscriptionFilter). Allowed: one destination per stage',
    ]);
    expect(problems(staging([SPLUNK, { ...SPLUNK, stage: "v1-qa" }]), "logDestinations")).toEqual([]);
  });

  it("GIVEN a secret ARN in another region or partition, or a key in another region than the secret THEN each is refused (SecretsManagerConfiguration)", () => {
    const other = "arn:aws:secretsmanager:us-east-1:222222222222:secret:splunk/hec-AbC123";
    expect(problems(staging([{ ...SPLUNK, hecToken: { secretArn: other } }]), "logDestinations")).toEqual([
      `logDestinations[0].hecToken.secretArn = "${other}": is in us-east-1, and Firehose reads a secret in its own region only (SecretsManagerConfiguration). Allowed: a secret in eu-west-1, or { secretName }`,
    ]);
    const china = "arn:aws-cn:secretsmanager:eu-west-1:222222222222:secret:splunk/hec-AbC123";
    expect(problems(staging([{ ...SPLUNK, hecToken: { secretArn: china } }]), "logDestinations")).toEqual([expect.stringContaining("is in partition aws-cn, not the environment's (aws)")]);
    const key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(problems(staging([{ ...SPLUNK, hecToken: { secretName: "splunk/hec", kmsKeyArn: key } }]), "logDestinations")).toEqual([
      `logDestinations[0].hecToken.kmsKeyArn = "${key}": is in us-east-1, not the secret's region (eu-west-1): a secret is encrypted with a key of its own region. Allowed: a key in eu-west-1`,
    ]);
  });

  it("GIVEN production with a placeholder endpoint or secret THEN both are refused; staging's placeholders pass", () => {
    const prod = withEnv("prod", { logDestinations: [{ ...SPLUNK, hecEndpoint: "https://splunk.example.com:443", hecToken: { secretName: "REPLACE_ME" } }] });
    expect(problems(prod, "logDestinations")).toEqual([
      'logDestinations[0].hecEndpoint = "https://splunk.example.com:443": is a placeholder (splunk.example.com is a reserved example domain (RFC 2606) that nothing answers): production\'s access logs would never reach Splunk. Allowed: the HEC endpoint of the team\'s Splunk',
      'logDestinations[0].hecToken.secretName = "REPLACE_ME": names a placeholder secret (it contains "REPLACE_ME"). Allowed: the secret that holds the real HEC token',
    ]);
    expect(problems(withEnv("prod", { logDestinations: [SPLUNK] }), "logDestinations")).toEqual([]);
    expect(problems(ENVIRONMENTS.staging, "logDestinations")).toEqual([]);
  });

  it("GIVEN a stage name that makes the stream name longer than 64 characters THEN it is refused with the limit", () => {
    const long = "s".repeat(40);
    const env = withEnv("staging", { stages: [...ENVIRONMENTS.staging.stages, { name: long }], logDestinations: [{ ...SPLUNK, stage: long }] });
    expect(problems(env, "logDestinations")).toContainEqual(expect.stringContaining(`logDestinations[0].stage = "${long}": makes the Splunk delivery stream name`));
  });

  it("GIVEN the shipped destinations THEN the delivery and subscription roles' policies are far within IAM's 10,240 characters", () => {
    const lengths = destinationPolicyLengths({ service: "orders-api", name: "staging", accountId: "111111111111", region: "eu-west-1" }, [
      { stage: "v1", hecToken: { secretName: "orders-api/staging/splunk-hec-token" } },
      { stage: "v1-qa", hecToken: { secretArn: SECRET_ARN, kmsKeyArn: "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
    ]);
    expect(lengths.map((l) => l.role)).toEqual(["delivery role", "subscription role"]);
    for (const { length } of lengths) expect(length).toBeLessThan(MAX_ROLE_INLINE_POLICIES_LENGTH / 4);
  });

  it("reads only the fields each rule declares", () => {
    const env = {
      region: "eu-west-1",
      tier: "production",
      service: "orders-api",
      name: "prod",
      account: { id: "222222222222" },
      stages: [{ name: "v1" }],
      logDestinations: [{ ...SPLUNK, hecToken: { secretArn: SECRET_ARN, kmsKeyArn: "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }],
    };
    for (const rule of LOG_DESTINATION_RULES) expect(undeclaredReads(rule, env)).toEqual([]);
  });
});
