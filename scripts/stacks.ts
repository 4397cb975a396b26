/**
 * `npm run --silent stacks -- [--json] [--with-dependencies <stack> | --environments]`: the synthesized
 * stacks, one per line (or as a JSON list, for a CI matrix); or one stack preceded by the stacks it depends
 * on (what `cdktf deploy` needs to be given); or the synthesized environments in deploy order (the deploy
 * workflow's matrix, see lib/deploy-order.ts). Reads `cdktf.out/manifest.json` (`CDKTF_OUTDIR` moves it).
 */
import * as path from "path";
import { ENVIRONMENTS } from "../environments";
import { deployOrder } from "./lib/deploy-order";
import { readManifest, withDependencies } from "./lib/manifest";

function main(argv: readonly string[]): string[] {
  const manifest = readManifest(path.resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out"));
  const at = argv.indexOf("--with-dependencies");
  if (at >= 0) {
    const stack = argv[at + 1];
    if (!stack) throw new Error("--with-dependencies needs a stack name. Allowed: " + Object.keys(manifest.stacks).join(", "));
    return withDependencies(manifest, stack);
  }
  if (argv.includes("--environments")) return deployOrder(manifest, ENVIRONMENTS);
  return Object.keys(manifest.stacks).sort();
}

try {
  const argv = process.argv.slice(2);
  const names = main(argv);
  console.log(argv.includes("--json") ? JSON.stringify(names) : names.join("\n"));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
