/** The Terraform harness itself: what it reports for good and bad stacks, and that it never edits them. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStacks, copyStackForOffline, findTerraform, mirrorFromEnv, OFFLINE_OVERRIDE_FILE, writeCliConfig } from "../../scripts/lib/terraform";

const SAMPLE = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
  backend "s3" {
    bucket = "state"
    key    = "sample.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_cloudwatch_log_group" "sample" {
  name              = "sample"
  retention_in_days = 7
}
`;

function stacksWith(files: Record<string, string>): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
  for (const [stack, hcl] of Object.entries(files)) {
    fs.mkdirSync(path.join(outdir, "stacks", stack), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", stack, "cdk.tf"), hcl);
  }
  return outdir;
}

describe("terraform harness", () => {
  it("passes a good stack and plans it offline despite the S3 backend and the account pin", async () => {
    const outdir = stacksWith({ good: SAMPLE, ugly: SAMPLE.replace('name              = "sample"', 'name = "sample"') });
    const [good, ugly] = await checkStacks(outdir);
    expect(good).toMatchObject({ stack: "good", fmtOk: true, initOk: true, diagnostics: [], planOk: true, summary: { add: 1, change: 0, destroy: 0 } });
    expect(good.plan.resource_changes[0].change.after).toMatchObject({ name: "sample", retention_in_days: 7 });
    expect(ugly.fmtOk).toBe(false);
    expect(ugly.fmtDiff).toContain('name = "sample"');
    // The synthesized stacks are never modified: the override lives in the copies only.
    expect(fs.readdirSync(path.join(outdir, "stacks", "good"))).toEqual(["cdk.tf"]);
  }, 120_000);

  it("reports validation errors with their summary", async () => {
    const outdir = stacksWith({ broken: SAMPLE.replace("retention_in_days = 7", "retention_in_days = 7\n  no_such_argument = true") });
    const [broken] = await checkStacks(outdir, { plan: false });
    expect(broken.diagnostics).toEqual([expect.objectContaining({ severity: "error", summary: "Unsupported argument" })]);
  }, 120_000);

  it("copies a stack without its state and adds the offline override", () => {
    const outdir = stacksWith({ s: SAMPLE });
    const stackDir = path.join(outdir, "stacks", "s");
    fs.writeFileSync(path.join(stackDir, "terraform.tfstate"), "{}");
    const copy = path.join(outdir, "copy");
    copyStackForOffline(stackDir, copy);
    expect(fs.readdirSync(copy).sort()).toEqual(["cdk.tf", OFFLINE_OVERRIDE_FILE]);
    expect(fs.readFileSync(path.join(copy, OFFLINE_OVERRIDE_FILE), "utf8")).toContain("allowed_account_ids = null");
  });

  it("fails with how to install Terraform when it is missing", () => {
    expect(() => findTerraform({ PATH: "" })).toThrow(/terraform was not found on PATH\. Terraform 1\.11 is required .*install/);
  });

  it("writes a CLI config for a mirror (linked, no cache), or for the registry with a plugin cache", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-config-"));
    const withMirror = fs.readFileSync(writeCliConfig(dir, { mirror: "/m", pluginCacheDir: path.join(dir, "cache") }), "utf8");
    expect(withMirror).toContain('filesystem_mirror {\n    path    = "/m"');
    expect(withMirror).not.toContain("plugin_cache_dir");
    const registry = fs.readFileSync(writeCliConfig(dir, { pluginCacheDir: path.join(dir, "cache") }), "utf8");
    expect(registry).not.toContain("provider_installation");
    expect(registry).toContain(`plugin_cache_dir = "${path.join(dir, "cache")}"`);
  });

  it("rejects a mirror that is not a directory", () => {
    expect(() => mirrorFromEnv({ TF_PLUGIN_MIRROR: "/no/such/mirror" })).toThrow("TF_PLUGIN_MIRROR=/no/such/mirror is not a directory");
    expect(mirrorFromEnv({})).toBeUndefined();
  });
});
