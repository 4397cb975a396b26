/**
 * An app synthesized to HCL in-process, through the same steps as `npm run synth` (cdktf's HCL output, then
 * scripts/lib/synth.ts's repairs and formatting), for what is not the shipped registry: `npm run synth` runs
 * main.ts, which always loads `ENVIRONMENTS`.
 */
import { App } from "cdktf";
import * as fs from "fs";
import { loadEnvironments } from "../../environments";
import { type Formatter, repairAndFormatStacks } from "../../scripts/lib/synth";
import { buildStacks } from "../../stacks/app";
import type { Registry } from "./registry";

/** The stacks `build` adds to an app, rendered to HCL in `outdir` by cdktf, before any repair. */
export function renderAppHcl(outdir: string, build: (app: App) => void): void {
  // Each cdktf stack reads SYNTH_HCL_OUTPUT when it is constructed (the app's hclOutput option only names
  // the files), so it is set around the build, as synthHcl sets it for the app's process.
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    fs.mkdirSync(outdir, { recursive: true }); // cdktf makes the folder itself, but not its parents
    const app = new App({ outdir, hclOutput: true });
    build(app);
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

/** The stacks `build` adds to an app, synthesized to HCL in `outdir`, repaired and formatted. */
export async function synthAppHcl(outdir: string, build: (app: App) => void, formatter?: Formatter): Promise<void> {
  renderAppHcl(outdir, build);
  await repairAndFormatStacks(outdir, formatter);
}

/** `buildStacks` of the validated environments of `registry`, synthesized to HCL in `outdir`. */
export function synthRegistryHcl(registry: Registry, outdir: string): Promise<void> {
  return synthAppHcl(outdir, (app) => buildStacks(app, loadEnvironments(Object.values(registry))));
}
