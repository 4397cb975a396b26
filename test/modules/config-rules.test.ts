import { ConfigConfigRule } from "@cdktf/provider-aws/lib/config-config-rule";
import { API_OBSERVABILITY_RULES, configRuleName, ConfigRules } from "../../modules/config-rules";
import { all, synth } from "../support/synth";

describe("ConfigRules", () => {
  // GIVEN the default rules for the account "acme"
  const s = synth((scope) => new ConfigRules(scope, "config-rules", { namePrefix: "acme" }));

  it("checks API Gateway execution logging and X-Ray, and the CloudTrail trail", () => {
    const identifiers = all(s, "aws_config_config_rule").map((r) => r.source.source_identifier);
    expect(identifiers).toEqual(expect.arrayContaining(["API_GW_EXECUTION_LOGGING_ENABLED", "API_GW_XRAY_ENABLED", "MULTI_REGION_CLOUD_TRAIL_ENABLED"]));
    expect(identifiers).toHaveLength(API_OBSERVABILITY_RULES.length);
  });

  it("uses AWS managed rules with readable names and their parameters as JSON", () => {
    expect(s.json).toHaveResourceWithProperties(ConfigConfigRule, {
      name: "acme-api-gw-execution-logging-enabled",
      source: { owner: "AWS", source_identifier: "API_GW_EXECUTION_LOGGING_ENABLED" },
      input_parameters: JSON.stringify({ loggingLevel: "ERROR,INFO" }),
    });
    expect(configRuleName("acme", "API_GW_XRAY_ENABLED")).toBe("acme-api-gw-xray-enabled");
  });
});
