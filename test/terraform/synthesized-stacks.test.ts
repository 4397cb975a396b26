/**
 * Every stack's synthesized HCL passes `terraform fmt -check`, Terraform's validation (zero errors, zero
 * warnings) and an offline `terraform plan` against the real AWS provider. Synthesis runs the way
 * `npm run synth` does (`npm test` compiles first), once per test run (test/support/shared-stacks.ts). The
 * stacks are planned as modules of one configuration, with the other terraform tests' stacks, once per run
 * (test/support/shared-terraform-checks.ts); `npm run plan` plans each one as its own root
 * (test/scripts/plan.test.ts, and test/cli/cdktf-cli.test.ts through the cdktf CLI).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS } from "../../environments";
import type { StackCheck } from "../../scripts/lib/check-stack";
import { synthesizedStacks } from "../../scripts/lib/manifest";
import { emptyStateChanges, resourceChanges } from "../../scripts/lib/plan-changes";
import { synthHcl } from "../../scripts/lib/synth";
import { describeTerraformChecks, plannedResources } from "../support/checks/terraform";
import { expectedStackNames, expectedStacks } from "../support/registry";
import { terraformChecks } from "../support/shared-terraform-checks";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "synthesized-stacks-"));
let outdir = "";
let checks: readonly StackCheck[] = [];

function planned(stack: string, type: string): any[] {
  return plannedResources(checks.find((c) => c.stack === stack)!, type);
}

beforeAll(async () => {
  // The planned values are read of the environment stacks only.
  ({ outdir, checks } = (await terraformChecks()).shipped);
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("synthesized HCL", () => {
  it("has the stacks of every environment and account, and HCL only (no cdk.tf.json)", () => {
    expect(checks.map((c) => c.stack)).toEqual(expectedStackNames(ENVIRONMENTS));
    for (const stack of synthesizedStacks(outdir)) {
      expect(stack.file).toBe(path.join(stack.dir, "cdk.tf"));
      expect(fs.existsSync(stack.file)).toBe(true);
      expect(fs.existsSync(path.join(stack.dir, "cdk.tf.json"))).toBe(false);
    }
  });

  // fmt, validate, an offline plan that only creates, one account setting per account stack.
  describeTerraformChecks(() => checks);

  it("plans the prod stages with tracing, JSON access logs, and no data trace", () => {
    const stages = planned("prod", "aws_api_gateway_stage");
    expect(stages.map((s) => s.stage_name).sort()).toEqual(["v1", "v2"]);
    for (const stage of stages) {
      expect(stage.xray_tracing_enabled).toBe(true);
      expect(JSON.parse(stage.access_log_settings[0].format.replace(/\$context\.[A-Za-z.]+/g, "x"))).toHaveProperty("requestId");
    }
    for (const settings of planned("prod", "aws_api_gateway_method_settings")) {
      expect(settings.settings[0].data_trace_enabled).toBe(false);
    }
  });

  it("plans the REST API body as the shipped OpenAPI document", () => {
    const [api] = planned("dev", "aws_api_gateway_rest_api");
    const shipped = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "api", "orders.openapi.json"), "utf8"));
    expect(JSON.parse(api.body)).toEqual(shipped);
  });

  it("plans retention and encryption on every log group", () => {
    for (const c of checks.filter((c) => !c.stack.startsWith("account-"))) {
      for (const group of planned(c.stack, "aws_cloudwatch_log_group")) {
        expect(group.retention_in_days).toBeGreaterThan(0);
      }
    }
    expect(new Set(planned("prod", "aws_cloudwatch_log_group").map((g) => g.retention_in_days))).toEqual(new Set([365]));
  });
});

describe("the plan's own messages", () => {
  it("list exactly the changes `terraform show -json` lists, so npm run plan's offline plan reads them instead (emptyStateChanges)", () => {
    const withValues = checks.filter((c) => c.plan);
    expect(withValues.map((c) => c.stack)).toEqual(expectedStacks(ENVIRONMENTS).environments.sort());
    for (const check of withValues) {
      expect(check.resources!.length).toBeGreaterThan(10);
      expect(emptyStateChanges(check.stack, check.resources!)).toEqual(resourceChanges(check.plan));
    }
  });
});

describe("synth", () => {
  it("is deterministic and replaces its output whole: synthesizing again over an earlier output gives identical files, without a stale cdk.tf.json, with terraform init's files kept", async () => {
    // GIVEN an earlier output (npm run synth's) with, in a stack folder, a stale cdk.tf.json (an earlier JSON
    // synth's, which Terraform would read beside cdk.tf as every block twice) and what terraform init leaves
    const again = path.join(work, "again");
    fs.cpSync(outdir, again, { recursive: true });
    const dev = path.join(again, "stacks", "dev");
    fs.writeFileSync(path.join(dev, "cdk.tf.json"), "{}");
    fs.mkdirSync(path.join(dev, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(dev, ".terraform.lock.hcl"), "# lock");
    // WHEN npm run synth runs again into it
    expect((await synthHcl({ outdir: again })).ok).toBe(true);
    // THEN the same files, byte for byte, and no others than terraform init's, which stay
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .filter((file) => !file.split(path.sep).some((part) => part === ".terraform" || part === ".terraform.lock.hcl"))
        .sort();
    expect(files(again)).toEqual(files(outdir));
    for (const file of files(outdir)) {
      expect(`${file}: ${fs.readFileSync(path.join(again, file), "utf8")}`).toBe(`${file}: ${fs.readFileSync(path.join(outdir, file), "utf8")}`);
    }
    expect(fs.existsSync(path.join(dev, "cdk.tf.json"))).toBe(false);
    expect(fs.existsSync(path.join(dev, ".terraform", "providers"))).toBe(true);
    expect(fs.readFileSync(path.join(dev, ".terraform.lock.hcl"), "utf8")).toBe("# lock");
  });

  it("names no machine path in the HCL", () => {
    for (const stack of synthesizedStacks(outdir)) {
      const hcl = fs.readFileSync(stack.file, "utf8");
      for (const machinePath of [process.cwd(), os.tmpdir(), outdir]) expect(hcl).not.toContain(machinePath);
    }
  });

  it("plans offline without touching the real configuration: the S3 backends stay as configured", () => {
    for (const stack of synthesizedStacks(outdir)) {
      const files = fs.readdirSync(stack.dir);
      expect(files.filter((f) => /override|^\.terraform|tfstate|tfplan/.test(f))).toEqual([]);
    }
    const prod = fs.readFileSync(path.join(outdir, "stacks", "prod", "cdk.tf"), "utf8");
    expect(prod).toMatch(/backend "s3" \{[^}]*key\s+= "apigw-observability\/prod\/terraform.tfstate"[^}]*use_lockfile = true/);
    expect(prod).not.toContain("mock");
  });

  it("writes nothing for an invalid config, and says why", async () => {
    const failed = path.join(work, "failed");
    fs.mkdirSync(path.join(failed, "stacks", "stale"), { recursive: true });
    const result = await synthHcl({ outdir: failed, env: { ENVIRONMENTS: "no-such-env" } });
    expect(result.ok).toBe(false);
    expect(result.error).toContain(`environment "no-such-env": ENVIRONMENTS = "no-such-env": is not a known environment. Allowed: ${Object.keys(ENVIRONMENTS).join(", ")}`);
    expect(result.error).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.existsSync(failed)).toBe(false);
    expect(fs.readdirSync(work).filter((f) => f.startsWith("failed"))).toEqual([]);
  });
});
