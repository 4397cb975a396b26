/**
 * The CloudWatch Logs filter pattern of API Gateway control-plane changes in CloudTrail events, leaving out
 * the deploy pipeline's role sessions. Pure: the account's alarm writes it and config validation measures it
 * (PutMetricFilter's 1,024 characters).
 *
 * Filter pattern syntax ("Filter pattern syntax for metric filters...", CloudWatch Logs User Guide): JSON
 * selectors with `=`/`!=`, `&&`, `||`, parentheses, `NOT EXISTS`; a `*` in a string value matches any text
 * before or after the term (only at its start or end: `Ev*ent` matches the literal text `Ev*ent`).
 */

/**
 * The verbs of every API Gateway action that changes something (REST APIs and, under the same event source,
 * HTTP and WebSocket APIs): create/update/delete/put, imports (`ImportRestApi`, `ImportApiKeys`, `ReimportApi`),
 * tags, cache flushes and resets (`FlushStageCache`, `ResetAuthorizersCache`), `GenerateClientCertificate` and
 * `RejectDomainNameAccessAssociation`. Reads (`Get*`), exports and test invocations are left out.
 */
export const API_GATEWAY_CHANGE_VERBS = ["Create", "Update", "Delete", "Put", "Import", "Reimport", "Tag", "Untag", "Flush", "Reset", "Generate", "Reject"] as const;

/** Where CloudTrail writes the role that issued a session's credentials (the `userIdentity` element). */
const ISSUER = "$.userIdentity.sessionContext.sessionIssuer";

/** An IAM role ARN, optionally ending in `*` (a prefix: `...:role/github-deploy-*`, or a path: `...:role/ci/*`). */
export const DEPLOYER_ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@/-]*[\w+=,.@-]\*?|[\w+=,.@/-]+\/\*)$/;
/** An IAM role name (1..64 of `[\w+=,.@-]`), optionally with `*` at its start and/or end. */
export const DEPLOYER_ROLE_NAME = /^\*?[\w+=,.@-]{1,64}\*?$/;

/** One deployer principal: a role ARN (matched on the session issuer's ARN) or a role name (its name). */
export type DeployerPrincipal = { readonly arn: string } | { readonly roleName: string };

/** Reads one `deployerPrincipals` entry; undefined when it is neither a role ARN nor a role name pattern. */
export function parseDeployerPrincipal(value: string): DeployerPrincipal | undefined {
  if (value.startsWith("arn:")) return DEPLOYER_ROLE_ARN.test(value) ? { arn: value } : undefined;
  return DEPLOYER_ROLE_NAME.test(value) && value.replace(/\*/g, "") !== "" ? { roleName: value } : undefined;
}

const or = (terms: readonly string[]): string => terms.map((t) => `(${t})`).join(" || ");
const and = (terms: readonly string[]): string => terms.map((t) => `(${t})`).join(" && ");

/**
 * The filter pattern: API Gateway change events, except those made by a session of one of the deployer
 * roles. A role name only matches sessions whose issuer is a role (not an IAM user of that name). Events
 * without a session issuer (IAM users, root) always count: `NOT EXISTS` says so explicitly instead of
 * relying on how `!=` treats a missing field.
 */
export function controlPlaneChangePattern(deployers: readonly DeployerPrincipal[] = []): string {
  const changes = [`$.eventSource = "apigateway.amazonaws.com"`, or(API_GATEWAY_CHANGE_VERBS.map((verb) => `$.eventName = "${verb}*"`))];
  const arns = deployers.flatMap((d) => ("arn" in d ? [`${ISSUER}.arn != "${d.arn}"`] : []));
  const names = deployers.flatMap((d) => ("roleName" in d ? [`${ISSUER}.userName != "${d.roleName}"`] : []));
  if (arns.length + names.length === 0) return `{ ${and(changes)} }`;
  const notByName = names.length === 0 ? [] : [or([`${ISSUER}.type != "Role"`, and(names)])];
  const notByDeployer = or([`${ISSUER}.arn NOT EXISTS`, and([...arns, ...notByName])]);
  return `{ ${and([...changes, notByDeployer])} }`;
}

/** Every API Gateway change, nobody left out. */
export const API_GATEWAY_CHANGE_PATTERN = controlPlaneChangePattern();

