/**
 * The outputs of every stack: what an operator looks up after a deploy (`cdktf deploy` and `cdktf output`
 * print them; from the stack's folder, `terraform output`). Each has a description; per-stage values are maps
 * keyed by stage name, so output names do not depend on config. Values are references, except where the
 * config is the only source (an existing trail's log group).
 */
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { dashboardConsoleUrl } from "../modules/dashboard";
import type { AccountStack } from "./account-stack";
import type { ApiObservabilityStack } from "./api-observability-stack";

/** One output per entry, named by its construct id in snake_case (`invoke-urls` -> `invoke_urls`). */
function outputs(scope: Construct, entries: Readonly<Record<string, { readonly value: unknown; readonly description: string }>>): TerraformOutput[] {
  return Object.entries(entries).map(([id, { value, description }]) => new TerraformOutput(scope, id, { value, description }));
}

function byStage<T>(stages: readonly { readonly stageName: string }[], value: (i: number) => T): Record<string, T> {
  return Object.fromEntries(stages.map((stage, i) => [stage.stageName, value(i)]));
}

/** A map output of named resources (usage plans, API keys), by their config name. */
function byName<T>(named: ReadonlyMap<string, T>, value: (item: T) => string): Record<string, string> {
  return Object.fromEntries([...named].map(([name, item]) => [name, value(item)]));
}

/** Environment stacks: stage URLs, where to look (dashboards, log groups), where alarms go, where logs are kept. */
export function environmentOutputs(stack: ApiObservabilityStack, region: string): TerraformOutput[] {
  const { stages } = stack;
  return outputs(stack, {
    "invoke-urls": { value: byStage(stages, (i) => stages[i].stage.invokeUrl), description: "Invoke URL of each stage, by stage name" },
    "dashboard-urls": {
      value: Object.fromEntries(stack.dashboard.dashboards.map((d) => [d.dashboardNameInput, dashboardConsoleUrl(region, d.dashboardName)])),
      description: "CloudWatch console URL of the environment's dashboard, by dashboard name (more than one only when one cannot hold every stage)",
    },
    "access-log-group-names": { value: byStage(stages, (i) => stages[i].accessLogGroup.name), description: "Access log group of each stage (one JSON line per request), by stage name" },
    "execution-log-group-names": { value: byStage(stages, (i) => stages[i].executionLogGroup.name), description: "Execution log group of each stage (API Gateway's own log), by stage name" },
    "alarm-topic-arn": { value: stack.alarmTopic.arn, description: "ARN of the SNS topic every alarm of the environment notifies" },
    "archive-bucket-name": { value: stack.archive.bucket.bucket.bucket, description: "S3 bucket that archives the access logs of every stage (prefix access-logs/stage=<stage>/)" },
    "usage-plan-ids": { value: byName(stack.usagePlans.plans, (plan) => plan.id), description: "Id of each usage plan, by plan name" },
    "api-key-ids": {
      value: byName(stack.apiKeys.keys, (key) => key.id),
      description: "Id of each API key, by key name (the access log's apiKeyId; the value: aws apigateway get-api-key --include-value --api-key <id>)",
    },
    ...(stack.waf === undefined
      ? {}
      : {
          "web-acl-arn": { value: stack.waf.webAcl.arn, description: "ARN of the AWS WAF web ACL in front of every stage (only where WAF is on)" },
          "waf-log-group-name": { value: stack.waf.logging.logGroup.name, description: "CloudWatch log group of the web ACL's requests (only where WAF is on)" },
        }),
  });
}

/** Account stacks: the API Gateway CloudWatch role; in the home region, the security topic and the trail. */
export function accountOutputs(stack: AccountStack, existingTrailLogGroup?: string): TerraformOutput[] {
  const trailLogGroup = stack.trail?.logGroup.name ?? existingTrailLogGroup;
  return outputs(stack, {
    "api-gateway-cloudwatch-role-arn": { value: stack.apiGatewayAccount.role.arn, description: "ARN of the role API Gateway writes logs with, in this account and region" },
    ...(stack.securityTopic === undefined
      ? {}
      : { "security-topic-arn": { value: stack.securityTopic.arn, description: "ARN of the SNS topic the account's security alarms notify" } }),
    ...(stack.trail === undefined ? {} : { "trail-arn": { value: stack.trail.trail.arn, description: "ARN of the account's multi-region CloudTrail trail" } }),
    ...(trailLogGroup === undefined
      ? {}
      : {
          "trail-log-group-name": {
            value: trailLogGroup,
            description: stack.trail === undefined ? "The existing trail's CloudWatch log group, which the control-plane alarm watches" : "CloudWatch log group the trail delivers to",
          },
        }),
  });
}
