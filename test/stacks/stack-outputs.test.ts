/**
 * What every stack's `terraform` block and outputs promise a Terraform team (issue 14): `required_version`
 * (tflint's terraform_required_version, recommended), outputs with descriptions (terraform_documented_outputs)
 * for what an operator looks up after a deploy, and a comment wherever a literal stands in for a reference.
 */
import { Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { AccountConfig } from "../../environments/types";
import { buildStacks } from "../../stacks/app";
import { ReadableStack, TERRAFORM_REQUIRED_VERSION, withRequiredVersion } from "../../stacks/readable-stack";
import { withEnv } from "../support/environments";
import { synthesizeRegistry } from "../support/registry";

const ENVIRONMENT_OUTPUTS = ["access_log_group_names", "alarm_topic_arn", "api_key_ids", "archive_bucket_name", "dashboard_urls", "execution_log_group_names", "invoke_urls", "usage_plan_ids"];
const outputsOf = (s: any): Record<string, { value: unknown; description?: string }> => s.output ?? {};

describe("GIVEN the shipped stacks", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);

  it("THEN every stack's terraform block starts with required_version: Terraform 1.11, the tested toolchain, and not a 2.x", () => {
    expect(TERRAFORM_REQUIRED_VERSION).toBe("~> 1.11");
    for (const stack of app.all as ReadableStack[]) expect(stack.toHclTerraform().hcl).toMatch(/^terraform \{\nrequired_version = "~> 1\.11"\nrequired_providers \{/);
  });

  it("THEN every output of every stack has a description", () => {
    for (const stack of app.all) {
      for (const [name, output] of Object.entries(outputsOf(app.json(stack.node.id)))) expect([stack.node.id, name, output.description]).toEqual([stack.node.id, name, expect.stringMatching(/\w{3}/)]);
    }
  });

  it("THEN each environment stack outputs its stages' URLs and log groups, its dashboards, its alarm topic and its archive, by reference", () => {
    for (const env of app.envs) {
      const outputs = outputsOf(app.json(env.name));
      // The web ACL's, only where WAF is on (by default in production).
      const waf = env.waf.enabled ?? env.tier === "production";
      expect(Object.keys(outputs).sort()).toEqual([...ENVIRONMENT_OUTPUTS, ...(waf ? ["waf_log_group_name", "web_acl_arn"] : [])].sort());
      if (waf) expect([outputs.web_acl_arn.value, outputs.waf_log_group_name.value]).toEqual(["${aws_wafv2_web_acl.waf.arn}", "${aws_cloudwatch_log_group.waf.name}"]);
      const stages = env.stages.map((s) => s.name).sort();
      for (const perStage of ["invoke_urls", "access_log_group_names", "execution_log_group_names"]) expect(Object.keys(outputs[perStage].value as object).sort()).toEqual(stages);
      expect(Object.values(outputs.invoke_urls.value as object)).toEqual(env.stages.map(() => expect.stringMatching(/^\$\{aws_api_gateway_stage\.stage_[a-z0-9_]+\.invoke_url\}$/)));
      expect(outputs.alarm_topic_arn.value).toBe("${aws_sns_topic.alarms.arn}");
      expect(outputs.archive_bucket_name.value).toBe("${aws_s3_bucket.archive.bucket}");
      expect(outputs.dashboard_urls.value).toEqual({
        [`${env.service}-${env.name}`]: `https://console.aws.amazon.com/cloudwatch/home?region=${env.region}#dashboards:name=\${aws_cloudwatch_dashboard.api.dashboard_name}`,
      });
      // Ids only, by config name: a key's value is never an output.
      const snake = (name: string) => name.replace(/-/g, "_");
      expect(outputs.usage_plan_ids.value).toEqual(Object.fromEntries(env.usagePlans.map((p) => [p.name, `\${aws_api_gateway_usage_plan.${snake(p.name)}.id}`])));
      expect(outputs.api_key_ids.value).toEqual(Object.fromEntries(env.apiKeys.map((k) => [k.name, `\${aws_api_gateway_api_key.${snake(k.name)}.id}`])));
    }
  });

  it("THEN each account stack outputs the API Gateway CloudWatch role, and in its home region the security topic and the trail", () => {
    for (const stack of app.stacks.accounts) {
      const outputs = outputsOf(app.json(stack.node.id));
      expect(Object.keys(outputs).sort()).toEqual(["api_gateway_cloudwatch_role_arn", "security_topic_arn", "trail_arn", "trail_log_group_name"]);
      expect(outputs.api_gateway_cloudwatch_role_arn.value).toBe("${aws_iam_role.api_gateway_cloudwatch.arn}");
      expect(outputs.trail_arn.value).toBe("${aws_cloudtrail.trail.arn}");
      expect(outputs.trail_log_group_name.value).toBe("${aws_cloudwatch_log_group.trail.name}");
      expect(outputs.security_topic_arn.value).toBe("${aws_sns_topic.security.arn}");
    }
  });

  it("THEN the two policies that write the trail's ARN out say why in the HCL, right above their blocks", () => {
    for (const stack of app.stacks.accounts) {
      const hcl = stack.toHclTerraform().hcl;
      const literal = "# The trail's ARN is written out, not referenced: a reference to the trail would be a cycle,\n";
      expect(hcl).toContain(`\n${literal}# as the trail is encrypted with this key (its kms_key_id).\ndata "aws_iam_policy_document" "audit_key_policy" {\n`);
      expect(hcl).toContain(`\n${literal}# as CloudTrail checks this policy when it creates the trail (the trail's depends_on).\ndata "aws_iam_policy_document" "trail_bucket" {\n`);
    }
  });
});

describe("GIVEN an environment stack", () => {
  it("THEN its dashboard says in the HCL why its body names alarms and log groups as literals", () => {
    const [dev] = synthesizeRegistry(ENVIRONMENTS).stacks.environments;
    expect(dev.toHclTerraform().hcl).toMatch(/\n# Alarm ARNs and log group names in the body are written out from config: .*\n# .*at synth.*\nresource "aws_cloudwatch_dashboard" "api" \{\n/);
  });
});

describe("GIVEN an account under an existing organization trail, in two regions", () => {
  const existing = { cloudTrail: { mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs", homeRegion: "eu-west-1" } } as const;
  const account = (changes: Partial<AccountConfig>, region?: string) => withEnv(region === undefined ? "dev" : "staging", { account: { ...ENVIRONMENTS.dev.account, ...changes }, ...(region ? { region } : {}) });
  const stacks = buildStacks(Testing.app(), loadEnvironments([account(existing), account(existing, "us-east-1")])).accounts;
  const [home, other] = stacks.map((s) => outputsOf(JSON.parse(Testing.synth(s))));

  it("THEN the home region outputs the existing trail's log group (from config) and no trail ARN; the other region only its role", () => {
    expect(Object.keys(home).sort()).toEqual(["api_gateway_cloudwatch_role_arn", "security_topic_arn", "trail_log_group_name"]);
    expect(home.trail_log_group_name).toMatchObject({ value: "aws-controltower/CloudTrailLogs", description: expect.stringContaining("existing trail") });
    expect(Object.keys(other)).toEqual(["api_gateway_cloudwatch_role_arn"]);
  });

  it("THEN the audit key policy, which names no trail, has no comment", () => {
    expect((stacks[0] as ReadableStack).toHclTerraform().hcl).not.toContain("# The trail's ARN");
  });
});

describe("withRequiredVersion", () => {
  it("puts the constraint first in the terraform block, and refuses HCL that does not start with one", () => {
    expect(withRequiredVersion('terraform {\nrequired_providers {\n}\n}', ">= 1.11")).toBe('terraform {\nrequired_version = ">= 1.11"\nrequired_providers {\n}\n}');
    expect(() => withRequiredVersion('provider "aws" {\n}')).toThrow("ReadableStack: the HCL does not start with a terraform block");
  });
});
