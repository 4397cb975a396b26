/**
 * `npm run bench`: how long synthesis takes and how much memory it needs, against the floor cdktf itself
 * costs. Every scenario runs through the same pipeline as `npm run synth` (compiled app, HCL repairs,
 * formatting; `SYNTH_FORMATTER=terraform` measures with `terraform fmt` instead). Each figure is the median
 * of BENCH_RUNS runs (default 5). It prints figures; it is not a test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { synthesizedStacks } from "./lib/manifest";
import { formatterFromEnv, synthHcl } from "./lib/synth";

interface Scenario {
  readonly label: string;
  readonly app: string;
  readonly env?: Record<string, string>;
}

interface Figures {
  readonly label: string;
  readonly stacks: number;
  readonly stages: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakRssMiB: number;
}

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const LARGE_ENVIRONMENTS = Number(process.env.BENCH_ENVIRONMENTS ?? 25);
const LARGE_STAGES = Number(process.env.BENCH_STAGES ?? 4);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
const probe = path.join(__dirname, "bench", "max-rss.js");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function countStages(outdir: string): number {
  return synthesizedStacks(outdir)
    .map((stack) => fs.readFileSync(stack.file, "utf8"))
    .reduce((n, hcl) => n + (hcl.match(/resource "aws_api_gateway_stage"/g) ?? []).length, 0);
}

async function measure(scenario: Scenario): Promise<Figures> {
  const times: number[] = [];
  const rss: number[] = [];
  let stacks = 0;
  let stages = 0;
  for (let run = 0; run < RUNS; run++) {
    const outdir = path.join(work, "out");
    const rssFile = path.join(work, "rss");
    const start = performance.now();
    const result = await synthHcl({ outdir, app: scenario.app, nodeArgs: ["-r", probe], env: { ...scenario.env, BENCH_RSS_FILE: rssFile } });
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`${scenario.label}: synth failed\n${result.error}`);
    rss.push(Number(fs.readFileSync(rssFile, "utf8")) / 1024);
    stacks = result.stacks.length;
    stages = countStages(outdir);
  }
  return { label: scenario.label, stacks, stages, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), peakRssMiB: Math.max(...rss) };
}

function row(f: Figures): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return `| ${f.label} | ${f.stacks} | ${f.stages} | ${s(f.medianMs)} | ${s(f.minMs)}–${s(f.maxMs)} | ${f.peakRssMiB.toFixed(0)} |`;
}

function verdict(name: string, value: number, limit: number, unit: string): string {
  return `- ${name}: ${value.toFixed(2)}${unit} (target <= ${limit}${unit}) ${value <= limit ? "OK" : "OVER TARGET"}`;
}

async function main(): Promise<void> {
  const scenarios: Scenario[] = [
    { label: "trivial app (1 resource)", app: "dist/scripts/bench/trivial-app.js" },
    { label: "shipped environments", app: "dist/main.js" },
    {
      label: `large config (${LARGE_ENVIRONMENTS} envs x ${LARGE_STAGES} stages)`,
      app: "dist/scripts/bench/large-app.js",
      env: { BENCH_ENVIRONMENTS: String(LARGE_ENVIRONMENTS), BENCH_STAGES: String(LARGE_STAGES) },
    },
  ];
  const machine = `node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
  console.log(`Synth benchmark: ${RUNS} runs each, ${machine}, formatter ${formatterFromEnv()} (SYNTH_FORMATTER)\n`);
  const figures: Figures[] = [];
  for (const scenario of scenarios) figures.push(await measure(scenario)); // one at a time: they compete for CPU
  const [trivial, shipped, large] = figures;
  console.log("| scenario | stacks | stages | median s | range s | peak RSS MiB |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  [trivial, shipped, large].forEach((f) => console.log(row(f)));
  console.log("");
  console.log(verdict("shipped / trivial", shipped.medianMs / trivial.medianMs, 3, "x"));
  console.log(verdict("large / shipped", large.medianMs / shipped.medianMs, 3, "x"));
  console.log(`- large per stage: ${(large.medianMs / Math.max(1, large.stages)).toFixed(1)} ms; shipped per stage: ${(shipped.medianMs / Math.max(1, shipped.stages)).toFixed(1)} ms`);
  console.log(verdict("peak memory", Math.max(trivial.peakRssMiB, shipped.peakRssMiB, large.peakRssMiB), 1024, " MiB"));
}

main()
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
