/** Config errors of the account's audit settings: `cloudTrail`, `deployerPrincipals`, and one trail per account. */
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { NONPROD_ACCOUNT, PROD_ACCOUNT } from "../../environments/accounts";
import { accountSchema } from "../../environments/schema/account";
import type { EnvironmentInput } from "../../environments/types";
import { rejectionOf, withEnv } from "../support/environments";

type Name = "dev" | "staging" | "prod";
const withAccount = (name: Name, changes: Record<string, unknown>, env: Record<string, unknown> = {}) =>
  withEnv(name, { ...env, account: { ...ENVIRONMENTS[name].account, ...changes } });
const NONPROD = ENVIRONMENTS.dev.account.id;

function expectRejected(inputs: EnvironmentInput[], ...fragments: string[]): void {
  const message = rejectionOf(...inputs);
  for (const fragment of fragments) expect(message).toContain(fragment);
}

describe("account audit defaults", () => {
  it("GIVEN the shipped accounts THEN each has its own dedicated trail and leaves its deploy role out of the alarm", () => {
    for (const account of [NONPROD_ACCOUNT, PROD_ACCOUNT].map((a) => accountSchema.parse(a))) {
      expect(account.cloudTrail).toEqual({ mode: "dedicated" });
      expect(account.deployerPrincipals).toEqual(["github-deploy"]);
    }
    expect(loadEnvironments([ENVIRONMENTS.dev])[0].account.deployerPrincipals).toEqual(["github-deploy"]);
  });

  it("GIVEN an account with an organization trail THEN it loads", () => {
    const [dev] = loadEnvironments([withAccount("dev", { cloudTrail: { mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs" } })]);
    expect(dev.account.cloudTrail).toEqual({ mode: "existing", logGroupName: "aws-controltower/CloudTrailLogs" });
  });
});

describe("account.cloudTrail is rejected when", () => {
  it("it is not an object, or has an unknown mode or key", () => {
    expectRejected([withAccount("dev", { cloudTrail: "existing" })], 'environment "dev": account.cloudTrail = "existing": is not a CloudTrail setting. Allowed: { mode: "dedicated", homeRegion? } or');
    expectRejected([withAccount("dev", { cloudTrail: { mode: "organization" } })], 'account.cloudTrail.mode = "organization": is not a CloudTrail mode. Allowed: dedicated, existing');
    expectRejected([withAccount("dev", { cloudTrail: { mode: "existing", logGroup: "x", logGroupName: "x" } })], 'account.cloudTrail.logGroup = "x": is not a CloudTrail setting');
  });

  // CloudWatch Logs API reference, CreateLogGroup: logGroupName 1..512 characters of [\.\-_/#A-Za-z0-9]
  // (terraform-provider-aws checks the same in validLogGroupName, internal/service/logs/validate.go).
  it("an existing trail's log group name is missing, an ARN, too long or has characters CloudWatch Logs rejects (CreateLogGroup)", () => {
    const existing = (logGroupName: unknown) => withAccount("dev", { cloudTrail: { mode: "existing", logGroupName } });
    expectRejected([existing(undefined)], "account.cloudTrail.logGroupName = (missing): is not a CloudWatch Logs log group name. Allowed: the log group's name (not its ARN)");
    expectRejected([existing("arn:aws:logs:eu-west-1:111111111111:log-group:org-trail:*")], "account.cloudTrail.logGroupName = \"arn:aws:logs:eu-west-1:111111111111:log-group:org-trail:*\": is an ARN");
    expectRejected([existing("org trail!")], 'account.cloudTrail.logGroupName = "org trail!": is not a CloudWatch Logs log group name');
    expectRejected([existing("a".repeat(513))], "is not a CloudWatch Logs log group name. Allowed: the log group's name (not its ARN): 1 to 512");
    expect(() => loadEnvironments([existing(`/org/#trail_${"a".repeat(495)}`)])).not.toThrow();
  });

  it("a dedicated trail is given a log group name it would not use", () => {
    expectRejected([withAccount("dev", { cloudTrail: { mode: "dedicated", logGroupName: "org" } })], 'account.cloudTrail.logGroupName = "org": is only read with mode "existing"');
  });
});

describe("account.deployerPrincipals is rejected when", () => {
  const principals = (deployerPrincipals: unknown) => withAccount("dev", { deployerPrincipals });

  it("it is not a list of strings", () => {
    expectRejected([principals("github-deploy")], 'account.deployerPrincipals = "github-deploy": is not a list. Allowed: a list of role ARNs of this account');
    expectRejected([principals([42])], "account.deployerPrincipals[0] = 42: is not a string");
  });

  it("an entry is no role ARN or role name, or session ARN", () => {
    expectRejected([principals([`arn:aws:iam::${NONPROD}:user/ci`])], `account.deployerPrincipals[0] = "arn:aws:iam::${NONPROD}:user/ci": is not an IAM role ARN. Allowed: role ARNs of this account ("arn:aws:iam::${NONPROD}:role/github-deploy"`);
    expectRejected([principals([`arn:aws:sts::${NONPROD}:assumed-role/github-deploy/run-1`])], "is a session ARN (sts assumed-role), which changes with every session. Allowed: the role's ARN");
    expectRejected([principals(["github deploy"])], 'account.deployerPrincipals[0] = "github deploy": is not a role name');
  });

  // CloudWatch Logs User Guide, "Filter pattern syntax": `*` matches text before or after a term; `Ev*ent`
  // matches only the literal text `Ev*ent`, so an inner `*` would never match a role.
  it("a * sits inside a name (CloudWatch Logs reads it literally), or an entry matches every role", () => {
    expectRejected([principals(["github*deploy"])], 'account.deployerPrincipals[0] = "github*deploy": has a * inside, which CloudWatch Logs matches literally (a wildcard only at the start or end of a value). Allowed: role ARNs of this account');
    expectRejected([principals([`arn:aws:iam::${NONPROD}:role/gh*-deploy`])], "has a * inside, which CloudWatch Logs matches literally");
    expectRejected([principals(["*"])], 'account.deployerPrincipals[0] = "*": would leave every role session out of the alarm');
    expectRejected([principals([`arn:aws:iam::${NONPROD}:role/*`])], "would leave every role session out of the alarm");
  });

  it("a role ARN names another account or partition (API Gateway here changes only with this account's credentials)", () => {
    expectRejected([principals(["arn:aws:iam::999999999999:role/github-deploy"])], '"arn:aws:iam::999999999999:role/github-deploy": names account 999999999999: API Gateway in account 111111111111 is changed only with that account\'s credentials');
    expectRejected([principals([`arn:aws-cn:iam::${NONPROD}:role/github-deploy`])], "is in partition aws-cn, the environment's region in aws");
  });

  it("an entry is listed twice", () => {
    expectRejected([principals(["github-deploy", "github-deploy"])], 'account.deployerPrincipals[] = "github-deploy": is listed more than once');
  });

  // CloudWatch Logs API reference, PutMetricFilter: filterPattern at most 1024 characters (the provider:
  // `pattern` StringUTF8LenBetween(0, 1024), internal/service/logs/metric_filter.go): found at validate, not synth.
  it("together they make the metric filter pattern longer than 1024 characters (PutMetricFilter)", () => {
    const many = Array.from({ length: 8 }, (_, i) => `arn:aws:iam::${NONPROD}:role/github-deploy-environment-${i}`);
    expectRejected([principals(many)], "account.deployerPrincipals = [", "makes the control-plane metric filter pattern", 'Allowed: at most 1024 characters (PutMetricFilter filterPattern): fewer principals, or one pattern such as "github-deploy-*"');
    expect(() => loadEnvironments([principals([`arn:aws:iam::${NONPROD}:role/github-deploy-environment-*`])])).not.toThrow();
  });
});

describe("one trail per account, whatever its regions", () => {
  const stagingInUsEast1 = (account: Record<string, unknown> = {}) => withAccount("staging", account, { region: "us-east-1" });
  const devWith = (account: Record<string, unknown> = {}) => withAccount("dev", account);

  it("GIVEN an account in two regions WHEN no home region is named THEN it is an error naming both regions and the trail", () => {
    expectRejected(
      [devWith(), stagingInUsEast1()],
      'environment "staging": account.cloudTrail.homeRegion = (missing): is missing while account "nonprod" is used in eu-west-1 (dev) and us-east-1 (staging): each account stack would create the multi-region trail "nonprod-account-trail"',
      "Allowed: one of eu-west-1, us-east-1: that region's account stack holds the multi-region trail",
    );
  });

  it("GIVEN an existing trail in two regions WHEN no home region is named THEN the alarm's log group is the problem", () => {
    const existing = { cloudTrail: { mode: "existing", logGroupName: "org-trail" } };
    expectRejected([devWith(existing), stagingInUsEast1(existing)], 'each account stack would create the change alarm on log group "org-trail", which exists in one region only');
  });

  it("GIVEN a home region where the account has no environment THEN nobody would create the trail: an error", () => {
    const home = { cloudTrail: { mode: "dedicated", homeRegion: "eu-central-1" } };
    expectRejected([devWith(home), withAccount("staging", home)], 'environment "dev": account.cloudTrail.homeRegion = "eu-central-1": is not a region of account "nonprod"\'s environments (eu-west-1 (dev, staging)), so no account stack would create');
  });

  it("GIVEN a home region THEN two regions load", () => {
    const home = { cloudTrail: { mode: "dedicated", homeRegion: "eu-west-1" } };
    expect(loadEnvironments([devWith(home), stagingInUsEast1(home)]).map((e) => e.region)).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("GIVEN two environments of one account that disagree on its trail THEN it is an error (one account stack serves both)", () => {
    expectRejected([devWith(), withAccount("staging", { cloudTrail: { mode: "existing", logGroupName: "org" } })], 'environment "staging": account = ', "the same notifications, trail, configRules, deletionProtection, stateBackend, cloudTrail and deployerPrincipals");
  });
});

describe("account.name makes a trail name CloudTrail accepts", () => {
  // AWS CloudTrail API Reference, CreateTrail, Name: letters, digits, '.', '_' and '-'; starts and ends with
  // a letter or digit; no adjacent '.', '_' or '-'. The trail is `<account name>-account-trail`.
  it("GIVEN an account name ending in '-' or holding '--' THEN the trail name it makes is refused", () => {
    expectRejected([withAccount("dev", { name: "acme-" })], 'account.name = "acme-": makes the CloudTrail trail name "acme--account-trail", which has adjacent \'.\', \'_\' or \'-\'');
    expectRejected([withAccount("dev", { name: "a--b" })], 'account.name = "a--b": makes the CloudTrail trail name "a--b-account-trail"');
  });

  it("GIVEN an account name with single dashes THEN it loads", () => {
    expect(() => loadEnvironments([withAccount("dev", { name: "acme-nonprod" })])).not.toThrow();
  });
});
