/**
 * Archive failures somebody sees: every environment's archive streams log their errors and are alarmed
 * (test/support/checks/archive.ts, also run on a registry with an extra environment), with the shipped
 * environments' own settings.
 */
import { ENVIRONMENTS } from "../../environments";
import { describeArchive } from "../support/checks/archive";
import { synthesizeRegistry } from "../support/registry";

const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});

describeArchive(ENVIRONMENTS);

describe("GIVEN the shipped environments", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);
  const [dev, staging, prod] = ["dev", "staging", "prod"].map(app.json);

  it("THEN the late threshold follows each environment's buffering: dev buffers 60 s, staging the default 300 s", () => {
    const late = (s: any) => values(s, "aws_cloudwatch_metric_alarm").filter((a) => a.metric_name === "DeliveryToS3.DataFreshness").map((a) => a.threshold);
    expect(late(dev)).toEqual([960]);
    expect(late(staging)).toEqual([1200, 1200]);
  });

  it("THEN each stream's error log group is kept for the environment's retention and encrypted with its key", () => {
    const errorGroups = (s: any) => values(s, "aws_cloudwatch_log_group").filter((g) => g.name.startsWith("/aws/kinesisfirehose/"));
    expect(errorGroups(dev).map((g) => [g.name, g.retention_in_days, g.kms_key_id])).toEqual([["/aws/kinesisfirehose/orders-api-dev-archive-dev", 14, "${aws_kms_key.observability.arn}"]]);
    expect(errorGroups(prod).map((g) => g.name).sort()).toEqual([
      "/aws/kinesisfirehose/orders-api-prod-archive-v1",
      "/aws/kinesisfirehose/orders-api-prod-archive-v2",
      "/aws/kinesisfirehose/orders-api-prod-waf-archive",
    ]);
  });
});
