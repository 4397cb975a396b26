/**
 * The test run's own machinery (test/support/test-run.ts, test/support/shared.ts): a run's temporary files
 * are found and removed at its end, and what several test files (in several Jest workers: processes) ask
 * for is made once and shared, a failure with its message.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { endTestRun, makeTestRun, runTmpDir } from "../support/test-run";

/** The compiled helper, as a test worker other than this one loads it (`npm test` builds first). */
const SHARED_JS = path.resolve(__dirname, "..", "..", "dist", "test", "support", "shared.js");

/** A process that asks for `key` in `runDir`, making it with `make` (the body of an async function of `dir`). */
function askInAnotherProcess(runDir: string, key: string, make: string): Promise<string> {
  const script = `
    const fs = require("fs");
    const { sharedOnce } = require(${JSON.stringify(SHARED_JS)});
    sharedOnce(${JSON.stringify(key)}, async (dir) => { ${make} }, { runDir: ${JSON.stringify(runDir)} })
      .then((value) => console.log(JSON.stringify(value)), (error) => console.log("rejected: " + error.message));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script]);
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("close", () => resolve(out.trim()));
  });
}

describe("a test run's folder", () => {
  it("GIVEN a test left a folder in the run's temporary directory WHEN the run ends THEN it is named, and the run's folder is gone", () => {
    const run = makeTestRun(os.tmpdir());
    fs.mkdirSync(path.join(runTmpDir(run), "forgotten-abc"));
    expect(endTestRun(run)).toEqual(["forgotten-abc"]);
    expect(fs.existsSync(run)).toBe(false);
  });

  it("GIVEN the tests removed what they made WHEN the run ends THEN nothing is named", () => {
    const run = makeTestRun(os.tmpdir());
    expect(endTestRun(run)).toEqual([]);
  });
});

describe("shared results", () => {
  it("GIVEN two processes asking for the same result at once THEN one makes it, and both get it", async () => {
    const run = makeTestRun(os.tmpdir());
    try {
      const made = path.join(run, "made-count");
      const make = `fs.appendFileSync(${JSON.stringify(made)}, "x"); await new Promise((r) => setTimeout(r, 300)); return { by: process.pid, dir };`;
      const answers = await Promise.all([askInAnotherProcess(run, "result", make), askInAnotherProcess(run, "result", make)]);
      expect(fs.readFileSync(made, "utf8")).toBe("x");
      expect(answers[0]).toBe(answers[1]);
      expect(JSON.parse(answers[0]).dir).toBe(path.join(run, "shared", "result"));
    } finally {
      endTestRun(run);
    }
  }, 30_000);

  it("GIVEN the making fails THEN every process that asked fails with its message", async () => {
    const run = makeTestRun(os.tmpdir());
    try {
      const make = `await new Promise((r) => setTimeout(r, 300)); throw new Error("synth failed: no terraform");`;
      const answers = await Promise.all([askInAnotherProcess(run, "broken", make), askInAnotherProcess(run, "broken", make)]);
      expect(answers).toEqual(["rejected: shared broken failed: synth failed: no terraform", "rejected: shared broken failed: synth failed: no terraform"]);
    } finally {
      endTestRun(run);
    }
  }, 30_000);
});
