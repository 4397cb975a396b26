/**
 * The pull request's plan comment: each stack's changed resources (address and action) in a collapsed block,
 * read from the plan jobs' records, which keep addresses and actions only. Terraform's plan actions:
 * https://developer.hashicorp.com/terraform/internals/json-format ("resource_changes", "change.actions").
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { codeSpan, COMMENT_MARKER, MAX_COMMENT_CHARS, planComment, stackDetails } from "../../scripts/lib/plan-comment";
import { actionLabel, changesFile, emptyStateChanges, resourceChanges, type ResourceChange, type StackPlanRecord } from "../../scripts/lib/plan-changes";
import { writePlans } from "../../scripts/lib/plan";

const rc = (address: string, actions: string[], extra: object = {}) => ({ address, change: { actions, after: { secret: "https://hooks.example/TOKEN" } }, ...extra });
const record = (stack: string, changes: ResourceChange[], mode: "online" | "offline" = "online"): StackPlanRecord => ({ stack, mode, ok: true, changes });
/** A stack's collapsed block, from `<details>` to `</details>`. */
const detailsOf = (body: string, stack: string) => body.match(new RegExp(`<details><summary><strong>${stack}</strong>[\\s\\S]*?</details>`))?.[0] ?? "";

describe("the changed resources of a plan (terraform show -json)", () => {
  it("GIVEN every kind of action THEN no-ops are left out, moves and imports kept, in address order, with no planned value", () => {
    const plan = {
      resource_changes: [
        rc("b.create", ["create"]),
        rc("a.unchanged", ["no-op"]),
        rc("c.moved", ["no-op"], { previous_address: "c.old" }),
        rc("d.imported", ["no-op"], { change: { actions: ["no-op"], importing: { id: "x" } } }),
        rc("a.replaced", ["delete", "create"]),
      ],
    };
    const changes = resourceChanges(plan);
    expect(changes).toEqual([
      { address: "a.replaced", actions: ["delete", "create"] },
      { address: "b.create", actions: ["create"] },
      { address: "c.moved", actions: ["no-op"], previousAddress: "c.old" },
      { address: "d.imported", actions: ["no-op"], importing: true },
    ]);
    expect(JSON.stringify(changes)).not.toContain("TOKEN"); // show -json has sensitive values in plain text
    expect(resourceChanges({})).toEqual([]);
  });

  it.each([
    [["create"], "create"],
    [["update"], "update"],
    [["delete"], "destroy"],
    [["delete", "create"], "replace (destroy, then create)"],
    [["create", "delete"], "replace (create, then destroy)"],
    [["read"], "read"],
    [["forget"], "forget (removed from state, not destroyed)"],
  ])("GIVEN actions %j THEN the comment says %s", (actions, label) => {
    expect(actionLabel({ address: "x.y", actions })).toBe(label);
  });

  it("a move and an import say so, with or without a change", () => {
    expect(actionLabel({ address: "x.y", actions: ["no-op"], previousAddress: "x.z" })).toBe("move");
    expect(actionLabel({ address: "x.y", actions: ["update"], previousAddress: "x.z" })).toBe("move, update");
    expect(actionLabel({ address: "x.y", actions: ["no-op"], importing: true })).toBe("import");
  });

  it("GIVEN an offline plan's own messages (creates and reads, from empty state) THEN its changes are those, in address order", () => {
    const planned = [
      { address: "b.topic", type: "aws_sns_topic", action: "create" },
      { address: "data.a.policy", type: "aws_iam_policy_document", action: "read" },
      { address: "a.queue", type: "aws_sqs_queue", action: "create" },
    ];
    expect(emptyStateChanges("dev", planned)).toEqual([
      { address: "a.queue", actions: ["create"] },
      { address: "b.topic", actions: ["create"] },
      { address: "data.a.policy", actions: ["read"] },
    ]);
    expect(emptyStateChanges("dev", [])).toEqual([]);
  });

  it("GIVEN an action a plan from empty state cannot have (a replace, whose order the messages do not give) THEN it says which, of which stack", () => {
    const planned = [
      { address: "a.ok", action: "create" },
      { address: "b.replaced", action: "replace" },
      { address: "c.updated", action: "update" },
    ];
    expect(() => emptyStateChanges("dev", planned)).toThrow(
      "The offline plan of stack dev has replace of b.replaced, update of c.updated. Allowed: create and read, the only actions of a plan from empty state",
    );
  });

  it("npm run plan writes one record per stack beside the plan text: the changes of a plan, none of a failed one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-records-"));
    try {
      const changes = [{ address: "aws_sns_topic.alarms", actions: ["create"] }];
      writePlans(dir, [{ stack: "dev", mode: "offline", ok: true, changes, text: "" }, { stack: "prod", mode: "online", ok: false, text: "boom" }], "");
      expect(JSON.parse(fs.readFileSync(changesFile(dir, "dev"), "utf8"))).toEqual({ stack: "dev", mode: "offline", ok: true, changes });
      expect(JSON.parse(fs.readFileSync(changesFile(dir, "prod"), "utf8"))).toEqual({ stack: "prod", mode: "online", ok: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the plan comment", () => {
  const dev = record("dev", [
    { address: "aws_sns_topic.alarms", actions: ["create"] },
    { address: "aws_s3_bucket.archive", actions: ["delete", "create"] },
    { address: "aws_cloudwatch_dashboard.main", actions: ["update"] },
  ]);
  const input = { sha: "0123456789abcdef", stacks: ["account-nonprod-eu-west-1", "dev", "prod", "staging"], report: "### What differs\n\n| a | b |\n" };
  const records = new Map<string, StackPlanRecord>([
    ["dev", dev],
    ["account-nonprod-eu-west-1", record("account-nonprod-eu-west-1", [], "offline")],
    ["prod", { stack: "prod", mode: "online", ok: false }],
  ]);
  const body = planComment({ ...input, records });

  it("starts with the marker a re-run finds it by, and names the commit", () => {
    expect(body.split("\n")[0]).toBe(COMMENT_MARKER);
    expect(body).toContain("## Terraform plans (0123456)");
  });

  it("counts per stack, and says which stacks failed, were not planned, or change nothing", () => {
    const overview = body.split("\n\n")[2].split("\n"); // after the marker and the title
    expect(overview).toEqual([
      "| Stack | Mode | Add | Change | Destroy | Status |",
      "| --- | --- | --- | --- | --- | --- |",
      "| account-nonprod-eu-west-1 | offline | 0 | 0 | 0 | no changes |",
      "| dev | online | 2 | 1 | 1 | destroys resources |",
      "| prod | online | - | - | - | FAILED (see the job's log) |",
      "| staging | - | - | - | - | not planned (the plan job failed before planning: see its log) |",
    ]);
    expect(body).toContain("Offline plans (no AWS role for the stack's account");
  });

  it("lists each changed resource, address and action, in a collapsed block per stack, destructive changes first", () => {
    const details = detailsOf(body, "dev");
    expect(details).toContain("<summary><strong>dev</strong> (online): 2 to add, 1 to change, 1 to destroy</summary>");
    expect(details.split("\n").filter((l) => l.startsWith("| ") && l.includes("`"))).toEqual([
      "| replace (destroy, then create) | `aws_s3_bucket.archive` |",
      "| update | `aws_cloudwatch_dashboard.main` |",
      "| create | `aws_sns_topic.alarms` |",
    ]);
    expect(details.split("\n").slice(1, 4)).toEqual(["", "| Action | Resource |", "| --- | --- |"]); // a blank line, or GitHub shows no table
    expect(body.match(/<details>/g)).toHaveLength(1); // no block for a stack with no change or no plan
  });

  it("ends with the environment report", () => {
    expect(body.trimEnd().endsWith("| a | b |")).toBe(true);
  });

  it("keeps a table cell whole whatever the address holds (pipes, backticks), and shows where a move came from", () => {
    expect(codeSpan('x.y["a|b"]')).toBe('`x.y["a\\|b"]`');
    expect(codeSpan("x.y[\"`\"]")).toBe('``x.y["`"]``');
    const moved = stackDetails(record("dev", [{ address: "a.new", actions: ["no-op"], previousAddress: "a.old" }]));
    expect(moved).toContain("| move | `a.new` (from `a.old`) |");
  });

  it("GIVEN more resources than GitHub's 65,536-character limit allows (danger/danger#424) THEN it lists fewer and keeps every count and the report", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ address: `aws_cloudwatch_metric_alarm.stage_v${i}_latency_p90_alarm`, actions: ["create"] }));
    const big = planComment({ ...input, records: new Map([["dev", record("dev", many)], ["staging", record("staging", many)]]) });
    expect(big.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(big).toContain("| dev | online | 3000 | 0 | 0 | ok |");
    expect(big).toContain("| staging | online | 3000 | 0 | 0 | ok |");
    expect(detailsOf(big, "dev")).toMatch(/\| \.\.\. \| \d+ more: see the `plan-dev` artifact \|/);
    expect(big.trimEnd().endsWith("| a | b |")).toBe(true);
  });
});

describe("node dist/scripts/plan-comment.js <artifacts>", () => {
  const script = path.resolve("dist/scripts/plan-comment.js");

  it("GIVEN the downloaded artifacts THEN it prints the comment for every stack the synth job listed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-comment-"));
    try {
      fs.mkdirSync(path.join(dir, "plan-dev"));
      fs.writeFileSync(changesFile(path.join(dir, "plan-dev"), "dev"), JSON.stringify(record("dev", [{ address: "aws_sns_topic.alarms", actions: ["create"] }])));
      fs.mkdirSync(path.join(dir, "report"));
      fs.writeFileSync(path.join(dir, "report", "report.md"), "### What differs between environments (dev, prod)\n");
      const run = spawnSync(process.execPath, [script, dir], { env: { ...process.env, STACKS: '["dev","prod"]', COMMIT_SHA: "abcdef0123" }, encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout.split("\n")[0]).toBe(COMMENT_MARKER);
      expect(run.stdout).toContain("| create | `aws_sns_topic.alarms` |");
      expect(run.stdout).toContain("| prod | - | - | - | - | not planned");
      expect(run.stdout).toContain("### What differs between environments (dev, prod)");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("GIVEN no stack list THEN it says how to call it", () => {
    const run = spawnSync(process.execPath, [script, "artifacts"], { env: { ...process.env, STACKS: "" }, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Usage: STACKS=");
  });
});
