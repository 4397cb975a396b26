/** `npm run synth`: every environment's stacks as formatted HCL under cdktf.out/stacks/<stack>/cdk.tf. */
import { synthHcl } from "./lib/synth";

synthHcl({ outdir: process.env.CDKTF_OUTDIR }).then((result) => {
  if (result.ok) {
    console.log(`Synthesized ${result.stacks.length} stacks to ${result.outdir}/stacks: ${result.stacks.join(", ")}`);
  } else {
    process.stderr.write(result.error);
    process.exitCode = 1;
  }
});
