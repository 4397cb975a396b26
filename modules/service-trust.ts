/**
 * Trust policy statements for roles that an AWS service assumes, always scoped against the confused
 * deputy: the service may assume the role only on behalf of the given account and resources.
 */
import type { DataAwsIamPolicyDocumentStatement, DataAwsIamPolicyDocumentStatementCondition } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { arn, type AwsLocation, regionalServicePrincipal } from "../aws/arn";

export interface ServiceTrustProps {
  /** The service principal, e.g. `firehose.amazonaws.com` or `logs.eu-west-1.amazonaws.com`. */
  readonly service: string;
  /** The account the service acts for (`aws:SourceAccount`). */
  readonly sourceAccount: string;
  /** `aws:SourceArn`: the resources the service acts for, compared with `test`. */
  readonly sourceArns: readonly string[];
  /** `ArnEquals` for exact ARNs, `ArnLike` for patterns. @default "ArnEquals" */
  readonly test?: "ArnEquals" | "ArnLike";
}

export function serviceTrust(props: ServiceTrustProps): DataAwsIamPolicyDocumentStatement {
  const conditions: DataAwsIamPolicyDocumentStatementCondition[] = [
    { test: "StringEquals", variable: "aws:SourceAccount", values: [props.sourceAccount] },
    { test: props.test ?? "ArnEquals", variable: "aws:SourceArn", values: [...props.sourceArns] },
  ];
  return { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [props.service] }], condition: conditions };
}

/**
 * Firehose's documented trust ("Allow Firehose to assume an IAM role"): `sts:ExternalId` is the account
 * Firehose acts for. Firehose does not document `aws:SourceArn`/`aws:SourceAccount` on AssumeRole, and a
 * condition on a key the service does not send fails CreateDeliveryStream ("unable to assume role").
 */
export function firehoseTrust(accountId: string): DataAwsIamPolicyDocumentStatement {
  return {
    effect: "Allow",
    actions: ["sts:AssumeRole"],
    principals: [{ type: "Service", identifiers: ["firehose.amazonaws.com"] }],
    condition: [{ test: "StringEquals", variable: "sts:ExternalId", values: [accountId] }],
  };
}

/**
 * The trust of a role CloudWatch Logs assumes to put subscription data into a stream: AWS's documented scope,
 * CloudWatch Logs resources of this account and region.
 */
export function logsSubscriptionTrust(at: AwsLocation): DataAwsIamPolicyDocumentStatement {
  return serviceTrust({ service: regionalServicePrincipal("logs", at.region), sourceAccount: at.accountId, sourceArns: [arn(at, "logs", "*")], test: "ArnLike" });
}
