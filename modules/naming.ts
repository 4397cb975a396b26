/**
 * The one naming and tagging helper: every resource name is `<service>-<environment>[-<part>...]`,
 * every resource carries the same standard tags, and ARNs are built for the right partition.
 */

export interface NamingProps {
  readonly service: string;
  readonly environment: string;
}

export class Naming {
  /** `<service>-<environment>`, also the REST API's name (the `ApiName` metric dimension). */
  public readonly prefix: string;

  constructor(props: NamingProps) {
    this.prefix = `${props.service}-${props.environment}`;
  }

  /** A resource name: the prefix plus the given parts, joined by `-`. */
  public name(...parts: string[]): string {
    return [this.prefix, ...parts].join("-");
  }
}

export interface StandardTagsProps {
  readonly environment: string;
  readonly service: string;
  readonly owner: string;
  /**
   * Team tags. They cannot replace the standard keys (config validation rejects one that tries, in any
   * letter case; here the standard value wins as a last guard). @default {}
   */
  readonly extra?: Readonly<Record<string, string>>;
}

/** The tag keys `standardTags` sets on every resource, besides the team's own. */
export const STANDARD_TAG_KEYS = ["environment", "service", "owner", "managed-by"] as const;
export type StandardTagKey = (typeof STANDARD_TAG_KEYS)[number];
/** The value of the `managed-by` tag. */
export const MANAGED_BY = "cdktf";

/**
 * AWS tag rules ("Tag naming limits and requirements", Tagging AWS resources user guide; the `Tag` shape of
 * the IAM, EFS and other API references): at most 50 user tags per resource, keys 1 to 128 and values 0 to
 * 256 Unicode characters of letters, whitespace, digits and `_ . : / = + - @`, keys not starting `aws:`.
 */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Tags on every resource (set once, as the provider's `default_tags`). */
export function standardTags(props: StandardTagsProps): Record<string, string> {
  const standard: Record<StandardTagKey, string> = {
    environment: props.environment,
    service: props.service,
    owner: props.owner,
    "managed-by": MANAGED_BY,
  };
  return { ...props.extra, ...standard };
}

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

/** S3 bucket names are global: 3 to 63 characters. */
export const MAX_BUCKET_NAME_LENGTH = 63;
/**
 * S3 bucket naming rules: 3 to 63 lower-case letters, digits, `.` and `-`, starting and ending with a letter
 * or digit, no `..`, not an IP address, none of the prefixes and suffixes S3 reserves.
 */
export const S3_BUCKET_NAME = /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)(?!.*(-s3alias|--ol-s3|--x-s3)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** IAM role names and Firehose delivery stream names: at most 64 characters. */
export const MAX_ROLE_NAME_LENGTH = 64;
export const MAX_DELIVERY_STREAM_NAME_LENGTH = 64;

/** The environment's access-log archive: unique across AWS because it names the account and region. */
export function logArchiveBucketName(service: string, environment: string, accountId: string, region: string): string {
  return `${service}-${environment}-log-archive-${accountId}-${region}`;
}

/** The bucket of the account's CloudTrail trail in one region. */
export function trailBucketName(accountName: string, accountId: string, region: string): string {
  return `${accountName}-cloudtrail-${accountId}-${region}`;
}

/** The account's trail (one per account stack). */
export function trailName(accountName: string): string {
  return `${accountName}-account-trail`;
}

/** The Firehose delivery stream that archives one stage's access logs. */
export function archiveStreamName(prefix: string, stageName: string): string {
  return `${prefix}-archive-${stageName}`;
}

/** The roles of the archive: Firehose writes to S3; CloudWatch Logs puts records into Firehose. */
export function archiveRoleNames(prefix: string): { delivery: string; subscription: string } {
  return { delivery: `${prefix}-archive-delivery`, subscription: `${prefix}-archive-subscription` };
}

/** `arn:<partition>:s3:::<bucket>`: S3 ARNs have neither region nor account. */
export function s3BucketArn(partition: string, bucketName: string): string {
  return `arn:${partition}:s3:::${bucketName}`;
}

/** The role CloudTrail uses to write to CloudWatch Logs (IAM is global: the name carries the region). */
export function trailLogsRoleName(accountName: string, region: string): string {
  return `${trailName(accountName)}-logs-${region}`;
}

/** The API Gateway control-plane change alarm and its metric filter: one per account, in its home region. */
export function controlPlaneAlarmNames(accountName: string): { alarm: string; filter: string } {
  return { alarm: `${accountName}-api-gateway-changes`, filter: `${accountName}-api-gateway-control-plane-changes` };
}

/**
 * The region whose account stack holds the account's trail (or the alarm on an existing trail's log group):
 * the configured home region, else the account's first region (validation requires a home region as soon
 * as there are several, so this fallback never picks between two).
 */
export function trailHomeRegion(homeRegion: string | undefined, regions: readonly string[]): string | undefined {
  return homeRegion ?? regions[0];
}
