/**
 * The app command of `cdktf.json`: what `cdktf synth`, `diff`, `deploy`, `destroy` and `output` run to
 * synthesize. It is the same pipeline as `npm run synth` (compiled app, HCL repairs, `terraform fmt`'s
 * formatting) writing into the folder the CLI names (`CDKTF_OUTDIR`), and it always writes HCL, whether or
 * not the CLI asked for it (`SYNTH_HCL_OUTPUT`). So every path writes the same bytes into a folder that
 * held nothing else: there is never a `cdk.tf.json` beside a `cdk.tf` (Terraform would read every block
 * twice), and the CLI plans and applies exactly what `npm run synth` wrote and a reviewer read.
 */
import { synthHcl } from "./lib/synth";

synthHcl({ outdir: process.env.CDKTF_OUTDIR }).then((result) => {
  if (!result.ok) {
    process.stderr.write(result.error);
    process.exitCode = 1;
  }
});
