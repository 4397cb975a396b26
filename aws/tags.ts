/** The standard tags every resource carries, and the rules AWS sets for tags. */

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
