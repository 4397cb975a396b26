/**
 * ReadableStack skips cdktf's preparing resolve, which only discovers cross-stack references (stacks
 * here share none). These tests prove the output is the same as with cdktf's full pass, and show
 * what the skip gives up and how to get it back.
 */
import { App, TerraformOutput } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { buildStacks } from "../../stacks/app";
import { ReadableStack } from "../../stacks/readable-stack";
import { largeConfig } from "../../scripts/bench/large-config";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "prepare-stack-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function withEnv<T>(vars: Record<string, string | undefined>, run: () => T): T {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.entries(vars).forEach(([k, v]) => (v === undefined ? delete process.env[k] : (process.env[k] = v)));
  try {
    return run();
  } finally {
    Object.entries(previous).forEach(([k, v]) => (v === undefined ? delete process.env[k] : (process.env[k] = v)));
  }
}

/** Every file under `dir`, by relative path. */
function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .map((file) => [path.relative(dir, file), fs.readFileSync(file, "utf8")]),
  );
}

/** The shipped environments and a small generated fleet (two accounts, several stages), as HCL. */
function synthAll(outdir: string, fullPrepare: boolean): Record<string, string> {
  withEnv({ SYNTH_HCL_OUTPUT: "true", CDKTF_FULL_PREPARE: fullPrepare ? "1" : undefined }, () => {
    const app = new App({ outdir, hclOutput: true });
    buildStacks(app, loadEnvironments([...Object.values(ENVIRONMENTS), ...largeConfig(2, 3)]));
    app.synth();
  });
  return readTree(outdir);
}

describe("ReadableStack.prepareStack", () => {
  it("synthesizes exactly what cdktf's full preparing pass synthesizes", () => {
    const fast = synthAll(path.join(work, "fast"), false);
    const full = synthAll(path.join(work, "full"), true);
    expect(Object.keys(fast).filter((f) => f.endsWith("cdk.tf")).length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(fast).sort()).toEqual(Object.keys(full).sort());
    for (const file of Object.keys(full)) expect(`${file}:\n${fast[file]}`).toBe(`${file}:\n${full[file]}`);
  });

  it("still gives a stack without a backend cdktf's local backend", () => {
    const app = new App({ outdir: path.join(work, "backend") });
    const stack = new ReadableStack(app, "bare");
    stack.prepareStack();
    expect(stack.node.children.map((c) => c.constructor.name)).toContain("LocalBackend");
  });

  it("gives up cross-stack references, which CDKTF_FULL_PREPARE=1 restores", () => {
    const referencingStack = (fullPrepare: boolean) =>
      withEnv({ CDKTF_FULL_PREPARE: fullPrepare ? "1" : undefined }, () => {
        const app = new App({ outdir: path.join(work, `cross-${fullPrepare}`) });
        const producer = new ReadableStack(app, "producer");
        const topic = new SnsTopic(producer, "topic", { name: "t" });
        const consumer = new ReadableStack(app, "consumer");
        new TerraformOutput(consumer, "arn", { value: topic.arn });
        consumer.prepareStack();
        producer.prepareStack();
        return JSON.stringify(consumer.toTerraform());
      });
    expect(referencingStack(false)).not.toContain("terraform_remote_state");
    expect(referencingStack(false)).toContain("aws_sns_topic.topic.arn"); // undeclared here: terraform validate rejects it
    expect(referencingStack(true)).toContain("terraform_remote_state");
  });
});
