/**
 * ApiStage props written out for module tests: a stage's resolved settings, built here rather than taken
 * from a shipped environment, so a change to an environment file cannot change what a module test checks.
 */
import type { ApiStageProps } from "../../modules/api-stage";

type StageSettings = ApiStageProps["stage"];
type MethodOverride = StageSettings["methodOverrides"][number];

const override = (stage: StageSettings, changes: Partial<MethodOverride> & Pick<MethodOverride, "httpMethod" | "resourcePath">): MethodOverride => ({
  loggingLevel: stage.loggingLevel,
  dataTraceEnabled: stage.dataTraceEnabled,
  metricsEnabled: stage.metricsEnabled,
  throttling: stage.throttling,
  cachingEnabled: false,
  ...changes,
});

/** A production-style stage: ERROR logs, no data trace, no cache cluster, no overrides. */
export const plainStage: StageSettings = {
  name: "v2",
  loggingLevel: "ERROR",
  dataTraceEnabled: false,
  metricsEnabled: true,
  tracingEnabled: true,
  throttling: { burstLimit: 500, rateLimit: 250 },
  caching: { enabled: false, clusterSize: "0.5", ttlSeconds: 300 },
  methodOverrides: [],
};

const v1: StageSettings = { ...plainStage, name: "v1", throttling: { burstLimit: 1000, rateLimit: 500 }, caching: { enabled: true, clusterSize: "0.5", ttlSeconds: 60 } };

/** A stage with a 0.5 GB cache and three overrides: one cached read, one tighter write, one quiet health check. */
export const cachedStage: StageSettings = {
  ...v1,
  methodOverrides: [
    override(v1, { httpMethod: "GET", resourcePath: "/orders/{orderId}", cachingEnabled: true }),
    override(v1, { httpMethod: "POST", resourcePath: "/orders", throttling: { burstLimit: 200, rateLimit: 100 } }),
    override(v1, { httpMethod: "GET", resourcePath: "/health", metricsEnabled: false }),
  ],
};

/** A development stage: INFO logs with full request and response bodies, no cache. */
export const verboseStage: StageSettings = {
  ...plainStage,
  name: "dev",
  loggingLevel: "INFO",
  dataTraceEnabled: true,
  throttling: { burstLimit: 50, rateLimit: 20 },
};
