/**
 * An X-Ray sampling rule scoped to one API Gateway stage: API Gateway reports its segments with the
 * service name `<api name>/<stage>` and service type `AWS::ApiGateway::Stage`, and the stage's ARN as the
 * resource, so the rule applies to that stage only and leaves every other service on its own rules.
 */
import { XraySamplingRule } from "@cdktf/provider-aws/lib/xray-sampling-rule";
import { Construct } from "constructs";
import { limitError, MAX_SAMPLING_RULE_NAME_LENGTH, samplingRuleProblems } from "../aws/limits";
import { samplingRuleName } from "../aws/naming";

export interface StageSamplingRuleProps {
  /** The REST API's name (`ApiName`), the first half of the stage's X-Ray service name. */
  readonly apiName: string;
  readonly stageName: string;
  /** The stage's ARN (`arn:<partition>:apigateway:<region>::/restapis/<id>/stages/<stage>`). */
  readonly stageArn: string;
  /** Share of requests traced once the reservoir is used up, 0..1. */
  readonly samplingRate: number;
  /** Requests per second traced before the rate applies (a whole number >= 0). */
  readonly reservoirSize: number;
  /** 1..9999; lower numbers are evaluated first. @default 1000 */
  readonly priority?: number;
}

export class StageSamplingRule extends Construct {
  public readonly rule: XraySamplingRule;
  public readonly ruleName: string;

  constructor(scope: Construct, id: string, props: StageSamplingRuleProps) {
    super(scope, id);
    this.ruleName = samplingRuleName(props.apiName, props.stageName);
    const priority = props.priority ?? 1000;
    const fail = (what: string, allowed: string) => {
      throw new Error(`StageSamplingRule ${this.ruleName}: ${what}. Allowed: ${allowed}`);
    };
    if (this.ruleName.length > MAX_SAMPLING_RULE_NAME_LENGTH) fail(`rule name is ${this.ruleName.length} characters long`, `at most ${MAX_SAMPLING_RULE_NAME_LENGTH}`);
    if (!(props.samplingRate >= 0 && props.samplingRate <= 1)) fail(`samplingRate = ${props.samplingRate} is out of range`, "a number from 0 to 1");
    if (!Number.isInteger(props.reservoirSize) || props.reservoirSize < 0) fail(`reservoirSize = ${props.reservoirSize} is invalid`, "a whole number >= 0");
    if (!Number.isInteger(priority) || priority < 1 || priority > 9999) fail(`priority = ${priority} is out of range`, "a whole number from 1 to 9999");
    // API Gateway reports its segments as `<api name>/<stage>`; CreateSamplingRule caps the match fields.
    // Every match field is set: the rule matches only what all of them match.
    const match = { serviceName: `${props.apiName}/${props.stageName}`, serviceType: "AWS::ApiGateway::Stage", host: "*", httpMethod: "*", urlPath: "*" };
    const problems = samplingRuleProblems({ ruleName: this.ruleName, ...match }).filter((p) => p.field !== "ruleName");
    if (problems.length > 0) throw limitError(`StageSamplingRule ${this.ruleName}`, problems);

    this.rule = new XraySamplingRule(this, "rule", {
      ruleName: this.ruleName,
      priority,
      version: 1,
      fixedRate: props.samplingRate,
      reservoirSize: props.reservoirSize,
      ...match,
      resourceArn: props.stageArn,
    });
  }
}
