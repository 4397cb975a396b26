/**
 * A registry synthesized to HCL in-process, through the same steps as `npm run synth` (`buildStacks` of the
 * validated environments, cdktf's HCL output, then scripts/lib/synth.ts's repairs and formatting), for a
 * registry that is not the shipped one: `npm run synth` runs main.ts, which always loads `ENVIRONMENTS`.
 */
import { App } from "cdktf";
import { loadEnvironments } from "../../environments";
import { repairAndFormatStacks } from "../../scripts/lib/synth";
import { buildStacks } from "../../stacks/app";
import type { Registry } from "./registry";

export async function synthRegistryHcl(registry: Registry, outdir: string): Promise<void> {
  // Each cdktf stack reads SYNTH_HCL_OUTPUT when it is constructed (the app's hclOutput option only names
  // the files), so it is set around the build, as synthHcl sets it for the app's process.
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    const app = new App({ outdir, hclOutput: true });
    buildStacks(app, loadEnvironments(Object.values(registry)));
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  await repairAndFormatStacks(outdir);
}
