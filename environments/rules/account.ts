/**
 * The account's rules across sections: only a production account hosts a production environment and keeps
 * its audit trail protected, the names built from the account fit AWS's limits, and the deployer principals
 * the control-plane alarm leaves out are roles of this account.
 */
import { partitionOf } from "../../aws/arn";
import { controlPlaneChangePattern, type DeployerPrincipal, parseDeployerPrincipal } from "../../aws/control-plane-pattern";
import { cloudTrailNameProblems, MAX_BUCKET_NAME_LENGTH, MAX_FILTER_PATTERN_LENGTH, MAX_ROLE_NAME_LENGTH } from "../../aws/limits";
import { trailBucketName, trailLogsRoleName, trailName } from "../../aws/naming";
import { deployersAllowed } from "../schema/account";
import type { EnvironmentRule } from "../schema/environment-fields";
import { duplicates, rule } from "../schema/fields";
import { type ConfigIssue, issue } from "../schema/issues";
import { nameLength } from "./name-length";

/** A production-tier environment runs in a production account. */
export const productionAccount: EnvironmentRule = rule(["tier", "account.production", "account.name", "account.id"], (env) =>
  env.tier === "production" && !env.account.production
    ? [issue("account", `${env.account.name} (${env.account.id})`, "is not a production account, so it cannot host a production environment", "an account with production: true")]
    : [],
);

/** The production account's audit trail cannot be destroyed by a rename or a stray destroy. */
export const productionAccountProtection: EnvironmentRule = rule(["account.production", "account.deletionProtection"], (env) =>
  env.account.production && !env.account.deletionProtection
    ? [issue("account.deletionProtection", false, "leaves the production account's CloudTrail bucket and logs destroyable", "true")]
    : [],
);

/** The trail's bucket and role names are built from the account name, id and region. */
export const accountNames: EnvironmentRule = rule(["account.name", "account.id", "region"], ({ account, region }) => [
  ...nameLength("account.name", account.name, "CloudTrail bucket", trailBucketName(account.name, account.id, region), MAX_BUCKET_NAME_LENGTH),
  ...nameLength("account.name", account.name, "CloudTrail logs role", trailLogsRoleName(account.name, region), MAX_ROLE_NAME_LENGTH),
  // CreateTrail rejects adjacent '.', '_' or '-' (AWS CloudTrail API Reference, CreateTrail, Name):
  // `acme-` would make `acme--account-trail`.
  ...cloudTrailNameProblems(trailName(account.name)).map((p) =>
    issue("account.name", account.name, `makes the CloudTrail trail name "${trailName(account.name)}", which ${p.problem}`, `an account name that makes a valid trail name: ${p.allowed}`),
  ),
]);

/** Why one `deployerPrincipals` entry cannot be left out of the alarm, or undefined when it can. */
function deployerProblem(value: string, principal: DeployerPrincipal | undefined, account: { readonly id: string; readonly partition: string; readonly allowed: string }): readonly [problem: string, allowed: string] | undefined {
  const everyRole = "would leave every role session out of the alarm";
  if (value.startsWith("arn:") && /:assumed-role\//.test(value)) {
    return ["is a session ARN (sts assumed-role), which changes with every session", `the role's ARN, arn:${account.partition}:iam::${account.id}:role/<role name>`];
  }
  if (/^arn:[\w-]+:iam::\d*:role\/\*$/.test(value)) return [everyRole, account.allowed];
  if (principal === undefined) {
    const inner = /.\*./.test(value.startsWith("arn:") ? value.slice(0, -1) : value);
    const problem =
      value.replace(/\*/g, "") === ""
        ? everyRole
        : inner
          ? "has a * inside, which CloudWatch Logs matches literally (a wildcard only at the start or end of a value)"
          : value.startsWith("arn:")
            ? "is not an IAM role ARN"
            : "is not a role name";
    return [problem, account.allowed];
  }
  if (!("arn" in principal)) return undefined;
  const [, partition, , , accountId] = principal.arn.split(":");
  if (partition !== account.partition) return [`is in partition ${partition}, the environment's region in ${account.partition}`, account.allowed];
  if (accountId !== account.id) return [`names account ${accountId}: API Gateway in account ${account.id} is changed only with that account's credentials`, account.allowed];
  return undefined;
}

/**
 * `account.deployerPrincipals`: roles of this account (an API Gateway change in this account is made with this
 * account's credentials), never every role, each once, and all of them together within the metric filter
 * pattern's 1024 characters (PutMetricFilter `filterPattern`).
 */
export const deployerPrincipals: EnvironmentRule = rule(["account.id", "region", "account.deployerPrincipals"], (env) => {
  const field = "account.deployerPrincipals";
  const list = env.account.deployerPrincipals;
  const { id } = env.account;
  const partition = partitionOf(env.region);
  const allowed = deployersAllowed(partition, id);
  const entries = list.map((value) => ({ value, principal: parseDeployerPrincipal(value) }));
  const problems: ConfigIssue[] = [
    ...entries.flatMap(({ value, principal }, i) => {
      const problem = deployerProblem(value, principal, { id, partition, allowed });
      return problem ? [issue(`${field}[${i}]`, value, ...problem)] : [];
    }),
    ...duplicates(list).map((value) => issue(`${field}[]`, value, "is listed more than once", "each principal once")),
  ];
  if (problems.length > 0) return problems;
  const pattern = controlPlaneChangePattern(entries.flatMap(({ principal }) => (principal ? [principal] : [])));
  if (pattern.length <= MAX_FILTER_PATTERN_LENGTH) return [];
  return [
    issue(
      field,
      list,
      `makes the control-plane metric filter pattern ${pattern.length} characters long`,
      `at most ${MAX_FILTER_PATTERN_LENGTH} characters (PutMetricFilter filterPattern): fewer principals, or one pattern such as "github-deploy-*" for several roles`,
    ),
  ];
});

export const ACCOUNT_RULES: readonly EnvironmentRule[] = [productionAccount, deployerPrincipals, accountNames, productionAccountProtection];
