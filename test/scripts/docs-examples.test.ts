/**
 * The README's and docs/terraform-teams.md's examples are the shipped files and commands, not a sketch of them:
 * the staging example is environments/staging.ts, the worked examples (a stage, an environment, an account)
 * pass validation, and the plain-terraform offline recipe plans a synthesized stack as written, offline.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import * as accounts from "../../environments/accounts";
import * as sampleApi from "../../environments/sample-api";
import staging from "../../environments/staging";
import { shippedSynth } from "../support/shared-stacks";

const root = path.join(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const guide = fs.readFileSync(path.join(root, "docs", "terraform-teams.md"), "utf8");

/** The one fenced block of `lang` that contains `marker`, without the indentation of a list item. */
function codeBlock(markdown: string, lang: string, marker: string): string {
  const blocks = [...markdown.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].filter(([, , l, body]) => l === lang && body.includes(marker));
  if (blocks.length !== 1) throw new Error(`expected one \`\`\`${lang} block with ${marker}, found ${blocks.length}`);
  const [, indent, , body] = blocks[0];
  return body.split("\n").map((line) => line.slice(indent.length)).join("\n");
}

/** Runs a TypeScript example (types dropped) as a CommonJS module with the given modules; returns its exports. */
function runExample(code: string, modules: Readonly<Record<string, unknown>> = {}, scope: Readonly<Record<string, unknown>> = {}, result = "exports"): any {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 } }).outputText;
  const exports = {};
  const requireExample = (name: string) => {
    if (!(name in modules)) throw new Error(`the example imports ${name}, which the test does not provide`);
    return modules[name];
  };
  return new Function("require", "exports", ...Object.keys(scope), `${js}\nreturn ${result};`)(requireExample, exports, ...Object.values(scope));
}

describe("the README's quick start", () => {
  it("has the test commands CI runs (.ci/run), in the same order: npm test, then the deploy path with the real cdktf CLI", () => {
    const commands = (text: string) => text.split("\n").map((line) => line.replace(/#.*/, "").trim()).filter((line) => /^npm (test|run test:)/.test(line));
    const quickStart = commands(codeBlock(readme, "sh", "npm test"));
    expect(quickStart).toEqual(["npm test", "npm run test:cli"]);
    expect(commands(fs.readFileSync(path.join(root, ".ci", "run"), "utf8"))).toEqual(quickStart);
  });
});

describe("the README's configuration example", () => {
  it("is environments/staging.ts, field for field", () => {
    const example = runExample(codeBlock(readme, "ts", "const staging"), {}, { ...accounts, ...sampleApi }, "staging");
    expect(example).toEqual(staging);
  });
});

describe("the guide's worked examples", () => {
  it("'Add a stage': the stages before v2 are staging's, and staging with v2 passes validation", () => {
    const { stages } = runExample(`const example = {\n${codeBlock(guide, "ts", `name: "v1-qa"`)}\n};`, {}, {}, "example");
    expect(stages.slice(0, -1)).toEqual(staging.stages);
    expect(stages[stages.length - 1].name).toBe("v2");
    expect(() => loadEnvironments([{ ...staging, stages }])).not.toThrow();
  });

  it("'Add an account' and 'Add an environment': qa in its own account passes validation beside the shipped environments", () => {
    const qaAccount = runExample(codeBlock(guide, "ts", "export const QA_ACCOUNT"));
    const qa = runExample(codeBlock(guide, "ts", "const qa: EnvironmentInput"), { "./accounts": { ...accounts, ...qaAccount }, "./sample-api": sampleApi, "./types": {} }).default;
    expect(qa.account).toBe(qaAccount.QA_ACCOUNT);
    const loaded = loadEnvironments([...Object.values(ENVIRONMENTS), qa]);
    expect(loaded.map((e) => e.name)).toContain("qa");
  });
});

describe("the guide's offline plan with plain terraform", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "docs-recipe-"));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  /**
   * The folder the recipe copies its stack to, which the test moves into its own folder. The recipe plans the
   * production account's stack: it declares a secret variable (so the `-var` is needed), and with a quarter of
   * prod's resources its plan takes about half the CPU.
   */
  const RECIPE_COPY = "/tmp/plan-copy";

  it("runs as written on a synthesized stack (npm run synth's output), with the provider mirror when there is one", async () => {
    // npm run synth's output (made once per test run), copied: the recipe only reads it, but a slip must not change it.
    fs.cpSync(await shippedSynth(), path.join(work, "project", "cdktf.out"), { recursive: true });
    const recipe = codeBlock(guide, "sh", "zz_offline_override.tf");
    expect(recipe.split("\n")[0]).toBe("npm run synth"); // done above
    expect(recipe).toContain(`cd ${RECIPE_COPY}\n`); // so that the copy goes into the test's folder
    let script = recipe.split("\n").slice(1).join("\n").replaceAll(RECIPE_COPY, path.join(work, "plan-copy"));
    // With registry access the guide says to drop the mirror flag; TF_PLUGIN_MIRROR is how the tests find a mirror.
    if (!process.env.TF_PLUGIN_MIRROR) script = script.replace(' -plugin-dir "$TF_PLUGIN_MIRROR"', "");
    // A reader's shell, without the caller's AWS settings (a profile would override the mock keys) or Terraform tuning.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|TF_(?!PLUGIN_MIRROR$))/.test(name)));
    const run = spawnSync("bash", ["-e", "-c", script], {
      cwd: path.join(work, "project"),
      env: { ...env, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(/Plan: [1-9]\d* to add, 0 to change, 0 to destroy\./); // without colours
  }, 300_000);
});
