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
  /** Team tags; they cannot replace the standard keys. @default {} */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Tags on every resource (set once, as the provider's `default_tags`). */
export function standardTags(props: StandardTagsProps): Record<string, string> {
  return {
    ...props.extra,
    environment: props.environment,
    service: props.service,
    owner: props.owner,
    "managed-by": "cdktf",
  };
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
