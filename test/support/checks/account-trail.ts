/**
 * Each account's audit record, for any registry: one trail per account, in its home region's account stack,
 * none in an environment stack, and the change alarm that leaves the account's deploy roles out.
 */
import type { Environment } from "../../../environments/types";
import { type Registry, synthesizeRegistry } from "../registry";

const values = (s: any, type: string): any[] => Object.values(s.resource?.[type] ?? {});

export function describeAccountTrails(registry: Registry): void {
  describe("GIVEN the registry's accounts, THEN their account stacks", () => {
    const app = synthesizeRegistry(registry);
    /** Each account stack with its account and whether it is the account's home region (named, or the only region). */
    const accountStacks = app.stacks.accounts.map((stack) => {
      const [env] = app.envsOfAccountStack(stack.node.id);
      const regions = new Set(app.envs.filter((e) => e.account.id === env.account.id).map((e) => e.region));
      const home = env.account.cloudTrail.homeRegion ?? (regions.size === 1 ? env.region : undefined);
      return { name: stack.node.id, account: env.account, home: home === env.region, json: app.json(stack.node.id) };
    });

    it("build one dedicated trail per account, in its home region's account stack, and no trail in an environment stack", () => {
      for (const { name, account, home, json } of accountStacks) {
        const trails = home && account.cloudTrail.mode === "dedicated" ? 1 : 0;
        expect({ stack: name, trails: values(json, "aws_cloudtrail").length }).toEqual({ stack: name, trails });
      }
      for (const env of app.envs) expect({ stack: env.name, trails: values(app.json(env.name), "aws_cloudtrail").length }).toEqual({ stack: env.name, trails: 0 });
    });

    it("alarm on API Gateway changes (imports too), except the account's deploy roles (deployerPrincipals)", () => {
      for (const { account, json } of accountStacks.filter((s) => s.home)) {
        const [filter] = values(json, "aws_cloudwatch_log_metric_filter");
        const logGroup = account.cloudTrail.mode === "dedicated" ? "${aws_cloudwatch_log_group.trail.name}" : account.cloudTrail.logGroupName;
        expect(filter.log_group_name).toBe(logGroup);
        for (const principal of account.deployerPrincipals) expect(filter.pattern).toContain(excludes(principal));
        expect(filter.pattern).toContain('$.eventName = "Import*"');
      }
    });

    it("have no Config rules unless the account turns them on", () => {
      for (const { name, account, json } of accountStacks.filter((s) => !s.account.configRules)) {
        expect({ stack: name, configRules: account.configRules, rules: values(json, "aws_config_config_rule") }).toEqual({ stack: name, configRules: false, rules: [] });
      }
    });
  });
}

/** The pattern term that leaves one deploy role out: by the session issuer's ARN, or by its role name. */
function excludes(principal: Environment["account"]["deployerPrincipals"][number]): string {
  const issuer = "$.userIdentity.sessionContext.sessionIssuer";
  return principal.startsWith("arn:") ? `${issuer}.arn != "${principal}"` : `${issuer}.userName != "${principal}"`;
}
