/**
 * Jest's global teardown: removes the run's folder, and fails the run when a test left a file or folder in
 * its temporary directory (cdktf's `Testing` helpers did, hundreds a run, until test/setup.ts cleaned up
 * after them). Jest reports the error and exits with 1.
 */
import * as path from "path";
import { TEST_RUN_VARIABLE, endTestRun, testRunDir } from "./test-run";

export default function globalTeardown(): void {
  const runDir = testRunDir();
  const left = endTestRun(runDir);
  delete process.env[TEST_RUN_VARIABLE];
  process.env.TMPDIR = path.dirname(runDir); // the folder the run's was made in
  if (left.length > 0) {
    throw new Error(`The tests left ${left.length} temporary file(s) or folder(s) behind (now removed); each test must remove what it makes: ${left.join(", ")}`);
  }
}
