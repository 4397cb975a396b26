/**
 * Nothing lost, everything accounted for: the archive of every stage, the account trail, deletion protection.
 * The checks that hold for any registry are in test/support/checks/ (also run on a registry with an extra
 * environment and account); these are the shipped environments' and accounts' own settings.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { buildStacks } from "../../stacks/app";
import { describeAccountTrails } from "../support/checks/account-trail";
import { describeProtection } from "../support/checks/protection";
import { accountStackOf, synthesizeRegistry } from "../support/registry";

const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});

describeAccountTrails(ENVIRONMENTS);
describeProtection(ENVIRONMENTS);

describe("archive and trail wiring", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);
  const [dev, staging, prod] = ["dev", "staging", "prod"].map(app.json);
  const [nonprodAccount, prodAccount] = [ENVIRONMENTS.dev, ENVIRONMENTS.prod].map(accountStackOf).map(app.json);

  it("gives each environment one archive bucket named for its account and region", () => {
    expect(values(prod, "aws_s3_bucket").map((b) => b.bucket)).toEqual(["orders-api-prod-log-archive-222222222222-eu-west-1"]);
    expect(values(dev, "aws_s3_bucket").map((b) => b.bucket)).toEqual(["orders-api-dev-log-archive-111111111111-eu-west-1"]);
  });

  it("subscribes every stage's access log group to its own stream, and staging's v1 to Splunk as well (logDestinations)", () => {
    const filters = values(staging, "aws_cloudwatch_log_subscription_filter");
    expect(filters.map((f) => [f.log_group_name, f.destination_arn]).sort()).toEqual([
      ["${aws_cloudwatch_log_group.stage_v1_access_logs.name}", "${aws_kinesis_firehose_delivery_stream.stage_v1_archive.arn}"],
      ["${aws_cloudwatch_log_group.stage_v1_access_logs.name}", "${aws_kinesis_firehose_delivery_stream.stage_v1_splunk.arn}"],
      ["${aws_cloudwatch_log_group.stage_v1_qa_access_logs.name}", "${aws_kinesis_firehose_delivery_stream.stage_v1_qa_archive.arn}"],
    ]);
    expect(values(staging, "aws_kinesis_firehose_delivery_stream").map((s) => s.name).sort()).toEqual([
      "orders-api-staging-archive-v1",
      "orders-api-staging-archive-v1-qa",
      "orders-api-staging-splunk-v1",
    ]);
  });

  it("uses the environment's archive settings", () => {
    expect(values(dev, "aws_kinesis_firehose_delivery_stream")[0].extended_s3_configuration.buffering_interval).toBe(60);
    const devRule = values(dev, "aws_s3_bucket_lifecycle_configuration")[0].rule.find((r: any) => r.id === "archive-then-expire");
    expect(devRule.expiration).toEqual([{ days: 90 }]);
  });

  it("builds the trail in both shipped account stacks, named for the account", () => {
    for (const account of [nonprodAccount, prodAccount]) expect(values(account, "aws_cloudtrail")).toHaveLength(1);
    expect(values(prodAccount, "aws_cloudtrail")[0]).toMatchObject({ name: "prod-account-trail", s3_bucket_name: "${aws_s3_bucket.trail.id}" });
    expect(values(prodAccount, "aws_s3_bucket")[0].bucket).toBe("prod-cloudtrail-222222222222-eu-west-1");
  });

  it("alarms on API Gateway changes in the account stack, except the deploy pipeline's (account deployerPrincipals)", () => {
    for (const account of [nonprodAccount, prodAccount]) {
      const [filter] = values(account, "aws_cloudwatch_log_metric_filter");
      expect(filter.log_group_name).toBe("${aws_cloudwatch_log_group.trail.name}");
      expect(filter.pattern).toContain('$.userIdentity.sessionContext.sessionIssuer.userName != "github-deploy"');
      expect(filter.pattern).toContain('$.eventName = "Import*"');
    }
  });

  it("notifies the account's security subscribers of API Gateway changes, over an encrypted topic", () => {
    const topic = values(prodAccount, "aws_sns_topic")[0];
    expect(topic).toMatchObject({ name: "prod-security-alarms", kms_master_key_id: "${aws_kms_key.audit.arn}" });
    // The production account pages through a secret URL (TF_VAR_security_pagerduty_url), never a URL in git.
    expect(values(prodAccount, "aws_sns_topic_subscription").map((s) => [s.protocol, s.endpoint, s.endpoint_auto_confirms])).toEqual([["https", "${var.security_pagerduty_url}", true]]);
    expect(values(prodAccount, "aws_cloudwatch_metric_alarm")[0].alarm_actions).toEqual(["${aws_sns_topic.security.arn}"]);
  });

  it("has no Config rules unless the account turns them on", () => {
    for (const account of [nonprodAccount, prodAccount]) expect(values(account, "aws_config_config_rule")).toHaveLength(0);
    const withRules = { ...ENVIRONMENTS.prod, account: { ...ENVIRONMENTS.prod.account, configRules: true } };
    const account = JSON.parse(Testing.synth(buildStacks(Testing.app(), loadEnvironments([withRules])).accounts[0]));
    expect(values(account, "aws_config_config_rule").map((r) => r.source.source_identifier)).toEqual(
      expect.arrayContaining(["API_GW_EXECUTION_LOGGING_ENABLED", "API_GW_XRAY_ENABLED", "MULTI_REGION_CLOUD_TRAIL_ENABLED"]),
    );
  });

  it("protects prod's and the accounts' buckets, log groups and keys; dev relaxes through its config", () => {
    const isProtected = (r: any) => r.lifecycle?.prevent_destroy === true;
    for (const stack of [prod, prodAccount, nonprodAccount]) {
      for (const type of ["aws_s3_bucket", "aws_cloudwatch_log_group", "aws_kms_key"]) expect(values(stack, type).every(isProtected)).toBe(true);
    }
    for (const type of ["aws_s3_bucket", "aws_cloudwatch_log_group", "aws_kms_key"]) expect(values(dev, type).some(isProtected)).toBe(false);
  });
});
