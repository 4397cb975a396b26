/**
 * Every secret alarm URL the shipped config names by Terraform variable (`httpsEndpoints: [{ variable }]`)
 * reaches Terraform as `TF_VAR_<name>` where a real plan or apply runs: the deploy job and the pull-request
 * plan job. Otherwise the apply of prod stops at "No value for required variable".
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { Notifications } from "../../environments/types";

const root = path.join(__dirname, "..", "..");
const load = (file: string): any => parse(fs.readFileSync(path.join(root, file), "utf8"));
const stepNamed = (job: any, name: string): any => job.steps.find((s: any) => s.name === name);

const variables = (n: Notifications): string[] => n.httpsEndpoints.flatMap((e) => (typeof e === "object" && "variable" in e ? [e.variable] : []));
const named = [...new Set(loadEnvironments(Object.values(ENVIRONMENTS)).flatMap((env) => [...variables(env.notifications), ...variables(env.account.notifications)]))].sort();

describe("secret alarm URLs in the workflows", () => {
  it("the shipped config names some (prod and the production account page through them)", () => {
    expect(named).toEqual(["orders_pagerduty_url", "security_pagerduty_url"]);
  });

  it.each([
    ["the deploy job", () => stepNamed(load(".github/workflows/deploy-environment.yml").jobs.deploy, "Deploy")],
    ["the pull-request plan job", () => stepNamed(load(".github/workflows/pr.yml").jobs.plan, "Plan")],
  ])("%s sets TF_VAR_<name> from the secret <NAME> for each of them", (_, step) => {
    const env = step().env ?? {};
    for (const name of named) expect([name, env[`TF_VAR_${name}`]]).toEqual([name, `\${{ secrets.${name.toUpperCase()} }}`]);
  });
});
