/**
 * AWS Config managed rules that check, continuously, what this project sets up: API Gateway stages log
 * and trace, and the account has an encrypted, validated, multi-region trail that feeds CloudWatch Logs.
 * They need a configuration recorder in the account and region (not created here: many accounts have one
 * from their landing zone, and there can be only one).
 */
import { ConfigConfigRule } from "@cdktf/provider-aws/lib/config-config-rule";
import { Construct } from "constructs";
import { assertWithinLimits, configRuleProblems } from "../aws/limits";

/** One managed rule: its identifier and input parameters. */
export interface ManagedRule {
  /** AWS's identifier, e.g. `API_GW_XRAY_ENABLED`. */
  readonly identifier: string;
  readonly description: string;
  /** @default none */
  readonly parameters?: Readonly<Record<string, string>>;
}

export const API_OBSERVABILITY_RULES: readonly ManagedRule[] = [
  { identifier: "API_GW_EXECUTION_LOGGING_ENABLED", description: "API Gateway stages write execution logs (ERROR or INFO)", parameters: { loggingLevel: "ERROR,INFO" } },
  { identifier: "API_GW_XRAY_ENABLED", description: "API Gateway stages trace requests with X-Ray" },
  { identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED", description: "A multi-region CloudTrail trail records the account" },
  { identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED", description: "CloudTrail trails encrypt their logs with KMS" },
  { identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", description: "CloudTrail trails write digest files for log file validation" },
  { identifier: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", description: "CloudTrail trails deliver to CloudWatch Logs" },
  { identifier: "CLOUDWATCH_LOG_GROUP_ENCRYPTED", description: "CloudWatch log groups are encrypted with KMS" },
];

export interface ConfigRulesProps {
  /** Prefix of every rule name, e.g. the account name. */
  readonly namePrefix: string;
  /** @default API_OBSERVABILITY_RULES */
  readonly rules?: readonly ManagedRule[];
}

/** `API_GW_XRAY_ENABLED` -> `<prefix>-api-gw-xray-enabled`. */
export function configRuleName(prefix: string, identifier: string): string {
  return `${prefix}-${identifier.toLowerCase().replace(/_/g, "-")}`;
}

export class ConfigRules extends Construct {
  public readonly rules: readonly ConfigConfigRule[];

  constructor(scope: Construct, id: string, props: ConfigRulesProps) {
    super(scope, id);
    this.rules = (props.rules ?? API_OBSERVABILITY_RULES).map((rule) => {
      const name = configRuleName(props.namePrefix, rule.identifier);
      const inputParameters = rule.parameters ? JSON.stringify(rule.parameters) : undefined;
      // PutConfigRule: name up to 128, description up to 256, input parameters up to 1024 characters.
      assertWithinLimits(`ConfigRules ${name}`, configRuleProblems(name, rule.description, inputParameters));
      return new ConfigConfigRule(this, rule.identifier.toLowerCase().replace(/_/g, "-"), {
        name,
        description: rule.description,
        source: { owner: "AWS", sourceIdentifier: rule.identifier },
        inputParameters,
      });
    });
  }
}
