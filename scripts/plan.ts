/**
 * `npm run plan -- [stack ...] [--offline | --online] [--no-synth]`: synthesizes, then plans every named
 * stack (all by default). Prints a per-stack summary and writes the full plans to `plans/<stack>.txt` and
 * the summary to `plans/summary.md` (`PLANS_DIR` moves them; `CDKTF_OUTDIR` the HCL). Exits 1 when a plan fails.
 */
import * as path from "path";
import { selectStacks, synthesizedStacks } from "./lib/manifest";
import { chooseMode, planStacks, summaryMarkdown, writePlans } from "./lib/plan";
import { synthHcl } from "./lib/synth";

const FLAGS = ["--offline", "--online", "--no-synth"];

async function main(argv: readonly string[]): Promise<number> {
  const unknownFlags = argv.filter((a) => a.startsWith("-") && !FLAGS.includes(a));
  if (unknownFlags.length > 0) throw new Error(`Unknown option ${unknownFlags.join(", ")}. Allowed: ${FLAGS.join(", ")}`);
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  if (!argv.includes("--no-synth")) {
    const synth = await synthHcl({ outdir });
    if (!synth.ok) {
      process.stderr.write(synth.error);
      return 1;
    }
  }
  const available = synthesizedStacks(outdir).map((s) => s.name).sort();
  const stacks = selectStacks(available, argv.filter((a) => !a.startsWith("-")));
  const { mode, reason } = chooseMode({ offline: argv.includes("--offline"), online: argv.includes("--online") }, process.env);

  console.log(`Planning ${stacks.join(", ")} (${mode})...`);
  const outcomes = await planStacks({ outdir, stacks, mode });
  const summary = summaryMarkdown(outcomes, reason);
  const plansDir = path.resolve(process.env.PLANS_DIR ?? "plans");
  writePlans(plansDir, outcomes, summary);

  console.log(`\n${summary}`);
  for (const failed of outcomes.filter((o) => !o.ok)) console.error(`\n${failed.stack} failed:\n${failed.text}`);
  console.log(`Full plans: ${path.relative(process.cwd(), plansDir)}/<stack>.txt; summary: ${path.relative(process.cwd(), plansDir)}/summary.md`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
