/**
 * `npm run bench`: how long synthesis takes and how much memory it needs, against the floor cdktf itself
 * costs, up to 1,000 stages. Every scenario runs through the same pipeline as `npm run synth` (compiled app,
 * HCL repairs, formatting; `SYNTH_FORMATTER=terraform` measures with `terraform fmt` instead).
 *
 * The scenarios are interleaved: each round runs every scenario once, in an order rotated from round to
 * round, after BENCH_WARMUP rounds that are not counted (default 1). A ratio is taken within each round, so a
 * machine that slows down or speeds up between rounds moves both sides of it; each is reported as the median
 * of BENCH_RUNS rounds (default 5) with its interquartile range and its min-max.
 *
 * Flags: `--cdktf-cli` adds `cdktf synth --hcl` of the shipped environments as a scenario (the yardstick of
 * the pipeline's speed, about 5 s a run); `--npm-test` times one `npm test` after the rounds (the whole suite,
 * one to two minutes). It prints figures; it is not a test.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { pairedRatios, quantile, roundOrder } from "./bench/stats";
import { synthesizedStacks } from "./lib/manifest";
import { formatterFromEnv, synthHcl } from "./lib/synth";

interface Scenario {
  readonly key: string;
  readonly label: string;
  /** One timed run; returns the peak RSS (KiB) of the synthesizing process and what it wrote. */
  readonly run: (outdir: string) => Promise<{ readonly peakKiB: number; readonly stacks: number; readonly stages: number }>;
}

interface Sample {
  readonly ms: number;
  readonly peakKiB: number;
  readonly stacks: number;
  readonly stages: number;
}

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const WARMUP = Math.max(0, Number(process.env.BENCH_WARMUP ?? 1));
const LARGE_STAGES = Math.max(1, Number(process.env.BENCH_STAGES ?? 1000));
const FLAGS = new Set(process.argv.slice(2));
/** The project root: `dist/scripts` is two folders down. */
const ROOT = path.resolve(__dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
const probe = path.join(__dirname, "bench", "max-rss.js");

function countStages(outdir: string): number {
  return synthesizedStacks(outdir)
    .map((stack) => fs.readFileSync(stack.file, "utf8"))
    .reduce((n, hcl) => n + (hcl.match(/resource "aws_api_gateway_stage"/g) ?? []).length, 0);
}

/** A scenario that runs a compiled app through `npm run synth`'s pipeline. */
function pipeline(key: string, label: string, app: string, env: Record<string, string> = {}): Scenario {
  return {
    key,
    label,
    run: async (outdir) => {
      const rssFile = path.join(work, `rss-${key}`);
      const result = await synthHcl({ outdir, app, nodeArgs: ["-r", probe], env: { ...env, BENCH_RSS_FILE: rssFile } });
      if (!result.ok) throw new Error(`${label}: synth failed\n${result.error}`);
      return { peakKiB: Number(fs.readFileSync(rssFile, "utf8")), stacks: result.stacks.length, stages: countStages(outdir) };
    },
  };
}

/** `cdktf synth --hcl` of the shipped environments, as the CLI runs an app of its own (no build step). */
function cdktfCli(): Scenario {
  return {
    key: "cli",
    label: "cdktf synth --hcl (shipped)",
    run: async (outdir) => {
      // The probe measures the app the CLI starts, not the CLI itself.
      const args = ["synth", "--hcl", "--app", `node -r ${probe} dist/main.js`, "--output", outdir];
      const rssFile = path.join(work, "rss-cli");
      const env = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_DISABLE_TELEMETRY: "true", BENCH_RSS_FILE: rssFile };
      const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), args, { cwd: ROOT, env, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`cdktf synth --hcl exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
      return { peakKiB: Number(fs.readFileSync(rssFile, "utf8")), stacks: synthesizedStacks(outdir).length, stages: countStages(outdir) };
    },
  };
}

/** Every scenario once per round, the order rotated each round; the first `WARMUP` rounds are dropped. */
async function measure(scenarios: readonly Scenario[]): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(scenarios.map((s) => [s.key, []]));
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const scenario of roundOrder(scenarios, round)) {
      const outdir = path.join(work, `out-${scenario.key}`);
      const start = performance.now();
      const result = await scenario.run(outdir);
      const ms = performance.now() - start;
      fs.rmSync(outdir, { recursive: true, force: true });
      if (round >= WARMUP) samples.get(scenario.key)?.push({ ms, ...result });
    }
    process.stderr.write(`round ${round + 1} of ${WARMUP + RUNS}${round < WARMUP ? " (warm-up)" : ""} done\n`);
  }
  return samples;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function row(label: string, xs: readonly Sample[]): string {
  const ms = xs.map((x) => x.ms);
  const peak = Math.max(...xs.map((x) => x.peakKiB)) / 1024;
  return `| ${label} | ${xs[0].stacks} | ${xs[0].stages} | ${seconds(quantile(ms, 0.5))} | ${seconds(Math.min(...ms))}–${seconds(Math.max(...ms))} | ${peak.toFixed(0)} |`;
}

/** One ratio of two scenarios, taken within each round. */
function ratio(name: string, over: readonly Sample[], under: readonly Sample[], target?: { readonly op: "<=" | ">="; readonly value: number }): string {
  const rs = pairedRatios(over.map((o) => o.ms), under.map((u) => u.ms));
  const median = quantile(rs, 0.5);
  const spread = `IQR ${quantile(rs, 0.25).toFixed(2)}–${quantile(rs, 0.75).toFixed(2)}, min–max ${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)}`;
  const verdict = target === undefined ? "" : ` (target ${target.op} ${target.value}x) ${(target.op === "<=" ? median <= target.value : median >= target.value) ? "OK" : "OFF TARGET"}`;
  return `- ${name}: median ${median.toFixed(2)}x (${spread})${verdict}`;
}

/** One `npm test`, wall time, or why it was not run. */
function npmTest(): string {
  if (!FLAGS.has("--npm-test")) return "- npm test: not measured (pass --npm-test: it runs the whole suite once, one to two minutes)";
  const start = performance.now();
  const run = spawnSync("npm", ["test", "--silent"], { cwd: ROOT, env: process.env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const s = (performance.now() - start) / 1000;
  return `- npm test: ${s.toFixed(1)} s wall, one run (target < 60 s) ${run.status === 0 ? (s < 60 ? "OK" : "OVER TARGET") : `FAILED (exit ${run.status})`}`;
}

async function main(): Promise<void> {
  const scenarios: Scenario[] = [
    pipeline("trivial", "trivial app (1 resource)", "dist/scripts/bench/trivial-app.js"),
    pipeline("shipped", "shipped environments", "dist/main.js"),
    pipeline("s100", "100 stages (10 per environment)", "dist/scripts/bench/large-app.js", { BENCH_STAGES: "100" }),
    pipeline("large", `${LARGE_STAGES.toLocaleString("en")} stages (10 per environment)`, "dist/scripts/bench/large-app.js", { BENCH_STAGES: String(LARGE_STAGES) }),
    ...(FLAGS.has("--cdktf-cli") ? [cdktfCli()] : []),
  ];
  const machine = `node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`Synth benchmark: ${RUNS} rounds after ${WARMUP} warm-up, scenarios interleaved (order rotated each round), formatter ${formatterFromEnv()} (SYNTH_FORMATTER)`);
  console.log(`${machine}; load average before: ${load()}\n`);
  const samples = await measure(scenarios);
  const of = (key: string) => samples.get(key) ?? [];
  console.log("| scenario | stacks | stages | median s | min–max s | peak RSS MiB |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const s of scenarios) console.log(row(s.label, of(s.key)));
  console.log(`\nRatios, paired within each round (median of ${RUNS}; load average after: ${load()}):`);
  console.log(ratio("shipped / trivial", of("shipped"), of("trivial"), { op: "<=", value: 3 }));
  console.log(ratio("100 stages / shipped", of("s100"), of("shipped"), { op: "<=", value: 3 }));
  console.log(ratio(`${LARGE_STAGES.toLocaleString("en")} stages / shipped`, of("large"), of("shipped")));
  if (FLAGS.has("--cdktf-cli")) console.log(ratio("cdktf synth --hcl / npm run synth's pipeline (shipped)", of("cli"), of("shipped"), { op: ">=", value: 10 }));
  else console.log("- cdktf synth --hcl / pipeline: not measured (pass --cdktf-cli: about 5 s a run)");
  const large = of("large");
  console.log(`- ${LARGE_STAGES.toLocaleString("en")} stages: ${(quantile(large.map((x) => x.ms), 0.5) / LARGE_STAGES).toFixed(1)} ms per stage`);
  const peak = Math.max(...[...samples.values()].flat().map((x) => x.peakKiB)) / 1024;
  console.log(`- peak memory: ${peak.toFixed(0)} MiB (target <= 1024 MiB) ${peak <= 1024 ? "OK" : "OVER TARGET"}`);
  console.log(npmTest());
}

main()
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
