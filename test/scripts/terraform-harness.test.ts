/**
 * The Terraform harness on hand-written stacks: it plans a stack that pins its account, keeps its state in S3 and
 * needs a secret variable offline, reports formatting, errors and warnings, reads the planned values it is asked
 * for, links the provider instead of copying it, and never touches the synthesized files. Run with
 * `TF_PLUGIN_MIRROR` on a machine without internet access.
 *
 * Each terraform command that loads the AWS provider costs 2 to 3 CPU-s, so one run of `checkStacks` on two stacks
 * shows what it can (two stacks, so that the shared plugin cache shows), and each stack shows several facts:
 * - `sample` (COMBINED) plans, with its values: an S3 backend, an account pin, default tags, a deprecation
 *   warning, a required secret variable set in the caller's shell (which must never reach the plan) and a
 *   variable with a default: init, plan, show;
 * - `broken` (BROKEN) is badly formatted AND invalid: fmt fails and the validation still runs and reports its
 *   error (formatting is reported on its own), and the plan stops there. Its values are not asked for: init, plan;
 * - the account pin's plan runs in a copy of the sample's checked copy (init included) with only the override's
 *   unpinning line left out, so it needs no init of its own: plan.
 * In all: 2 init, 3 plan, 1 show. That `terraform validate` finds what a plan reported, so that a check that
 * plans runs no validate, is held in test/scripts/check-together.test.ts, on a validate the harness runs anyway.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStacks, type StackCheck, valuesWanted } from "../../scripts/lib/check-stack";
import { mirrorFromEnv, writeCliConfig } from "../../scripts/lib/cli-config";
import { copyStackForOffline, dropLockChecksums, LOCK_FILE, OFFLINE_OVERRIDE_FILE, OFFLINE_OVERRIDE_HCL, OFFLINE_VARIABLES_FILE, offlineVariableValues } from "../../scripts/lib/offline";
import { byAddress } from "../../scripts/lib/plan-changes";
import { runTerraform } from "../../scripts/lib/run-terraform";
import { runOnStacks } from "../../scripts/lib/stack-runner";
import { findTerraform } from "../../scripts/lib/terraform-binary";
import { terraformEnv } from "../../scripts/lib/terraform-env";
import { aclDeprecationWarning, BROKEN, COMBINED, SAMPLE, writeStack } from "../support/hand-written-stack";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-harness-"));
const outdir = path.join(work, "cdktf.out");
const workRoot = path.join(work, "checks");
/** A stack's checked copy: where the check ran init and plan. */
const checkedCopy = (stack: string) => path.join(workRoot, "stacks", stack);
const checkEnv = () => terraformEnv(path.join(workRoot, "terraform.rc"));
const SECRET_IN_SHELL = "https://events.pagerduty.com/integration/real-secret/enqueue";
let checks: Record<string, StackCheck> = {};
const plannedChange = (address: string) => checks.sample.plan.resource_changes.find((c: any) => c.address === address);

beforeAll(async () => {
  writeStack(outdir, "sample", COMBINED);
  writeStack(outdir, "broken", BROKEN);
  // A developer's real secret in the shell must never reach an offline plan.
  const previous = process.env.TF_VAR_pagerduty_url;
  process.env.TF_VAR_pagerduty_url = SECRET_IN_SHELL;
  try {
    // Only the sample's planned values are asserted (reading them starts the provider once more).
    const results = await checkStacks(outdir, { workRoot, values: ["sample"] });
    checks = Object.fromEntries(results.map((c) => [c.stack, c]));
  } finally {
    if (previous === undefined) delete process.env.TF_VAR_pagerduty_url;
    else process.env.TF_VAR_pagerduty_url = previous;
  }
}, 180_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("checkStacks", () => {
  it("plans a stack with an S3 backend, an account pin and default tags offline", () => {
    expect(checks.sample).toMatchObject({ fmtOk: true, fmtDiff: "", initOk: true, planOk: true, summary: { add: 4, change: 0, destroy: 0 } });
    const group = plannedChange("aws_cloudwatch_log_group.sample");
    expect(group).toMatchObject({ change: { actions: ["create"] } });
    expect(group.change.after).toMatchObject({ name: "sample-logs", retention_in_days: 7, tags_all: { service: "sample" } });
  });

  it("GIVEN a required sensitive string variable set in the caller's shell WHEN the harness plans offline THEN the plan finishes with a mock value, not the caller's TF_VAR_", () => {
    expect(plannedChange("aws_sns_topic_subscription.pager").change.after).toMatchObject({ endpoint: "https://offline-mock.invalid/pagerduty_url", endpoint_auto_confirms: true });
    expect(JSON.stringify(checks.sample.plan)).not.toContain("real-secret");
  });

  it("GIVEN a variable with a default THEN the default is kept", () => {
    expect(offlineVariableValues(path.join(outdir, "stacks", "sample"))).toEqual({ pagerduty_url: "https://offline-mock.invalid/pagerduty_url" });
    expect(plannedChange("aws_sns_topic.alarms").change.after).toMatchObject({ name: "kept-default" });
  });

  it("reports warnings with their address and location, once although the plan's validation and planning both see them", () => {
    expect(checks.sample.diagnostics).toEqual([aclDeprecationWarning(COMBINED)]);
  });

  it("reports validation errors with their summary, and does not plan", () => {
    expect(checks.broken).toMatchObject({ initOk: true, planOk: false });
    expect(checks.broken.diagnostics).toEqual([expect.objectContaining({ severity: "error", summary: "Unsupported argument" })]);
    expect(checks.broken.resources).toBeUndefined();
  });

  it("fails the fmt check of a badly formatted file and shows the diff, and still validates it: formatting is reported on its own", () => {
    expect(checks.broken.fmtOk).toBe(false);
    expect(checks.broken.fmtDiff).toContain('-  name = "sample-logs"');
    expect(checks.broken.diagnostics.map((d) => d.summary)).toEqual(["Unsupported argument"]);
  });

  it("reads the planned values only of the stacks it is asked for, and the planned resources from the plan itself", () => {
    expect(checks.sample.plan).toBeDefined();
    expect(checks.broken.plan).toBeUndefined();
    // Terraform walks the resources concurrently: their order is not asserted.
    expect([...checks.sample.resources!].sort(byAddress)).toEqual([
      { address: "aws_cloudwatch_log_group.sample", type: "aws_cloudwatch_log_group", action: "create" },
      { address: "aws_s3_bucket.old", type: "aws_s3_bucket", action: "create" },
      { address: "aws_sns_topic.alarms", type: "aws_sns_topic", action: "create" },
      { address: "aws_sns_topic_subscription.pager", type: "aws_sns_topic_subscription", action: "create" },
    ]);
  });

  it("GIVEN values true, false, unset or a list of stacks THEN it wants the values of every stack, none, every stack, or those listed", () => {
    expect([true, false, undefined].map((values) => valuesWanted(values)("sample"))).toEqual([true, false, true]);
    expect(["sample", "broken"].map(valuesWanted(["sample"]))).toEqual([true, false]);
    expect(valuesWanted([])("sample")).toBe(false);
  });

  it("never modifies the synthesized stacks: the override and the mock values live in the copies only", () => {
    for (const [stack, hcl] of [["sample", COMBINED], ["broken", BROKEN]]) {
      expect(fs.readdirSync(path.join(outdir, "stacks", stack))).toEqual(["cdk.tf"]);
      expect(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf"), "utf8")).toBe(hcl);
    }
    expect(fs.readFileSync(path.join(checkedCopy("sample"), OFFLINE_OVERRIDE_FILE), "utf8")).toBe(OFFLINE_OVERRIDE_HCL);
    expect(fs.readFileSync(path.join(checkedCopy("sample"), OFFLINE_VARIABLES_FILE), "utf8")).toBe('pagerduty_url = "https://offline-mock.invalid/pagerduty_url"\n');
  });

  it("links every stack's provider to one cached copy instead of copying 675 MB per stack", () => {
    const providerDir = path.join(".terraform", "providers", "registry.terraform.io", "hashicorp", "aws", "5.100.0");
    for (const stack of ["sample", "broken"]) {
      const dir = path.join(checkedCopy(stack), providerDir);
      for (const platform of fs.readdirSync(dir)) {
        expect(fs.lstatSync(path.join(dir, platform)).isSymbolicLink()).toBe(true);
        expect(fs.readlinkSync(path.join(dir, platform))).toContain(path.join(workRoot, "plugin-cache"));
      }
    }
  });

  it("keeps the provider's version locked in each checked copy, without the checksums its later commands would hash the provider for", () => {
    for (const stack of ["sample", "broken"]) {
      const lock = fs.readFileSync(path.join(checkedCopy(stack), LOCK_FILE), "utf8");
      expect(lock).toMatch(/^provider "registry\.terraform\.io\/hashicorp\/aws" \{\n {2}version {5}= "5\.100\.0"\n/m);
      expect(lock).not.toContain("hashes");
    }
  });

  it("refuses a parallelism below 1", async () => {
    await expect(checkStacks(outdir, { parallelism: 0 })).rejects.toThrow("parallelism (TF_PARALLELISM) = 0 is not allowed");
  });
});

describe("the offline override", () => {
  it("is what makes the plan work: the account pin alone fails it", async () => {
    // The sample's checked copy, which planned, as init left it (the provider links, the lock file), with only the
    // override's line that unsets the pin left out: no init of its own.
    const pinned = path.join(work, "pinned");
    fs.cpSync(checkedCopy("sample"), pinned, { recursive: true, verbatimSymlinks: true, filter: (src) => path.basename(src) !== "tfplan" });
    const pinningOverride = OFFLINE_OVERRIDE_HCL.replace("allowed_account_ids = null", "");
    expect(pinningOverride).not.toBe(OFFLINE_OVERRIDE_HCL);
    fs.writeFileSync(path.join(pinned, OFFLINE_OVERRIDE_FILE), pinningOverride);
    const plan = await runTerraform(["plan", "-input=false", "-lock=false", "-refresh=false", "-no-color"], pinned, checkEnv());
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("AWS account ID not allowed");
  }, 60_000);
});

describe("the stacks of a run", () => {
  it("GIVEN a folder under stacks/ that the manifest does not list WHEN a run starts THEN it runs the listed stacks only, in name order", async () => {
    const dir = path.join(work, "listed");
    writeStack(dir, "b", SAMPLE);
    writeStack(dir, "a", SAMPLE);
    fs.mkdirSync(path.join(dir, "stacks", "stray"));
    const seen = await runOnStacks({ outdir: dir, workRoot: path.join(dir, "run") }, async (job) => [job.stack, path.relative(dir, job.stackDir), path.relative(dir, job.workDir)]);
    expect(seen).toEqual([
      ["a", path.join("stacks", "a"), path.join("run", "stacks", "a")],
      ["b", path.join("stacks", "b"), path.join("run", "stacks", "b")],
    ]);
    await expect(runOnStacks({ outdir: dir, stacks: ["stray"] }, async (job) => job.stack)).rejects.toThrow('Unknown stack "stray". Allowed: a, b');
  });
});

describe("terraform environment", () => {
  it("fails with how to install Terraform when it is not on PATH", () => {
    expect(() => findTerraform({ PATH: "" })).toThrow(
      /terraform was not found on PATH\. Terraform 1\.11 is required .*1\.11\.x release from https:\/\/releases\.hashicorp\.com.*apt/,
    );
  });

  it("overrides a CLI config file that does not exist and drops variables that would change the run", async () => {
    const cliConfig = writeCliConfig(path.join(work, "env"), { pluginCacheDir: path.join(work, "env", "cache") });
    const env = terraformEnv(cliConfig, {
      PATH: process.env.PATH,
      TF_CLI_CONFIG_FILE: "/no/such/terraform.rc",
      TF_LOG: "TRACE",
      TF_CLI_ARGS_plan: "-destroy",
      AWS_PROFILE: "no-such-profile",
    });
    expect(env).toMatchObject({ TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", GOGC: "400" });
    expect(terraformEnv(cliConfig, { GOGC: "100" })).toHaveProperty("GOGC", "100"); // the caller's own garbage collection setting
    expect(env).not.toHaveProperty("TF_LOG");
    expect(env).not.toHaveProperty("TF_CLI_ARGS_plan");
    expect(env).not.toHaveProperty("AWS_PROFILE");
    const version = await runTerraform(["version"], work, env);
    expect(version).toMatchObject({ code: 0, stderr: "" });
  });

  it("for an online plan, keeps the caller's variables and credentials, with the same CLI config and flags", () => {
    const env = terraformEnv("/tmp/terraform.rc", { AWS_PROFILE: "team", TF_WORKSPACE: "w" }, { keepCallerEnv: true });
    expect(env).toMatchObject({ AWS_PROFILE: "team", TF_WORKSPACE: "w", TF_CLI_CONFIG_FILE: "/tmp/terraform.rc", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" });
    expect(env).not.toHaveProperty("AWS_EC2_METADATA_DISABLED");
    expect(terraformEnv("/tmp/terraform.rc", {})).toHaveProperty("AWS_EC2_METADATA_DISABLED", "true");
  });

  it("writes a CLI config that installs from the mirror only, through the plugin cache", () => {
    const dir = path.join(work, "config");
    const cache = path.join(dir, "cache");
    const config = fs.readFileSync(writeCliConfig(dir, { mirror: "/mirror", pluginCacheDir: cache }), "utf8");
    expect(config).toBe(`provider_installation {
  filesystem_mirror {
    path    = "/mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}

plugin_cache_dir = "${cache}"
`);
    expect(fs.statSync(cache).isDirectory()).toBe(true);
  });
});

describe("more of the harness", () => {
  it("copies a stack without its state and adds the offline override", () => {
    const stackDir = path.join(work, "with-state");
    fs.mkdirSync(stackDir, { recursive: true });
    fs.writeFileSync(path.join(stackDir, "cdk.tf"), SAMPLE);
    fs.writeFileSync(path.join(stackDir, "terraform.tfstate"), "{}");
    const copy = path.join(work, "copy");
    copyStackForOffline(stackDir, copy);
    expect(fs.readdirSync(copy).sort()).toEqual(["cdk.tf", OFFLINE_OVERRIDE_FILE]);
  });

  it("drops every provider's checksums from a lock file and keeps the rest; without a lock file there is nothing to do", () => {
    const dir = path.join(work, "lock");
    fs.mkdirSync(dir, { recursive: true });
    const entry = (name: string, version: string) =>
      `provider "registry.terraform.io/hashicorp/${name}" {\n  version     = "${version}"\n  constraints = "${version}"\n  hashes = [\n    "h1:abc=",\n    "zh:0123",\n  ]\n}\n`;
    fs.writeFileSync(path.join(dir, LOCK_FILE), `# This file is maintained automatically by "terraform init".\n\n${entry("aws", "5.100.0")}\n${entry("random", "3.6.0")}`);
    dropLockChecksums(dir);
    const kept = (name: string, version: string) => `provider "registry.terraform.io/hashicorp/${name}" {\n  version     = "${version}"\n  constraints = "${version}"\n}\n`;
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), "utf8")).toBe(`# This file is maintained automatically by "terraform init".\n\n${kept("aws", "5.100.0")}\n${kept("random", "3.6.0")}`);
    const empty = path.join(work, "no-lock");
    fs.mkdirSync(empty, { recursive: true });
    dropLockChecksums(empty);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it("installs from the registry, through the cache, when no mirror is given", () => {
    const dir = path.join(work, "registry-config");
    const config = fs.readFileSync(writeCliConfig(dir, { pluginCacheDir: path.join(dir, "cache") }), "utf8");
    expect(config).toBe(`plugin_cache_dir = "${path.join(dir, "cache")}"\n`);
  });

  it("rejects a mirror that is not a directory", () => {
    expect(() => mirrorFromEnv({ TF_PLUGIN_MIRROR: "/no/such/mirror" })).toThrow("TF_PLUGIN_MIRROR=/no/such/mirror is not a directory");
    expect(mirrorFromEnv({})).toBeUndefined();
  });
});
