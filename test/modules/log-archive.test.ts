import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { Testing } from "cdktf";
import { LogArchive } from "../../modules/log-archive";
import { archiveErrorPrefix, archivePrefix, LogSubscription } from "../../modules/log-subscription";
import { archiveProps, archiveWithStages, bucketName, errorLogs } from "../support/log-archive";
import { all, dataNamed, only, resourceNamed, synth } from "../support/synth";

/** References, not literals: each policy and stream names what it needs, so Terraform creates that first. */
const bucketArn = expect.stringMatching(/^\$\{aws_s3_bucket\.archive_bucket_[^.]+\.arn\}$/);
const bucketObjects = expect.stringMatching(/^\$\{aws_s3_bucket\.archive_bucket_[^.]+\.arn\}\/\*$/);
const streamArns = ["v1", "v2"].map((stage) => expect.stringMatching(new RegExp(`^\\$\\{aws_kinesis_firehose_delivery_stream\\.archive-${stage}_stream_[^.]+\\.arn\\}$`)));
const errorLogStreamArns = ["v1", "v2"].map((stage) => expect.stringMatching(new RegExp(`^\\$\\{aws_cloudwatch_log_stream\\.archive-${stage}_delivery_[^.]+\\.arn\\}$`)));
const props = archiveProps;

/** Every action of every Allow statement of the roles' permission policies. */
function allowedActions(documents: any[]): string[] {
  return documents.flatMap((d) => d.statement.filter((st: any) => st.effect === "Allow").flatMap((st: any) => st.actions));
}

describe("LogArchive with a LogSubscription per stage", () => {
  // GIVEN a protected archive and two stages writing to it
  const s = synth(archiveWithStages);

  it("keeps the logs in a protected, hardened bucket with its own rotating key", () => {
    expect(only(s, "aws_s3_bucket")).toMatchObject({ bucket: bucketName, force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(only(s, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(only(s, "aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key\..+\.arn/);
  });

  // Firehose Developer Guide, "Controlling access": the documented trust of a Firehose role is
  // `sts:ExternalId` = the account id. Firehose documents no aws:SourceArn/aws:SourceAccount on AssumeRole,
  // and a condition on a key the caller does not send denies it: CreateDeliveryStream would fail at apply.
  it("lets only Firehose acting for this account assume the delivery role, with Firehose's documented condition", () => {
    expect(dataNamed(s, "aws_iam_policy_document", "delivery_trust").statement).toEqual([
      {
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["firehose.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "sts:ExternalId", values: ["123456789012"] }],
      },
    ]);
  });

  it("lets only CloudWatch Logs of this region and account assume the subscription role", () => {
    const [trust] = dataNamed(s, "aws_iam_policy_document", "subscription_trust").statement;
    expect(trust.principals).toEqual([{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }]);
    expect(trust.condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:logs:eu-west-1:123456789012:*"] },
    ]);
  });

  it("grants least privilege: named actions only, on this bucket, this key and these streams", () => {
    const delivery = dataNamed(s, "aws_iam_policy_document", "delivery_permissions");
    const subscription = dataNamed(s, "aws_iam_policy_document", "subscription_permissions");
    const actions = allowedActions([delivery, subscription]);
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    expect(delivery.statement[0].resources).toEqual([bucketArn, bucketObjects]);
    expect(delivery.statement[1]).toMatchObject({
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      condition: [
        { test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] },
        { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArn, bucketObjects] },
      ],
    });
    expect(delivery.statement[2]).toEqual({ sid: "LogDeliveryErrors", effect: "Allow", actions: ["logs:PutLogEvents"], resources: errorLogStreamArns });
    expect(subscription.statement).toEqual([{ sid: "PutIntoArchiveStreams", effect: "Allow", actions: ["firehose:PutRecord", "firehose:PutRecordBatch"], resources: streamArns }]);
  });

  it("names the delivery role in the key policy by reference, so the key comes after the role", () => {
    const keyPolicy = dataNamed(s, "aws_iam_policy_document", "key-policy").statement;
    const grant = keyPolicy.find((st: any) => st.sid === "FirehoseDeliveryRoleEncryptsArchiveObjects");
    expect(grant.principals).toEqual([{ type: "AWS", identifiers: [expect.stringMatching(/^\$\{aws_iam_role\..*delivery_role.*\.arn\}$/)] }]);
    expect(grant.actions).toEqual(["kms:GenerateDataKey", "kms:Decrypt"]);
    expect(grant.condition).toEqual([
      { test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] },
      { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: [bucketArn, bucketObjects] },
    ]);
  });

  it("writes each stage's logs under its own prefix, errors apart, encrypted with the archive key", () => {
    expect(s.json).toHaveResourceWithProperties(KinesisFirehoseDeliveryStream, {
      name: "svc-prod-archive-v2",
      destination: "extended_s3",
      server_side_encryption: { enabled: true, key_type: "CUSTOMER_MANAGED_CMK", key_arn: expect.stringMatching(/aws_kms_key\..+\.arn/) },
      extended_s3_configuration: expect.objectContaining({
        bucket_arn: bucketArn,
        prefix: "access-logs/stage=v2/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
        error_output_prefix: archiveErrorPrefix("v2"),
        kms_key_arn: expect.stringMatching(/aws_kms_key\..+\.arn/),
        role_arn: expect.stringMatching(/aws_iam_role\..*delivery_role.*\.arn/),
      }),
    });
    expect(archivePrefix("v1")).not.toEqual(archivePrefix("v2"));
    expect(archiveErrorPrefix("v1")).toContain("!{firehose:error-output-type}");
  });

  it("gzips once: it unpacks CloudWatch Logs' gzip envelopes, keeps the messages one per line, then compresses", () => {
    const s3 = resourceNamed(s, "aws_kinesis_firehose_delivery_stream", "archive-v1").extended_s3_configuration;
    expect(s3.compression_format).toBe("GZIP");
    expect(s3.processing_configuration.processors).toEqual([
      { type: "Decompression", parameters: [{ parameter_name: "CompressionFormat", parameter_value: "GZIP" }] },
      { type: "CloudWatchLogProcessing", parameters: [{ parameter_name: "DataMessageExtraction", parameter_value: "true" }] },
      // Firehose API Reference, Processor: AppendDelimiterToRecord puts a newline between records, so each
      // archived line is one JSON document (JSON Lines, as Athena reads them).
      { type: "AppendDelimiterToRecord" },
    ]);
  });

  it("subscribes each stage's access log group, every event, with the subscription role, once it may", () => {
    expect(s.json).toHaveResourceWithProperties(CloudwatchLogSubscriptionFilter, {
      log_group_name: "/apigateway/svc-prod/v1/access",
      filter_pattern: "",
      destination_arn: streamArns[0],
      role_arn: expect.stringMatching(/aws_iam_role\..*subscription_role.*\.arn/),
    });
    // the stream by reference (destination_arn), the role's permissions by depends_on
    const filter = resourceNamed(s, "aws_cloudwatch_log_subscription_filter", "archive-v1");
    expect(filter.depends_on).toEqual([expect.stringMatching(/aws_iam_role_policy\..*subscription_policy/)]);
    expect(all(s, "aws_cloudwatch_log_subscription_filter")).toHaveLength(2);
  });

  it("refuses a stream that is not the archive's", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const archive = new LogArchive(scope, "a", props);
        new LogSubscription(scope, "x", { archive, streamName: "other", stageName: "x", logGroupName: "g", errorLogs });
      }),
    ).toThrow('LogArchive: stream "other" is not one of this archive\'s streams. Allowed: svc-prod-archive-v1, svc-prod-archive-v2');
  });

  it("refuses a stream of the archive that no LogSubscription creates (its policies could not name it)", () => {
    // GIVEN an archive of two streams, WHEN only v1 gets its LogSubscription, THEN the synth names the missing one
    expect(() =>
      Testing.synthScope((scope) => {
        const archive = new LogArchive(scope, "a", props);
        new LogSubscription(scope, "x", { archive, streamName: "svc-prod-archive-v1", stageName: "v1", logGroupName: "g", errorLogs });
      }),
    ).toThrow(`LogArchive ${bucketName}: stream "svc-prod-archive-v2" has no LogSubscription. Allowed: a LogSubscription for each of svc-prod-archive-v1, svc-prod-archive-v2`);
  });

  it("refuses two LogSubscriptions of one stream", () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const archive = new LogArchive(scope, "a", props);
        for (const id of ["x", "y"]) new LogSubscription(scope, id, { archive, streamName: "svc-prod-archive-v1", stageName: "v1", logGroupName: "g", errorLogs });
      }),
    ).toThrow(`LogArchive ${bucketName}: stream "svc-prod-archive-v1" is attached twice. Allowed: one LogSubscription per stream`);
  });

  it("refuses an archive no stream writes to", () => {
    expect(() => Testing.synthScope((scope) => new LogArchive(scope, "a", { ...props, streamNames: [] }))).toThrow(`LogArchive ${bucketName}: streamNames = []`);
  });

  it.each([
    ["bufferingIntervalSeconds", 901, "0 to 900"],
    ["bufferingSizeMiB", 0, "1 to 128"],
  ])("refuses %s = %p", (field, value, range) => {
    expect(() =>
      Testing.synthScope((scope) => {
        const archive = new LogArchive(scope, "a", props);
        new LogSubscription(scope, "x", { archive, streamName: "svc-prod-archive-v1", stageName: "v1", logGroupName: "g", errorLogs, [field]: value });
      }),
    ).toThrow(`LogSubscription: ${field} = ${value} is out of range. Allowed: a whole number from ${range}`);
  });
});
