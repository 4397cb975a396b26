/**
 * One API Gateway stage with its observability: X-Ray tracing, structured JSON access logs to their own
 * log group, the execution log group under the exact name API Gateway writes to, and method settings
 * (stage defaults for `*\/*` plus per-method overrides).
 *
 * A stage may carry a canary release: a share of its requests served with the canary's stage variables,
 * which API Gateway logs to two more log groups, `<access log group>/Canary` and `<execution log group>/Canary`.
 * We own both like the stage's own (retention, KMS, created before the stage, which API Gateway would otherwise
 * create without retention).
 *
 * The canary runs the stage's own deployment (`canary_settings.deployment_id` is the same reference as the stage's
 * `deployment_id`), the AWS guide's starting point: "A deployment ID, initially identical to the ID of the base
 * version deployment set on the stage". The project has one `aws_api_gateway_deployment`, replaced
 * (create_before_destroy) when the definition changes: both ids then move to the new deployment in one UpdateStage,
 * before the old deployment is deleted (DeleteDeployment refuses one a stage still points to). A canary
 * of a different deployment would need a second deployment that Terraform keeps at the previous definition, which a
 * REST API replaced by PutRestApi (mode overwrite) cannot snapshot; a pipeline that deploys a new definition to the
 * canary out of band (CreateDeployment with canarySettings) shows as drift of `canary_settings.deployment_id`, and
 * the next apply puts the canary back on the stage's deployment (docs/terraform-teams.md, "Canary releases").
 */
import { ApiGatewayMethodSettings, type ApiGatewayMethodSettingsSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { Construct } from "constructs";
import { type CacheClusterSize, type LoggingLevel, MAX_CACHE_TTL_SECONDS } from "../aws/api-gateway";
import { canaryLogGroupName, CANARY_PERCENT_RANGE } from "../aws/canary";
import { wholeNumberIn } from "../aws/limits";
import { accessLogFormat } from "./access-log-format";
import type { HitRatioAlarmSettings } from "./cache-hit-ratio";
import { EncryptedLogGroup } from "./log-group";
import type { OpenApiRestApi } from "./openapi-rest-api";

/** Request throttling: steady-state rate (requests/second) and burst (bucket size). */
export interface ThrottlingSettings {
  readonly burstLimit: number;
  readonly rateLimit: number;
}

/** What a stage's methods log, measure and allow: the stage default, or one method's override of it. */
export interface MethodSettings {
  readonly loggingLevel: LoggingLevel;
  /** Logs full request and response bodies. */
  readonly dataTraceEnabled: boolean;
  /** Per-method CloudWatch metrics. */
  readonly metricsEnabled: boolean;
  readonly throttling: ThrottlingSettings;
}

/** The settings of one method (`GET /orders/{orderId}`), in full. */
export interface MethodOverrideSettings extends MethodSettings {
  /** `GET`, `POST`... as in the API definition. */
  readonly httpMethod: string;
  /** The resource path as in the API definition, e.g. `/orders/{orderId}`. */
  readonly resourcePath: string;
  /** Cache the method's responses (for the stage's `caching.ttlSeconds`); needs the stage's cache cluster. */
  readonly cachingEnabled: boolean;
}

/** The stage's cache cluster. */
export interface StageCacheSettings {
  /** Provision the cluster. Nothing is cached until a method override turns `cachingEnabled` on. */
  readonly enabled: boolean;
  readonly clusterSize: CacheClusterSize;
  /** Time to live of a cached response, 0..3600 seconds. */
  readonly ttlSeconds: number;
  /** The alarm on the cached methods' hit ratio (StageAlarms builds it). @default no alarm */
  readonly hitRatioAlarm?: HitRatioAlarmSettings & { readonly enabled: boolean };
}

/** A canary release on the stage: a share of its requests, with stage variables of their own. */
export interface StageCanarySettings {
  /** A disabled canary is not created. */
  readonly enabled: boolean;
  /** Share of the stage's requests the canary serves, 0..100. */
  readonly percentTraffic: number;
  /** Stage variables the canary sets or overrides. */
  readonly stageVariableOverrides: Readonly<Record<string, string>>;
  /** Whether canary requests use the stage cache (which must then be enabled). */
  readonly useStageCache: boolean;
}

/** One stage: its default method settings (for `*\/*`), tracing, cache, canary and per-method overrides. */
export interface ApiStageSettings extends MethodSettings {
  /** The stage name (the `Stage` dimension of its metrics). */
  readonly name: string;
  /** X-Ray tracing of the stage. */
  readonly tracingEnabled: boolean;
  readonly caching: StageCacheSettings;
  /** @default no canary */
  readonly canary?: StageCanarySettings;
  readonly methodOverrides: readonly MethodOverrideSettings[];
}

export interface StageLogsProps {
  /** A retention CloudWatch Logs accepts. */
  readonly retentionInDays: number;
  /** Retention of the execution logs (they are not archived, unlike the access logs). @default retentionInDays */
  readonly executionRetentionInDays?: number;
  /** ARN of a KMS key whose policy lets CloudWatch Logs use it. */
  readonly kmsKeyArn: string;
  /** `prevent_destroy` on both log groups. @default false */
  readonly preventDestroy?: boolean;
}

export interface ApiStageProps {
  readonly api: OpenApiRestApi;
  readonly stage: ApiStageSettings;
  readonly logs: StageLogsProps;
}

/** The method path of the stage default: every resource, every method. */
export const ALL_METHODS = "*/*";

/** One JSON Pointer reference token (RFC 6901): `~` is written `~0`, then `/` is written `~1`. */
export function jsonPointerToken(text: string): string {
  return text.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * `aws_api_gateway_method_settings.method_path` of one OpenAPI route, the only place it is derived: the
 * provider passes it unchanged into the UpdateStage patch path `/{method_path}/<setting>`, a JSON Pointer,
 * so the resource path is one escaped token: `GET /orders/{orderId}` -> `~1orders~1{orderId}/GET`, the root
 * `GET /` -> `~1/GET`. Unescaped, AWS files the setting under a key no method matches and plan stays clean
 * (terraform-provider-aws #9738).
 */
export function methodPath(route: Pick<MethodOverrideSettings, "httpMethod" | "resourcePath">): string {
  return `${jsonPointerToken(route.resourcePath)}/${route.httpMethod}`;
}

/** The log group API Gateway writes execution logs to; it creates it without retention if it is missing. */
export function executionLogGroupName(restApiId: string, stageName: string): string {
  return `API-Gateway-Execution-Logs_${restApiId}/${stageName}`;
}

export function accessLogGroupName(apiName: string, stageName: string): string {
  return `/apigateway/${apiName}/${stageName}/access`;
}

/**
 * A stable, readable construct id for a method override, e.g. `GET_orders_orderId`: the HCL names it
 * `aws_api_gateway_method_settings.stage_v1_get_orders_order_id`.
 */
function overrideId(o: MethodOverrideSettings): string {
  return `${o.httpMethod}_${o.resourcePath.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`;
}

function methodSettings(s: MethodSettings & { readonly cachingEnabled: boolean }, ttlSeconds: number): ApiGatewayMethodSettingsSettings {
  return {
    loggingLevel: s.loggingLevel,
    dataTraceEnabled: s.dataTraceEnabled,
    metricsEnabled: s.metricsEnabled,
    throttlingBurstLimit: s.throttling.burstLimit,
    throttlingRateLimit: s.throttling.rateLimit,
    cachingEnabled: s.cachingEnabled,
    ...(s.cachingEnabled
      ? {
          cacheTtlInSeconds: ttlSeconds,
          cacheDataEncrypted: true,
          // A client must not be able to bypass the cache (and hit the backend) with Cache-Control: max-age=0.
          requireAuthorizationForCacheControl: true,
          unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
        }
      : {}),
  };
}

/** What CreateStage/UpdateStage would reject in canary settings, refused at synth (the schema checks config first). */
function assertCanary(stageName: string, canary: StageCanarySettings, cacheEnabled: boolean): void {
  const { min, max } = CANARY_PERCENT_RANGE;
  if (!(canary.percentTraffic >= min && canary.percentTraffic <= max)) {
    throw new Error(`ApiStage ${stageName}: canary.percentTraffic = ${canary.percentTraffic} is out of range. Allowed: a number from ${min} to ${max}`);
  }
  if (canary.useStageCache && !cacheEnabled) {
    throw new Error(`ApiStage ${stageName}: canary.useStageCache = true needs the stage cache cluster. Allowed: caching.enabled true, or useStageCache false`);
  }
}

export class ApiStage extends Construct {
  /** The stage name (a plain string: alarms and dashboards use it as the `Stage` dimension). */
  public readonly stageName: string;
  public readonly stage: ApiGatewayStage;
  public readonly accessLogGroup: EncryptedLogGroup;
  public readonly executionLogGroup: EncryptedLogGroup;
  public readonly defaultMethodSettings: ApiGatewayMethodSettings;
  public readonly methodOverrides: readonly ApiGatewayMethodSettings[];
  /** The canary's own access and execution log groups, when the stage has a canary. */
  public readonly canaryLogGroups?: { readonly access: EncryptedLogGroup; readonly execution: EncryptedLogGroup };

  constructor(scope: Construct, id: string, props: ApiStageProps) {
    super(scope, id);
    const { api, stage, logs } = props;
    this.stageName = stage.name;
    const ttlSeconds = wholeNumberIn(`ApiStage ${stage.name}`, "stage.caching.ttlSeconds", stage.caching.ttlSeconds, 0, MAX_CACHE_TTL_SECONDS);

    this.accessLogGroup = new EncryptedLogGroup(this, "access-logs", {
      name: accessLogGroupName(api.name, stage.name),
      retentionInDays: logs.retentionInDays,
      kmsKeyArn: logs.kmsKeyArn,
      preventDestroy: logs.preventDestroy,
    });
    this.executionLogGroup = new EncryptedLogGroup(this, "execution-logs", {
      name: executionLogGroupName(api.id, stage.name),
      retentionInDays: logs.executionRetentionInDays ?? logs.retentionInDays,
      kmsKeyArn: logs.kmsKeyArn,
      preventDestroy: logs.preventDestroy,
    });

    const canary = stage.canary?.enabled ? stage.canary : undefined;
    if (canary) {
      assertCanary(stage.name, canary, stage.caching.enabled);
      this.canaryLogGroups = {
        access: new EncryptedLogGroup(this, "canary-access-logs", {
          name: canaryLogGroupName(this.accessLogGroup.name),
          retentionInDays: logs.retentionInDays,
          kmsKeyArn: logs.kmsKeyArn,
          preventDestroy: logs.preventDestroy,
        }),
        execution: new EncryptedLogGroup(this, "canary-execution-logs", {
          name: canaryLogGroupName(this.executionLogGroup.name),
          retentionInDays: logs.executionRetentionInDays ?? logs.retentionInDays,
          kmsKeyArn: logs.kmsKeyArn,
          preventDestroy: logs.preventDestroy,
        }),
      };
    }

    this.stage = new ApiGatewayStage(this, "stage", {
      restApiId: api.id,
      deploymentId: api.deployment.id,
      stageName: stage.name,
      description: `${api.name} stage ${stage.name}`,
      xrayTracingEnabled: stage.tracingEnabled,
      cacheClusterEnabled: stage.caching.enabled,
      cacheClusterSize: stage.caching.enabled ? stage.caching.clusterSize : undefined,
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: accessLogFormat() },
      // The canary runs the stage's deployment: the same reference, so both move together (see the file comment).
      canarySettings: canary && {
        deploymentId: api.deployment.id,
        percentTraffic: canary.percentTraffic,
        stageVariableOverrides: Object.keys(canary.stageVariableOverrides).length > 0 ? { ...canary.stageVariableOverrides } : undefined,
        useStageCache: canary.useStageCache,
      },
      // Our execution log groups (with retention and encryption) must exist before API Gateway writes to them, and
      // so must the canary's access log group, which API Gateway derives from the stage's.
      dependsOn: [this.executionLogGroup.logGroup, ...(this.canaryLogGroups ? [this.canaryLogGroups.execution.logGroup, this.canaryLogGroups.access.logGroup] : [])],
    });

    this.defaultMethodSettings = new ApiGatewayMethodSettings(this, "all-methods", {
      restApiId: api.id,
      stageName: this.stage.stageName,
      methodPath: ALL_METHODS,
      // Caching is off for */*: only GET methods that opt in are cached (see MethodOverrideSettings).
      settings: methodSettings({ ...stage, cachingEnabled: false }, ttlSeconds),
    });
    this.methodOverrides = stage.methodOverrides.map(
      (o) =>
        new ApiGatewayMethodSettings(this, overrideId(o), {
          restApiId: api.id,
          stageName: this.stage.stageName,
          methodPath: methodPath(o),
          settings: methodSettings(o, ttlSeconds),
        }),
    );
  }
}
