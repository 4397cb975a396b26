/** A LogArchive fixture: a protected archive with one LogSubscription per stage (v1, v2), built from its own props. */
import type { Construct } from "constructs";
import { LogArchive, type LogArchiveProps } from "../../modules/log-archive";
import { LogSubscription } from "../../modules/log-subscription";
import { awsLocation } from "../../aws/arn";
import { archiveLifecycle } from "./lifecycle";

export const bucketName = "svc-prod-log-archive-123456789012-eu-west-1";
export const archiveProps: LogArchiveProps = {
  location: awsLocation("123456789012", "eu-west-1"),
  bucketName,
  keyAlias: "svc-prod-archive",
  streamNames: ["svc-prod-archive-v1", "svc-prod-archive-v2"],
  deliveryRoleName: "svc-prod-archive-delivery",
  subscriptionRoleName: "svc-prod-archive-subscription",
  lifecycle: archiveLifecycle,
  preventDestroy: true,
};
/** The streams' error log groups: a year, the environment's key, protected. */
export const errorLogs = { retentionInDays: 365, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs", preventDestroy: true };

export function archiveWithStages(scope: Construct): LogArchive {
  const archive = new LogArchive(scope, "archive", archiveProps);
  for (const stage of ["v1", "v2"]) {
    new LogSubscription(scope, `archive-${stage}`, { archive, streamName: `svc-prod-archive-${stage}`, stageName: stage, logGroupName: `/apigateway/svc-prod/${stage}/access`, errorLogs });
  }
  return archive;
}
