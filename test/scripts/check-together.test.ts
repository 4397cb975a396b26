/**
 * `checkStacksTogether` and `checkGroupsTogether`: several stacks, of one synthesized app or of several,
 * checked as modules of one configuration report what `checkStacks` reports for each of them alone
 * (test/scripts/terraform-harness.test.ts asserts the same facts of stacks made of the same hand-written
 * parts, each its own root): formatting, diagnostics with the stack's own addresses and lines, the planned
 * resources and values, and a required secret variable with a mock value.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { checkGroupsTogether, checkStacksTogether, moduleBlock, ownDiagnostics, ownResourceChanges, summaryOf } from "../../scripts/lib/check-together";
import { aclDeprecationWarning, BROKEN, DEPRECATED, rangeOf, SAMPLE, UNFORMATTED, writeStack } from "../support/hand-written-stack";
import { terraformChecks } from "../support/shared-terraform-checks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "check-together-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// Planned in the run's shared plan, beside the shipped stacks (test/support/shared-terraform-checks.ts): a
// configuration of their own would cost Terraform's and the provider's start and schema again.
describe("checkGroupsTogether, planning the stacks of several apps", () => {
  let checks: Record<string, StackCheck> = {};
  let other: readonly StackCheck[] = [];
  let outdir = "";
  beforeAll(async () => {
    // GIVEN three stacks of one app: a clean one, one with a deprecation warning, one with a secret variable;
    // and another app with a stack of the same name as the first, its log group kept for another number of days
    // WHEN they are planned together (with other apps' stacks), with the values of two stacks of the first app and of the other's
    const { first, other: others } = (await terraformChecks()).handWritten;
    outdir = first.outdir;
    checks = Object.fromEntries(first.checks.map((c) => [c.stack, c]));
    other = others.checks;
  }, 600_000);

  it("THEN each app's stacks come back in its own list, under their own names, with their own plans", () => {
    expect(other.map((c) => c.stack)).toEqual(["sample"]);
    expect(other[0]).toMatchObject({ fmtOk: true, diagnostics: [], planOk: true, summary: { add: 1, change: 0, destroy: 0 } });
    expect(other[0].plan.resource_changes.map((c: any) => [c.address, c.change.after.retention_in_days])).toEqual([["aws_cloudwatch_log_group.sample", 14]]);
  });

  it("THEN each stack's plan is its own, with the addresses and values it has as a root", () => {
    expect(Object.keys(checks).sort()).toEqual(["deprecated", "sample", "secret"]);
    expect(checks.sample).toMatchObject({ fmtOk: true, fmtDiff: "", initOk: true, diagnostics: [], planOk: true, summary: { add: 1, change: 0, destroy: 0 } });
    const [group] = checks.sample.plan.resource_changes;
    expect(checks.sample.plan.resource_changes).toHaveLength(1);
    expect(group).toMatchObject({ address: "aws_cloudwatch_log_group.sample", change: { actions: ["create"] } });
    expect(group.module_address).toBeUndefined();
    // The stack's own provider block is used: its default tags, not another's.
    expect(group.change.after).toMatchObject({ name: "sample-logs", retention_in_days: 7, tags_all: { service: "sample" } });
    // Of a stack checked with others, the plan holds its own resource changes, not the wrapper's configuration.
    expect(Object.keys(checks.sample.plan).sort()).toEqual(["format_version", "resource_changes", "terraform_version"]);
    expect(checks.sample.resources).toEqual([{ address: "aws_cloudwatch_log_group.sample", type: "aws_cloudwatch_log_group", action: "create" }]);
  });

  it("THEN the planned values are read only of the stacks asked for", () => {
    expect(checks.deprecated.plan).toBeUndefined();
    expect(checks.deprecated.resources?.map((r) => r.address)).toEqual(["aws_cloudwatch_log_group.sample", "aws_s3_bucket.old"]);
  });

  it("THEN a warning is reported on its stack only, with the stack's address and line, and the module-only warnings are not", () => {
    expect(checks.deprecated.diagnostics).toEqual([aclDeprecationWarning(DEPRECATED)]);
    for (const stack of ["sample", "secret"]) expect(checks[stack].diagnostics).toEqual([]);
  });

  it("THEN a required secret variable gets the offline mock value, never a value from the developer's shell", () => {
    const pager = checks.secret.plan.resource_changes.find((c: any) => c.address === "aws_sns_topic_subscription.pager");
    expect(pager.change.after.endpoint).toBe("https://offline-mock.invalid/pagerduty_url");
    expect(checks.secret.summary).toEqual({ add: 3, change: 0, destroy: 0 });
  });

  it("THEN the synthesized stacks are left as they were: the module's override lives in the copy", () => {
    for (const stack of ["sample", "secret"]) expect(fs.readdirSync(path.join(outdir, "stacks", stack))).toEqual(["cdk.tf"]);
  });
});

describe("checkStacksTogether, validating", () => {
  it("GIVEN a broken stack beside a clean, an unformatted and a deprecated one WHEN validated together THEN the error is reported on the broken stack only, formatting on its own, the warning as the plan reported it, and all fail", async () => {
    const outdir = path.join(work, "validated", "cdktf.out");
    writeStack(outdir, "sample", SAMPLE);
    writeStack(outdir, "broken", BROKEN);
    writeStack(outdir, "unformatted", UNFORMATTED);
    writeStack(outdir, "deprecated", DEPRECATED);
    const results = await checkStacksTogether(outdir, { workRoot: path.join(work, "validated", "checks"), plan: false });
    const broken = results.find((c) => c.stack === "broken")!;
    const sample = results.find((c) => c.stack === "sample")!;
    const unformatted = results.find((c) => c.stack === "unformatted")!;
    // A check that plans runs no `terraform validate`: the plan validates first (scripts/lib/check-stack.ts,
    // check-together.ts). This holds it to that: `validate` finds in a stack with a warning exactly what the
    // run's shared plan reported of the same stack.
    const planned = (await terraformChecks()).handWritten.first.checks.find((c) => c.stack === "deprecated")!;
    expect(planned.diagnostics).toEqual([aclDeprecationWarning(DEPRECATED)]);
    expect(results.find((c) => c.stack === "deprecated")!.diagnostics).toEqual(planned.diagnostics);
    expect([sample.fmtOk, unformatted.fmtOk]).toEqual([true, false]);
    expect(unformatted.fmtDiff).toContain('-  name = "sample-logs"');
    expect(unformatted.diagnostics).toEqual([]);
    expect(broken.diagnostics).toEqual([expect.objectContaining({ severity: "error", summary: "Unsupported argument", range: rangeOf(BROKEN, "  no_such_argument = true") })]);
    expect(broken.failure).toContain("Unsupported argument");
    // One configuration: its validation fails for every stack in it, and only the broken stack has the error.
    expect(sample.diagnostics).toEqual([]);
    expect([broken.planOk, sample.planOk]).toEqual([false, false]);
  }, 600_000);

  it("GIVEN a stack with an import block THEN it is refused before terraform runs: only a root module may hold one", async () => {
    const outdir = path.join(work, "import", "cdktf.out");
    writeStack(outdir, "imports", `${SAMPLE}\nimport {\n  to = aws_cloudwatch_log_group.sample\n  id = "sample-logs"\n}\n`);
    await expect(checkStacksTogether(outdir, { workRoot: path.join(work, "import", "checks") })).rejects.toThrow(
      "checkStacksTogether: stack imports has an import or removed block, which only a root module may hold. Allowed: check it alone (checkStacks)",
    );
  });
});

describe("the groups of checkGroupsTogether", () => {
  it("GIVEN a group name that cannot prefix a module name, or one given twice THEN it is refused before terraform runs", async () => {
    const outdir = path.join(work, "refused", "cdktf.out");
    await expect(checkGroupsTogether([{ group: "Shipped_1", outdir }])).rejects.toThrow(
      'checkGroupsTogether: group "Shipped_1" is not allowed. Allowed: lower-case letters and digits, starting with a letter',
    );
    await expect(checkGroupsTogether([{ group: "a", outdir }, { group: "a", outdir }])).rejects.toThrow("checkGroupsTogether: group a is given twice. Allowed: each group once");
  });
});

describe("what a stack's check reads of the module's results", () => {
  it("passes each required variable as a module argument", () => {
    expect(moduleBlock("prod", { orders_url: "https://offline-mock.invalid/orders_url" })).toBe(
      'module "prod" {\n  source = "./stacks/prod"\n  orders_url = "https://offline-mock.invalid/orders_url"\n}\n',
    );
  });

  it("keeps a stack's own diagnostics, drops the module-only warnings and another stack's, and gives every stack the ones that name none", () => {
    const all = [
      { severity: "warning" as const, summary: "Backend configuration ignored", range: "stacks/dev/cdk.tf:11" },
      { severity: "warning" as const, summary: "Redundant empty provider block", range: "stacks/dev/cdk.tf:20" },
      { severity: "warning" as const, summary: "Argument is deprecated", address: "module.dev.aws_s3_bucket.old", range: "stacks/dev/cdk.tf:40" },
      { severity: "error" as const, summary: "Unsupported argument", address: "module.prod.aws_s3_bucket.x", range: "stacks/prod/cdk.tf:9" },
      { severity: "error" as const, summary: "Plugin did not respond" },
    ];
    expect(ownDiagnostics(all, "dev")).toEqual([
      { severity: "warning", summary: "Argument is deprecated", address: "aws_s3_bucket.old", range: "cdk.tf:40" },
      { severity: "error", summary: "Plugin did not respond" },
    ]);
    // A module-only warning in a file that is not the stack's own would still be reported.
    expect(ownDiagnostics([{ severity: "warning", summary: "Backend configuration ignored", range: "main.tf:1" }], "dev")).toHaveLength(1);
  });

  it("takes a stack's resource changes by module address, without the prefix", () => {
    const changes = [
      { address: "module.dev.aws_sns_topic.alarms", module_address: "module.dev", type: "aws_sns_topic" },
      { address: "module.dev-2.aws_sns_topic.alarms", module_address: "module.dev-2", type: "aws_sns_topic" },
    ];
    expect(ownResourceChanges(changes, "dev")).toEqual([{ address: "aws_sns_topic.alarms", type: "aws_sns_topic" }]);
  });

  it("counts a replacement as one add and one destroy, as Terraform's change summary does", () => {
    const r = (action: string) => ({ address: `x.${action}`, type: "x", action });
    expect(summaryOf([r("create"), r("update"), r("delete"), r("replace"), r("read"), r("no-op")])).toEqual({ add: 2, change: 1, destroy: 2 });
  });
});
