/**
 * Every environment's per-method overrides reach its stack at the method path AWS files them under. The path
 * is a JSON Pointer token (RFC 6901, written out below, not taken from the module): unescaped, UpdateStage
 * files the settings under a key no method has, so caching and throttling overrides do nothing while plan
 * stays clean (terraform-provider-aws #9738). Derived from the registry, so a new environment is checked too.
 */
import { ENVIRONMENTS } from "../../environments";
import { synthesizeRegistry } from "../support/registry";

/** RFC 6901, section 3: '~' is written `~0`, then '/' is written `~1`; the method follows after a '/'. */
const pointer = (op: { readonly httpMethod: string; readonly resourcePath: string }) => `${op.resourcePath.replace(/~/g, "~0").replace(/\//g, "~1")}/${op.httpMethod}`;

describe("GIVEN the registry's environments, THEN each stage's method settings", () => {
  const app = synthesizeRegistry(ENVIRONMENTS);
  const stages = app.envs.flatMap((env) => {
    const json = app.json(env.name);
    return env.stages.map((stage) => {
      const [stageId] = Object.entries(json.resource.aws_api_gateway_stage).find(([, s]: [string, any]) => s.stage_name === stage.name)!;
      const settings = Object.values(json.resource.aws_api_gateway_method_settings as Record<string, any>).filter((m) => m.stage_name === `\${aws_api_gateway_stage.${stageId}.stage_name}`);
      return { where: `${env.name}/${stage.name}`, stage, byPath: Object.fromEntries(settings.map((m) => [m.method_path, m.settings])) };
    });
  });

  it("are the stage default */* and one per override, at the override's JSON Pointer path", () => {
    expect(stages.some(({ stage }) => stage.methodOverrides.length > 0)).toBe(true);
    for (const { where, stage, byPath } of stages) {
      expect({ where, paths: Object.keys(byPath).sort() }).toEqual({ where, paths: ["*/*", ...stage.methodOverrides.map(pointer)].sort() });
    }
  });

  it("carry each override's own logging, metrics, throttling and caching", () => {
    for (const { where, stage, byPath } of stages) {
      for (const o of stage.methodOverrides) {
        expect({ where, path: pointer(o), settings: byPath[pointer(o)] }).toEqual({
          where,
          path: pointer(o),
          settings: expect.objectContaining({
            logging_level: o.loggingLevel,
            data_trace_enabled: o.dataTraceEnabled,
            metrics_enabled: o.metricsEnabled,
            throttling_burst_limit: o.throttling.burstLimit,
            throttling_rate_limit: o.throttling.rateLimit,
            caching_enabled: o.cachingEnabled,
          }),
        });
      }
    }
  });

  it("keep a cached method's responses encrypted, and clients from bypassing the cache", () => {
    const cached = stages.flatMap(({ where, stage, byPath }) => stage.methodOverrides.filter((o) => o.cachingEnabled).map((o) => ({ where, settings: byPath[pointer(o)] })));
    expect(cached.length).toBeGreaterThan(0);
    for (const { where, settings } of cached) {
      expect({ where, settings }).toEqual({ where, settings: expect.objectContaining({ cache_data_encrypted: true, require_authorization_for_cache_control: true }) });
    }
  });
});
