/**
 * The access-log archive of every environment of any registry: one bucket named for its account and region,
 * one stream per stage, and failures somebody sees (error log groups, delivery alarms).
 */
import { SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../aws-facts";
import { type Registry, synthesizeRegistry } from "../registry";

const entries = (s: any, type: string): [string, any][] => Object.entries(s.resource?.[type] ?? {});
const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});
/** The WAF log's archive stream, where the environment has a web ACL (on by default in production). */
const wafStreams = (env: { service: string; name: string; tier: string; waf: { enabled?: boolean } }): string[] =>
  (env.waf.enabled ?? env.tier === "production") ? [`${env.service}-${env.name}-waf-archive`] : [];
/** The Splunk streams of the stages that have a log destination (`logDestinations`), beside their archive streams. */
const splunkStreams = (env: { service: string; name: string; logDestinations: readonly { stage: string }[] }): string[] =>
  env.logDestinations.map((d) => `${env.service}-${env.name}-splunk-${d.stage}`);
/** The archive's streams write to S3; a log destination's to Splunk (LogDestination). */
const archiveStreams = (s: any): [string, any][] => entries(s, "aws_kinesis_firehose_delivery_stream").filter(([, f]) => f.destination === "extended_s3");

export function describeArchive(registry: Registry): void {
  describe("GIVEN the registry's environments, THEN their archives", () => {
    const app = synthesizeRegistry(registry);
    const envs = app.envs.map((env) => ({ env, s: app.json(env.name) }));

    it("have one bucket each, named for the environment, its account and region, and a stream per stage", () => {
      for (const { env, s } of envs) {
        expect(values(s, "aws_s3_bucket").map((b) => b.bucket)).toEqual([`${env.service}-${env.name}-log-archive-${env.account.id}-${env.region}`]);
        const streams = [...env.stages.map((stage) => `${env.service}-${env.name}-archive-${stage.name}`), ...wafStreams(env)];
        expect(archiveStreams(s).map(([, f]) => f.name).sort()).toEqual(streams.sort());
        expect(values(s, "aws_kinesis_firehose_delivery_stream").map((f) => f.name).sort()).toEqual([...streams, ...splunkStreams(env)].sort());
      }
    });

    it("have a delivery-failed and a delivery-late alarm per stream, on the environment's topic", () => {
      for (const { s } of envs) {
        const alarms = values(s, "aws_cloudwatch_metric_alarm").filter((a) => a.namespace === "AWS/Firehose");
        for (const [id, stream] of entries(s, "aws_kinesis_firehose_delivery_stream")) {
          // the stream's name by reference
          const mine = alarms.filter((a) => a.dimensions.DeliveryStreamName === `\${aws_kinesis_firehose_delivery_stream.${id}.name}`);
          const expected =
            stream.destination === "extended_s3" ? ["DeliveryToS3.DataFreshness", "DeliveryToS3.Success"] : ["BackupToS3.Success", "DeliveryToSplunk.DataFreshness", "DeliveryToSplunk.Success"];
          expect(mine.map((a) => a.metric_name).sort()).toEqual(expected);
          for (const alarm of mine) expect(alarm.alarm_actions).toEqual(["${aws_sns_topic.alarms.arn}"]);
        }
      }
    });

    it("log each stream's errors to its own log group, kept for the environment's retention and encrypted with its key", () => {
      for (const { env, s } of envs) {
        const errorGroups = values(s, "aws_cloudwatch_log_group").filter((g) => g.name.startsWith("/aws/kinesisfirehose/"));
        const expected = [...env.stages.map((stage) => `${env.service}-${env.name}-archive-${stage.name}`), ...wafStreams(env), ...splunkStreams(env)].map((stream) => [
          `/aws/kinesisfirehose/${stream}`,
          env.logs.retentionDays,
          "${aws_kms_key.observability.arn}",
        ]);
        expect(errorGroups.map((g) => [g.name, g.retention_in_days, g.kms_key_id]).sort()).toEqual(expected.sort());
      }
    });

    // Firehose Developer Guide, "Grant Firehose access to an Amazon S3 destination": logs:PutLogEvents on the
    // log stream Firehose writes to. The stack must name the same log group in both places.
    it("let the delivery role write to exactly the log streams the streams log to", () => {
      for (const { s } of envs) {
        // by reference: the log stream's `arn` is arn:...:log-group:<group>:log-stream:<stream>
        const arnOf = (logging: any) => logging.log_stream_name.replace(/\.name\}$/, ".arn}");
        const logged = archiveStreams(s).map(([, stream]) => arnOf(stream.extended_s3_configuration.cloudwatch_logging_options));
        const policy = (id: string) => s.data.aws_iam_policy_document[id].statement.find((st: any) => st.sid === "LogDeliveryErrors").resources.sort();
        expect(policy("archive_delivery_permissions")).toEqual(logged.sort());
        // A Splunk stream logs delivery errors and its S3 backup's errors to two log streams, both its role's.
        const splunk = values(s, "aws_kinesis_firehose_delivery_stream").filter((f) => f.destination === "splunk");
        if (splunk.length > 0) {
          const destinationLogged = splunk.flatMap((f) => [arnOf(f.splunk_configuration.cloudwatch_logging_options), arnOf(f.splunk_configuration.s3_configuration.cloudwatch_logging_options)]);
          expect(policy("log_destinations_delivery_permissions")).toEqual(destinationLogged.sort());
        }
      }
    });

    // CloudWatch Logs API Reference, PutSubscriptionFilter: "Each log group can have up to two subscription filters".
    it("subscribe no log group more often than CloudWatch Logs allows", () => {
      for (const { s } of envs) {
        const perGroup = new Map<string, number>();
        for (const f of values(s, "aws_cloudwatch_log_subscription_filter")) perGroup.set(f.log_group_name, (perGroup.get(f.log_group_name) ?? 0) + 1);
        for (const count of perGroup.values()) expect(count).toBeLessThanOrEqual(SUBSCRIPTION_FILTERS_PER_LOG_GROUP);
      }
    });
  });
}
