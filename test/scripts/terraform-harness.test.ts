/**
 * The Terraform harness on hand-made stacks: it plans a stack that pins its account and keeps its state in
 * S3 offline, reports formatting, errors and warnings, links the provider instead of copying it, and never
 * touches the synthesized files. Run with `TF_PLUGIN_MIRROR` on a machine without internet access.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStacks, type StackCheck, toDiagnostic } from "../../scripts/lib/check-stack";
import { mirrorFromEnv, writeCliConfig } from "../../scripts/lib/cli-config";
import { copyStackForOffline, OFFLINE_OVERRIDE_FILE, OFFLINE_OVERRIDE_HCL } from "../../scripts/lib/offline";
import { runTerraform } from "../../scripts/lib/run-terraform";
import { runOnStacks } from "../../scripts/lib/stack-runner";
import { findTerraform } from "../../scripts/lib/terraform-binary";
import { terraformEnv } from "../../scripts/lib/terraform-env";
import { DEPRECATED, SAMPLE, UNFORMATTED, writeStack } from "../support/hand-written-stack";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "terraform-harness-"));
const outdir = path.join(work, "cdktf.out");
const workRoot = path.join(work, "checks");
let checks: Record<string, StackCheck> = {};

beforeAll(async () => {
  writeStack(outdir, "sample", SAMPLE);
  writeStack(outdir, "unformatted", UNFORMATTED);
  writeStack(outdir, "deprecated", DEPRECATED);
  // Only the sample's planned values are asserted (reading them starts the provider once more).
  const results = await checkStacks(outdir, { workRoot, values: ["sample"] });
  checks = Object.fromEntries(results.map((c) => [c.stack, c]));
}, 180_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("checkStacks", () => {
  it("plans a stack with an S3 backend, an account pin and default tags offline, with no diagnostics", () => {
    const sample = checks.sample;
    expect(sample).toMatchObject({ fmtOk: true, fmtDiff: "", initOk: true, diagnostics: [], planOk: true, summary: { add: 1, change: 0, destroy: 0 } });
    const [group] = sample.plan.resource_changes;
    expect(group).toMatchObject({ address: "aws_cloudwatch_log_group.sample", change: { actions: ["create"] } });
    expect(group.change.after).toMatchObject({ name: "sample-logs", retention_in_days: 7, tags_all: { service: "sample" } });
  });

  it("fails the fmt check of a badly formatted file and shows the diff", () => {
    expect(checks.unformatted.fmtOk).toBe(false);
    expect(checks.unformatted.fmtDiff).toContain('-  name = "sample-logs"');
    expect(checks.unformatted.planOk).toBe(true); // formatting is reported on its own
  });

  it("reports warnings with their address and location, once although the plan's validation and planning both see them", () => {
    expect(checks.deprecated.diagnostics).toEqual([
      {
        severity: "warning",
        summary: "Argument is deprecated",
        detail: "acl is deprecated. Use the aws_s3_bucket_acl resource instead.",
        address: "aws_s3_bucket.old",
        range: `cdk.tf:${DEPRECATED.split("\n").indexOf('  acl    = "private"') + 1}`,
      },
    ]);
  });

  // The check runs no `terraform validate`: the plan validates first (scripts/lib/check-stack.ts). This holds it to that.
  it("GIVEN a stack with a warning WHEN terraform validate runs on its checked copy THEN it reports what the check reported", async () => {
    const validate = await runTerraform(["validate", "-json", "-no-color"], path.join(workRoot, "stacks", "deprecated"), terraformEnv(path.join(workRoot, "terraform.rc")));
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout).diagnostics.map(toDiagnostic)).toEqual(checks.deprecated.diagnostics);
  }, 60_000);

  it("reads the planned values only of the stacks it is asked for, and the planned resources of every stack", () => {
    expect(checks.unformatted.plan).toBeUndefined();
    expect(checks.unformatted.resources).toEqual([{ address: "aws_cloudwatch_log_group.sample", type: "aws_cloudwatch_log_group", action: "create" }]);
    expect(checks.sample.resources).toEqual([{ address: "aws_cloudwatch_log_group.sample", type: "aws_cloudwatch_log_group", action: "create" }]);
  });

  it("never modifies the synthesized stacks: the override lives in the copies only", () => {
    for (const [stack, hcl] of [["sample", SAMPLE], ["unformatted", UNFORMATTED]]) {
      expect(fs.readdirSync(path.join(outdir, "stacks", stack))).toEqual(["cdk.tf"]);
      expect(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf"), "utf8")).toBe(hcl);
    }
    expect(fs.readFileSync(path.join(workRoot, "stacks", "sample", OFFLINE_OVERRIDE_FILE), "utf8")).toBe(OFFLINE_OVERRIDE_HCL);
  });

  it("links every stack's provider to one cached copy instead of copying 675 MB per stack", () => {
    const providerDir = path.join(".terraform", "providers", "registry.terraform.io", "hashicorp", "aws", "5.100.0");
    for (const stack of ["sample", "unformatted", "deprecated"]) {
      const dir = path.join(workRoot, "stacks", stack, providerDir);
      for (const platform of fs.readdirSync(dir)) {
        expect(fs.lstatSync(path.join(dir, platform)).isSymbolicLink()).toBe(true);
        expect(fs.readlinkSync(path.join(dir, platform))).toContain(path.join(workRoot, "plugin-cache"));
      }
    }
  });

  it("refuses a parallelism below 1", async () => {
    await expect(checkStacks(outdir, { parallelism: 0 })).rejects.toThrow("parallelism (TF_PARALLELISM) = 0 is not allowed");
  });
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

describe("the offline override", () => {
  it("is what makes the plan work: the account pin alone fails it", async () => {
    const dir = path.join(work, "pinned");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "cdk.tf"), SAMPLE);
    fs.writeFileSync(path.join(dir, OFFLINE_OVERRIDE_FILE), OFFLINE_OVERRIDE_HCL.replace("allowed_account_ids = null", ""));
    const env = terraformEnv(path.join(workRoot, "terraform.rc"));
    expect((await runTerraform(["init", "-input=false", "-no-color"], dir, env)).code).toBe(0);
    const plan = await runTerraform(["plan", "-input=false", "-lock=false", "-refresh=false", "-no-color"], dir, env);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("AWS account ID not allowed");
  }, 60_000);
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
  it("reports validation errors with their summary, and does not plan", async () => {
    const broken = path.join(work, "broken");
    writeStack(broken, "broken", SAMPLE.replace("retention_in_days = 7", "retention_in_days = 7\n  no_such_argument = true"));
    const [check] = await checkStacks(broken, { workRoot: path.join(broken, "checks") });
    expect(check.planOk).toBe(false);
    expect(check.diagnostics).toEqual([expect.objectContaining({ severity: "error", summary: "Unsupported argument" })]);
  }, 120_000);

  it("copies a stack without its state and adds the offline override", () => {
    const stackDir = path.join(work, "with-state");
    fs.mkdirSync(stackDir, { recursive: true });
    fs.writeFileSync(path.join(stackDir, "cdk.tf"), SAMPLE);
    fs.writeFileSync(path.join(stackDir, "terraform.tfstate"), "{}");
    const copy = path.join(work, "copy");
    copyStackForOffline(stackDir, copy);
    expect(fs.readdirSync(copy).sort()).toEqual(["cdk.tf", OFFLINE_OVERRIDE_FILE]);
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
