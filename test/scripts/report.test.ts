/** `npm run report`: what differs between environments, as Markdown a reviewer can read in a PR comment. */
import { spawnSync } from "child_process";
import { ENVIRONMENTS, loadEnvironments } from "../../environments";
import { environmentReport, escapeCell, renderMarkdownTable, REPORT_ROWS } from "../../scripts/lib/report";
import { withEnv, withStage } from "../support/environments";

const shipped = () => loadEnvironments(Object.values(ENVIRONMENTS));
const tableRows = (md: string) => md.split("\n").filter((l) => l.startsWith("| "));
const rowOf = (md: string, setting: string) => tableRows(md).find((l) => l.startsWith(`| ${setting} |`));

describe("environment report", () => {
  it("is a well-formed Markdown table: a header, a separator, and as many cells in every row", () => {
    const envs = shipped();
    const md = environmentReport(envs, { all: true });
    const lines = md.split("\n").filter((l) => l.startsWith("|"));
    expect(lines[0]).toBe(`| setting | ${envs.map((e) => e.name).join(" | ")} |`);
    expect(lines[1]).toMatch(/^\|( --- \|)+$/);
    const cells = (l: string) => l.replace(/\\\|/g, "").split("|").length;
    for (const line of lines) expect(cells(line)).toBe(cells(lines[0]));
    expect(lines).toHaveLength(2 + REPORT_ROWS.length);
  });

  it("shows each environment's own retention and backend, read from its config", () => {
    const md = environmentReport(shipped());
    const retention = Object.values(ENVIRONMENTS).map((e) => String(e.logs?.retentionDays));
    expect(rowOf(md, "log retention (days)")).toBe(`| log retention (days) | ${retention.join(" | ")} |`);
    const local = environmentReport(loadEnvironments([ENVIRONMENTS.staging, withEnv("dev", { stateBackend: undefined })]));
    expect(rowOf(local, "state backend")).toContain("| local file |");
    expect(rowOf(md, "state backend")).toContain(`s3://${(ENVIRONMENTS.prod.stateBackend as { bucket: string }).bucket}/`);
  });

  it("hides settings that are the same everywhere, says how many, and shows them with --all", () => {
    const envs = loadEnvironments([ENVIRONMENTS.dev, ENVIRONMENTS.staging, ENVIRONMENTS.prod]);
    const differing = environmentReport(envs);
    expect(rowOf(differing, "region")).toBeUndefined(); // dev, staging and prod are all in eu-west-1
    const hidden = REPORT_ROWS.length - (tableRows(differing).length - 2); // minus header and separator
    expect(differing).toContain(`${hidden} settings are the same in every environment and not shown`);
    expect(rowOf(environmentReport(envs, { all: true }), "region")).toBe("| region | eu-west-1 | eu-west-1 | eu-west-1 |");
  });

  it("a change in one environment shows up as a row", () => {
    const same = loadEnvironments([ENVIRONMENTS.staging, withEnv("staging", { name: "staging2" })]);
    expect(environmentReport(same)).toContain("All settings are the same in every environment");
    const two = loadEnvironments([ENVIRONMENTS.staging, { ...withStage("staging", { loggingLevel: "ERROR" }, 1), name: "staging2" }]);
    expect(rowOf(environmentReport(two), "execution logging level")).toBe("| execution logging level | INFO | v1: INFO, v1-qa: ERROR |");
  });

  it("escapes pipes and flattens line breaks inside cells", () => {
    expect(escapeCell("a|b\nc")).toBe("a\\|b c");
    expect(renderMarkdownTable(["h"], [["x|y"]])).toBe("| h |\n| --- |\n| x\\|y |");
  });

  it("from the command line: an unknown environment gives the validation message and exit code 1", () => {
    const run = spawnSync(process.execPath, ["dist/scripts/report.js", "no-such-env"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`environment "no-such-env": ENVIRONMENTS = "no-such-env": is not a known environment. Allowed: ${Object.keys(ENVIRONMENTS).join(", ")}`);
    expect(run.stdout).toBe("");
  });
});
