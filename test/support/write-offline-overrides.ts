/**
 * `node dist/test/support/write-offline-overrides.js <outdir>`: adds the test harness's offline override
 * (mock credentials, `skip_*` flags, local backend) to every stack of a synthesized app. Only the cdktf CLI
 * test uses it, chained after the real app command, because the CLI plans the folder it synthesized into.
 */
import * as path from "path";
import { synthesizedStacks } from "../../scripts/lib/manifest";
import { writeOfflineOverride } from "../../scripts/lib/offline";

const outdir = process.argv[2];
if (!outdir) throw new Error("usage: write-offline-overrides <outdir>");
for (const { dir } of synthesizedStacks(path.resolve(outdir))) writeOfflineOverride(dir);
