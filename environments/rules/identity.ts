/** Rules on who and where: environment name, tier, account, region, service, owner and tags. */
import { AWS_REGIONS, isKnownRegion, isSupportedPartition, partitionByPrefix, stateBackendRegions, UNKNOWN_TO_TERRAFORM_S3_BACKEND } from "../../modules/aws-regions";
import { MANAGED_BY, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE, STANDARD_TAG_KEYS, type StandardTagKey, TAG_CHARACTERS } from "../../modules/tags";
import { TIERS, type Environment } from "../types";
import { type ConfigIssue, isBoolean, isObject, issue, matches, oneOf } from "./checks";

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,19}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_NAME = /^[a-z][a-z0-9-]{0,29}$/;
/** The shape of a region code: `eu-west-1`, `cn-north-1`, `us-gov-west-1`. Whether it exists is `regionIssues`. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Lower-case, so it is a valid tag value (the `service` tag) and a valid prefix of every resource name. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,29}$/;

export function environmentName(env: Environment): ConfigIssue[] {
  const format = matches("name", env.name, ENVIRONMENT_NAME, "1 to 20 lower-case letters, digits or '-', starting with a letter");
  // The name is the stack's name (and its state key); `account-` names belong to the account stacks.
  if (format.length === 0 && env.name.startsWith("account-")) {
    return [issue("name", env.name, "starts with 'account-', which is reserved for the account stacks", "a name that does not start with 'account-'")];
  }
  return format;
}

export function tier(env: Environment): ConfigIssue[] {
  return oneOf("tier", env.tier, TIERS);
}

export function account(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [issue("account", env.account, "is not an account", "an AccountConfig { name, id, production }")];
  return [
    ...matches("account.id", env.account.id, ACCOUNT_ID, "exactly 12 digits, e.g. \"123456789012\""),
    ...matches("account.name", env.account.name, ACCOUNT_NAME, "1 to 30 lower-case letters, digits or '-', starting with a letter"),
    ...isBoolean("account.production", env.account.production),
  ];
}

const supportedRegions = (): string =>
  Object.entries(AWS_REGIONS)
    .map(([partition, regions]) => `${partition}: ${regions.join(", ")}`)
    .join("; ");

/**
 * The one region rule (the environment's region, the state bucket's): a region of a partition this project
 * writes ARNs for, that the pinned AWS provider knows. A code that is well formed but does not exist
 * (`eu-west-9`) passes synth and fails `plan` with `invalid AWS Region` (see modules/aws-regions.ts).
 * A state bucket's region must also be known to Terraform's S3 backend, or `terraform init` fails.
 */
export function regionIssues(field: string, value: unknown, format: string, opts: { stateBucket?: boolean } = {}): ConfigIssue[] {
  if (typeof value !== "string") return [issue(field, value, "is malformed", format)];
  const partition = partitionByPrefix(value);
  if (!isSupportedPartition(partition)) {
    return [
      issue(
        field,
        value,
        `is in the ${partition} partition, whose ARNs and service domains this project does not write`,
        `a region of the aws, aws-cn or aws-us-gov partition (${supportedRegions()})`,
      ),
    ];
  }
  if (!REGION.test(value)) return [issue(field, value, "is malformed", format)];
  if (!isKnownRegion(value)) {
    return [
      issue(
        field,
        value,
        `is not a region of the ${partition} partition that AWS provider 5.100 knows (plan would fail with "invalid AWS Region")`,
        `one of ${AWS_REGIONS[partition].join(", ")}`,
      ),
    ];
  }
  if (opts.stateBucket && UNKNOWN_TO_TERRAFORM_S3_BACKEND.includes(value)) {
    return [
      issue(
        field,
        value,
        `is not known to Terraform 1.11's S3 backend (terraform init would fail with "Invalid AWS Region"), though the AWS provider knows it`,
        `a state bucket in one of ${stateBackendRegions(partition).join(", ")}`,
      ),
    ];
  }
  return [];
}

export function region(env: Environment): ConfigIssue[] {
  return regionIssues("region", env.region, "an AWS region code such as eu-west-1, us-east-1 or ap-southeast-2");
}

const TAG_CHARACTERS_TEXT = "Unicode letters, digits, spaces or _ . : / = + - @";
/** Unicode characters, as AWS counts tag lengths (not UTF-16 code units). */
const length = (text: string): number => [...text].length;
const isTagValue = (value: unknown, min: number): value is string =>
  typeof value === "string" && length(value) >= min && length(value) <= MAX_TAG_VALUE_LENGTH && TAG_CHARACTERS.test(value);

export function serviceAndOwner(env: Environment): ConfigIssue[] {
  return [
    // Every SERVICE_NAME is also a valid tag value: the service tag needs no second check.
    ...matches("service", env.service, SERVICE_NAME, "2 to 30 lower-case letters, digits or '-', starting with a letter"),
    // The owner is the value of the `owner` tag on every resource.
    ...(isTagValue(env.owner, 1)
      ? []
      : [issue("owner", env.owner, "is not a value AWS accepts for the owner tag", `1 to ${MAX_TAG_VALUE_LENGTH} ${TAG_CHARACTERS_TEXT}`)]),
  ];
}

/** Where the project takes the value of each standard tag from. */
const STANDARD_TAG_SOURCE: Readonly<Record<StandardTagKey, (env: Environment) => string>> = {
  environment: (env) => `the field name = ${JSON.stringify(env.name)}`,
  service: (env) => `the field service = ${JSON.stringify(env.service)}`,
  owner: (env) => `the field owner = ${JSON.stringify(env.owner)}`,
  "managed-by": () => `always ${JSON.stringify(MANAGED_BY)}`,
};

function tagKeyIssues(env: Environment, key: string): ConfigIssue[] {
  const field = `tags.${key}`;
  const lower = key.toLowerCase();
  if (length(key) < 1 || length(key) > MAX_TAG_KEY_LENGTH || lower.startsWith("aws:") || !TAG_CHARACTERS.test(key)) {
    return [issue(field, key, "is not a tag key AWS accepts", `1 to ${MAX_TAG_KEY_LENGTH} ${TAG_CHARACTERS_TEXT}, not starting with 'aws:'`)];
  }
  const standard = STANDARD_TAG_KEYS.find((k) => k === lower);
  if (standard === undefined) return [];
  // Same key: it would be dropped (the standard value wins). Other case: IAM compares tag keys without case
  // and CreateRole rejects the pair ("Duplicate tag keys found. Please note that Tag keys are case insensitive.").
  const problem =
    standard === key
      ? `is set by the project on every resource, from ${STANDARD_TAG_SOURCE[standard](env)}`
      : `differs only in letter case from the tag "${standard}" the project sets on every resource (from ${STANDARD_TAG_SOURCE[standard](env)}), and IAM roles treat tag keys case-insensitively`;
  return [issue(field, env.tags[key], problem, `a tag key other than ${STANDARD_TAG_KEYS.join(", ")} (in any letter case)`)];
}

/**
 * AWS tag rules (see TAG_CHARACTERS in modules/tags.ts): the environment's tags become the provider's
 * `default_tags`, so every resource carries them plus the project's standard tags; a bad one fails at apply.
 */
export function tags(env: Environment): ConfigIssue[] {
  if (!isObject(env.tags)) return [issue("tags", env.tags, "is not a map of strings", "an object of tag name to string value")];
  const keys = Object.keys(env.tags);
  const perTag = keys.flatMap((key) => [
    ...tagKeyIssues(env, key),
    ...(isTagValue(env.tags[key], 0)
      ? []
      : [issue(`tags.${key}`, env.tags[key], "is not a tag value AWS accepts", `a string of 0 to ${MAX_TAG_VALUE_LENGTH} ${TAG_CHARACTERS_TEXT}`)]),
  ]);
  // IAM roles (the archive's, CloudTrail's) keep one of two keys that differ only in case, and reject both in one request.
  const firstByCase = new Map<string, string>();
  const caseTwins = keys.flatMap((key) => {
    const first = firstByCase.get(key.toLowerCase());
    if (first === undefined) {
      firstByCase.set(key.toLowerCase(), key);
      return [];
    }
    return [issue(`tags.${key}`, env.tags[key], `differs only in letter case from tags.${first}, and IAM roles treat tag keys case-insensitively`, "one of the two keys")];
  });
  const maxUserTags = MAX_TAGS_PER_RESOURCE - STANDARD_TAG_KEYS.length;
  const tooMany =
    keys.length > maxUserTags
      ? [
          issue(
            "tags",
            `${keys.length} tags`,
            `with the ${STANDARD_TAG_KEYS.length} tags the project sets (${STANDARD_TAG_KEYS.join(", ")}) would put ${keys.length + STANDARD_TAG_KEYS.length} tags on every resource; AWS allows ${MAX_TAGS_PER_RESOURCE}`,
            `at most ${maxUserTags} tags`,
          ),
        ]
      : [];
  return [...perTag, ...caseTwins, ...tooMany];
}

export function deletionProtection(env: Environment): ConfigIssue[] {
  return isBoolean("deletionProtection", env.deletionProtection);
}
