/** The whole app's wiring: which stacks exist, how they depend on each other, what differs per env. */
import { App, Testing } from "cdktf";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { buildStacks, type Stacks } from "../../stacks/app";

function build(): { app: App; stacks: Stacks } {
  const app = Testing.app();
  return { app, stacks: buildStacks(app, loadEnvironments(Object.values(ENVIRONMENTS))) };
}

function parsed(stack: Parameters<typeof Testing.synth>[0]): any {
  return JSON.parse(Testing.synth(stack));
}

describe("stacks", () => {
  const { stacks } = build();
  const names = (list: readonly { node: { id: string } }[]) => list.map((s) => s.node.id);

  it("one account stack per distinct account and region, one stack per environment", () => {
    expect(names(stacks.accounts)).toEqual(["account-nonprod-eu-west-1", "account-prod-eu-west-1"]);
    expect(names(stacks.environments)).toEqual(["dev", "staging", "prod"]);
  });

  it("each environment stack depends on its own account stack only", () => {
    const deps = Object.fromEntries(stacks.environments.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id)]));
    expect(deps).toEqual({ dev: ["account-nonprod-eu-west-1"], staging: ["account-nonprod-eu-west-1"], prod: ["account-prod-eu-west-1"] });
  });

  it("exactly one owner of aws_api_gateway_account per account and region", () => {
    const owners = [...stacks.accounts, ...stacks.environments].filter((s) => parsed(s).resource?.aws_api_gateway_account);
    expect(names(owners)).toEqual(names(stacks.accounts));
    for (const s of stacks.accounts) expect(Object.keys(parsed(s).resource.aws_api_gateway_account)).toHaveLength(1);
  });

  it("every provider is pinned to its account and region and tags everything", () => {
    const [dev, , prod] = stacks.environments.map(parsed);
    expect(dev.provider.aws[0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: ["111111111111"] });
    expect(prod.provider.aws[0]).toMatchObject({ allowed_account_ids: ["222222222222"] });
    expect(prod.provider.aws[0].default_tags[0].tags).toMatchObject({ environment: "prod", service: "orders-api", owner: "platform-team", "managed-by": "cdktf" });
  });

  it("keeps local state in the project root, by a path relative to the stack's folder", () => {
    expect(parsed(stacks.environments[0]).terraform.backend).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
  });

  it("differs per environment where the config does", () => {
    const [dev, staging, prod] = stacks.environments.map(parsed);
    const stageNames = (s: any) => Object.values(s.resource.aws_api_gateway_stage).map((x: any) => x.stage_name).sort();
    expect(stageNames(dev)).toEqual(["dev"]);
    expect(stageNames(staging)).toEqual(["v1", "v1-qa"]);
    expect(stageNames(prod)).toEqual(["v1", "v2"]);
    const retention = (s: any) => new Set(Object.values(s.resource.aws_cloudwatch_log_group).map((g: any) => g.retention_in_days));
    expect(retention(dev)).toEqual(new Set([14]));
    expect(retention(prod)).toEqual(new Set([365]));
    const protectedGroups = (s: any) => Object.values(s.resource.aws_cloudwatch_log_group).filter((g: any) => g.lifecycle?.prevent_destroy);
    expect(protectedGroups(dev)).toHaveLength(0);
    expect(protectedGroups(prod)).toHaveLength(4);
  });

  it("names resources by their construct path, without hash suffixes", () => {
    const dev = parsed(stacks.environments[0]);
    expect(Object.keys(dev.resource.aws_api_gateway_stage)).toEqual(["stage-dev_stage"]);
    expect(Object.keys(dev.resource.aws_kms_key).sort()).toEqual(["archive_key_key", "key_key"]);
  });

  it("encrypts every log group and the alarm topic of an environment with its own key", () => {
    const prod = parsed(stacks.environments[2]);
    for (const group of Object.values(prod.resource.aws_cloudwatch_log_group) as any[]) {
      expect(group.kms_key_id).toBe("${aws_kms_key.key_key.arn}");
    }
    expect(Object.values(prod.resource.aws_sns_topic)).toEqual([expect.objectContaining({ name: "orders-api-prod-alarms", kms_master_key_id: "${aws_kms_key.key_key.arn}" })]);
  });
});
