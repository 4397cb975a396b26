/**
 * The AWS regions this project deploys to, by partition: the one list every region check uses.
 *
 * Source: the regions the pinned AWS provider (5.100.0) knows. It validates `region` against the endpoint
 * data it is built with (hashicorp/aws-sdk-go-base `endpoints/endpoints_gen.go`) and fails `plan` with
 * `invalid AWS Region: eu-west-9` for any other code; a newer region (ap-southeast-6, Asia Pacific (New
 * Zealand), launched after 5.100.0) fails the same way until the provider is upgraded. Checked against the
 * provider binary of the mirror: each region below configures, eu-west-9 and ap-southeast-6 do not.
 * Add a region here when the pinned provider learns it.
 *
 * Only the partitions `partitionOf` (aws/arn.ts) writes ARNs and service principals for are here.
 * The isolated partitions (aws-iso, aws-iso-b, aws-iso-e, aws-iso-f) and the European Sovereign Cloud
 * (aws-eusc) have ARNs (`arn:aws-iso-b:...`) and service domains of their own that this project does not
 * write, so a stack for one of their regions would name resources that do not exist there.
 */

export type SupportedPartition = "aws" | "aws-cn" | "aws-us-gov";

/** Region codes by partition, as in the provider's endpoint data. */
export const AWS_REGIONS: Readonly<Record<SupportedPartition, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/**
 * Regions the pinned provider knows but Terraform 1.11's S3 backend does not: its endpoint data is older,
 * and `terraform init` fails with `Invalid region value ... Invalid AWS Region: ap-east-2` (checked with
 * Terraform 1.11.4, the last 1.11 release, for every region above). A state bucket cannot be there yet.
 */
export const UNKNOWN_TO_TERRAFORM_S3_BACKEND: readonly string[] = ["ap-east-2"];

/**
 * Partitions AWS has that this project does not support, by the region prefix of each (the `regionRegex`
 * of each partition in the provider's endpoint data). Longer prefixes first: `us-isob-` before `us-iso-`.
 */
export const UNSUPPORTED_PARTITIONS: readonly { readonly partition: string; readonly regionPrefix: string }[] = [
  { partition: "aws-iso-b", regionPrefix: "us-isob-" },
  { partition: "aws-iso-f", regionPrefix: "us-isof-" },
  { partition: "aws-iso", regionPrefix: "us-iso-" },
  { partition: "aws-iso-e", regionPrefix: "eu-isoe-" },
  { partition: "aws-eusc", regionPrefix: "eusc-" },
];

/** The partition a region code would belong to, from its prefix alone (the code need not exist). */
export function partitionByPrefix(region: string): string {
  const unsupported = UNSUPPORTED_PARTITIONS.find((p) => region.startsWith(p.regionPrefix));
  if (unsupported) return unsupported.partition;
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Whether the project can deploy to this region: a region of a supported partition that the provider knows. */
export function isKnownRegion(region: string): boolean {
  return Object.values(AWS_REGIONS).some((regions) => regions.includes(region));
}

/** The regions of a partition where an S3 state bucket can be (Terraform's S3 backend knows them). */
export function stateBackendRegions(partition: SupportedPartition): readonly string[] {
  return AWS_REGIONS[partition].filter((region) => !UNKNOWN_TO_TERRAFORM_S3_BACKEND.includes(region));
}

export function isSupportedPartition(partition: string): partition is SupportedPartition {
  return Object.prototype.hasOwnProperty.call(AWS_REGIONS, partition);
}
