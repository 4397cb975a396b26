/**
 * The GitHub workflows, loaded as YAML: what runs on a pull request and how main is deployed. The deploy
 * order and the stacks each deploy needs are checked against the real config, so they cannot drift apart.
 */
import { spawnSync } from "child_process";
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { accountStackName } from "../../stacks/account-stack";
import { deployOrder } from "../../scripts/lib/deploy-order";
import { readManifest, type StackManifest, withDependencies } from "../../scripts/lib/manifest";
import { buildStacks } from "../../stacks/app";

const root = path.join(__dirname, "..", "..");
const load = (file: string): any => parse(fs.readFileSync(path.join(root, file), "utf8"));
const WORKFLOWS = [".github/workflows/pr.yml", ".github/workflows/deploy.yml", ".github/workflows/deploy-environment.yml", ".github/actions/setup/action.yml"];
const pr = load(".github/workflows/pr.yml");
const deploy = load(".github/workflows/deploy.yml");
const deployEnvironment = load(".github/workflows/deploy-environment.yml");
const setup = load(".github/actions/setup/action.yml");
const steps = (job: any): any[] => job.steps ?? [];
const runs = (job: any): string => steps(job).map((s) => s.run ?? "").join("\n");
const uses = (job: any): string[] => steps(job).map((s) => s.uses).filter(Boolean);

/** The manifest `npm run synth` writes for the shipped registry (the deploy workflow reads it). */
function shippedManifest(): StackManifest {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-manifest-"));
  try {
    const app = new App({ outdir });
    buildStacks(app, loadEnvironments(Object.values(ENVIRONMENTS)));
    app.synth();
    return readManifest(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe("pull-request workflow", () => {
  it("runs on pull requests, with read-only default permissions and superseded runs cancelled", () => {
    expect(Object.keys(pr.on)).toEqual(expect.arrayContaining(["pull_request"]));
    expect(pr.permissions).toEqual({ contents: "read" });
    expect(pr.concurrency["cancel-in-progress"]).toBe(true);
  });

  it("tests, synthesizes, plans and comments", () => {
    expect(Object.keys(pr.jobs)).toEqual(["test", "synth", "plan", "comment"]);
    // npm test, then the deploy path with the real cdktf CLI, which npm test leaves out (jest.config.js)
    expect(runs(pr.jobs.test).indexOf("npm run test:cli")).toBeGreaterThan(runs(pr.jobs.test).indexOf("npm test"));
    expect(runs(pr.jobs.test)).toContain("npm test");
    expect(runs(pr.jobs.synth)).toContain("npm run synth");
    expect(pr.jobs.plan.needs).toBe("synth");
    expect(pr.jobs.comment.needs).toEqual(["synth", "plan"]);
  });

  it("plans the synth job's HCL artifact (the whole output folder, manifest included), never synthesizing again", () => {
    const upload = steps(pr.jobs.synth).find((s) => String(s.uses).startsWith("actions/upload-artifact") && s.with.name === "hcl");
    expect(upload.with).toMatchObject({ path: "cdktf.out/", "if-no-files-found": "error" });
    expect(runs(pr.jobs.plan)).not.toMatch(/npm run synth|cdktf synth/);
    expect(runs(pr.jobs.plan)).toMatch(/npm run plan -- --no-synth /);
    const names = steps(pr.jobs.plan).map((s) => s.name ?? s.uses);
    const download = steps(pr.jobs.plan).find((s) => String(s.uses).startsWith("actions/download-artifact"));
    expect(download.with).toEqual({ name: "hcl", path: "cdktf.out" });
    const verify = names.indexOf("Verify the HCL against the checksums the synth job logged");
    expect(names.indexOf(download.name)).toBeLessThan(verify);
    expect(verify).toBeLessThan(names.indexOf("Plan"));
  });

  it("plans one job per synthesized stack, the list coming from the synth job, not written by hand", () => {
    expect(pr.jobs.plan.strategy.matrix.stack).toBe("${{ fromJSON(needs.synth.outputs.stacks) }}");
    expect(pr.jobs.plan.strategy["fail-fast"]).toBe(false);
    expect(pr.jobs.synth.outputs.stacks).toBe("${{ steps.stacks.outputs.stacks }}");
    expect(steps(pr.jobs.synth).find((s) => s.id === "stacks").run).toContain("npm run --silent stacks -- --json");
    expect(runs(pr.jobs.plan)).toMatch(/npm run plan -- .*"\$STACK"/);
    expect(pr.jobs.plan.env.STACK).toBe("${{ matrix.stack }}");
  });

  it("plans with an OIDC role in the stack's own account, and offline where there is none", () => {
    expect(pr.jobs.plan.permissions["id-token"]).toBe("write");
    const assume = steps(pr.jobs.plan).find((s) => String(s.uses).startsWith("aws-actions/configure-aws-credentials"));
    expect(assume.with["role-to-assume"]).toBe("arn:${{ steps.target.outputs.partition }}:iam::${{ steps.target.outputs.account }}:role/${{ vars.AWS_PLAN_ROLE_NAME }}");
    expect(assume.if).toContain("vars.AWS_PLAN_ROLE_NAME != ''");
    expect(assume.if).toContain("head.repo.full_name == github.repository"); // forks get no OIDC token
  });

  it("reads the stack's account and region from its provider, not from its backend", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-target-"));
    try {
      fs.mkdirSync(path.join(dir, "cdktf.out", "stacks", "prod"), { recursive: true });
      fs.writeFileSync(
        path.join(dir, "cdktf.out", "stacks", "prod", "cdk.tf"),
        'terraform {\n  backend "s3" {\n    region = "us-east-1"\n  }\n}\n\nprovider "aws" {\n  allowed_account_ids = [\n    "222222222222"\n  ]\n  region = "cn-north-1"\n}\n',
      );
      const output = path.join(dir, "output");
      const script = steps(pr.jobs.plan).find((s) => s.id === "target").run;
      const run = spawnSync("bash", ["-c", script], { cwd: dir, env: { PATH: process.env.PATH, STACK: "prod", GITHUB_OUTPUT: output }, encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(fs.readFileSync(output, "utf8").trim().split("\n")).toEqual(["account=222222222222", "region=cn-north-1", "partition=aws-cn"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("puts each plan summary and the environment report in the job summary, and uploads the full plans", () => {
    expect(runs(pr.jobs.plan)).toContain('cat plans/summary.md >> "$GITHUB_STEP_SUMMARY"');
    expect(runs(pr.jobs.synth)).toContain("npm run --silent report > report.md");
    expect(runs(pr.jobs.synth)).toContain('cat report.md >> "$GITHUB_STEP_SUMMARY"');
    const upload = steps(pr.jobs.plan).find((s) => String(s.uses).startsWith("actions/upload-artifact"));
    expect(upload.with).toMatchObject({ name: "plan-${{ matrix.stack }}", path: "plans/" });
  });

  it("keeps one sticky comment per pull request, written by scripts/plan-comment.ts from the plan records and the report", () => {
    expect(pr.jobs.comment.permissions["pull-requests"]).toBe("write");
    expect(pr.jobs.comment.if).toContain("always()");
    const downloads = steps(pr.jobs.comment).filter((s) => String(s.uses).startsWith("actions/download-artifact")).map((s) => s.with);
    expect(downloads).toEqual([{ pattern: "plan-*", path: "artifacts" }, { name: "report", path: "artifacts/report" }]);
    const write = steps(pr.jobs.comment).find((s) => s.name === "Write the plan comment");
    expect(write.run).toBe("npm run --silent build && node dist/scripts/plan-comment.js artifacts > comment.md");
    expect(write.env.STACKS).toBe("${{ needs.synth.outputs.stacks }}"); // every stack, so a plan job that died early shows up
    const script = steps(pr.jobs.comment).find((s) => String(s.uses).startsWith("actions/github-script")).with.script;
    expect(script).toContain('fs.readFileSync("comment.md", "utf8")');
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
  });
});

describe("deploy workflow", () => {
  it("deploys main, one run at a time, never cancelling an apply", () => {
    expect(deploy.on.push.branches).toEqual(["main"]);
    expect(deploy.concurrency).toEqual({ group: "deploy", "cancel-in-progress": false });
    expect(deploy.permissions["id-token"]).toBe("write");
  });

  it("tests, lists the environments from the synthesized manifest, then deploys them one at a time, each through the one environment workflow", () => {
    expect(Object.keys(deploy.jobs)).toEqual(["test", "environments", "deploy"]);
    expect(runs(deploy.jobs.test)).toContain("npm test");
    expect(runs(deploy.jobs.test).indexOf("npm run test:cli")).toBeGreaterThan(runs(deploy.jobs.test).indexOf("npm test"));
    const list = steps(deploy.jobs.environments).find((s) => s.id === "environments");
    expect(list.run).toBe('echo "environments=$(npm run --silent stacks -- --environments --json)" >> "$GITHUB_OUTPUT"');
    expect(runs(deploy.jobs.environments).indexOf("npm run synth")).toBeLessThan(runs(deploy.jobs.environments).indexOf("--environments"));
    expect(deploy.jobs.environments.outputs.environments).toBe("${{ steps.environments.outputs.environments }}");
    expect(deploy.jobs.deploy.needs).toEqual(["test", "environments"]);
    // In list order, one at a time; a failure (or a rejected approval) cancels the environments still queued.
    expect(deploy.jobs.deploy.strategy).toEqual({ "max-parallel": 1, "fail-fast": true, matrix: { environment: "${{ fromJSON(needs.environments.outputs.environments) }}" } });
    expect(deploy.jobs.deploy).toMatchObject({ uses: "./.github/workflows/deploy-environment.yml", with: { environment: "${{ matrix.environment }}" } });
  });

  it("deploys every shipped environment once, non-production first, in registry order within a tier: dev, then staging, then prod", () => {
    const order = deployOrder(shippedManifest(), ENVIRONMENTS);
    expect([...order].sort()).toEqual(Object.keys(ENVIRONMENTS).sort());
    const tiers = order.map((name) => ENVIRONMENTS[name].tier);
    expect(tiers.slice(tiers.indexOf("production")).every((tier) => tier === "production")).toBe(true);
    expect(tiers).toContain("production");
    expect(order.filter((name) => ["dev", "staging", "prod"].includes(name))).toEqual(["dev", "staging", "prod"]);
  });

  it("each deploy runs in its GitHub environment (approvals) with that environment's OIDC role", () => {
    expect(Object.keys(deployEnvironment.on)).toEqual(["workflow_call"]);
    const job = deployEnvironment.jobs.deploy;
    expect(job.environment).toBe("${{ inputs.environment }}");
    const assume = steps(job).find((s) => String(s.uses).startsWith("aws-actions/configure-aws-credentials"));
    expect(assume.with["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    expect(runs(job)).toContain('npm run --silent stacks -- --with-dependencies "$ENVIRONMENT"');
    // --skip-synth: what is applied is the folder `npm run synth` wrote, byte for byte.
    expect(runs(job)).toContain("npx cdktf deploy ${{ steps.stacks.outputs.stacks }} --auto-approve --skip-synth");
    expect(runs(job).indexOf("npm run synth")).toBeLessThan(runs(job).indexOf("npx cdktf deploy"));
  });

  it("logs the checksum of every cdk.tf it deploys, as the pull request's synth job does for what it planned", () => {
    expect(runs(pr.jobs.synth)).toContain("xargs -0 sha256sum"); // test/workflows/plan-artifact.test.ts: the same lines
    const job = deployEnvironment.jobs.deploy;
    expect(runs(job)).toMatch(/sha256sum "cdktf\.out\/stacks\/\$stack\/cdk\.tf"/);
    expect(runs(job).indexOf("sha256sum")).toBeLessThan(runs(job).indexOf("npx cdktf deploy"));
  });

  it("refuses, before deploying, a stack whose state would be a file on the runner", () => {
    const names = steps(deployEnvironment.jobs.deploy).map((s) => s.name);
    const guard = steps(deployEnvironment.jobs.deploy).find((s) => String(s.name).startsWith("Refuse local state"));
    expect(guard.run).toContain(`grep -q 'backend "local"'`);
    expect(guard.run).toContain("exit 1");
    expect(names.indexOf(guard.name)).toBeLessThan(names.indexOf("Deploy"));
  });

  it("every environment the workflow deploys keeps its state (and its account stack's) in S3", () => {
    for (const env of loadEnvironments(Object.values(ENVIRONMENTS))) {
      expect({ env: env.name, state: env.stateBackend.type, account: env.account.stateBackend.type }).toEqual({ env: env.name, state: "s3", account: "s3" });
    }
  });

  it("the stacks a deploy gets, read from the synthesized manifest, are the environment's account stack, then the environment", () => {
    const manifest = shippedManifest();
    for (const env of loadEnvironments(Object.values(ENVIRONMENTS))) expect(withDependencies(manifest, env.name)).toEqual([accountStackName(env.account, env.region), env.name]);
  });
});

describe("every workflow", () => {
  const all = WORKFLOWS.map((file) => ({ file, text: fs.readFileSync(path.join(root, file), "utf8"), yaml: load(file) }));

  it("uses no stored AWS keys", () => {
    for (const { file, text } of all) expect({ file, storedKeys: /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/.test(text) }).toEqual({ file, storedKeys: false });
  });

  it("pins every action to a version, and sets up Terraform 1.11.4 without its wrapper", () => {
    const everyUse = [...Object.values(pr.jobs), ...Object.values(deploy.jobs), ...Object.values(deployEnvironment.jobs), setup.runs].flatMap(uses);
    for (const use of everyUse.filter((u) => !u.startsWith("./"))) expect(use).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
    const terraform = setup.runs.steps.find((s: any) => s.uses.startsWith("hashicorp/setup-terraform"));
    expect(terraform.with).toEqual({ terraform_version: "1.11.4", terraform_wrapper: false });
  });

  it("calls only npm scripts that exist", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts);
    const called = all.flatMap(({ text }) => [...text.matchAll(/npm run (?:--silent )?([\w-]+)/g)].map((m) => m[1]));
    expect(called.length).toBeGreaterThan(4);
    for (const script of called) expect(scripts).toContain(script);
  });
});
