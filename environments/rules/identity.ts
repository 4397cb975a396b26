/**
 * The identity's rules across sections: the team's tags, with the standard tags the project sets (from name,
 * service and owner), fit on every resource and on IAM roles.
 */
import { MANAGED_BY, MAX_TAGS_PER_RESOURCE, STANDARD_TAG_KEYS, type StandardTagKey } from "../../aws/tags";
import type { Environment, EnvironmentRule } from "../schema/environment-fields";
import { rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";

/** Keys that differ only in letter case from an earlier key, each with that earlier key. */
function caseTwins(keys: readonly string[]): [key: string, first: string][] {
  const firstByCase = new Map<string, string>();
  return keys.flatMap((key): [string, string][] => {
    const first = firstByCase.get(key.toLowerCase());
    if (first === undefined) firstByCase.set(key.toLowerCase(), key);
    return first === undefined ? [] : [[key, first]];
  });
}

const MAX_USER_TAGS = MAX_TAGS_PER_RESOURCE - STANDARD_TAG_KEYS.length;

/**
 * IAM roles (the archive's, CloudTrail's) keep one of two keys that differ only in case, and reject both in
 * one request; and every resource carries the team's tags and the standard ones, 50 at most.
 */
export const tagKeys: EnvironmentRule = rule(["tags"], ({ tags }) => {
  const keys = Object.keys(tags);
  const twins = caseTwins(keys).map(([key, first]) =>
    issue(`tags.${key}`, tags[key], `differs only in letter case from tags.${first}, and IAM roles treat tag keys case-insensitively`, "one of the two keys"),
  );
  const total = keys.length + STANDARD_TAG_KEYS.length;
  const tooMany =
    keys.length > MAX_USER_TAGS
      ? [
          issue(
            "tags",
            `${keys.length} tags`,
            `with the ${STANDARD_TAG_KEYS.length} tags the project sets (${STANDARD_TAG_KEYS.join(", ")}) would put ${total} tags on every resource; AWS allows ${MAX_TAGS_PER_RESOURCE}`,
            `at most ${MAX_USER_TAGS} tags`,
          ),
        ]
      : [];
  return [...twins, ...tooMany];
});

/** Where the project takes the value of each standard tag from. */
const STANDARD_TAG_SOURCE: Readonly<Record<StandardTagKey, (env: Environment) => string>> = {
  environment: (env) => `the field name = ${JSON.stringify(env.name)}`,
  service: (env) => `the field service = ${JSON.stringify(env.service)}`,
  owner: (env) => `the field owner = ${JSON.stringify(env.owner)}`,
  "managed-by": () => `always ${JSON.stringify(MANAGED_BY)}`,
};

function standardTagIssue(env: Environment, key: string, value: string): ConfigIssue[] {
  const standard = STANDARD_TAG_KEYS.find((k) => k === key.toLowerCase());
  if (standard === undefined) return [];
  // Same key: it would be dropped (the standard value wins). Other case: IAM compares tag keys without case
  // and CreateRole rejects the pair ("Duplicate tag keys found. Please note that Tag keys are case insensitive.").
  const problem =
    standard === key
      ? `is set by the project on every resource, from ${STANDARD_TAG_SOURCE[standard](env)}`
      : `differs only in letter case from the tag "${standard}" the project sets on every resource (from ${STANDARD_TAG_SOURCE[standard](env)}), and IAM roles treat tag keys case-insensitively`;
  return [issue(`tags.${key}`, value, problem, `a tag key other than ${STANDARD_TAG_KEYS.join(", ")} (in any letter case)`)];
}

/** The team's tags cannot replace the standard tags, whose values come from name, service and owner. */
export const standardTags: EnvironmentRule = rule(["tags", "name", "service", "owner"], (env) =>
  Object.entries(env.tags).flatMap(([key, value]) => standardTagIssue(env, key, value)),
);

export const IDENTITY_RULES: readonly EnvironmentRule[] = [standardTags, tagKeys];
