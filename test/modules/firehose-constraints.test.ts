/**
 * What only CreateDeliveryStream, PutSubscriptionFilter or a failed delivery reveals about the archive
 * streams: `terraform plan` accepts all of these broken. Each test names the AWS document it encodes.
 */
import { Testing } from "cdktf";
import { firehosePrefixProblems } from "../../aws/limits";
import { LogArchive } from "../../modules/log-archive";
import { LogSubscription } from "../../modules/log-subscription";
import { archiveProps, archiveWithStages, errorLogs } from "../support/log-archive";
import { all, dataNamed, only, resourceNamed, synth } from "../support/synth";
import { FIREHOSE_ERROR_LOG_STREAM, firehoseErrorLogGroupName } from "../../aws/archive-permissions";

const props = archiveProps;

describe("GIVEN an archive with a stream per stage", () => {
  const s = synth(archiveWithStages);
  const stream = resourceNamed(s, "aws_kinesis_firehose_delivery_stream", "archive-v1");
  const options = stream.extended_s3_configuration.cloudwatch_logging_options;

  // Firehose Developer Guide, "Monitoring Amazon Data Firehose using CloudWatch Logs": "If you enable Firehose
  // error logging through the AWS CLI or an AWS SDK using the CloudWatchLoggingOptions configuration, you must
  // create a log group and a log stream in advance." Only the console creates them.
  it("THEN each stream logs its errors to a log group and log stream created here, before the stream", () => {
    expect(options).toEqual({
      enabled: true,
      log_group_name: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.archive-v1_error-logs_log-group.*\.name\}$/),
      log_stream_name: expect.stringMatching(/^\$\{aws_cloudwatch_log_stream\.archive-v1_delivery.*\.name\}$/),
    });
    expect(resourceNamed(s, "aws_cloudwatch_log_group", "archive-v1_error-logs")).toMatchObject({ name: "/aws/kinesisfirehose/svc-prod-archive-v1" });
    expect(resourceNamed(s, "aws_cloudwatch_log_stream", "archive-v1_delivery")).toMatchObject({
      name: FIREHOSE_ERROR_LOG_STREAM,
      log_group_name: expect.stringMatching(/aws_cloudwatch_log_group\.archive-v1_error-logs.*\.name/),
    });
  });

  // Same guide: "We recommend reserving that log group and log stream for Firehose error logging exclusively."
  it("THEN every stream has a log group of its own", () => {
    const groups = all(s, "aws_kinesis_firehose_delivery_stream").map((x) => x.extended_s3_configuration.cloudwatch_logging_options.log_group_name);
    expect(new Set(groups).size).toBe(2);
  });

  // Firehose Developer Guide, "Controlling access", "Grant Firehose access to an Amazon S3 destination": the
  // role policy allows `logs:PutLogEvents` on arn:aws:logs:region:account-id:log-group:log-group-name:log-stream:log-stream-name.
  // Without it the stream is created, and every error it would have logged is lost.
  // The log streams by reference: their `arn` is that log-stream ARN, and the policy comes after them.
  it("THEN the delivery role may put log events into exactly those log streams, before any stream exists", () => {
    const [logging] = dataNamed(s, "aws_iam_policy_document", "delivery_permissions").statement.filter((st: any) => st.sid === "LogDeliveryErrors");
    expect(logging).toEqual({
      sid: "LogDeliveryErrors",
      effect: "Allow",
      actions: ["logs:PutLogEvents"],
      resources: ["v1", "v2"].map((stage) => expect.stringMatching(new RegExp(`^\\$\\{aws_cloudwatch_log_stream\\.archive-${stage}_delivery_[^.]+\\.arn\\}$`))),
    });
    expect(stream.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_iam_role_policy\..*delivery_policy/)]));
  });

  // CloudWatchLoggingOptions (Firehose API Reference; AWS::KinesisFirehose::DeliveryStream): LogGroupName pattern [\.\-_/#A-Za-z0-9]*, LogStreamName
  // pattern [^:*]*, each at most 512 characters.
  it("THEN the log group and log stream names fit CloudWatchLoggingOptions' patterns", () => {
    for (const name of props.streamNames) expect(firehoseErrorLogGroupName(name)).toMatch(/^[.\-_/#A-Za-z0-9]{1,512}$/);
    expect(FIREHOSE_ERROR_LOG_STREAM).toMatch(/^[^:*]{1,512}$/);
  });

  it("THEN the error log groups are kept and encrypted like the environment's other log groups, and protected", () => {
    const group = resourceNamed(s, "aws_cloudwatch_log_group", "archive-v2_error-logs");
    expect(group).toMatchObject({ retention_in_days: 365, kms_key_id: errorLogs.kmsKeyArn, lifecycle: { prevent_destroy: true } });
    expect(resourceNamed(s, "aws_cloudwatch_log_stream", "archive-v2_delivery").lifecycle).toEqual({ prevent_destroy: true });
  });

  // Firehose Developer Guide, "Custom Prefixes for Amazon S3 Objects", "Semantic rules": ErrorOutputPrefix is
  // required when Prefix has expressions and must then contain !{firehose:error-output-type}; Prefix must not;
  // `!{` only in !{namespace:value}; at most 512 characters once evaluated. CreateDeliveryStream rejects the rest.
  it("THEN its prefixes follow Firehose's semantic rules for Prefix and ErrorOutputPrefix", () => {
    for (const x of all(s, "aws_kinesis_firehose_delivery_stream")) {
      const { prefix, error_output_prefix: errorPrefix } = x.extended_s3_configuration;
      expect(firehosePrefixProblems(prefix, errorPrefix)).toEqual([]);
      expect(prefix).not.toContain("!{firehose:error-output-type}");
      expect(errorPrefix).toContain("!{firehose:error-output-type}");
    }
  });

  // Firehose API Reference, DeliveryStreamEncryptionConfigurationInput: "If you set KeyType to
  // CUSTOMER_MANAGED_CMK, you must specify the Amazon Resource Name (ARN) of the CMK", and "To encrypt your
  // delivery stream, use symmetric CMKs. Firehose doesn't support asymmetric CMKs."
  it("THEN server-side encryption names its customer managed key, a symmetric one", () => {
    expect(stream.server_side_encryption).toEqual({ enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: expect.stringMatching(/aws_kms_key\.archive_key.*\.arn/) });
    expect(only(s, "aws_kms_key").customer_master_key_spec ?? "SYMMETRIC_DEFAULT").toBe("SYMMETRIC_DEFAULT");
  });

  // Firehose API Reference, InvalidSourceException: "Only requests from CloudWatch Logs are supported when
  // CloudWatch Logs decompression is enabled." Any other producer's PutRecord is refused: only the
  // subscription role, which only CloudWatch Logs may assume, may put records.
  it("THEN only CloudWatch Logs can put records into the decompressing streams", () => {
    const puts = Object.entries(s.data.aws_iam_policy_document)
      .filter(([, doc]: [string, any]) => doc.statement.some((st: any) => (st.actions ?? []).some((a: string) => a.startsWith("firehose:Put"))))
      .map(([id]) => id);
    expect(puts).toEqual([expect.stringContaining("subscription_permissions")]);
    expect(dataNamed(s, "aws_iam_policy_document", "subscription_trust").statement[0].principals).toEqual([{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }]);
    // CloudWatchLogProcessing (message extraction) works on decompressed records only: Decompression first.
    expect(stream.extended_s3_configuration.processing_configuration.processors.map((p: any) => p.type)).toEqual(["Decompression", "CloudWatchLogProcessing", "AppendDelimiterToRecord"]);
  });
});

describe("GIVEN a stage name that would break the S3 prefix", () => {
  // "Custom Prefixes for Amazon S3 Objects", "Semantic rules": "The sequence !{ can only appear in !{namespace:value} expressions."
  it("THEN the stream is refused at synth, naming the prefix", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const archive = new LogArchive(scope, "archive", props);
        new LogSubscription(scope, "x", { archive, streamName: "svc-prod-archive-v1", stageName: "v1!{oops", logGroupName: "g", errorLogs });
      }),
    ).toThrow(/LogSubscription svc-prod-archive-v1: prefix = "access-logs\/stage=v1!\{oops\/.*has '!\{' outside a !\{namespace:value\} expression/);
  });
});
