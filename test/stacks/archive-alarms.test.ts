/** Archive failures somebody sees: every environment's archive streams log their errors and are alarmed. */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../../modules/aws-limits";
import { buildStacks } from "../../stacks/app";

const parsed = (stack: Parameters<typeof Testing.synth>[0]): any => JSON.parse(Testing.synth(stack));
const entries = (s: any, type: string): [string, any][] => Object.entries(s.resource?.[type] ?? {});
const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});

describe("GIVEN the shipped environments", () => {
  const stacks = buildStacks(Testing.app(), loadEnvironments(Object.values(ENVIRONMENTS)));
  const [dev, staging, prod] = stacks.environments.map(parsed);

  it("THEN every archive stream has a delivery-failed and a delivery-late alarm on the environment's topic", () => {
    for (const s of [dev, staging, prod]) {
      const alarms = values(s, "aws_cloudwatch_metric_alarm").filter((a) => a.namespace === "AWS/Firehose");
      for (const stream of values(s, "aws_kinesis_firehose_delivery_stream")) {
        const mine = alarms.filter((a) => a.dimensions.DeliveryStreamName === stream.name);
        expect(mine.map((a) => a.metric_name).sort()).toEqual(["DeliveryToS3.DataFreshness", "DeliveryToS3.Success"]);
        for (const alarm of mine) expect(alarm.alarm_actions).toEqual(["${aws_sns_topic.alarm-topic_topic.arn}"]);
      }
    }
  });

  it("THEN the late threshold follows each environment's buffering: dev buffers 60 s, staging the default 300 s", () => {
    const late = (s: any) => values(s, "aws_cloudwatch_metric_alarm").filter((a) => a.metric_name === "DeliveryToS3.DataFreshness").map((a) => a.threshold);
    expect(late(dev)).toEqual([960]);
    expect(late(staging)).toEqual([1200, 1200]);
  });

  it("THEN each stream's error log group is kept for the environment's retention and encrypted with its key", () => {
    const errorGroups = (s: any) => values(s, "aws_cloudwatch_log_group").filter((g) => g.name.startsWith("/aws/kinesisfirehose/"));
    expect(errorGroups(dev).map((g) => [g.name, g.retention_in_days, g.kms_key_id])).toEqual([["/aws/kinesisfirehose/orders-api-dev-archive-dev", 14, "${aws_kms_key.key_key.arn}"]]);
    expect(errorGroups(prod).map((g) => g.name).sort()).toEqual(["/aws/kinesisfirehose/orders-api-prod-archive-v1", "/aws/kinesisfirehose/orders-api-prod-archive-v2"]);
  });

  // Firehose Developer Guide, "Grant Firehose access to an Amazon S3 destination": logs:PutLogEvents on the
  // log stream Firehose writes to. The stack must name the same log group in both places.
  it("THEN the delivery role may write to exactly the log streams the streams log to", () => {
    for (const [s, env] of [[dev, ENVIRONMENTS.dev], [staging, ENVIRONMENTS.staging], [prod, ENVIRONMENTS.prod]] as const) {
      const groups = Object.fromEntries(entries(s, "aws_cloudwatch_log_group").map(([id, g]) => [id, g.name]));
      const logged = values(s, "aws_kinesis_firehose_delivery_stream").map((stream) => {
        const id = /aws_cloudwatch_log_group\.([^.]+)\.name/.exec(stream.extended_s3_configuration.cloudwatch_logging_options.log_group_name)![1];
        return `arn:aws:logs:${env.region}:${env.account.id}:log-group:${groups[id]}:log-stream:DestinationDelivery`;
      });
      const policy = Object.entries(s.data.aws_iam_policy_document).find(([id]) => id.includes("delivery-permissions"))![1] as any;
      expect(policy.statement.find((st: any) => st.sid === "LogDeliveryErrors").resources.sort()).toEqual(logged.sort());
    }
  });

  // CloudWatch Logs API Reference, PutSubscriptionFilter: "Each log group can have up to two subscription filters".
  it("THEN no log group has more subscription filters than CloudWatch Logs allows", () => {
    for (const s of [dev, staging, prod]) {
      const perGroup = new Map<string, number>();
      for (const f of values(s, "aws_cloudwatch_log_subscription_filter")) perGroup.set(f.log_group_name, (perGroup.get(f.log_group_name) ?? 0) + 1);
      for (const count of perGroup.values()) expect(count).toBeLessThanOrEqual(MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP);
    }
  });
});
