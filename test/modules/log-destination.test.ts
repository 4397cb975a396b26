/**
 * LogDestinations (roles, a Splunk stream and subscription filter per stage, their alarms): GIVEN two stages with
 * Splunk destinations, one secret by name and one by ARN with its own key, THEN CloudWatch Logs records are
 * decompressed and their messages extracted, the token is read from Secrets Manager at runtime, failed records are
 * backed up into the archive bucket apart from the archive's prefixes, errors are logged and alarmed, and the roles
 * allow exactly that. What CreateDeliveryStream would reject is refused at synth.
 */
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { awsLocation } from "../../aws/arn";
import { LogDestination, type SplunkDestinationSettings } from "../../modules/log-destination";
import { LogDestinationRoles } from "../../modules/log-destination-roles";
import { LogDestinations, type LogDestinationsProps } from "../../modules/log-destinations";
import { all, dataNamed, synth } from "../support/synth";

const location = awsLocation("111111111111", "eu-west-1");
const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:222222222222:secret:splunk/hec-token-AbC123";
const SECRET_KEY = "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const destinations: SplunkDestinationSettings[] = [
  { type: "splunk", stage: "v1", hecEndpoint: "https://splunk.acme.com:8088", hecToken: { secretName: "orders-api/splunk-hec-token" } },
  {
    type: "splunk",
    stage: "v2",
    hecEndpoint: "https://splunk.acme.com:8088",
    hecEndpointType: "Event",
    hecToken: { secretArn: SECRET_ARN, kmsKeyArn: SECRET_KEY },
    acknowledgmentTimeoutSeconds: 300,
    retryDurationSeconds: 600,
    bufferingIntervalSeconds: 30,
    bufferingSizeMiB: 2,
    backupMode: "AllEvents",
  },
];
const BUCKET = "arn:aws:s3:::orders-api-dev-log-archive-111111111111-eu-west-1";
const ARCHIVE_KEY = "arn:aws:kms:eu-west-1:111111111111:key/archive";

function build(scope: Construct, change: Partial<LogDestinationsProps> = {}): LogDestinations {
  const stages = ["v1", "v2"].map((stage) => ({ construct: new Construct(scope, `stage-${stage}`), stageName: stage, accessLogGroupName: `/aws/apigateway/orders-api-dev/${stage}` }));
  return new LogDestinations(scope, "log-destinations", {
    location,
    namePrefix: "orders-api-dev",
    destinations,
    stages,
    backup: { bucketArn: BUCKET, bucketName: "orders-api-dev-log-archive-111111111111-eu-west-1", keyArn: ARCHIVE_KEY },
    errorLogs: { retentionInDays: 30, kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/logs", preventDestroy: true },
    topicArn: "arn:aws:sns:eu-west-1:111111111111:orders-api-dev-alarms",
    ...change,
  });
}

const streamNamed = (s: ReturnType<typeof synth>, name: string) => all(s, "aws_kinesis_firehose_delivery_stream").find((f) => f.name === name);

describe("LogDestinations with Splunk on two stages", () => {
  const s = synth((scope) => build(scope));
  const v1 = streamNamed(s, "orders-api-dev-splunk-v1");
  const v2 = streamNamed(s, "orders-api-dev-splunk-v2");

  it("streams each stage to Splunk with Firehose's Splunk defaults, or the stage's own settings", () => {
    expect(v1).toMatchObject({ destination: "splunk" });
    expect(v1.splunk_configuration).toMatchObject({
      hec_endpoint: "https://splunk.acme.com:8088",
      hec_endpoint_type: "Raw",
      hec_acknowledgment_timeout: 180,
      retry_duration: 3600,
      buffering_interval: 60,
      buffering_size: 5,
      s3_backup_mode: "FailedEventsOnly",
    });
    expect(v2.splunk_configuration).toMatchObject({ hec_endpoint_type: "Event", hec_acknowledgment_timeout: 300, retry_duration: 600, buffering_interval: 30, buffering_size: 2, s3_backup_mode: "AllEvents" });
  });

  // Firehose Developer Guide, "Extract message after decompression of CloudWatch Logs": Splunk needs the messages.
  it("decompresses CloudWatch Logs' records and extracts their messages", () => {
    expect(v1.splunk_configuration.processing_configuration).toEqual({
      enabled: true,
      processors: [
        { type: "Decompression", parameters: [{ parameter_name: "CompressionFormat", parameter_value: "GZIP" }] },
        { type: "CloudWatchLogProcessing", parameters: [{ parameter_name: "DataMessageExtraction", parameter_value: "true" }] },
      ],
    });
  });

  it("reads the token from Secrets Manager with the delivery role: a name as a partial ARN of this account and region, an ARN as it is; no token anywhere", () => {
    const roleArn = expect.stringMatching(/^\$\{aws_iam_role\.[^.]*delivery[^.]*\.arn\}$/);
    expect(v1.splunk_configuration.secrets_manager_configuration).toEqual({ enabled: true, secret_arn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-api/splunk-hec-token", role_arn: roleArn });
    expect(v2.splunk_configuration.secrets_manager_configuration).toEqual({ enabled: true, secret_arn: SECRET_ARN, role_arn: roleArn });
    expect(JSON.stringify(s.resource)).not.toContain("hec_token\"");
    for (const stream of [v1, v2]) expect(stream.splunk_configuration.hec_token).toBeUndefined();
  });

  it("backs failed records up into the archive bucket under log-destinations/, gzip, with the archive key, apart from the archive's prefixes", () => {
    expect(v1.splunk_configuration.s3_configuration).toMatchObject({
      bucket_arn: BUCKET,
      prefix: "log-destinations/splunk/stage=v1/",
      error_output_prefix: "log-destinations/errors/stage=v1/",
      compression_format: "GZIP",
      kms_key_arn: ARCHIVE_KEY,
    });
    for (const stream of [v1, v2]) expect(stream.splunk_configuration.s3_configuration.prefix).not.toMatch(/^(access-logs|errors|waf-logs)\//);
    expect(v1.server_side_encryption).toEqual({ enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: ARCHIVE_KEY });
  });

  it("logs delivery and backup errors to the stream's own log group and log streams, retained, encrypted and protected", () => {
    const groups = all(s, "aws_cloudwatch_log_group").map((g) => [g.name, g.retention_in_days, g.kms_key_id, g.lifecycle]);
    expect(groups.sort()).toEqual(
      ["v1", "v2"].map((stage) => [`/aws/kinesisfirehose/orders-api-dev-splunk-${stage}`, 30, "arn:aws:kms:eu-west-1:111111111111:key/logs", { prevent_destroy: true }]),
    );
    expect(all(s, "aws_cloudwatch_log_stream").map((l) => l.name).sort()).toEqual(["BackupDelivery", "BackupDelivery", "DestinationDelivery", "DestinationDelivery"]);
    expect(v1.splunk_configuration.cloudwatch_logging_options.log_stream_name).toMatch(/aws_cloudwatch_log_stream\.[^.]*delivery[^.]*\.name/);
    expect(v1.splunk_configuration.s3_configuration.cloudwatch_logging_options.log_stream_name).toMatch(/aws_cloudwatch_log_stream\.[^.]*backup[^.]*\.name/);
  });

  it("subscribes every event of each stage's access log group, after the subscription role may put records", () => {
    const filters = all(s, "aws_cloudwatch_log_subscription_filter");
    expect(filters.map((f) => [f.log_group_name, f.filter_pattern])).toEqual([
      ["/aws/apigateway/orders-api-dev/v1", ""],
      ["/aws/apigateway/orders-api-dev/v2", ""],
    ]);
    for (const f of filters) {
      expect(f.destination_arn).toMatch(/^\$\{aws_kinesis_firehose_delivery_stream\.[^.]+\.arn\}$/);
      expect(f.role_arn).toMatch(/^\$\{aws_iam_role\.[^.]*subscription[^.]*\.arn\}$/);
      expect(f.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.[^.]*subscription/)]);
    }
    for (const stream of [v1, v2]) expect(stream.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\.[^.]*delivery/)]);
  });

  // Firehose Developer Guide, "Grant Firehose access to an Amazon S3 destination" and "Grant access to Firehose to
  // retrieve the secret"; the `??????` matches the 6 random characters (Secrets Manager User Guide).
  it("lets the delivery role write the backups, log its errors and read exactly the tokens' secrets (and decrypt the one with its own key, through Secrets Manager)", () => {
    const statements: any[] = dataNamed(s, "aws_iam_policy_document", "delivery_permissions").statement;
    const bySid = Object.fromEntries(statements.map((st) => [st.sid, st]));
    expect(bySid.WriteArchiveObjects.resources).toEqual([BUCKET, `${BUCKET}/*`]);
    expect(bySid.EncryptArchiveObjects.condition).toContainEqual({ test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] });
    expect(bySid.LogDeliveryErrors.resources).toHaveLength(4);
    for (const logStream of bySid.LogDeliveryErrors.resources) expect(logStream).toMatch(/^\$\{aws_cloudwatch_log_stream\.[^.]+\.arn\}$/);
    expect(bySid.ReadSplunkTokens).toEqual({ sid: "ReadSplunkTokens", effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resources: ["arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-api/splunk-hec-token-??????", SECRET_ARN] });
    expect(bySid.DecryptSplunkTokens).toEqual({
      sid: "DecryptSplunkTokens",
      effect: "Allow",
      actions: ["kms:Decrypt"],
      resources: [SECRET_KEY],
      condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["secretsmanager.eu-west-1.amazonaws.com"] }],
    });
    expect(dataNamed(s, "aws_iam_policy_document", "delivery_trust").statement[0].condition).toEqual([{ test: "StringEquals", variable: "sts:ExternalId", values: ["111111111111"] }]);
  });

  it("lets the subscription role, assumed by this region's CloudWatch Logs for this account, put records into exactly the two streams", () => {
    const [put] = dataNamed(s, "aws_iam_policy_document", "subscription_permissions").statement;
    expect(put.actions).toEqual(["firehose:PutRecord", "firehose:PutRecordBatch"]);
    expect(put.resources).toEqual([expect.stringMatching(/aws_kinesis_firehose_delivery_stream\..+\.arn/), expect.stringMatching(/aws_kinesis_firehose_delivery_stream\..+\.arn/)]);
    expect(dataNamed(s, "aws_iam_policy_document", "subscription_trust").statement[0].principals).toEqual([{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }]);
  });

  it("alarms when Splunk delivery fails or lags and when the backup fails, on the topic, per stream", () => {
    const alarms = all(s, "aws_cloudwatch_metric_alarm");
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(
      ["v1", "v2"].flatMap((stage) => ["backup-failed", "delivery-failed", "delivery-late"].map((kind) => `orders-api-dev-splunk-${stage}-${kind}`)).sort(),
    );
    const v1Alarms = Object.fromEntries(alarms.filter((a) => a.alarm_name.includes("-v1-")).map((a) => [a.metric_name, a]));
    expect(v1Alarms["DeliveryToSplunk.Success"]).toMatchObject({ namespace: "AWS/Firehose", statistic: "Average", comparison_operator: "LessThanThreshold", threshold: 1, treat_missing_data: "notBreaching" });
    expect(v1Alarms["DeliveryToSplunk.DataFreshness"]).toMatchObject({ statistic: "Maximum", threshold: 60 + 900 });
    expect(v1Alarms["BackupToS3.Success"]).toMatchObject({ threshold: 1, alarm_actions: ["arn:aws:sns:eu-west-1:111111111111:orders-api-dev-alarms"] });
    for (const alarm of alarms) expect(alarm.dimensions.DeliveryStreamName).toMatch(/^\$\{aws_kinesis_firehose_delivery_stream\.[^.]+\.name\}$/);
  });
});

describe("what CreateDeliveryStream would reject is refused at synth", () => {
  const withSettings = (change: Partial<SplunkDestinationSettings>) => () =>
    Testing.synthScope((scope) => build(scope, { destinations: [{ ...destinations[0], ...change }] }));

  it.each([
    [{ bufferingSizeMiB: 6 }, "bufferingSizeMiB = 6 is out of range. Allowed: a whole number from 1 to 5"],
    [{ bufferingIntervalSeconds: 61 }, "bufferingIntervalSeconds = 61 is out of range. Allowed: a whole number from 0 to 60"],
    [{ acknowledgmentTimeoutSeconds: 120 }, "acknowledgmentTimeoutSeconds = 120 is out of range. Allowed: a whole number from 180 to 600"],
    [{ retryDurationSeconds: 9000 }, "retryDurationSeconds = 9000 is out of range. Allowed: a whole number from 0 to 7200"],
    [{ hecEndpoint: "http://splunk.acme.com" }, 'hecEndpoint = "http://splunk.acme.com" is not an https:// URL'],
    [{ hecToken: { secretArn: "splunk/hec" } }, 'secretArn = "splunk/hec" is not a Secrets Manager secret ARN'],
    [{ backupMode: "AllDocuments" as never }, 'backupMode = "AllDocuments" is not an S3 backup mode for Splunk. Allowed: FailedEventsOnly, AllEvents'],
    [{ hecEndpointType: "Json" as never }, 'hecEndpointType = "Json" is not a HEC endpoint type. Allowed: Raw, Event'],
  ])("GIVEN %j THEN LogDestination throws naming the stream, the field and the allowed values", (change, message) => {
    expect(withSettings(change)).toThrow(`LogDestination orders-api-dev-splunk-v1: `);
    expect(withSettings(change)).toThrow(message);
  });

  it("GIVEN a stage the API does not have THEN LogDestinations names the stages it has", () => {
    expect(() => Testing.synthScope((scope) => build(scope, { destinations: [{ ...destinations[0], stage: "v3" }] }))).toThrow(
      'LogDestinations orders-api-dev: stage = "v3" is not a stage of the API. Allowed: v1, v2',
    );
  });

  it("GIVEN roles without streams, or a stream attached twice or missing THEN LogDestinationRoles refuses it", () => {
    const rolesProps = { location, deliveryRoleName: "d", subscriptionRoleName: "s", backup: { bucketArn: BUCKET, keyArn: ARCHIVE_KEY, bucketName: "b" } };
    expect(() => Testing.synthScope((scope) => new LogDestinationRoles(scope, "r", { ...rolesProps, streams: [] }))).toThrow("streams = []: roles no stream uses");
    expect(() => Testing.synthScope((scope) => new LogDestinationRoles(scope, "r", { ...rolesProps, streams: [{ streamName: "a", secretName: "x" }] }))).toThrow('stream "a" has no LogDestination');
    expect(() =>
      Testing.synthScope((scope) => {
        const roles = new LogDestinationRoles(scope, "r", { ...rolesProps, streams: [{ streamName: "a", secretName: "x" }] });
        const stream = { streamArn: "arn", errorLogStreamArns: ["l1", "l2"] as [string, string] };
        roles.attach("a", stream);
        roles.attach("a", stream);
      }),
    ).toThrow('stream "a" is attached twice');
    expect(() => Testing.synthScope((scope) => new LogDestination(scope, "x", { settings: destinations[0], streamName: "b", location, roles: new LogDestinationRoles(scope, "r", { ...rolesProps, streams: [{ streamName: "a", secretName: "x" }] }), backup: { bucketArn: BUCKET, keyArn: ARCHIVE_KEY }, logGroupName: "/g", errorLogs: { retentionInDays: 30, kmsKeyArn: "k" } }))).toThrow(
      'stream "b" is not one of the roles\' streams',
    );
  });
});
