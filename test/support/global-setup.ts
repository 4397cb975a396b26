/**
 * Jest's global setup: the run's folder (test/support/test-run.ts), named to the test workers through
 * `APIGW_TEST_RUN`, and its `tmp/` as their `TMPDIR` (Node's `os.tmpdir()`, Terraform and the cdktf CLI read
 * it). Jest starts its workers after this, with this environment.
 */
import * as os from "os";
import { TEST_RUN_VARIABLE, makeTestRun, runTmpDir } from "./test-run";

export default function globalSetup(): void {
  const runDir = makeTestRun(os.tmpdir());
  process.env[TEST_RUN_VARIABLE] = runDir;
  process.env.TMPDIR = runTmpDir(runDir);
}
