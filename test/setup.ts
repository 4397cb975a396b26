import { Testing } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
// Type declarations of cdktf's Jest matchers (toHaveResourceWithProperties, ...).
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
// cdktf's token creation stacks are already skipped (test/setup-before-cdktf.ts), as the app skips them: under
// Jest every captured trace goes through the source maps, which made a synthesis four times slower.
// `CDKTF_CREATION_STACKS=1` keeps the traces (to debug a resolution error).

/**
 * cdktf's `Testing.app()` (so `synthScope`) and `fullSynth` each make a folder in the temporary directory and
 * never remove it: hundreds a run. The folders this test file's tests made are removed after them (each
 * file's own: another worker may be using its folders at that moment).
 */
const made: string[] = [];
const app = Testing.app.bind(Testing);
const fullSynth = Testing.fullSynth.bind(Testing);
Testing.app = (options = {}) => {
  if (options.outdir) return app(options);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf.outdir."));
  made.push(outdir);
  return app({ ...options, outdir });
};
Testing.fullSynth = (stack) => {
  const outdir = fullSynth(stack);
  made.push(outdir);
  return outdir;
};
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
