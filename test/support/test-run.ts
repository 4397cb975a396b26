/**
 * One Jest run's folder, made by the global setup (test/support/global-setup.ts) and removed by the global
 * teardown: `tmp/` is the temporary directory of every test and of every process a test starts (`TMPDIR`),
 * so that whatever a test leaves there is found at the end of the run; `shared/` holds what several test
 * files read and one of them makes (test/support/shared.ts).
 */
import * as fs from "fs";
import * as path from "path";

/** The variable that names the run's folder, for the test workers and the processes they start. */
export const TEST_RUN_VARIABLE = "APIGW_TEST_RUN";

/** The run's folder; an error that says how to get one when the tests run without jest.config.js. */
export function testRunDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[TEST_RUN_VARIABLE];
  if (!dir) throw new Error(`${TEST_RUN_VARIABLE} is not set: run the tests with jest.config.js, whose globalSetup (test/support/global-setup.ts) makes the run's folder.`);
  return dir;
}

/** The run's temporary directory (`TMPDIR` of the tests). */
export const runTmpDir = (runDir: string): string => path.join(runDir, "tmp");

/** The run's folder of shared results. */
export const runSharedDir = (runDir: string): string => path.join(runDir, "shared");

/** Makes a run's folder under `parent` (the system's temporary directory) and returns it. */
export function makeTestRun(parent: string): string {
  const dir = fs.mkdtempSync(path.join(parent, "apigw-test-run-"));
  fs.mkdirSync(runTmpDir(dir));
  fs.mkdirSync(runSharedDir(dir));
  return dir;
}

/**
 * What the tests left in the run's temporary directory, by name (empty when they cleaned up), then the run's
 * folder removed whatever it holds: a run never leaves anything behind, and says which test forgot to.
 */
export function endTestRun(runDir: string): string[] {
  let left: string[] = [];
  try {
    left = fs.readdirSync(runTmpDir(runDir)).sort();
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  return left;
}
