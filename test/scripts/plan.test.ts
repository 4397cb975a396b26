/**
 * `npm run plan`: which mode it picks and says, which stacks it plans, how it counts changes, and (end to
 * end, offline) that its summary agrees with Terraform's own "Plan:" line in the text it writes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS } from "../../environments";
import { selectStacks } from "../../scripts/lib/manifest";
import { chooseMode, countChanges, credentialSource, planHeader, summaryMarkdown, type PlanOutcome } from "../../scripts/lib/plan";
import { expectedStackNames } from "../support/registry";
import { NO_CREDENTIALS, npmRunPlanOffline, shippedSynth } from "../support/shared-stacks";

const NO_HOME = path.join(os.tmpdir(), "no-such-home-for-plan-test");

describe("plan mode", () => {
  it.each([
    [{ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s" }, "AWS_ACCESS_KEY_ID"],
    [{ AWS_PROFILE: "team-dev" }, "AWS_PROFILE=team-dev"],
    [{ AWS_WEB_IDENTITY_TOKEN_FILE: "/t", AWS_ROLE_ARN: "arn:aws:iam::1:role/r" }, "AWS_WEB_IDENTITY_TOKEN_FILE (OIDC)"],
    [{ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/creds" }, "container credentials"],
  ])("GIVEN %j THEN it plans online and says where the credentials come from", (env, source) => {
    expect(credentialSource(env, NO_HOME)).toBe(source);
    expect(chooseMode({}, env, NO_HOME)).toMatchObject({ mode: "online", reason: expect.stringContaining(source) });
  });

  it("GIVEN a key id without its secret THEN that is not credentials", () => {
    expect(credentialSource({ AWS_ACCESS_KEY_ID: "AKIA" }, NO_HOME)).toBeUndefined();
  });

  it("GIVEN a shared credentials file THEN it plans online", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "plan-home-"));
    fs.mkdirSync(path.join(home, ".aws"));
    fs.writeFileSync(path.join(home, ".aws", "credentials"), "[default]\n");
    expect(chooseMode({}, {}, home).mode).toBe("online");
    fs.rmSync(home, { recursive: true });
  });

  it("GIVEN no credentials THEN it falls back to offline and says what an offline plan does not show", () => {
    const choice = chooseMode({}, {}, NO_HOME);
    expect(choice.mode).toBe("offline");
    expect(choice.reason).toMatch(/^OFFLINE: no AWS credentials found .* not the difference to what is deployed/);
  });

  it("flags win over detection, and exclude each other", () => {
    expect(chooseMode({ offline: true }, { AWS_PROFILE: "p" }, NO_HOME).mode).toBe("offline");
    expect(chooseMode({ online: true }, {}, NO_HOME).mode).toBe("online");
    expect(() => chooseMode({ offline: true, online: true }, {}, NO_HOME)).toThrow("--offline and --online exclude each other");
  });
});

describe("stack selection", () => {
  const available = ["account-prod-eu-west-1", "dev", "prod"];
  it("all stacks when none is named, the named ones otherwise", () => {
    expect(selectStacks(available, [])).toEqual(available);
    expect(selectStacks(available, ["prod", "dev", "prod"])).toEqual(["prod", "dev"]);
  });
  it("an unknown stack is an error naming the allowed ones", () => {
    expect(() => selectStacks(available, ["no-such-stack"])).toThrow('Unknown stack "no-such-stack". Allowed: account-prod-eu-west-1, dev, prod');
  });
});

describe("change counts", () => {
  const change = (...actions: string[]) => ({ change: { actions } });
  it("counts like Terraform's Plan line: a replacement is an add and a destroy, reads and no-ops nothing", () => {
    const plan = { resource_changes: [change("create"), change("create"), change("update"), change("delete"), change("delete", "create"), change("create", "delete"), change("no-op"), change("read")] };
    expect(countChanges(plan)).toEqual({ add: 4, change: 1, destroy: 3 });
    expect(countChanges({})).toEqual({ add: 0, change: 0, destroy: 0 });
  });
});

describe("summary", () => {
  const outcome = (stack: string, ok: boolean, destroy = 0): PlanOutcome => ({ stack, mode: "offline", ok, summary: ok ? { add: 2, change: 1, destroy } : undefined, text: "" });
  it("one row per stack, failures and destroys called out", () => {
    const md = summaryMarkdown([outcome("dev", true), outcome("staging", true, 3), outcome("prod", false)], "OFFLINE: test");
    const rows = md.split("\n").filter((l) => l.startsWith("| "));
    expect(rows[0]).toBe("| Stack | Mode | Add | Change | Destroy | Status |");
    expect(rows.slice(2)).toEqual(["| dev | offline | 2 | 1 | 0 | ok |", "| staging | offline | 2 | 1 | 3 | destroys resources |", "| prod | offline | - | - | - | FAILED |"]);
    expect(md).toContain("Plan mode: OFFLINE: test");
  });
  it("an offline plan's text file says it is offline", () => {
    expect(planHeader({ stack: "dev", mode: "offline" })).toContain("OFFLINE plan");
    expect(planHeader({ stack: "dev", mode: "online" })).not.toContain("OFFLINE");
  });
});

// `npm run plan -- dev --no-synth --offline` of `npm run synth`'s output runs once per test run
// (test/support/shared-stacks.ts): the cdktf CLI test (test/cli/, `npm run test:cli`) compares `cdktf diff` with the same plan.
describe("npm run plan, end to end (offline)", () => {
  let outdir = "";
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["dist/scripts/plan.js", ...args], { env: { ...process.env, CDKTF_OUTDIR: outdir, ...NO_CREDENTIALS }, encoding: "utf8" });
  beforeAll(async () => {
    outdir = await shippedSynth();
  });

  it("plans one stack, prints its summary and writes a plan whose Plan line agrees", async () => {
    const result = await npmRunPlanOffline("dev");
    const plansDir = result.plansDir;
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const row = result.stdout.split("\n").find((l) => l.startsWith("| dev |"))!;
    const [add, change, destroy] = row.split("|").slice(3, 6).map((c) => Number(c.trim()));
    const text = fs.readFileSync(path.join(plansDir, "dev.txt"), "utf8");
    expect(text).toContain(`Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`);
    expect(add).toBeGreaterThan(10);
    expect(fs.readFileSync(path.join(plansDir, "summary.md"), "utf8")).toContain(row);
    expect(fs.readdirSync(plansDir).sort()).toEqual(["dev.changes.json", "dev.txt", "summary.md"]);
    // The pull request's comment lists these: as many creates as the Plan line's adds (an offline plan only creates).
    const record = JSON.parse(fs.readFileSync(path.join(plansDir, "dev.changes.json"), "utf8"));
    expect(record).toMatchObject({ stack: "dev", mode: "offline", ok: true });
    expect(record.changes.filter((c: { actions: string[] }) => c.actions.join() === "create")).toHaveLength(add);
  }, 300_000);

  it("an unknown stack or option fails with what is allowed", () => {
    const unknownStack = run("no-such-stack", "--no-synth");
    expect(unknownStack.status).toBe(1);
    expect(unknownStack.stderr).toContain(`Unknown stack "no-such-stack". Allowed: ${expectedStackNames(ENVIRONMENTS).join(", ")}`);
    expect(run("--destroy").stderr).toContain("Unknown option --destroy. Allowed: --offline, --online, --no-synth");
  });
});
