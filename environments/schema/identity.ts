/**
 * Who and where: the environment's name and tier, its region, service and owner, and the tags every
 * resource carries. The region check is shared with the state bucket's region (see `regionField`).
 */
import { z } from "zod";
import { AWS_REGIONS, isKnownRegion, isSupportedPartition, partitionByPrefix, stateBackendRegions, UNKNOWN_TO_TERRAFORM_S3_BACKEND } from "../../aws/regions";
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, TAG_CHARACTERS } from "../../aws/tags";
import { oneOf, text } from "./fields";
import { explain } from "./issues";

/** Whether production rules apply (data trace off, long retention, deletion protection...). */
export const TIERS = ["production", "non-production"] as const;
export type Tier = (typeof TIERS)[number];

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,19}$/;
/** The shape of a region code: `eu-west-1`, `cn-north-1`, `us-gov-west-1`. Whether it exists is `regionProblem`. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Lower-case, so it is a valid tag value (the `service` tag) and a valid prefix of every resource name. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,29}$/;

/** Environment name, also the stack name (and its state key): lower-case letters, digits and `-`. */
export const environmentNameSchema = text(ENVIRONMENT_NAME, "1 to 20 lower-case letters, digits or '-', starting with a letter").refine((name) => !name.startsWith("account-"), {
  // `account-` names belong to the account stacks.
  error: explain("starts with 'account-', which is reserved for the account stacks", "a name that does not start with 'account-'"),
  when: (payload) => payload.issues.length === 0,
});

export const tierSchema = oneOf(TIERS);

const supportedRegions = (): string =>
  Object.entries(AWS_REGIONS)
    .map(([partition, regions]) => `${partition}: ${regions.join(", ")}`)
    .join("; ");

/**
 * Why a region code cannot be deployed to, or undefined when it can: a region of a partition this project
 * writes ARNs for, that the pinned AWS provider knows. A code that is well formed but does not exist
 * (`eu-west-9`) passes synth and fails `plan` with `invalid AWS Region` (see aws/regions.ts). A state
 * bucket's region must also be known to Terraform's S3 backend, or `terraform init` fails.
 */
function regionProblem(region: string, format: string, stateBucket: boolean): readonly [problem: string, allowed: string] | undefined {
  const partition = partitionByPrefix(region);
  if (!isSupportedPartition(partition)) {
    return [`is in the ${partition} partition, whose ARNs and service domains this project does not write`, `a region of the aws, aws-cn or aws-us-gov partition (${supportedRegions()})`];
  }
  if (!REGION.test(region)) return ["is malformed", format];
  if (!isKnownRegion(region)) {
    return [`is not a region of the ${partition} partition that AWS provider 5.100 knows (plan would fail with "invalid AWS Region")`, `one of ${AWS_REGIONS[partition].join(", ")}`];
  }
  if (stateBucket && UNKNOWN_TO_TERRAFORM_S3_BACKEND.includes(region)) {
    return [
      `is not known to Terraform 1.11's S3 backend (terraform init would fail with "Invalid AWS Region"), though the AWS provider knows it`,
      `a state bucket in one of ${stateBackendRegions(partition).join(", ")}`,
    ];
  }
  return undefined;
}

/**
 * A region the project can deploy to (the environment's region, the state bucket's); `format` is what the
 * errors allow. With `stateBucket`, also one Terraform's S3 backend knows.
 */
export function regionField(format: string, opts: { readonly stateBucket?: boolean } = {}) {
  return z.string({ error: explain("is malformed", format) }).superRefine((region, ctx) => {
    const problem = regionProblem(region, format, opts.stateBucket ?? false);
    if (problem) ctx.addIssue({ code: "custom", input: region, message: explain(...problem) });
  });
}

export const regionSchema = regionField("an AWS region code such as eu-west-1, us-east-1 or ap-southeast-2");

// Every SERVICE_NAME is also a valid tag value: the service tag needs no second check.
export const serviceSchema = text(SERVICE_NAME, "2 to 30 lower-case letters, digits or '-', starting with a letter");

const TAG_CHARACTERS_TEXT = "Unicode letters, digits, spaces or _ . : / = + - @";
/** Unicode characters, as AWS counts tag lengths (not UTF-16 code units). */
const length = (text: string): number => [...text].length;

/** A tag value AWS accepts: `min` to 256 Unicode characters of TAG_CHARACTERS; anything else gets `problem`. */
function tagValue(min: number, problem: string, allowed: string) {
  const error = explain(problem, allowed);
  return z.string({ error }).refine((value) => length(value) >= min && length(value) <= MAX_TAG_VALUE_LENGTH && TAG_CHARACTERS.test(value), { error });
}

/** The owner is the value of the `owner` tag on every resource. */
export const ownerSchema = tagValue(1, "is not a value AWS accepts for the owner tag", `1 to ${MAX_TAG_VALUE_LENGTH} ${TAG_CHARACTERS_TEXT}`);

const isTagKey = (key: string): boolean => length(key) >= 1 && length(key) <= MAX_TAG_KEY_LENGTH && !key.toLowerCase().startsWith("aws:") && TAG_CHARACTERS.test(key);

/**
 * Extra tags on every resource (merged into the provider's `default_tags` with the standard tags). AWS tag
 * rules (see TAG_CHARACTERS in aws/tags.ts): a bad one fails at apply. @default {}
 */
export const tagsSchema = z
  .record(z.string().refine(isTagKey), tagValue(0, "is not a tag value AWS accepts", `a string of 0 to ${MAX_TAG_VALUE_LENGTH} ${TAG_CHARACTERS_TEXT}`), {
    error: (iss) =>
      iss.code === "invalid_key"
        ? explain("is not a tag key AWS accepts", `1 to ${MAX_TAG_KEY_LENGTH} ${TAG_CHARACTERS_TEXT}, not starting with 'aws:'`)
        : explain("is not a map of strings", "an object of tag name to string value"),
  })
  .default({});
