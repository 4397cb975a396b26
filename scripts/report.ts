/**
 * `npm run report -- [--all] [environment ...]`: a Markdown table of what differs between the environments,
 * from their validated configs. An invalid config prints the validation message and exits 1.
 */
import { ConfigValidationError, loadEnvironments, selectEnvironments } from "../environments";
import { environmentReport } from "./lib/report";

function main(argv: readonly string[]): number {
  const unknown = argv.filter((a) => a.startsWith("-") && a !== "--all");
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(", ")}. Allowed: --all, and environment names`);
    return 1;
  }
  const names = argv.filter((a) => !a.startsWith("-"));
  try {
    const envs = loadEnvironments(selectEnvironments(names.length > 0 ? names.join(",") : undefined));
    process.stdout.write(environmentReport(envs, { all: argv.includes("--all") }));
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
