/**
 * The dashboard's row about the API's clients, for an environment whose usage plans cover stages: the top API
 * keys of those stages by requests, with their 429s (throttled, or over their quota), from the access logs
 * (`apiKeyId` is the key's id, never its value). The per-stage 429 counts are in each stage's row.
 */
import { MAX_QUERY_STRING_LENGTH } from "../aws/limits";
import { MAX_LOG_GROUPS_PER_QUERY } from "../aws/scale-limits";
import type { DashboardSection } from "./dashboard";
import { logWidget } from "./dashboard-widgets";
import { logQuery, queryString } from "./log-queries";

/** A stage whose access log the row reads: its name (for the title) and its access log group, as plain strings. */
export interface KeyedStage {
  readonly stageName: string;
  readonly accessLogGroupName: string;
}

/**
 * The "API clients" section: one Logs Insights widget per run of stages that one query can read (StartQuery takes
 * at most 50 log groups and 10,000 characters), or none when no stage is keyed.
 */
export function apiClientsSection(region: string, stages: readonly KeyedStage[]): DashboardSection[] {
  if (stages.length === 0) return [];
  const query = logQuery("top-clients");
  const chunks: KeyedStage[][] = [];
  for (const stage of stages) {
    const last = chunks[chunks.length - 1];
    const fits = (run: readonly KeyedStage[]) =>
      run.length <= MAX_LOG_GROUPS_PER_QUERY && queryString(query, run.map((s) => s.accessLogGroupName)).length <= MAX_QUERY_STRING_LENGTH;
    if (last && fits([...last, stage])) last.push(stage);
    else chunks.push([stage]);
  }
  const widgets = chunks.map((chunk) =>
    logWidget(`Top API clients (apiKeyId; '-' is no key) with their 429s, stages ${chunk.map((s) => s.stageName).join(", ")}`, region, queryString(query, chunk.map((s) => s.accessLogGroupName)), 24, 6),
  );
  return [{ title: "API clients", widgets }];
}
