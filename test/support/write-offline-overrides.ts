/**
 * `node dist/test/support/write-offline-overrides.js <outdir>`: adds the test harness's offline override
 * (mock credentials, `skip_*` flags, local backend) to every stack of a synthesized app. Only the cdktf CLI
 * test uses it, chained after the real app command, because the CLI plans the folder it synthesized into.
 */
import * as path from "path";
import { stackFiles } from "../../scripts/lib/synth";
import { writeOfflineOverride } from "../../scripts/lib/terraform";

const outdir = process.argv[2];
if (!outdir) throw new Error("usage: write-offline-overrides <outdir>");
for (const { file } of stackFiles(path.resolve(outdir))) writeOfflineOverride(path.dirname(file));
