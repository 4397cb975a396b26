/**
 * The widgets a stage's dashboard row gets beyond the standard ones (`DashboardStage.extraWidgets`): its cache's
 * hits, misses and hit ratio where it caches methods, and its canary beside it where it has one.
 */
import type { ApiStageSettings } from "./api-stage";
import { cachedMethods, cacheWidgets } from "./cache-hit-ratio";
import { canaryWidgets } from "./canary-widgets";
import type { Unplaced, Widget } from "./dashboard-widgets";

export function stageExtraWidgets(apiName: string, region: string, stage: Pick<ApiStageSettings, "name" | "caching" | "canary" | "methodOverrides">): Unplaced<Widget>[] {
  const methods = cachedMethods(stage);
  return [
    ...(methods.length > 0 ? cacheWidgets(apiName, region, stage.name, methods) : []),
    ...(stage.canary?.enabled ? canaryWidgets(apiName, region, stage.name, stage.canary.percentTraffic) : []),
  ];
}
