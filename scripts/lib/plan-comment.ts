/**
 * The pull request's plan comment: per stack, what its plan does (counts) and, in a collapsed block, which
 * resources change and how, read from the plan jobs' `<stack>.changes.json` records (`plan-changes.ts`),
 * then the environment report. One comment per pull request, found again by its marker and updated.
 */
import { countChanges } from "./plan";
import { actionLabel, byAddress, type ResourceChange, reviewRank, type StackPlanRecord } from "./plan-changes";
import { renderMarkdownTable } from "./report";

/** The first line of the comment, by which a re-run finds and updates it. */
export const COMMENT_MARKER = "<!-- apigw-observability-plan -->";

/** GitHub rejects a longer comment body: "body is too long (maximum is 65536 characters)" (danger/danger#424). */
export const MAX_COMMENT_CHARS = 65_536;

export interface PlanCommentInput {
  /** The commit the plans are of. */
  readonly sha: string;
  /** Every stack the synth job listed, in order: a stack without a record is reported as not planned. */
  readonly stacks: readonly string[];
  /** The plan jobs' records, by stack. */
  readonly records: ReadonlyMap<string, StackPlanRecord>;
  /** The environment report (`npm run report`). @default none */
  readonly report?: string;
}

/** `text` as inline code, with a fence longer than any backtick run in it and table pipes escaped. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`.replace(/\|/g, "\\|");
}

function counts(changes: readonly ResourceChange[]) {
  return countChanges({ resource_changes: changes.map((c) => ({ change: { actions: c.actions } })) });
}

/** One line per stack for the overview table. */
function overviewRow(stack: string, record: StackPlanRecord | undefined): string[] {
  if (!record) return [stack, "-", "-", "-", "-", "not planned (the plan job failed before planning: see its log)"];
  if (!record.ok || !record.changes) return [stack, record.mode, "-", "-", "-", "FAILED (see the job's log)"];
  const { add, change, destroy } = counts(record.changes);
  const status = record.changes.length === 0 ? "no changes" : destroy > 0 ? "destroys resources" : "ok";
  return [stack, record.mode, String(add), String(change), String(destroy), status];
}

/**
 * A stack's changed resources in a collapsed block, destructive changes first; at most `limit` rows, the
 * rest counted and left to the `plan-<stack>` artifact.
 */
export function stackDetails(record: StackPlanRecord, limit = Infinity): string {
  const changes = [...(record.changes ?? [])].sort((a, b) => reviewRank(a) - reviewRank(b) || byAddress(a, b));
  if (changes.length === 0) return "";
  const { add, change, destroy } = counts(changes);
  const shown = changes.slice(0, limit);
  const rows = shown.map((c) => {
    const resource = c.previousAddress !== undefined ? `${codeSpan(c.address)} (from ${codeSpan(c.previousAddress)})` : codeSpan(c.address);
    return `| ${actionLabel(c)} | ${resource} |`;
  });
  const more = changes.length - shown.length;
  const rest = more > 0 ? [`| ... | ${more} more: see the \`plan-${record.stack}\` artifact |`] : [];
  const summary = `<strong>${record.stack}</strong> (${record.mode}): ${add} to add, ${change} to change, ${destroy} to destroy`;
  return [`<details><summary>${summary}</summary>`, "", "| Action | Resource |", "| --- | --- |", ...rows, ...rest, "", "</details>"].join("\n");
}

const OFFLINE_NOTE =
  "Offline plans (no AWS role for the stack's account: mock credentials, empty local state) list everything the HCL " +
  "creates, not the difference to what is deployed.";

function render(input: PlanCommentInput, limit: number): string {
  const records = input.stacks.map((stack) => ({ stack, record: input.records.get(stack) }));
  const overview = renderMarkdownTable(["Stack", "Mode", "Add", "Change", "Destroy", "Status"], records.map(({ stack, record }) => overviewRow(stack, record)));
  const details = records.flatMap(({ record }) => (record?.ok ? [stackDetails(record, limit)] : [])).filter(Boolean);
  const offline = records.some(({ record }) => record?.mode === "offline") ? [OFFLINE_NOTE] : [];
  return [
    COMMENT_MARKER,
    `## Terraform plans (${input.sha.slice(0, 7)})`,
    overview,
    ...offline,
    ...details,
    "Full plans: the `plan-<stack>` artifacts of this run.",
    ...(input.report ? [input.report.trimEnd()] : []),
  ].join("\n\n") + "\n";
}

/** Fewer rows per stack until the body fits GitHub's limit; the counts and the report always stay. */
const ROW_LIMITS = [Infinity, 500, 200, 100, 50, 20, 0];

export function planComment(input: PlanCommentInput): string {
  for (const limit of ROW_LIMITS) {
    const body = render(input, limit);
    if (body.length <= MAX_COMMENT_CHARS) return body;
  }
  const cut = "\n\n(cut to GitHub's comment limit: see the job summaries and artifacts)\n";
  return render(input, 0).slice(0, MAX_COMMENT_CHARS - cut.length) + cut;
}
