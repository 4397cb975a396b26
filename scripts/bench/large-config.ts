/**
 * A generated large configuration for the scale benchmark: `BENCH_ENVIRONMENTS` environments (default 25)
 * of `BENCH_STAGES` stages each (default 4), spread over five accounts, built from the shipped dev and prod.
 */
import { ENVIRONMENTS } from "../../environments";
import type { AccountConfig, EnvironmentInput } from "../../environments/types";

export function largeConfig(environments: number, stagesPerEnvironment: number): EnvironmentInput[] {
  const accounts: AccountConfig[] = Array.from({ length: 5 }, (_, i) => ({
    name: `load-${i}`,
    id: String(300000000000 + i),
    production: i === 0,
    // Production state is never local, and production security alarms reach someone (validation enforces both).
    ...(i === 0
      ? { stateBackend: { type: "s3" as const, bucket: "tfstate-load-production", region: "eu-west-1" }, notifications: { httpsEndpoints: [{ variable: "security_pagerduty_url" }] } }
      : {}),
  }));
  return Array.from({ length: environments }, (_, e) => {
    const account = accounts[e % accounts.length];
    const base = account.production ? ENVIRONMENTS.prod : ENVIRONMENTS.dev;
    const stageTemplate = base.stages[0];
    return {
      ...base,
      name: `load-${String(e).padStart(2, "0")}`,
      account,
      stages: Array.from({ length: stagesPerEnvironment }, (_, s) => ({ ...stageTemplate, name: `s${s}` })),
    };
  });
}
