// `npm run synth` when the TypeScript does not compile (a type error in environments/dev.ts, say): nothing was
// synthesized, so the previous output goes too, as it does when a config fails validation (scripts/lib/synth.ts).
// A stale cdktf.out would otherwise be planned, diffed or deployed as if it were this code's.
// Plain JavaScript, not compiled: it runs exactly when the build did not.
const fs = require("fs");
const path = require("path");

const outdir = path.resolve(process.env.CDKTF_OUTDIR || "cdktf.out");
const existed = fs.existsSync(outdir);
fs.rmSync(outdir, { recursive: true, force: true });
console.error(
  `The TypeScript did not compile (tsc's errors above); nothing was synthesized` +
    (existed ? `, and the previous output ${path.relative(process.cwd(), outdir) || outdir} was removed so that nothing stale is planned or deployed.` : "."),
);
process.exitCode = 1;
