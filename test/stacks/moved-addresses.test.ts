/**
 * The moved blocks that carry existing deployments over to the snake_case names (stacks/moved-addresses.ts).
 * The fixture holds every resource address of the shipped stacks as synthesized before the rename; Terraform
 * moves state only where a `moved` block says so, and would otherwise destroy and recreate ("Refactoring",
 * Terraform documentation: "Terraform ... plans to destroy the old object and create a new one" without it).
 * The same blocks were checked with `terraform test` (mock provider: apply the old HCL, plan the new one on its
 * state): every resource "has moved to" its new address, and the plan has nothing to add, change or destroy.
 */
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { ENVIRONMENTS } from "../../environments";
import { existedAtRename, legacyLogicalId, legacyPath, MOVED_COMMENT, movedAddresses, RENAMED_PATHS } from "../../stacks/moved-addresses";
import { ReadableStack } from "../../stacks/readable-stack";
import { synthesizeRegistry } from "../support/registry";
import before from "./fixtures/resource-addresses-before-snake-case.json";

/** The HCL cdktf renders for a stack (one item per line), as `npm run synth` gets it before formatting. */
const hclOf = (stack: ReadableStack): string => stack.toHclTerraform().hcl;
const movesIn = (hcl: string) => [...hcl.matchAll(/^moved \{\nfrom = (\S+)\nto = (\S+)\n\}$/gm)].map(([, from, to]) => ({ from, to }));
const resourcesIn = (hcl: string) => [...hcl.matchAll(/^resource "([^"]+)" "([^"]+)" \{$/gm)].map(([, type, name]) => `${type}.${name}`);
const dataIn = (hcl: string) => [...hcl.matchAll(/^data "([^"]+)" "([^"]+)" \{$/gm)].map(([, type, name]) => `${type}.${name}`);
const typeOf = (address: string) => address.split(".")[0];

describe("GIVEN the shipped stacks, whose resources had construct-path names before", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);
  const stacks = app.all as ReadableStack[];
  const hcl = new Map(stacks.map((s) => [s.node.id, hclOf(s)]));

  it("THEN the fixture covers exactly the shipped stacks", () => {
    expect(Object.keys(before).sort()).toEqual(stacks.map((s) => s.node.id).sort());
  });

  it("THEN every old address moves to exactly one resource of the same type, and no two moves share a target", () => {
    for (const stack of stacks) {
      const text = hcl.get(stack.node.id)!;
      const moves = movesIn(text);
      const now = new Set(resourcesIn(text));
      const froms = new Set(moves.map((m) => m.from));
      const old = (before as Record<string, string[]>)[stack.node.id];
      expect([stack.node.id, old.filter((address) => !froms.has(address))]).toEqual([stack.node.id, []]);
      expect(new Set(moves.map((m) => m.to)).size).toBe(moves.length);
      for (const { from, to } of moves) expect([stack.node.id, from, typeOf(to), now.has(to)]).toEqual([stack.node.id, from, typeOf(from), true]);
    }
  });

  // A resource of a kind the stacks did not have then (a web ACL, a usage plan, ...) cannot have an old address.
  // (One of a kind they had, at a path they had, such as a new method override, moves from an address that held
  // no state: Terraform ignores such a move; "moved block reference": it checks the state for an object at `from`
  // and renames only an existing one.)
  it("THEN a resource of a kind added after the rename gets no moved block", () => {
    const typesThen = new Set(Object.values(before as Record<string, string[]>).flat().map(typeOf));
    const added = stacks.flatMap((stack) => {
      const text = hcl.get(stack.node.id)!;
      const targets = new Set(movesIn(text).map((m) => m.to));
      return resourcesIn(text)
        .filter((r) => !typesThen.has(typeOf(r)))
        .map((r) => ({ stack: stack.node.id, resource: r, moved: targets.has(r) }));
    });
    expect(added.filter((a) => a.stack === "prod").length).toBeGreaterThan(0);
    expect(added.filter((a) => a.moved)).toEqual([]);
  });

  it("THEN no move starts at an address that still exists, and no data source moves (it holds no state)", () => {
    for (const stack of stacks) {
      const text = hcl.get(stack.node.id)!;
      const now = new Set([...resourcesIn(text), ...dataIn(text)]);
      for (const { from } of movesIn(text)) expect([stack.node.id, from, now.has(from)]).toEqual([stack.node.id, from, false]);
      // (no data source type here is also a resource type, so a move of one would show)
      const dataTypes = new Set(dataIn(text).map(typeOf));
      expect(movesIn(text).filter((m) => dataTypes.has(typeOf(m.from)))).toEqual([]);
    }
  });

  it("THEN the moved blocks come last, after one comment that says when to remove them", () => {
    const text = hcl.get("dev")!;
    const comment = MOVED_COMMENT.map((line) => `# ${line}`).join("\n");
    expect(text).toContain(`\n\n${comment}\nmoved {\n`);
    expect(text.slice(text.indexOf(comment))).not.toMatch(/^(resource|data|output) /m);
    expect(MOVED_COMMENT.join(" ")).toContain("once every deployment of this stack has applied them");
  });
});

describe("GIVEN the old naming rule", () => {
  it("THEN it joins the construct path with `_` and keeps its hyphens, as the stacks did before", () => {
    expect(legacyLogicalId(["stage-v1", "access-logs", "log-group"])).toBe("stage-v1_access-logs_log-group");
    expect(legacyLogicalId(["archive", "Default", "key"])).toBe("archive_key");
    expect(legacyLogicalId(["2024"])).toBe("_2024");
  });

  it.each([
    ["observability/key", "key/key"],
    ["alarms/email-0", "alarm-topic/email-0"],
    ["api/dashboard/2", "dashboard/dashboard-2"],
    ["stage-v1-qa/alarms/5xx-rate", "stage-v1-qa-alarms/5xx-rate"],
    ["stage-v1/GET_orders_orderId", "stage-v1/method-GET_orders_orderId"],
    ["stage-v1/archive/alarms/delivery-late", "archive-v1-alarms/delivery-late"],
    ["stage-v1/archive/delivery", "archive-v1/error-log-stream"],
    ["stage-v1/archive/error-logs/log-group", "archive-v1/error-logs/log-group"],
    ["archive/Default/alias", "archive/key/alias"],
    ["archive/delivery/role", "archive/delivery-role"],
    ["trail/cloudtrail", "trail/trail"],
    ["stage-v1/access-logs/log-group", "stage-v1/access-logs/log-group"],
  ])("THEN the construct path %p was %p", (now, then) => {
    expect(legacyPath(now)).toBe(then);
  });

  it("THEN each renamed path has one pattern: no path matches two", () => {
    const samples = ["observability/key", "alarms/topic", "api/dashboard/dashboard", "queries/top-callers", "stage-x/alarms/a", "stage-x/archive/stream", "security/topic"];
    for (const path of samples) expect([path, RENAMED_PATHS.filter(([p]) => p.test(path)).length]).toEqual([path, 1]);
  });
});

describe("GIVEN a stack whose names did not change", () => {
  it("THEN it has no moved block and no comment about them", () => {
    const stack = new ReadableStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new SnsTopic(stack, "alerts", { name: "a" });
    const text = hclOf(stack);
    expect(movesIn(text)).toEqual([]);
    expect(text).not.toContain(MOVED_COMMENT[0]);
    expect(movedAddresses([{ type: "aws_sns_topic", ids: ["alerts"], name: "alerts" }])).toEqual([]);
  });
});

describe("GIVEN resources by construct path", () => {
  it.each(["observability/key", "stage-v1-qa/alarms/low-traffic", "stage-x/POST_orders", "api/dashboard/3", "security/https-2", "trail/bucket/versioning"])(
    "THEN %s existed when names changed, and moves",
    (path) => {
      expect(existedAtRename(path)).toBe(true);
      expect(movedAddresses([{ type: "aws_x", ids: path.split("/"), name: "renamed" }])).toHaveLength(1);
    },
  );

  it.each(["waf/web-acl", "stage-v1/alarms/cache-hit-ratio", "stage-v1/canary-access-logs/log-group", "usage-plans/partners", "queries/waf-top-blocked"])(
    "THEN %s was added later, and gets no moved block",
    (path) => {
      expect(existedAtRename(path)).toBe(false);
      expect(movedAddresses([{ type: "aws_x", ids: path.split("/"), name: "renamed" }])).toEqual([]);
    },
  );
});
