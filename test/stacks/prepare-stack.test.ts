/**
 * ReadableStack skips cdktf's preparing resolve, which only discovers cross-stack references (stacks
 * here share none). These tests prove the output is the same as with cdktf's full pass for the shipped
 * environments, generated configs (the sample the Terraform tests check) and a generated fleet, and that
 * a cross-stack reference, which the skip cannot wire, fails the synth instead of rendering.
 */
import { App, TerraformOutput } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import type { EnvironmentInput } from "../../environments/types";
import { checkEnvironment } from "../../environments/validate";
import { buildStacks } from "../../stacks/app";
import { CrossStackReferenceError, ReadableStack } from "../../stacks/readable-stack";
import { largeConfig } from "../../scripts/bench/large-config";
import { arbitraryEnvironment } from "../support/arbitraries";

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

/** Valid generated configs, as test/terraform/generated-configs.test.ts samples them (same seed), each in an account of its own. */
function generatedConfigs(count: number): EnvironmentInput[] {
  return fc
    .sample(arbitraryEnvironment(), { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261123) })
    .map((input, i): EnvironmentInput => ({ ...input, name: `g${i}`, account: { ...input.account, name: `a${i}`, id: String(100000000000 + i) } }))
    .filter((input) => checkEnvironment(input).issues.length === 0)
    .slice(0, count);
}

/** The shipped environments, generated configs and a generated fleet (several accounts and regions), as HCL. */
function synthAll(outdir: string, fullPrepare: boolean): Record<string, string> {
  withEnv({ SYNTH_HCL_OUTPUT: "true", CDKTF_FULL_PREPARE: fullPrepare ? "1" : undefined }, () => {
    const app = new App({ outdir, hclOutput: true });
    const fleet = largeConfig({ environments: 4, stagesPerEnvironment: 3, accounts: 2 });
    buildStacks(app, loadEnvironments([...Object.values(ENVIRONMENTS), ...generatedConfigs(3), ...fleet]));
    app.synth();
  });
  return readTree(outdir);
}

describe("ReadableStack.prepareStack", () => {
  it("synthesizes exactly what cdktf's full preparing pass synthesizes", () => {
    const fast = synthAll(path.join(work, "fast"), false);
    const full = synthAll(path.join(work, "full"), true);
    expect(Object.keys(fast).filter((f) => f.endsWith("cdk.tf")).length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(fast).sort()).toEqual(Object.keys(full).sort());
    for (const file of Object.keys(full)) expect(`${file}:\n${fast[file]}`).toBe(`${file}:\n${full[file]}`);
  });

  it("still gives a stack without a backend cdktf's local backend", () => {
    const app = new App({ outdir: path.join(work, "backend") });
    const stack = new ReadableStack(app, "bare");
    stack.prepareStack();
    expect(stack.node.children.map((c) => c.constructor.name)).toContain("LocalBackend");
  });

  /** Two stacks, the consumer referring to the producer's topic; synthesized as HCL, as `npm run synth` does. */
  function crossStackApp(name: string, fullPrepare: boolean, refer: (consumer: ReadableStack, topic: SnsTopic) => void): () => Record<string, string> {
    return () =>
      withEnv({ SYNTH_HCL_OUTPUT: "true", CDKTF_FULL_PREPARE: fullPrepare ? "1" : undefined }, () => {
        const outdir = path.join(work, name);
        const app = new App({ outdir, hclOutput: true });
        const [producer, consumer] = ["producer", "consumer"].map((id) => new ReadableStack(app, id));
        for (const stack of [producer, consumer]) new AwsProvider(stack, "aws", { region: "eu-west-1" });
        refer(consumer, new SnsTopic(producer, "alerts", { name: "t" }));
        app.synth();
        return readTree(outdir);
      });
  }

  it("refuses a cross-stack reference: the synth fails naming both stacks and the reference", () => {
    // GIVEN a resource of one stack that refers to a resource of another
    const synth = crossStackApp("cross-resource", false, (consumer, topic) => new SnsTopicPolicy(consumer, "policy", { arn: topic.arn, policy: "{}" }));
    // WHEN it is synthesized with the preparing pass skipped, THEN the synth throws, and says what to do instead
    expect(synth).toThrow(CrossStackReferenceError);
    expect(synth).toThrow('Cross-stack reference: stack "consumer" refers to aws_sns_topic.alerts.arn of stack "producer"');
    expect(synth).toThrow(/Allowed: a plain value known at synth .*, or CDKTF_FULL_PREPARE=1/);
  });

  it("refuses it in an output too, and CDKTF_FULL_PREPARE=1 wires it through terraform_remote_state instead", () => {
    const output = (consumer: ReadableStack, topic: SnsTopic) => new TerraformOutput(consumer, "arn", { value: topic.arn });
    expect(crossStackApp("cross-output", false, output)).toThrow('stack "consumer" refers to aws_sns_topic.alerts.arn of stack "producer"');
    const full = crossStackApp("cross-output-full", true, output)();
    expect(full["stacks/consumer/cdk.tf"]).toContain("terraform_remote_state");
    expect(full["stacks/consumer/cdk.tf"]).not.toContain("aws_sns_topic.alerts.arn");
  });

  it("lets a stack refer to its own resources", () => {
    const own = crossStackApp("own", false, (consumer) => {
      const topic = new SnsTopic(consumer, "own-topic", { name: "own" });
      new SnsTopicPolicy(consumer, "policy", { arn: topic.arn, policy: "{}" });
    })();
    expect(own["stacks/consumer/cdk.tf"]).toContain("aws_sns_topic.own_topic.arn");
  });
});
