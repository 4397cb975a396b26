/**
 * Generated large configurations for the scale benchmark and tests: environments built from the shipped
 * dev and prod, spread the way AWS's default quotas allow (aws/scale-limits.ts, aws/limits.ts): at most
 * 10 stages per environment (API Gateway "Stages per API"), and at most 2 such environments per account and
 * region, so each region's X-Ray sampling rules (one per traced stage) stay within 25. Accounts are filled
 * first, then regions; the first account is production.
 */
import { ENVIRONMENTS } from "../../environments";
import type { AccountConfig, EnvironmentInput } from "../../environments/types";
import { DEFAULT_MAX_SAMPLING_RULES_PER_REGION } from "../../aws/limits";
import { DEFAULT_MAX_STAGES_PER_API } from "../../aws/scale-limits";

export interface LargeConfigOptions {
  readonly environments: number;
  /** @default DEFAULT_MAX_STAGES_PER_API (10) */
  readonly stagesPerEnvironment?: number;
  /** @default 5 */
  readonly accounts?: number;
}

/** Regions the environments spread over once every account holds as many as its quotas allow in one. */
const REGIONS = [
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "us-east-1", "us-east-2", "us-west-2",
  "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1", "ca-central-1", "sa-east-1", "eu-south-1", "us-west-1",
];

export function largeConfig(options: LargeConfigOptions): EnvironmentInput[] {
  const stagesPerEnvironment = options.stagesPerEnvironment ?? DEFAULT_MAX_STAGES_PER_API;
  const accountCount = options.accounts ?? 5;
  // Environments of one account and region share its X-Ray sampling rule quota (every stage is traced).
  const perAccountRegion = Math.max(1, Math.floor(DEFAULT_MAX_SAMPLING_RULES_PER_REGION / stagesPerEnvironment));
  const slots = Math.ceil(options.environments / perAccountRegion);
  const regionsUsed = Math.ceil(slots / accountCount);
  if (regionsUsed > REGIONS.length) {
    throw new Error(`largeConfig: ${options.environments} environments of ${stagesPerEnvironment} stages need ${regionsUsed} regions per account. Allowed: at most ${REGIONS.length} (more accounts)`);
  }
  const accounts: AccountConfig[] = Array.from({ length: accountCount }, (_, i) => ({
    name: `load-${i}`,
    id: String(300000000000 + i),
    production: i === 0,
    // One trail per account: it must say which of its regions holds it.
    ...(regionsUsed > 1 ? { cloudTrail: { mode: "dedicated" as const, homeRegion: REGIONS[0] } } : {}),
    // Production state is never local, and production security alarms reach someone (validation enforces both).
    ...(i === 0
      ? { stateBackend: { type: "s3" as const, bucket: "tfstate-load-production", region: "eu-west-1" }, notifications: { httpsEndpoints: [{ variable: "security_pagerduty_url" }] } }
      : {}),
  }));
  return Array.from({ length: options.environments }, (_, e) => {
    const slot = Math.floor(e / perAccountRegion);
    const account = accounts[slot % accountCount];
    const base = account.production ? ENVIRONMENTS.prod : ENVIRONMENTS.dev;
    const stageTemplate = base.stages[0];
    return {
      ...base,
      name: `load-${String(e).padStart(3, "0")}`,
      account,
      region: REGIONS[Math.floor(slot / accountCount)],
      stages: Array.from({ length: stagesPerEnvironment }, (_, s) => ({ ...stageTemplate, name: `s${s}` })),
    };
  });
}

/** `stages` stages in environments of the default quota's 10 stages each (the last one holds the rest). */
export function largeConfigOfStages(stages: number): EnvironmentInput[] {
  const perEnvironment = Math.min(stages, DEFAULT_MAX_STAGES_PER_API);
  const environments = largeConfig({ environments: Math.ceil(stages / perEnvironment), stagesPerEnvironment: perEnvironment });
  const rest = stages - (environments.length - 1) * perEnvironment;
  const last = environments[environments.length - 1];
  return [...environments.slice(0, -1), { ...last, stages: last.stages.slice(0, rest) }];
}
