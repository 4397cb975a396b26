/**
 * `node dist/scripts/plan-comment.js <artifacts dir>`: prints the pull request's plan comment (Markdown) from
 * the downloaded artifacts: `plan-<stack>/<stack>.changes.json` of each plan job and `report/report.md`.
 * `STACKS` (the synth job's JSON list) names every stack that should have a plan; `COMMIT_SHA` the commit.
 */
import * as fs from "fs";
import * as path from "path";
import { planComment } from "./lib/plan-comment";
import { changesFile, type StackPlanRecord } from "./lib/plan-changes";

function readRecord(dir: string, stack: string): StackPlanRecord | undefined {
  const file = changesFile(path.join(dir, `plan-${stack}`), stack);
  if (!fs.existsSync(file)) return undefined;
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as StackPlanRecord;
  if (record.stack !== stack) throw new Error(`${file} is the record of stack "${record.stack}". Allowed: the record of "${stack}"`);
  return record;
}

function main(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const [dir] = argv;
  if (!dir || !env.STACKS) throw new Error("Usage: STACKS='[\"dev\", ...]' COMMIT_SHA=<sha> node dist/scripts/plan-comment.js <artifacts dir>");
  const stacks: string[] = JSON.parse(env.STACKS);
  const records = new Map(stacks.flatMap((stack) => {
    const record = readRecord(dir, stack);
    return record ? [[stack, record] as const] : [];
  }));
  const reportFile = path.join(dir, "report", "report.md");
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, "utf8") : undefined;
  return planComment({ sha: env.COMMIT_SHA ?? "unknown", stacks, records, report });
}

try {
  process.stdout.write(main(process.argv.slice(2), process.env));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
