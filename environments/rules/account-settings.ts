/** Rules on the account-level settings: the security topic's subscribers, the trail, Config rules. */
import { partitionOf } from "../../modules/arn";
import { cloudTrailNameProblems, LOG_GROUP_NAME, MAX_BUCKET_NAME_LENGTH, MAX_ROLE_NAME_LENGTH, MAX_FILTER_PATTERN_LENGTH } from "../../modules/aws-limits";
import { controlPlaneChangePattern, type DeployerPrincipal, parseDeployerPrincipal } from "../../modules/control-plane-alarm";
import { trailBucketName, trailLogsRoleName, trailName } from "../../modules/naming";
import { CLOUD_TRAIL_MODES, type Environment } from "../types";
import { lifecycleIssues, nameLength } from "./archive";
import { type ConfigIssue, duplicates, isBoolean, isObject, issue, oneOf } from "./checks";
import { CLOUDWATCH_RETENTION_DAYS } from "./logs";
import { notifications } from "./notifications";

/** The same checks as the environment's subscribers, on `account.notifications`. */
export function accountNotifications(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  return notifications({ notifications: env.account.notifications } as Environment).map((i) => ({ ...i, field: `account.${i.field}` }));
}

export function accountTrail(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  const trail = env.account.trail;
  if (!isObject(trail)) return [issue("account.trail", trail, "is not a trail setting", "{ lifecycle, logRetentionDays }")];
  return [
    ...lifecycleIssues("account.trail.lifecycle", trail.lifecycle),
    ...oneOf("account.trail.logRetentionDays", trail.logRetentionDays, CLOUDWATCH_RETENTION_DAYS, "is not a retention CloudWatch Logs accepts"),
  ];
}

export function accountSwitches(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  return [...isBoolean("account.configRules", env.account.configRules), ...isBoolean("account.deletionProtection", env.account.deletionProtection)];
}

/** The trail's bucket and role names are built from the account name, id and region. */
export function accountNames(env: Environment): ConfigIssue[] {
  const { account } = env;
  if (!isObject(account) || typeof account.name !== "string" || typeof account.id !== "string" || typeof env.region !== "string") return [];
  return [
    ...nameLength("account.name", account.name, "CloudTrail bucket", trailBucketName(account.name, account.id, env.region), MAX_BUCKET_NAME_LENGTH),
    ...nameLength("account.name", account.name, "CloudTrail logs role", trailLogsRoleName(account.name, env.region), MAX_ROLE_NAME_LENGTH),
    // CreateTrail rejects adjacent '.', '_' or '-' (AWS CloudTrail API Reference, CreateTrail, Name):
    // `acme-` would make `acme--account-trail`.
    ...cloudTrailNameProblems(trailName(account.name)).map((p) =>
      issue("account.name", account.name, `makes the CloudTrail trail name "${trailName(account.name)}", which ${p.problem}`, `an account name that makes a valid trail name: ${p.allowed}`),
    ),
  ];
}

const CLOUD_TRAIL_KEYS = ["mode", "homeRegion", "logGroupName"];
const CLOUD_TRAIL_SHAPE = '{ mode: "dedicated", homeRegion? } or { mode: "existing", logGroupName, homeRegion? }';

/** `account.cloudTrail`: this project's own trail, or the CloudWatch log group of a trail the account already has. */
export function accountCloudTrail(env: Environment): ConfigIssue[] {
  if (!isObject(env.account)) return [];
  const field = "account.cloudTrail";
  const cloudTrail: unknown = env.account.cloudTrail;
  if (!isObject(cloudTrail)) return [issue(field, cloudTrail, "is not a CloudTrail setting", CLOUD_TRAIL_SHAPE)];
  const unknown = Object.keys(cloudTrail).filter((key) => !CLOUD_TRAIL_KEYS.includes(key));
  const { mode, homeRegion, logGroupName } = cloudTrail;
  return [
    ...unknown.map((key) => issue(`${field}.${key}`, cloudTrail[key], "is not a CloudTrail setting", CLOUD_TRAIL_SHAPE)),
    ...oneOf(`${field}.mode`, mode, CLOUD_TRAIL_MODES, "is not a CloudTrail mode"),
    ...(homeRegion === undefined || typeof homeRegion === "string" ? [] : [issue(`${field}.homeRegion`, homeRegion, "is not a region", "the region of one of the account's environments")]),
    ...(mode === "existing" ? logGroupNameIssues(`${field}.logGroupName`, logGroupName) : []),
    ...(mode === "dedicated" && logGroupName !== undefined
      ? [issue(`${field}.logGroupName`, logGroupName, 'is only read with mode "existing" (a dedicated trail has its own log group)', 'mode "existing", or no logGroupName')]
      : []),
  ];
}

function logGroupNameIssues(field: string, value: unknown): ConfigIssue[] {
  const allowed = "the log group's name (not its ARN): 1 to 512 letters, digits and . - _ / #, e.g. aws-controltower/CloudTrailLogs";
  if (typeof value === "string" && value.startsWith("arn:")) return [issue(field, value, "is an ARN", allowed)];
  return typeof value === "string" && LOG_GROUP_NAME.test(value) ? [] : [issue(field, value, "is not a CloudWatch Logs log group name", allowed)];
}

/**
 * `account.deployerPrincipals`: roles of this account (an API Gateway change in this account is made with this
 * account's credentials), never every role, and all of them together within the filter pattern's 1024 characters.
 */
export function accountDeployerPrincipals(env: Environment): ConfigIssue[] {
  if (!isObject(env.account) || typeof env.account.id !== "string" || typeof env.region !== "string") return [];
  const field = "account.deployerPrincipals";
  const list: unknown = env.account.deployerPrincipals;
  const { id } = env.account;
  const partition = partitionOf(env.region);
  const allowed = `role ARNs of this account ("arn:${partition}:iam::${id}:role/github-deploy", may end in *) or role names ("github-deploy", * only at the start or end)`;
  if (!Array.isArray(list)) return [issue(field, list, "is not a list", `a list of ${allowed}`)];
  const entries = list.map((value, i) => ({ value, at: `${field}[${i}]`, principal: typeof value === "string" ? parseDeployerPrincipal(value) : undefined }));
  const problems = [
    ...entries.flatMap(({ value, at, principal }) => deployerIssues(at, value, principal, { id, partition, allowed })),
    ...duplicates(list).map((value) => issue(`${field}[]`, value, "is listed more than once", "each principal once")),
  ];
  if (problems.length > 0) return problems;
  const pattern = controlPlaneChangePattern(entries.map((e) => e.principal as DeployerPrincipal));
  return pattern.length <= MAX_FILTER_PATTERN_LENGTH
    ? []
    : [
        issue(
          field,
          list,
          `makes the control-plane metric filter pattern ${pattern.length} characters long`,
          `at most ${MAX_FILTER_PATTERN_LENGTH} characters (PutMetricFilter filterPattern): fewer principals, or one pattern such as "github-deploy-*" for several roles`,
        ),
      ];
}

function deployerIssues(
  field: string,
  value: unknown,
  principal: DeployerPrincipal | undefined,
  account: { id: string; partition: string; allowed: string },
): ConfigIssue[] {
  if (typeof value !== "string") return [issue(field, value, "is not a string", account.allowed)];
  const everyRole = "would leave every role session out of the alarm";
  if (value.startsWith("arn:") && /:assumed-role\//.test(value)) {
    return [issue(field, value, "is a session ARN (sts assumed-role), which changes with every session", `the role's ARN, arn:${account.partition}:iam::${account.id}:role/<role name>`)];
  }
  if (/^arn:[\w-]+:iam::\d*:role\/\*$/.test(value)) return [issue(field, value, everyRole, account.allowed)];
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
    return [issue(field, value, problem, account.allowed)];
  }
  if (!("arn" in principal)) return [];
  const [, partition, , , accountId] = principal.arn.split(":");
  if (partition !== account.partition) return [issue(field, value, `is in partition ${partition}, the environment's region in ${account.partition}`, account.allowed)];
  if (accountId !== account.id) {
    return [issue(field, value, `names account ${accountId}: API Gateway in account ${account.id} is changed only with that account's credentials`, account.allowed)];
  }
  return [];
}

/**
 * One trail per account, whatever the number of regions its environments use: a multi-region trail records
 * every region into one log group in its home region, so only that region's account stack creates the trail
 * (or, for an existing trail, the alarm on its log group). With several regions the home region must be
 * named: picking one from the order of the environments would move the trail when an environment is added.
 * Returns `[environment name, issue]` pairs for `crossEnvironmentIssues`.
 */
export function accountTrailHomeRegions(envs: readonly Environment[]): [string, ConfigIssue][] {
  const byAccount = new Map<string, Environment[]>();
  for (const env of envs) byAccount.set(env.account.id, [...(byAccount.get(env.account.id) ?? []), env]);
  return [...byAccount.values()].flatMap((accountEnvs): [string, ConfigIssue][] => {
    const [first] = accountEnvs;
    const { cloudTrail, name } = first.account;
    const regions = [...new Set(accountEnvs.map((e) => e.region))];
    const where = regions.map((r) => `${r} (${accountEnvs.filter((e) => e.region === r).map((e) => e.name).join(", ")})`).join(" and ");
    const holds = cloudTrail.mode === "dedicated" ? `the multi-region trail "${trailName(name)}"` : `the change alarm on log group "${cloudTrail.logGroupName}"`;
    const field = "account.cloudTrail.homeRegion";
    const allowed = `one of ${regions.join(", ")}: that region's account stack holds ${holds}, which covers every region`;
    if (cloudTrail.homeRegion !== undefined && !regions.includes(cloudTrail.homeRegion)) {
      const problem = `is not a region of account "${name}"'s environments (${where}), so no account stack would create ${holds}`;
      return [[first.name, issue(field, cloudTrail.homeRegion, problem, `${allowed} (with ENVIRONMENTS, select an environment of the home region too)`)]];
    }
    if (cloudTrail.homeRegion === undefined && regions.length > 1) {
      const second = accountEnvs.find((e) => e.region !== first.region) as Environment;
      const problem = `is missing while account "${name}" is used in ${where}: ${
        cloudTrail.mode === "dedicated" ? `each account stack would create ${holds} (one trail records every region)` : `each account stack would create ${holds}, which exists in one region only`
      }`;
      return [[second.name, issue(field, undefined, problem, allowed)]];
    }
    return [];
  });
}
