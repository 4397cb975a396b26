/**
 * Constraints that only `terraform apply` (or the running system) reveals: `validate` and `plan` accept
 * every value below, and AWS rejects it half-way through a deployment, or accepts it and quietly does
 * nothing. Each test names its source: the AWS API reference of the call the provider makes (its
 * request parameters' length constraints and patterns), the AWS guide that documents the limit, or the
 * terraform-provider-aws issue that shows the failure.
 *
 * Two kinds of tests: every shipped stack is synthesized and each emitted value is checked against the
 * AWS rule (a regression guard for future config and code), and the guard or config rule that enforces
 * the limit is shown rejecting a value that breaks it.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { NONPROD_ACCOUNT } from "../../environments/accounts";
import { archiveRolePolicySizes } from "../../environments/rules/archive";
import { validateEnvironment } from "../../environments/validate";
import type { EnvironmentInput } from "../../environments/types";
import { accessLogFormat, accessLogFormatProblems } from "../../modules/access-log-format";
import { AccessLogMetricFilters } from "../../modules/access-log-metric-filters";
import { cloudTrailNameProblems, firehosePrefixProblems, iamPolicyLength, literalText, metricFilterProblems } from "../../aws/limits";
import { ConfigRules } from "../../modules/config-rules";
import { cloudTrailKeyGrants } from "../../modules/kms-grants";
import { KmsKey } from "../../modules/kms-key";
import { lifecycleRuleProblems, lifecycleRules } from "../../modules/lifecycle-rules";
import { EncryptedLogGroup } from "../../modules/log-group";
import { awsLocation } from "../../aws/arn";
import { SavedQueries } from "../../modules/saved-queries";
import { StageAlarms } from "../../modules/stage-alarms";
import { buildStacks } from "../../stacks/app";
import { pagingAlarms } from "../support/alarm-settings";
import { DASHBOARD_NAME_RULE, DELIVERY_STREAM_NAME_RULE, FILE_EXTENSION_RULE, IAM_QUOTAS, IAM_ROLE_DESCRIPTION_RULE, IAM_ROLE_NAME_RULE, KMS_ALIAS_RULE, KMS_RESERVED_ALIAS_PREFIX, LOG_GROUP_NAME_RULE, METRIC_FILTERS_PER_LOG_GROUP, PUT_METRIC_ALARM, SNS_TOPIC_NAME_RULE, SUBSCRIPTION_FILTERS_PER_LOG_GROUP, XRAY_SAMPLING_RULES_PER_REGION } from "../support/aws-facts";
import { rejectionOf, withEnv } from "../support/environments";
import { archiveLifecycle } from "../support/lifecycle";

// ----------------------------------------------------------------------------------------------------
// The shipped stacks, synthesized once. Config rules are on in the non-production account here, so
// their resources are checked too (the shipped accounts leave them off).

interface Emitted {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly json: any;
}

function withConfigRules(input: EnvironmentInput): EnvironmentInput {
  return input.account.name === NONPROD_ACCOUNT.name ? { ...input, account: { ...input.account, configRules: true } } : input;
}

const stacks = buildStacks(Testing.app(), loadEnvironments(Object.values(ENVIRONMENTS).map(withConfigRules)));
const emitted: Emitted[] = [...stacks.accounts, ...stacks.environments].map((stack) => {
  const json = JSON.parse(Testing.synth(stack));
  const provider = json.provider.aws[0];
  return { stack: stack.node.id, account: provider.allowed_account_ids[0], region: provider.region, json };
});

interface Found {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  readonly id: string;
  readonly [attribute: string]: any;
}

/** Every emitted resource of a type, with its stack, account, region and logical id. */
function resources(type: string): Found[] {
  return emitted.flatMap((e) => Object.entries(e.json.resource?.[type] ?? {}).map(([id, r]) => ({ ...(r as object), stack: e.stack, account: e.account, region: e.region, id })));
}

/** The policy document data source a `${data.aws_iam_policy_document.X.json}` reference points to. */
function policyDocument(stack: string, reference: string): any {
  const name = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(reference)?.[1];
  const found = emitted.find((e) => e.stack === stack)?.json.data?.aws_iam_policy_document?.[name ?? ""];
  if (!found) throw new Error(`${stack}: no policy document for ${reference}`);
  return found;
}

/** Groups values by a key and returns those that occur more than once. */
function repeated<T>(items: readonly T[], key: (item: T) => string): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([k]) => k);
}

it("the checks below see every resource type the project emits", () => {
  // GIVEN the shipped stacks WHEN synthesized THEN each type checked below is present at least once.
  for (const type of [
    "aws_cloudwatch_metric_alarm", "aws_cloudwatch_log_group", "aws_cloudwatch_log_metric_filter", "aws_cloudwatch_log_subscription_filter",
    "aws_cloudwatch_query_definition", "aws_kms_key", "aws_kms_alias", "aws_iam_role", "aws_iam_role_policy", "aws_kinesis_firehose_delivery_stream",
    "aws_xray_sampling_rule", "aws_s3_bucket_lifecycle_configuration", "aws_sns_topic", "aws_cloudtrail", "aws_api_gateway_stage",
    "aws_api_gateway_account", "aws_config_config_rule", "aws_cloudwatch_dashboard",
  ]) {
    expect({ type, found: resources(type).length > 0 }).toEqual({ type, found: true });
  }
});

// ----------------------------------------------------------------------------------------------------
describe("CloudWatch alarms (Amazon CloudWatch API Reference, PutMetricAlarm)", () => {
  it("AlarmName 1..255, AlarmDescription 0..1024 characters, at most 5 actions per state: every emitted alarm", () => {
    const { maxNameLength, maxDescriptionLength, maxActionsPerState } = PUT_METRIC_ALARM;
    for (const alarm of resources("aws_cloudwatch_metric_alarm")) {
      const actions = [alarm.alarm_actions, alarm.ok_actions, alarm.insufficient_data_actions].map((list) => (list ?? []).length);
      expect({
        alarm: alarm.alarm_name,
        name: new RegExp(`^[^\\u0000-\\u001f\\u007f]{1,${maxNameLength}}$`).test(alarm.alarm_name),
        description: (alarm.alarm_description ?? "").length <= maxDescriptionLength,
        actions: actions.every((n) => n <= maxActionsPerState),
      }).toEqual({ alarm: alarm.alarm_name, name: true, description: true, actions: true });
    }
  });

  it("AlarmDescription over 1024 characters is refused at synth by StageAlarms", () => {
    // GIVEN a dashboard name long enough to push the description over PutMetricAlarm's limit
    const build = () =>
      Testing.synthScope((scope) => new StageAlarms(scope, "alarms", { apiName: "orders-api-dev", stageName: "v1", alarms: pagingAlarms, topicArn: "arn:aws:sns:eu-west-1:111111111111:t", dashboardName: "d".repeat(700) }));
    // THEN the error names the alarm, the field and the limit
    expect(build).toThrow(/StageAlarms orders-api-dev-v1-5xx-rate: alarmDescription = ".*" is \d+ characters long\. Allowed: 0 to 1024 characters/);
  });

  it("EvaluateLowSampleCountPercentile is used only for alarms based on percentiles, and Statistic and ExtendedStatistic never together", () => {
    for (const alarm of resources("aws_cloudwatch_metric_alarm")) {
      const percentile = alarm.extended_statistic !== undefined;
      expect({ alarm: alarm.alarm_name, both: percentile && alarm.statistic !== undefined }).toEqual({ alarm: alarm.alarm_name, both: false });
      if (!percentile) expect({ alarm: alarm.alarm_name, lowSample: alarm.evaluate_low_sample_count_percentiles }).toEqual({ alarm: alarm.alarm_name, lowSample: undefined });
    }
  });
});

// ----------------------------------------------------------------------------------------------------
describe("CloudWatch Logs (Amazon CloudWatch Logs API Reference)", () => {
  it("CreateLogGroup: names of 1..512 [.-_/#A-Za-z0-9], not starting with aws/: every emitted log group", () => {
    for (const group of resources("aws_cloudwatch_log_group")) {
      const text = literalText(group.name.replace(/\$\{[^}]+\}/g, "x"));
      expect({ group: group.name, ok: LOG_GROUP_NAME_RULE.test(text) && !text.startsWith("aws/") }).toEqual({ group: group.name, ok: true });
    }
  });

  it("CreateLogGroup: EncryptedLogGroup refuses a name AWS would reject, and PutRetentionPolicy's values only", () => {
    const group = (name: string, retentionInDays = 30) => () =>
      Testing.synthScope((scope) => new EncryptedLogGroup(scope, "g", { name, retentionInDays, kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/k" }));
    expect(group("/apigateway/orders-api-dev/v1/access")).not.toThrow();
    // A name with a Terraform reference is checked on its known parts only
    expect(group("API-Gateway-Execution-Logs_${TfToken[TOKEN.1]}/v1")).not.toThrow();
    expect(group("aws/apigateway/x")).toThrow('EncryptedLogGroup g: name = "aws/apigateway/x" starts with aws/, which CloudWatch Logs reserves. Allowed: a name that does not start with aws/');
    expect(group("/apigateway/orders api")).toThrow(/name = "\/apigateway\/orders api" has characters the API rejects\. Allowed: 1 to 512 characters/);
    expect(group("/ok", 45)).toThrow("retentionInDays = 45 is not a retention CloudWatch Logs accepts. Allowed: 1, 3, 5, 7, 14, 30");
  });

  it("CreateLogStream: stream names of 1..512 characters without ':' or '*': every emitted log stream", () => {
    for (const stream of resources("aws_cloudwatch_log_stream")) {
      expect({ stream: stream.name, ok: /^[^:*]{1,512}$/.test(literalText(stream.name)) }).toEqual({ stream: stream.name, ok: true });
    }
  });

  it("PutMetricFilter: names [^:*], patterns up to 1024, namespaces and metric names [^:*$], at most 3 dimensions: every emitted filter", () => {
    for (const filter of resources("aws_cloudwatch_log_metric_filter")) {
      const t = filter.metric_transformation;
      const problems = metricFilterProblems({ name: filter.name, pattern: filter.pattern, metricNamespace: t.namespace, metricName: t.name, metricValue: t.value, dimensions: t.dimensions });
      expect({ filter: filter.name, problems }).toEqual({ filter: filter.name, problems: [] });
    }
  });

  it("PutMetricFilter: a namespace with ':' or four dimensions is refused", () => {
    const base = { name: "f", pattern: "", metricNamespace: "Audit/CloudTrail", metricName: "Changes", metricValue: "1" };
    expect(metricFilterProblems(base)).toEqual([]);
    expect(metricFilterProblems({ ...base, metricNamespace: "Audit:CloudTrail" }).map((p) => p.field)).toEqual(["metricTransformation.namespace"]);
    expect(metricFilterProblems({ ...base, dimensions: { a: "$.a", b: "$.b", c: "$.c", d: "$.d" } }).map((p) => p.field)).toEqual(["metricTransformation.dimensions"]);
    expect(metricFilterProblems({ ...base, pattern: "x".repeat(1025) }).map((p) => p.field)).toEqual(["pattern"]);
    // AND the construct refuses a filter name with '*', which PutMetricFilter rejects
    expect(() => Testing.synthScope((scope) => new AccessLogMetricFilters(scope, "m", { apiName: "orders*", stageName: "v1", logGroupName: "/g" }))).toThrow(
      /AccessLogMetricFilters orders\*-v1-5xx-responses: name = "orders\*-v1-5xx-responses" has characters the API rejects/,
    );
  });

  it("PutMetricFilter: at most 100 metric filters per log group, across every stack", () => {
    const perGroup = new Map<string, number>();
    for (const f of resources("aws_cloudwatch_log_metric_filter")) perGroup.set(`${f.account}/${f.region}/${f.log_group_name}`, (perGroup.get(`${f.account}/${f.region}/${f.log_group_name}`) ?? 0) + 1);
    expect(Math.max(...perGroup.values())).toBeLessThanOrEqual(METRIC_FILTERS_PER_LOG_GROUP);
  });

  it("PutSubscriptionFilter: each log group can have up to two subscription filters, across every stack", () => {
    const filters = resources("aws_cloudwatch_log_subscription_filter");
    const perGroup = new Map<string, number>();
    for (const f of filters) perGroup.set(`${f.account}/${f.region}/${f.log_group_name}`, (perGroup.get(`${f.account}/${f.region}/${f.log_group_name}`) ?? 0) + 1);
    expect(Math.max(...perGroup.values())).toBeLessThanOrEqual(SUBSCRIPTION_FILTERS_PER_LOG_GROUP);
  });

  it("PutSubscriptionFilter tests delivery to the stream when the filter is created: it waits for the stream (terraform-provider-aws #17049)", () => {
    // The destination is the stream's ARN by reference: the filter is created after the stream, and the stream is
    // in the filter's own stack, so its own account and region (same-account delivery only).
    for (const f of resources("aws_cloudwatch_log_subscription_filter")) {
      const stream = resources("aws_kinesis_firehose_delivery_stream").find((s) => s.stack === f.stack && f.destination_arn === `\${aws_kinesis_firehose_delivery_stream.${s.id}.arn}`);
      expect(stream).toBeDefined();
    }
  });

  it("PutQueryDefinition: names up to 255, query strings up to 10,000 characters: every emitted saved query, and SavedQueries refuses longer", () => {
    for (const q of resources("aws_cloudwatch_query_definition")) {
      expect({ q: q.name, ok: q.name.length <= 255 && q.query_string.length <= 10_000 }).toEqual({ q: q.name, ok: true });
    }
    const tooLong = () => Testing.synthScope((scope) => new SavedQueries(scope, "q", { apiName: "a".repeat(250), accessLogGroupNames: ["/g"], executionLogGroupNames: ["/e"] }));
    expect(tooLong).toThrow(/SavedQueries a+\/errors-by-route: name = "a+\/errors-by-route" is 266 characters long\. Allowed: 1 to 255 characters/);
  });

  it("CreateLogGroup / AssociateKmsKey: CloudWatch Logs supports only symmetric KMS keys (so do Firehose and S3 SSE-KMS): every emitted key is SYMMETRIC_DEFAULT", () => {
    for (const key of resources("aws_kms_key")) {
      expect({ key: key.id, spec: key.customer_master_key_spec ?? key.key_spec ?? "SYMMETRIC_DEFAULT", usage: key.key_usage ?? "ENCRYPT_DECRYPT" }).toEqual({
        key: key.id,
        spec: "SYMMETRIC_DEFAULT",
        usage: "ENCRYPT_DECRYPT",
      });
    }
  });

  it("AssociateKmsKey checks the key policy: every log group's key lets logs.<region> use it for that log group (\"Encrypt log data in CloudWatch Logs using AWS KMS\")", () => {
    for (const group of resources("aws_cloudwatch_log_group")) {
      const keyId = /aws_kms_key\.([^.]+)\.arn/.exec(group.kms_key_id)?.[1];
      const key = resources("aws_kms_key").find((k) => k.stack === group.stack && k.id === keyId);
      expect({ group: group.name, key: key?.id }).toEqual({ group: group.name, key: keyId });
      const statements: any[] = policyDocument(group.stack, key?.policy).statement;
      const grant = statements.find((s) => s.principals?.some((p: any) => p.identifiers.includes(`logs.${group.region}.amazonaws.com`)));
      const context = grant?.condition?.find((c: any) => c.variable === "kms:EncryptionContext:aws:logs:arn");
      expect({ group: group.name, context: context?.values }).toEqual({ group: group.name, context: [`arn:aws:logs:${group.region}:${group.account}:log-group:*`] });
    }
  });
});

// ----------------------------------------------------------------------------------------------------
describe("KMS (AWS Key Management Service API Reference)", () => {
  it("CreateAlias: alias/ and 1..256 of [a-zA-Z0-9:/_-], never alias/aws/: every emitted alias", () => {
    for (const alias of resources("aws_kms_alias")) {
      expect({ alias: alias.name, ok: KMS_ALIAS_RULE.test(alias.name) && !alias.name.startsWith(KMS_RESERVED_ALIAS_PREFIX) }).toEqual({ alias: alias.name, ok: true });
    }
  });

  it("CreateAlias: KmsKey refuses an alias in the reserved alias/aws/ space or with other characters", () => {
    const key = (alias: string) => () =>
      Testing.synthScope((scope) => new KmsKey(scope, "k", { alias, description: "d", location: awsLocation("111111111111", "eu-west-1"), grants: [] }));
    expect(key("orders-api-dev-observability")).not.toThrow();
    expect(key("aws/logs")).toThrow('KmsKey aws/logs: alias = "alias/aws/logs" starts with alias/aws/, which is reserved for AWS managed keys. Allowed: any other alias/ name');
    expect(key("orders api")).toThrow(/KmsKey orders api: alias = "alias\/orders api" has characters the API rejects/);
  });

  it("CreateKey Policy: the policy must let the caller call PutKeyPolicy later (the lockout safety check): the account root administers every emitted key, and no key bypasses the check", () => {
    for (const key of resources("aws_kms_key")) {
      expect(key.bypass_policy_lockout_safety_check).toBeUndefined();
      const [first] = policyDocument(key.stack, key.policy).statement;
      expect({ key: key.id, first: { principals: first.principals, actions: first.actions, effect: first.effect } }).toEqual({
        key: key.id,
        first: { principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${key.account}:root`] }], actions: ["kms:*"], effect: "Allow" },
      });
    }
  });

  it("CreateKey Policy: the principals in a key policy must exist and be visible to KMS: a role is named by reference (created first), never by a literal ARN", () => {
    for (const key of resources("aws_kms_key")) {
      for (const statement of policyDocument(key.stack, key.policy).statement) {
        for (const p of statement.principals ?? []) {
          if (p.type !== "AWS") continue;
          for (const identifier of p.identifiers) {
            expect({ key: key.id, identifier, ok: identifier === `arn:aws:iam::${key.account}:root` || /^\$\{aws_iam_role\./.test(identifier) }).toEqual({ key: key.id, identifier, ok: true });
          }
        }
      }
    }
  });

  it("CloudTrail User Guide, \"Configure AWS KMS key policies for CloudTrail\": with an S3 Bucket Key, kms:Decrypt is required to create a trail with SSE-KMS", () => {
    // GIVEN the trail's grants WHEN listed THEN CloudTrail may decrypt for this trail only, besides encrypt and describe
    const trail = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/nonprod-account-trail";
    const grants = cloudTrailKeyGrants(awsLocation("111111111111", "eu-west-1"), trail);
    const decrypt = grants.find((g) => g.actions?.includes("kms:Decrypt"));
    expect(decrypt).toMatchObject({ principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }], condition: [{ test: "StringEquals", variable: "aws:SourceArn", values: [trail] }] });
    expect(grants.flatMap((g) => g.actions)).toEqual(expect.arrayContaining(["kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"]));
    // AND every emitted trail's bucket uses an S3 Bucket Key with that trail's key, whose policy lets CloudTrail decrypt
    for (const trailResource of resources("aws_cloudtrail")) {
      const keyId = /aws_kms_key\.([^.]+)\.arn/.exec(trailResource.kms_key_id)?.[1];
      const key = resources("aws_kms_key").find((k) => k.stack === trailResource.stack && k.id === keyId);
      const statements: any[] = policyDocument(trailResource.stack, key?.policy).statement;
      const cloudTrailActions = statements.filter((s) => s.principals?.some((p: any) => p.identifiers.includes("cloudtrail.amazonaws.com"))).flatMap((s) => s.actions);
      expect({ trail: trailResource.name, cloudTrailActions }).toEqual({ trail: trailResource.name, cloudTrailActions: expect.arrayContaining(["kms:Decrypt"]) });
    }
  });
});

// ----------------------------------------------------------------------------------------------------
describe("IAM (IAM API Reference, CreateRole and PutRolePolicy; IAM User Guide, \"IAM and AWS STS quotas\")", () => {
  it("CreateRole: RoleName 1..64 of [\\w+=,.@-], Description up to 1000 Latin-1 characters; PutRolePolicy: PolicyName 1..128 of [\\w+=,.@-]", () => {
    for (const role of resources("aws_iam_role")) {
      expect({ role: role.name, name: IAM_ROLE_NAME_RULE.test(role.name), description: IAM_ROLE_DESCRIPTION_RULE.test(role.description ?? "") }).toEqual({ role: role.name, name: true, description: true });
    }
    for (const policy of resources("aws_iam_role_policy")) expect({ policy: policy.name, ok: /^[\w+=,.@-]{1,128}$/.test(policy.name) }).toEqual({ policy: policy.name, ok: true });
  });

  it("quotas: a role trust policy of at most 2,048 characters, a role's inline policies at most 10,240 together (white space not counted): every emitted role", () => {
    // References count as 100 characters each: more than any ARN they resolve to here.
    const length = (doc: any) => iamPolicyLength(JSON.parse(JSON.stringify(doc.statement).replace(/\$\{[^}]+\}/g, "r".repeat(100))));
    let measured = 0;
    for (const role of resources("aws_iam_role")) {
      const trust = length(policyDocument(role.stack, role.assume_role_policy));
      const policies = resources("aws_iam_role_policy").filter((p) => p.stack === role.stack && p.role === `\${aws_iam_role.${role.id}.id}`);
      const inline = policies.reduce((sum, p) => sum + length(policyDocument(role.stack, p.policy)), 0);
      measured += policies.length;
      expect({ role: role.name, trust: trust <= IAM_QUOTAS.trustPolicyLength, inline: inline <= IAM_QUOTAS.roleInlinePoliciesLength }).toEqual({ role: role.name, trust: true, inline: true });
    }
    // THEN every inline policy was measured against its role
    expect(measured).toBe(resources("aws_iam_role_policy").length);
  });

  it("quotas: an environment with so many stages that an archive role's inline policy passes 10,240 characters is rejected at synth", () => {
    // GIVEN 100 stages: each adds its error log stream's ARN to the delivery role's policy and its delivery
    // stream's ARN to the subscription role's (IAM User Guide, "IAM and AWS STS quotas": 10,240 characters)
    const many = withEnv("staging", { stages: Array.from({ length: 100 }, (_, i) => ({ name: `stage-${i}` })) });
    // THEN the config names the field and the limit
    expect(rejectionOf(many)).toMatch(/environment "staging": stages = "100 stages": makes the archive's delivery role policy \d+ characters long \(one entry per stage\), over IAM's 10240/);
    // AND the shipped two stages are far from it
    expect(archiveRolePolicySizes.check(validateEnvironment(ENVIRONMENTS.staging))).toEqual([]);
  });

  it("CreateRole: role names are unique in the account whatever their case; PutDashboard: dashboards are global in an account: no two stacks emit the same", () => {
    for (const [type, attribute] of [["aws_iam_role", "name"], ["aws_cloudwatch_dashboard", "dashboard_name"]] as const) {
      expect({ type, repeated: repeated(resources(type), (r) => `${r.account}/${String(r[attribute]).toLowerCase()}`) }).toEqual({ type, repeated: [] });
    }
  });
});

// ----------------------------------------------------------------------------------------------------
describe("Kinesis Data Firehose (Amazon Data Firehose API Reference, CreateDeliveryStream; Developer Guide, \"Custom Prefixes for Amazon S3 Objects\")", () => {
  it("DeliveryStreamName 1..64 of [a-zA-Z0-9_.-], FileExtension ^$|\\.[0-9a-z!\\-_.*'()]+, buffering 1..128 MiB and 0..900 s: every emitted stream to S3", () => {
    // Splunk streams (SplunkBufferingHints: 0..60 s, 1..5 MiB) are checked in log-destinations-and-chatbot.test.ts.
    for (const stream of resources("aws_kinesis_firehose_delivery_stream").filter((s) => s.destination === "extended_s3")) {
      const s3 = stream.extended_s3_configuration;
      expect({
        stream: stream.name,
        name: DELIVERY_STREAM_NAME_RULE.test(stream.name),
        extension: FILE_EXTENSION_RULE.test(s3.file_extension ?? ""),
        size: s3.buffering_size >= 1 && s3.buffering_size <= 128,
        interval: s3.buffering_interval >= 0 && s3.buffering_interval <= 900,
      }).toEqual({ stream: stream.name, name: true, extension: true, size: true, interval: true });
    }
  });

  it("Semantic rules: ErrorOutputPrefix is required when Prefix has expressions and must use !{firehose:error-output-type}, which Prefix can't: every emitted stream", () => {
    for (const stream of resources("aws_kinesis_firehose_delivery_stream")) {
      // A Splunk stream's S3 backup follows the same rules.
      const s3 = stream.extended_s3_configuration ?? stream.splunk_configuration.s3_configuration;
      expect({ stream: stream.name, problems: firehosePrefixProblems(s3.prefix, s3.error_output_prefix) }).toEqual({ stream: stream.name, problems: [] });
    }
  });

  it("Semantic rules: the prefixes Firehose rejects are found", () => {
    const fields = (prefix: string, error?: string) => firehosePrefixProblems(prefix, error).map((p) => `${p.field}: ${p.problem}`);
    expect(fields("logs/!{timestamp:yyyy}/", undefined)).toEqual(["errorOutputPrefix: is empty while prefix contains expressions"]);
    expect(fields("logs/!{firehose:error-output-type}/", "errors/!{firehose:error-output-type}/")).toEqual(["prefix: uses !{firehose:error-output-type}"]);
    expect(fields("logs/!{timestamp:yyyy}/", "errors/!{timestamp:yyyy}/")).toEqual(["errorOutputPrefix: has expressions but no !{firehose:error-output-type}"]);
    expect(fields("logs/!{oops}/", "errors/!{firehose:error-output-type}/")).toEqual(["prefix: has '!{' outside a !{namespace:value} expression"]);
    expect(fields(`${"p".repeat(510)}/!{timestamp:yyyy}/`, "e/!{firehose:error-output-type}/")).toEqual(["prefix: can be longer than 512 characters once evaluated"]);
    expect(fields("plain/", undefined)).toEqual([]);
  });

  it("StartDeliveryStreamEncryption: SSE only for a DirectPut stream, with a symmetric customer managed key named by ARN: every emitted stream", () => {
    for (const stream of resources("aws_kinesis_firehose_delivery_stream")) {
      expect({ stream: stream.name, source: stream.kinesis_source_configuration ?? stream.msk_source_configuration, sse: stream.server_side_encryption }).toEqual({
        stream: stream.name,
        source: undefined,
        sse: { enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: expect.stringMatching(/^\$\{aws_kms_key\.[^.]+\.arn\}$/) },
      });
    }
  });
});

// ----------------------------------------------------------------------------------------------------
describe("X-Ray (AWS X-Ray API Reference, CreateSamplingRule; General Reference, \"AWS X-Ray endpoints and quotas\")", () => {
  it("RuleName up to 32, ServiceName/ServiceType/Host up to 64, HTTPMethod up to 10, URLPath up to 128, FixedRate 0..1, Version 1: every emitted rule", () => {
    for (const rule of resources("aws_xray_sampling_rule")) {
      expect({
        rule: rule.rule_name,
        ok:
          rule.rule_name.length <= 32 && rule.service_name.length <= 64 && rule.service_type.length <= 64 && rule.host.length <= 64 &&
          rule.http_method.length <= 10 && rule.url_path.length <= 128 && rule.fixed_rate >= 0 && rule.fixed_rate <= 1 && rule.version === 1,
      }).toEqual({ rule: rule.rule_name, ok: true });
    }
  });

  it("quota \"Custom sampling rules per region\" (L-8C0C998A, 25 by default): the shipped environments stay under it in every account and region, with unique rule names", () => {
    const rules = resources("aws_xray_sampling_rule");
    const perRegion = new Map<string, number>();
    for (const r of rules) perRegion.set(`${r.account}/${r.region}`, (perRegion.get(`${r.account}/${r.region}`) ?? 0) + 1);
    expect(Math.max(...perRegion.values())).toBeLessThanOrEqual(XRAY_SAMPLING_RULES_PER_REGION);
    expect(repeated(rules, (r) => `${r.account}/${r.region}/${r.rule_name}`)).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------------------
describe("S3 lifecycle (Amazon S3 API Reference, PutBucketLifecycleConfiguration and LifecycleExpiration)", () => {
  it("up to 1,000 rules, IDs of at most 255 characters, unique, and ExpiredObjectDeleteMarker never with Days or Date (terraform-provider-aws #41277, #42086): every emitted configuration", () => {
    for (const config of resources("aws_s3_bucket_lifecycle_configuration")) {
      const rules = config.rule.map((r: any) => ({ id: r.id, expiration: (r.expiration ?? []).map((e: any) => ({ days: e.days, date: e.date, expiredObjectDeleteMarker: e.expired_object_delete_marker })) }));
      expect({ bucket: config.id, problems: lifecycleRuleProblems(rules) }).toEqual({ bucket: config.id, problems: [] });
      expect(config.rule.length).toBeLessThanOrEqual(1000);
    }
  });

  it("an Expiration with ExpiredObjectDeleteMarker and Days is found; lifecycleRules keeps the marker in a rule of its own", () => {
    const combined = [{ id: "x", status: "Enabled", expiration: [{ days: 30, expiredObjectDeleteMarker: true }] }];
    expect(lifecycleRuleProblems(combined)).toEqual([expect.objectContaining({ field: "rule[0].expiration", allowed: "expiredObjectDeleteMarker in a rule of its own" })]);
    expect(lifecycleRuleProblems([...lifecycleRules(archiveLifecycle), ...lifecycleRules(archiveLifecycle)]).map((p) => p.problem)).toContain("is used by another rule");
    expect(lifecycleRuleProblems(lifecycleRules(archiveLifecycle))).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------------------
describe("names other APIs check only at apply", () => {
  it("SNS CreateTopic: 1..256 ASCII letters, digits, '_' and '-': every emitted topic", () => {
    for (const topic of resources("aws_sns_topic")) expect({ topic: topic.name, ok: SNS_TOPIC_NAME_RULE.test(topic.name) }).toEqual({ topic: topic.name, ok: true });
  });

  it("CloudTrail CreateTrail: 3..128 of letters, digits, '.', '_', '-', starting and ending with a letter or digit, no adjacent '.', '_', '-', not an IP address: every emitted trail", () => {
    for (const trail of resources("aws_cloudtrail")) expect({ trail: trail.name, problems: cloudTrailNameProblems(trail.name) }).toEqual({ trail: trail.name, problems: [] });
    expect(cloudTrailNameProblems("nonprod-account-trail")).toEqual([]);
    expect(cloudTrailNameProblems("acme--account-trail").map((p) => p.problem)).toEqual(["has adjacent '.', '_' or '-'"]);
    expect(cloudTrailNameProblems("-acme").map((p) => p.problem)).toEqual(["has characters the API rejects"]);
    expect(cloudTrailNameProblems("10.0.0.1").map((p) => p.problem)).toEqual(["is in IP address format"]);
    expect(cloudTrailNameProblems("ab").map((p) => p.problem)).toEqual(["is 2 characters long"]);
  });

  it("PutDashboard: DashboardName of at most 255 of A-Z, a-z, 0-9, '-', '_'; an alarm widget holds at most 100 alarms (\"Dashboard body structure and syntax\"): every emitted dashboard", () => {
    for (const dashboard of resources("aws_cloudwatch_dashboard")) {
      const body = JSON.parse(dashboard.dashboard_body);
      const alarms = body.widgets.filter((w: any) => w.type === "alarm").map((w: any) => w.properties.alarms.length);
      expect({ dashboard: dashboard.dashboard_name, name: DASHBOARD_NAME_RULE.test(dashboard.dashboard_name), alarms: alarms.every((n: number) => n <= 100) }).toEqual({
        dashboard: dashboard.dashboard_name,
        name: true,
        alarms: true,
      });
    }
  });

  it("AWS Config PutConfigRule: ConfigRuleName up to 128, Description up to 256, InputParameters up to 1024 characters: every emitted rule, and ConfigRules refuses longer", () => {
    for (const rule of resources("aws_config_config_rule")) {
      expect({ rule: rule.name, ok: rule.name.length <= 128 && (rule.description ?? "").length <= 256 && (rule.input_parameters ?? "").length <= 1024 }).toEqual({ rule: rule.name, ok: true });
    }
    expect(() => Testing.synthScope((scope) => new ConfigRules(scope, "c", { namePrefix: "n".repeat(120) }))).toThrow(/ConfigRules n+-api-gw-execution-logging-enabled: name = "n+-api-gw-execution-logging-enabled" is 153 characters long\. Allowed: 1 to 128 characters/);
  });
});

// ----------------------------------------------------------------------------------------------------
describe("API Gateway (API Gateway API Reference)", () => {
  it("AccessLogSettings.format: a single line that includes at least $context.requestId: every emitted stage", () => {
    for (const stage of resources("aws_api_gateway_stage")) {
      expect({ stage: stage.id, problems: accessLogFormatProblems(stage.access_log_settings.format) }).toEqual({ stage: stage.id, problems: [] });
    }
    expect(accessLogFormatProblems(accessLogFormat())).toEqual([]);
    expect(accessLogFormatProblems('{"ip":"$context.identity.sourceIp"}')).toEqual(["has neither $context.requestId nor $context.extendedRequestId"]);
    expect(accessLogFormatProblems('{"id":"$context.requestId",\n"ip":"$context.identity.sourceIp"}')).toEqual(["is not a single line"]);
  });

  it("CreateStage: stage names of at most 128 alphanumeric characters, '-' and '_': every emitted stage", () => {
    for (const stage of resources("aws_api_gateway_stage")) expect({ stage: stage.stage_name, ok: /^[A-Za-z0-9_-]{1,128}$/.test(stage.stage_name) }).toEqual({ stage: stage.stage_name, ok: true });
  });

  it("UpdateAccount checks the CloudWatch role's permissions when it is set: the account setting waits for the policy attachment (terraform-provider-aws #11711)", () => {
    for (const account of resources("aws_api_gateway_account")) {
      expect(account.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy_attachment\./)]);
    }
  });
});
