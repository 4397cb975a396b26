/** ARNs and service principals for the right partition, written from config without asking AWS who it is. */

/** The AWS partition of a region: China and GovCloud regions have their own ARNs and service domains. */
export function partitionOf(region: string): "aws" | "aws-cn" | "aws-us-gov" {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The regional service principal, e.g. `logs.eu-west-1.amazonaws.com`. */
export function regionalServicePrincipal(service: string, region: string): string {
  return `${service}.${region}.${partitionOf(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

/** Everything a module needs to write ARNs and key policies without asking AWS who it is. */
export interface AwsLocation {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export function awsLocation(accountId: string, region: string): AwsLocation {
  return { accountId, region, partition: partitionOf(region) };
}

export function arn(at: AwsLocation, service: string, resource: string, opts: { global?: boolean } = {}): string {
  return `arn:${at.partition}:${service}:${opts.global ? "" : at.region}:${at.accountId}:${resource}`;
}

/** `arn:<partition>:s3:::<bucket>`: S3 ARNs have neither region nor account. */
export function s3BucketArn(partition: string, bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}
