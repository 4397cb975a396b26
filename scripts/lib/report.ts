/**
 * The environment report: a Markdown table of the settings that differ between environments, from the
 * validated configs, for a reviewer (and the pull request comment). Each row is one declarative entry.
 */
import { ALARM_KINDS, type AlarmConfig, type AlarmKind, type Environment, type StageConfig, type StateBackend } from "../../environments/types";

export interface ReportRow {
  readonly setting: string;
  readonly value: (env: Environment) => string;
}

const onOff = (on: boolean) => (on ? "on" : "off");
const percent = (rate: number) => `${+(rate * 100).toFixed(2)}%`;

/** The value when every stage agrees, or one per stage: `v1: INFO, v2: ERROR`. */
const perStage = (value: (stage: StageConfig) => string) => (env: Environment) => {
  const values = env.stages.map((s) => ({ stage: s.name, value: value(s) }));
  if (values.every((v) => v.value === values[0].value)) return values[0]?.value ?? "";
  return values.map((v) => `${v.stage}: ${v.value}`).join(", ");
};

const ALARM_LABELS: Readonly<Record<AlarmKind, { label: string; threshold: (t: number) => string }>> = {
  serverErrorRate: { label: "alarm: 5XX rate", threshold: (t) => `> ${percent(t)}` },
  clientErrorRate: { label: "alarm: 4XX rate", threshold: (t) => `> ${percent(t)}` },
  latency: { label: "alarm: latency p90", threshold: (t) => `>= ${t} ms` },
  integrationLatency: { label: "alarm: integration latency p90", threshold: (t) => `>= ${t} ms` },
  lowTraffic: { label: "alarm: low traffic", threshold: (t) => `< ${t} requests` },
  serverErrorCount: { label: "alarm: 5xx log lines", threshold: (t) => `> ${t}` },
};

function alarm(a: AlarmConfig, threshold: (t: number) => string): string {
  return a.enabled ? `${threshold(a.threshold)} (${a.datapointsToAlarm} of ${a.evaluationPeriods} x ${a.periodSeconds} s)` : "off";
}

export function describeBackend(backend: StateBackend): string {
  if (backend.type === "local") return "local file";
  return `s3://${backend.bucket}/${backend.keyPrefix}/ (${backend.region})${backend.kmsKeyId ? ", KMS key" : ""}`;
}

export const REPORT_ROWS: readonly ReportRow[] = [
  { setting: "account", value: (e) => `${e.account.name} (${e.account.id})` },
  { setting: "region", value: (e) => e.region },
  { setting: "tier", value: (e) => e.tier },
  { setting: "tags", value: (e) => Object.entries(e.tags).map(([k, v]) => `${k}=${v}`).join(", ") || "none" },
  { setting: "stages", value: (e) => e.stages.map((s) => s.name).join(", ") },
  { setting: "log retention (days)", value: (e) => String(e.logs.retentionDays) },
  { setting: "execution logging level", value: perStage((s) => s.loggingLevel) },
  { setting: "data trace", value: perStage((s) => onOff(s.dataTraceEnabled)) },
  { setting: "detailed metrics", value: perStage((s) => onOff(s.metricsEnabled)) },
  { setting: "X-Ray tracing", value: perStage((s) => onOff(s.tracingEnabled)) },
  { setting: "throttling burst / rate", value: perStage((s) => `${s.throttling.burstLimit} / ${s.throttling.rateLimit}`) },
  { setting: "cache", value: perStage((s) => (s.caching.enabled ? `${s.caching.clusterSize} GB, ${s.caching.ttlSeconds} s` : "off")) },
  { setting: "method overrides", value: perStage((s) => String(s.methodOverrides.length)) },
  ...ALARM_KINDS.map((kind) => ({ setting: ALARM_LABELS[kind].label, value: (e: Environment) => alarm(e.alarms[kind], ALARM_LABELS[kind].threshold) })),
  { setting: "X-Ray sampling", value: (e) => `${percent(e.tracing.samplingRate)} + ${e.tracing.reservoirSize}/s` },
  {
    setting: "archive transitions",
    value: (e) => e.archive.lifecycle.transitions.map((t) => `${t.storageClass} at ${t.days} d`).join(", ") || "none",
  },
  { setting: "archive expiry (days)", value: (e) => String(e.archive.lifecycle.expirationDays) },
  { setting: "archive old versions kept (days)", value: (e) => String(e.archive.lifecycle.noncurrentVersionExpirationDays) },
  { setting: "archive buffer (s / MiB)", value: (e) => `${e.archive.bufferingIntervalSeconds} / ${e.archive.bufferingSizeMiB}` },
  { setting: "deletion protection", value: (e) => onOff(e.deletionProtection) },
  { setting: "account: trail archive expiry (days)", value: (e) => String(e.account.trail.lifecycle.expirationDays) },
  { setting: "account: AWS Config rules", value: (e) => onOff(e.account.configRules) },
  { setting: "alarm subscribers", value: (e) => `${e.notifications.emails.length} email, ${e.notifications.httpsEndpoints.length} HTTPS` },
  { setting: "state backend", value: (e) => describeBackend(e.stateBackend) },
  { setting: "account stack state backend", value: (e) => describeBackend(e.account.stateBackend) },
];

/** Markdown-safe cell text: pipes escaped, line breaks flattened. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderMarkdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [line(header), `|${header.map(() => " --- ").join("|")}|`, ...rows.map(line)].join("\n");
}

export interface ReportOptions {
  /** Show every setting, also those that are the same everywhere. @default false */
  readonly all?: boolean;
  /** @default REPORT_ROWS */
  readonly rows?: readonly ReportRow[];
}

/** The table of settings by environment (only the differing ones by default), and a line on what is hidden. */
export function environmentReport(envs: readonly Environment[], options: ReportOptions = {}): string {
  const table = (options.rows ?? REPORT_ROWS).map((row) => [row.setting, ...envs.map(row.value)]);
  const differs = (cells: readonly string[]) => cells.slice(1).some((v) => v !== cells[1]);
  const shown = options.all ? table : table.filter(differs);
  const hidden = table.length - shown.length;
  const title = `### What differs between environments (${envs.map((e) => e.name).join(", ")})`;
  const body = shown.length > 0 ? renderMarkdownTable(["setting", ...envs.map((e) => e.name)], shown) : "_All settings are the same in every environment._";
  const footer = hidden > 0 ? `\n\n${hidden} settings are the same in every environment and not shown (\`npm run report -- --all\` shows them).` : "";
  return `${title}\n\n${body}${footer}\n`;
}
