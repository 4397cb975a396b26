/**
 * The account (`account`): GIVEN what a config writes, WHEN parsed, THEN the account stack's settings have
 * their defaults, or every problem is reported with its field, value and what is allowed.
 * Sources: AWS CloudTrail API Reference, CreateTrail `Name` (3 to 128 characters, no adjacent '.', '_' or
 * '-'); CloudWatch Logs API Reference, CreateLogGroup `logGroupName` (1 to 512 of [.-_/#A-Za-z0-9]) and
 * PutMetricFilter `filterPattern` (at most 1024 characters); CloudWatch Logs User Guide, "Filter pattern
 * syntax" (`*` matches only at the start or end of a term); Amazon S3 User Guide, bucket names at most 63
 * characters.
 */
import { z } from "zod";
import { ACCOUNT_RULES, accountNames, deployerPrincipals, productionAccount, productionAccountProtection } from "../../../environments/rules/account";
import { accountSchema } from "../../../environments/schema/account";
import type { Environment } from "../../../environments/schema/environment";
import { section } from "../../../environments/schema/fields";
import { formatIssue, toConfigIssues } from "../../../environments/schema/issues";
import { undeclaredReads } from "./rule-reads";

/** The account where an environment has it, with what its rules read besides (tier, region). */
const inEnvironment = section({ tier: z.string(), region: z.string(), account: accountSchema }, "is not an environment config", "an object");
const NONPROD = { name: "nonprod", id: "111111111111", production: false };

function problemsOf(account: unknown): string[] {
  const parsed = inEnvironment.safeParse({ tier: "non-production", region: "eu-west-1", account }, { reportInput: true });
  return parsed.success ? [] : toConfigIssues(parsed.error.issues).map(formatIssue);
}
const env = (account: Record<string, unknown>, changes: Record<string, unknown> = {}): Environment =>
  inEnvironment.parse({ tier: "non-production", region: "eu-west-1", account: { ...NONPROD, ...account }, ...changes }) as unknown as Environment;
const problemsOfRule = (rule: (typeof ACCOUNT_RULES)[number], value: Environment) => rule.check(value).map(formatIssue);

describe("account defaults", () => {
  it("GIVEN only name, id and production THEN the account stack's defaults", () => {
    expect(accountSchema.parse(NONPROD)).toEqual({
      ...NONPROD,
      notifications: { emails: [], httpsEndpoints: [] },
      trail: { lifecycle: expect.any(Object), logRetentionDays: 90 },
      configRules: false,
      deletionProtection: true,
      stateBackend: { type: "local" },
      cloudTrail: { mode: "dedicated" },
      deployerPrincipals: [],
      quotas: { samplingRulesPerRegion: 25, firehoseStreamsPerRegion: 5000 },
    });
  });

  it("GIVEN an existing trail THEN kept as written", () => {
    const cloudTrail = { mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs", homeRegion: "eu-west-1" };
    expect(accountSchema.parse({ ...NONPROD, cloudTrail }).cloudTrail).toEqual(cloudTrail);
  });
});

describe("account fields", () => {
  it.each([
    ["nonprod", 'account = "nonprod": is not an account. Allowed: an AccountConfig { name, id, production }'],
    [undefined, "account = (missing): is not an account. Allowed: an AccountConfig { name, id, production }"],
    [{ ...NONPROD, id: "12345" }, 'account.id = "12345": is malformed. Allowed: exactly 12 digits, e.g. "123456789012"'],
    [{ ...NONPROD, name: "Non-Prod" }, "account.name = \"Non-Prod\": is malformed. Allowed: 1 to 30 lower-case letters, digits or '-', starting with a letter"],
    [{ ...NONPROD, production: "no" }, 'account.production = "no": is not a boolean. Allowed: true or false'],
    [{ ...NONPROD, configRules: 1 }, "account.configRules = 1: is not a boolean. Allowed: true or false"],
    [{ ...NONPROD, prod: true }, "account.prod = true: is not a setting here (did you mean id?). Allowed: name, id, production, notifications, trail, configRules, deletionProtection, stateBackend, cloudTrail, deployerPrincipals, quotas, slack"],
    [{ ...NONPROD, notifications: { emails: ["security"] } }, 'account.notifications.emails[0] = "security": is not an email address. Allowed: an address such as oncall@example.com'],
    [{ ...NONPROD, stateBackend: { type: "s3", bucket: "Bad", region: "eu-west-1" } }, "account.stateBackend.bucket = \"Bad\": is malformed. Allowed: an S3 bucket name: 3 to 63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit"],
  ])("GIVEN %j THEN one issue", (account, message) => {
    expect(problemsOf(account)).toEqual([message]);
  });
});

describe("account.cloudTrail", () => {
  const SHAPES = 'Allowed: { mode: "dedicated", homeRegion? } or { mode: "existing", logGroupName, homeRegion? }';
  const LOG_GROUP = "Allowed: the log group's name (not its ARN): 1 to 512 letters, digits and . - _ / #, e.g. aws-controltower/CloudTrailLogs";
  const cloudTrail = (value: unknown) => problemsOf({ ...NONPROD, cloudTrail: value });

  it.each([
    ["existing", `account.cloudTrail = "existing": is not a CloudTrail setting. ${SHAPES}`],
    [{ mode: "organization" }, 'account.cloudTrail.mode = "organization": is not a CloudTrail mode. Allowed: dedicated, existing'],
    [{}, "account.cloudTrail.mode = (missing): is not a CloudTrail mode. Allowed: dedicated, existing"],
    [{ mode: "existing", logGroup: "x", logGroupName: "x" }, `account.cloudTrail.logGroup = "x": is not a CloudTrail setting (did you mean logGroupName?). ${SHAPES}`],
    [{ mode: "dedicated", homeRegion: 5 }, "account.cloudTrail.homeRegion = 5: is not a region. Allowed: the region of one of the account's environments"],
    [{ mode: "dedicated", logGroupName: "org" }, 'account.cloudTrail.logGroupName = "org": is only read with mode "existing" (a dedicated trail has its own log group). Allowed: mode "existing", or no logGroupName'],
    [{ mode: "existing" }, `account.cloudTrail.logGroupName = (missing): is not a CloudWatch Logs log group name. ${LOG_GROUP}`],
    [{ mode: "existing", logGroupName: "arn:aws:logs:eu-west-1:111111111111:log-group:org:*" }, `account.cloudTrail.logGroupName = "arn:aws:logs:eu-west-1:111111111111:log-group:org:*": is an ARN. ${LOG_GROUP}`],
    [{ mode: "existing", logGroupName: "org trail!" }, `account.cloudTrail.logGroupName = "org trail!": is not a CloudWatch Logs log group name. ${LOG_GROUP}`],
  ])("GIVEN %j THEN one issue", (value, message) => {
    expect(cloudTrail(value)).toEqual([message]);
  });

  it("GIVEN a log group name of 512 characters THEN accepted, 513 THEN rejected (CreateLogGroup)", () => {
    expect(cloudTrail({ mode: "existing", logGroupName: `/org/#trail_${"a".repeat(500)}` })).toEqual([]);
    expect(cloudTrail({ mode: "existing", logGroupName: "a".repeat(513) })).toHaveLength(1);
  });
});

describe("account rules", () => {
  it("GIVEN a production environment in a non-production account THEN the account is named", () => {
    expect(problemsOfRule(productionAccount, env({}, { tier: "production" }))).toEqual([
      'account = "nonprod (111111111111)": is not a production account, so it cannot host a production environment. Allowed: an account with production: true',
    ]);
    expect(problemsOfRule(productionAccount, env({ production: true }, { tier: "production" }))).toEqual([]);
  });

  it("GIVEN a production account without deletion protection THEN its trail could be destroyed", () => {
    expect(problemsOfRule(productionAccountProtection, env({ production: true, deletionProtection: false }))).toEqual([
      "account.deletionProtection = false: leaves the production account's CloudTrail bucket and logs destroyable. Allowed: true",
    ]);
    expect(problemsOfRule(productionAccountProtection, env({ production: false, deletionProtection: false }))).toEqual([]);
  });

  it("GIVEN an account name ending in '-' THEN the trail name it makes has adjacent dashes (CreateTrail)", () => {
    expect(problemsOfRule(accountNames, env({ name: "acme-" }))).toEqual([
      "account.name = \"acme-\": makes the CloudTrail trail name \"acme--account-trail\", which has adjacent '.', '_' or '-'. Allowed: an account name that makes a valid trail name: no two of '.', '_', '-' next to each other",
    ]);
  });

  it("GIVEN a 30-character account name in ap-southeast-2 THEN the trail bucket is 69 characters (S3: at most 63)", () => {
    const name = "a".repeat(30);
    expect(problemsOfRule(accountNames, env({ name }, { region: "ap-southeast-2" }))).toEqual([
      `account.name = "${name}": makes the CloudTrail bucket name "${name}-cloudtrail-111111111111-ap-southeast-2" 69 characters long. Allowed: a shorter value: AWS allows at most 63 characters`,
    ]);
  });
});

describe("account.deployerPrincipals", () => {
  const ALLOWED = 'Allowed: role ARNs of this account ("arn:aws:iam::111111111111:role/github-deploy", may end in *) or role names ("github-deploy", * only at the start or end)';
  const principals = (list: readonly string[], changes: Record<string, unknown> = {}) => problemsOfRule(deployerPrincipals, env({ deployerPrincipals: list }, changes));

  it("GIVEN no list or a list of strings THEN the type checks name the partition and account they cannot see", () => {
    expect(problemsOf({ ...NONPROD, deployerPrincipals: "github-deploy" })).toEqual([
      'account.deployerPrincipals = "github-deploy": is not a list. Allowed: a list of role ARNs of this account ("arn:<partition>:iam::<account id>:role/github-deploy", may end in *) or role names ("github-deploy", * only at the start or end)',
    ]);
    expect(problemsOf({ ...NONPROD, deployerPrincipals: [42] })[0]).toMatch(/^account\.deployerPrincipals\[0\] = 42: is not a string\. Allowed: role ARNs of this account/);
  });

  it.each([
    ["arn:aws:iam::111111111111:user/ci", "is not an IAM role ARN"],
    ["github deploy", "is not a role name"],
    ["github*deploy", "has a * inside, which CloudWatch Logs matches literally (a wildcard only at the start or end of a value)"],
    ["*", "would leave every role session out of the alarm"],
    ["arn:aws:iam::111111111111:role/*", "would leave every role session out of the alarm"],
    ["arn:aws:iam::999999999999:role/github-deploy", "names account 999999999999: API Gateway in account 111111111111 is changed only with that account's credentials"],
    ["arn:aws-cn:iam::111111111111:role/github-deploy", "is in partition aws-cn, the environment's region in aws"],
  ])("GIVEN %p THEN it cannot be left out of the alarm", (principal, problem) => {
    expect(principals([principal])).toEqual([`account.deployerPrincipals[0] = ${JSON.stringify(principal)}: ${problem}. ${ALLOWED}`]);
  });

  it("GIVEN a session ARN THEN the role's ARN is what is allowed", () => {
    expect(principals(["arn:aws:sts::111111111111:assumed-role/github-deploy/run-1"])).toEqual([
      'account.deployerPrincipals[0] = "arn:aws:sts::111111111111:assumed-role/github-deploy/run-1": is a session ARN (sts assumed-role), which changes with every session. Allowed: the role\'s ARN, arn:aws:iam::111111111111:role/<role name>',
    ]);
  });

  it("GIVEN an environment in China THEN its partition is what is allowed", () => {
    expect(principals(["arn:aws-cn:iam::111111111111:role/github-deploy"], { region: "cn-north-1" })).toEqual([]);
    expect(principals(["arn:aws:iam::111111111111:role/github-deploy"], { region: "cn-north-1" })[0]).toContain('("arn:aws-cn:iam::111111111111:role/github-deploy", may end in *)');
  });

  it("GIVEN a bad entry listed twice THEN each entry and the repeat at once", () => {
    expect(principals(["bad name", "bad name"]).map((message) => message.split(": ")[0])).toEqual([
      'account.deployerPrincipals[0] = "bad name"',
      'account.deployerPrincipals[1] = "bad name"',
      'account.deployerPrincipals[] = "bad name"',
    ]);
  });

  it("GIVEN eight long role ARNs THEN the filter pattern is over 1024 characters; one prefix pattern fits", () => {
    const many = Array.from({ length: 8 }, (_, i) => `arn:aws:iam::111111111111:role/github-deploy-environment-${i}`);
    expect(principals(many)).toEqual([
      expect.stringMatching(
        /^account\.deployerPrincipals = \[.*\.\.\.: makes the control-plane metric filter pattern \d{4} characters long\. Allowed: at most 1024 characters \(PutMetricFilter filterPattern\): fewer principals, or one pattern such as "github-deploy-\*" for several roles$/,
      ),
    ]);
    expect(principals(["arn:aws:iam::111111111111:role/github-deploy-environment-*", "github-deploy"])).toEqual([]);
  });
});

describe("reads", () => {
  it.each(ACCOUNT_RULES.map((rule, i) => [i, rule] as const))("GIVEN rule %i THEN it reads only the fields it declares", (_, rule) => {
    const value = env({ production: true, deletionProtection: false, name: "acme-", deployerPrincipals: ["github-deploy", "x*y"] }, { tier: "production" });
    expect(undeclaredReads(rule, value)).toEqual([]);
  });
});
