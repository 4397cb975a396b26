/**
 * Resource names: every name is `<service>-<environment>[-<part>...]`, and the names that several places
 * must agree on (a stack creates the resource, config rules check its length) are built here once.
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

/** The role CloudTrail uses to write to CloudWatch Logs (IAM is global: the name carries the region). */
export function trailLogsRoleName(accountName: string, region: string): string {
  return `${trailName(accountName)}-logs-${region}`;
}

/** The API Gateway control-plane change alarm and its metric filter: one per account, in its home region. */
export function controlPlaneAlarmNames(accountName: string): { alarm: string; filter: string } {
  return { alarm: `${accountName}-api-gateway-changes`, filter: `${accountName}-api-gateway-control-plane-changes` };
}

/** `<api name>-<stage>`: unique per account and region because the API name includes the environment. */
export function samplingRuleName(apiName: string, stageName: string): string {
  return `${apiName}-${stageName}`;
}

/**
 * How a construct id or stage name is written in a Terraform address (see stacks/logical-names.ts):
 * `GET_orders_orderId` -> `get_orders_order_id`, `access-logs` -> `access_logs`.
 */
export function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}
