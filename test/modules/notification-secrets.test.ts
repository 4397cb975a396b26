/**
 * Secret HTTPS subscribers: an integration URL (PagerDuty and the like) carries its secret in the URL, so the
 * config names where it comes from, a sensitive Terraform variable or a SecureString SSM parameter, and the
 * HCL refers to it: the URL itself never reaches the repository or the synthesized files.
 */
import { TerraformStack, Testing } from "cdktf";
import { awsLocation } from "../../aws/arn";
import { NotificationTopic } from "../../modules/notification-topic";

const location = awsLocation("123456789012", "eu-west-1");
const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/k";

function synthStack(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), "stack");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

const httpsSubscriptions = (json: any): any[] => Object.values(json.resource.aws_sns_topic_subscription).filter((s: any) => s.protocol === "https");

describe("NotificationTopic with secret HTTPS endpoints", () => {
  it("GIVEN { variable } WHEN synthesized THEN the endpoint is a sensitive string variable of that name, without default", () => {
    const json = synthStack((stack) => new NotificationTopic(stack, "alarms", { name: "svc-prod-alarms", location, kmsKeyArn, httpsEndpoints: [{ variable: "pagerduty_url" }] }));
    expect(json.variable).toEqual({
      pagerduty_url: {
        type: "string",
        sensitive: true,
        description: expect.stringContaining("TF_VAR_pagerduty_url"),
        validation: [{ condition: '${startswith(var.pagerduty_url, "https://")}', error_message: expect.stringContaining("TF_VAR_pagerduty_url") }],
      },
    });
    expect(httpsSubscriptions(json)).toEqual([expect.objectContaining({ endpoint: "${var.pagerduty_url}", endpoint_auto_confirms: true })]);
  });

  it("GIVEN two topics of one stack naming the same variable WHEN synthesized THEN it is declared once and used by both", () => {
    const json = synthStack((stack) => {
      new NotificationTopic(stack, "a", { name: "a", location, kmsKeyArn, httpsEndpoints: [{ variable: "pagerduty_url" }] });
      new NotificationTopic(stack, "b", { name: "b", location, kmsKeyArn, httpsEndpoints: [{ variable: "pagerduty_url" }] });
    });
    expect(Object.keys(json.variable)).toEqual(["pagerduty_url"]);
    expect(httpsSubscriptions(json).map((s) => s.endpoint)).toEqual(["${var.pagerduty_url}", "${var.pagerduty_url}"]);
  });

  it("GIVEN { ssmParameter } WHEN synthesized THEN the endpoint is the decrypted value of that parameter, read by a data source", () => {
    const json = synthStack((stack) => new NotificationTopic(stack, "alarms", { name: "t", location, kmsKeyArn, httpsEndpoints: [{ ssmParameter: "/orders/pagerduty-url" }] }));
    const [[id, parameter]] = Object.entries<any>(json.data.aws_ssm_parameter);
    expect(parameter).toEqual({ name: "/orders/pagerduty-url", with_decryption: true });
    expect(httpsSubscriptions(json)).toEqual([expect.objectContaining({ endpoint: `\${data.aws_ssm_parameter.${id}.value}`, endpoint_auto_confirms: true })]);
    expect(json.variable).toBeUndefined();
  });

  it("GIVEN an entry that names no source WHEN synthesized THEN it fails naming the topic and what is allowed", () => {
    expect(() => synthStack((stack) => new NotificationTopic(stack, "t", { name: "t", location, kmsKeyArn, httpsEndpoints: [{ url: "x" } as never] }))).toThrow(
      'NotificationTopic t: httpsEndpoints entry {"url":"x"} is not allowed. Allowed: an https:// URL, { variable } or { ssmParameter }',
    );
  });
});
