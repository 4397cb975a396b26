/** Rules on who and where: environment name, tier, account, region, service, owner and tags. */
import { TIERS, type Environment } from "../types";
import { type ConfigIssue, isBoolean, isObject, issue, matches, oneOf } from "./checks";

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,19}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_NAME = /^[a-z][a-z0-9-]{0,29}$/;
/** Commercial, China, GovCloud and ISO region codes: `eu-west-1`, `cn-north-1`, `us-gov-west-1`, `us-isob-east-1`. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
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

export function region(env: Environment): ConfigIssue[] {
  return matches("region", env.region, REGION, "an AWS region code such as eu-west-1, us-east-1 or ap-southeast-2");
}

export function serviceAndOwner(env: Environment): ConfigIssue[] {
  return [
    ...matches("service", env.service, SERVICE_NAME, "2 to 30 lower-case letters, digits or '-', starting with a letter"),
    ...matches("owner", env.owner, /^[\w.@:/+=-]{1,128}$/, "1 to 128 characters valid in an AWS tag value, no spaces"),
  ];
}

/** AWS tag limits: key 1..128 characters and not starting with `aws:`, value 0..256 characters. */
export function tags(env: Environment): ConfigIssue[] {
  if (!isObject(env.tags)) return [issue("tags", env.tags, "is not a map of strings", "an object of tag name to string value")];
  return Object.entries(env.tags).flatMap(([key, value]) => [
    ...(key.length > 128 || key.toLowerCase().startsWith("aws:")
      ? [issue(`tags.${key}`, key, "is not a tag key AWS accepts", "1 to 128 characters, not starting with 'aws:'")]
      : []),
    ...(typeof value !== "string" || value.length > 256
      ? [issue(`tags.${key}`, value, "is not a tag value AWS accepts", "a string of at most 256 characters")]
      : []),
  ]);
}

export function deletionProtection(env: Environment): ConfigIssue[] {
  return isBoolean("deletionProtection", env.deletionProtection);
}
