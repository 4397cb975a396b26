/**
 * One stack per environment: the REST API, its deployment and stages, and everything that observes them.
 * It only wires modules together; the modules own the resources. Its outputs: `stack-outputs.ts`.
 */
import { Construct } from "constructs";
import { AccessLogMetricFilters } from "../modules/access-log-metric-filters";
import { ArchiveAlarms, archiveAlarmNames, type ArchiveAlarmsProps } from "../modules/archive-alarms";
import { accessLogGroupName, ApiStage, type ApiStageSettings } from "../modules/api-stage";
import { ApiDashboard } from "../modules/dashboard";
import { SavedQueries } from "../modules/saved-queries";
import { StageAlarms, type StageAlarmSettings } from "../modules/stage-alarms";
import { StageSamplingRule, type StageSamplingRuleProps } from "../modules/xray-sampling-rule";
import { GuardedAwsProvider } from "../modules/guarded-aws-provider";
import { cloudWatchAlarmsGrant, cloudWatchLogsGrant } from "../modules/kms-grants";
import { KmsKey } from "../modules/kms-key";
import { LogArchive, type LogArchiveProps } from "../modules/log-archive";
import { LogSubscription, type LogSubscriptionProps } from "../modules/log-subscription";
import { arn, awsLocation } from "../aws/arn";
import { archiveRoleNames, archiveStreamName, logArchiveBucketName, Naming } from "../aws/naming";
import { NotificationTopic, type NotificationSubscribers } from "../modules/notification-topic";
import { OpenApiRestApi, type OpenApiRestApiProps } from "../modules/openapi-rest-api";
import { configureStateBackend, type StateBackendSettings } from "../modules/state-backend";
import { standardTags } from "../aws/tags";
import { ReadableStack } from "./readable-stack";
import { environmentOutputs } from "./stack-outputs";

/** The access-log archive: how long the bucket keeps the logs, and how Firehose delivers them. */
export interface AccessLogArchiveSettings
  extends Pick<LogArchiveProps, "lifecycle">,
    Pick<ArchiveAlarmsProps, "bufferingIntervalSeconds" | "freshnessToleranceSeconds">,
    Pick<LogSubscriptionProps, "bufferingSizeMiB"> {}

/** What the stack of one environment reads: the parsed environment config is one. */
export interface ApiObservabilityStackProps {
  /** The environment's name: the stack's name, and with `service` the prefix of every resource name. */
  readonly name: string;
  readonly account: { readonly id: string };
  readonly region: string;
  readonly service: string;
  /** Written to the `owner` tag. */
  readonly owner: string;
  /** Extra tags on every resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** The REST API's OpenAPI definition, as an absolute path. */
  readonly api: Pick<OpenApiRestApiProps, "definitionFile">;
  readonly stages: readonly ApiStageSettings[];
  /** Retention (days) of every log group, and of the stages' execution logs. */
  readonly logs: { readonly retentionDays: number; readonly executionRetentionDays: number };
  /** `prevent_destroy` on the log groups, the keys and the archive bucket. */
  readonly deletionProtection: boolean;
  /** Subscribers of the alarm topic. */
  readonly notifications: NotificationSubscribers;
  /** The alarms of every stage. */
  readonly alarms: StageAlarmSettings;
  /** X-Ray sampling of every traced stage. */
  readonly tracing: Pick<StageSamplingRuleProps, "samplingRate" | "reservoirSize" | "priority">;
  readonly archive: AccessLogArchiveSettings;
  readonly stateBackend: StateBackendSettings;
}

export class ApiObservabilityStack extends ReadableStack {
  public readonly api: OpenApiRestApi;
  public readonly stages: readonly ApiStage[];
  /** Encrypts the environment's log groups and its alarm topic. */
  public readonly key: KmsKey;
  public readonly alarmTopic: NotificationTopic;
  public readonly metricFilters: readonly AccessLogMetricFilters[];
  public readonly alarms: readonly StageAlarms[];
  public readonly dashboard: ApiDashboard;
  public readonly savedQueries: SavedQueries;
  /** One per stage with tracing on. */
  public readonly samplingRules: readonly StageSamplingRule[];
  /** The S3 archive of every stage's access logs, and the stream of each stage into it. */
  public readonly archive: LogArchive;
  public readonly archiveSubscriptions: readonly LogSubscription[];
  /** Per stage: the archive's delivery to S3 failed, or fell behind. */
  public readonly archiveAlarms: readonly ArchiveAlarms[];

  constructor(scope: Construct, env: ApiObservabilityStackProps) {
    super(scope, env.name);
    configureStateBackend(this, env.name, env.stateBackend);
    const naming = new Naming({ service: env.service, environment: env.name });
    const location = awsLocation(env.account.id, env.region);
    new GuardedAwsProvider(this, "provider", {
      region: env.region,
      accountId: env.account.id,
      tags: standardTags({ environment: env.name, service: env.service, owner: env.owner, extra: env.tags }),
    });

    this.key = new KmsKey(this, "observability", {
      alias: naming.name("observability"),
      description: `Encrypts the log groups and alarm topic of ${naming.prefix}`,
      location,
      grants: [cloudWatchLogsGrant(location), cloudWatchAlarmsGrant()],
      preventDestroy: env.deletionProtection,
    });
    this.alarmTopic = new NotificationTopic(this, "alarms", {
      name: naming.name("alarms"),
      location,
      kmsKeyArn: this.key.arn,
      emails: env.notifications.emails,
      httpsEndpoints: env.notifications.httpsEndpoints,
    });

    this.api = new OpenApiRestApi(this, "api", { name: naming.prefix, definitionFile: env.api.definitionFile });

    this.stages = env.stages.map(
      (stage) =>
        new ApiStage(this, `stage-${stage.name}`, {
          api: this.api,
          stage,
          logs: {
            retentionInDays: env.logs.retentionDays,
            executionRetentionInDays: env.logs.executionRetentionDays,
            kmsKeyArn: this.key.arn,
            preventDestroy: env.deletionProtection,
          },
        }),
    );

    // What belongs to one stage is built in the stage's construct (`stage-v1/alarms/...`), so the HCL names
    // it after the stage: `aws_cloudwatch_metric_alarm.stage_v1_5xx_rate` (stacks/logical-names.ts).
    const apiName = this.api.name;
    const dashboardName = naming.prefix;
    this.metricFilters = this.stages.map(
      (stage) => new AccessLogMetricFilters(stage, "metric-filters", { apiName, stageName: stage.stageName, logGroupName: stage.accessLogGroup.name }),
    );
    this.alarms = this.stages.map(
      (stage, i) =>
        new StageAlarms(stage, "alarms", {
          apiName,
          stageName: stage.stageName,
          alarms: env.alarms,
          topicArn: this.alarmTopic.arn,
          logServerErrors: this.metricFilters[i].serverErrors,
          dashboardName,
          dimensionValues: { ApiName: this.api.restApi.name, Stage: stage.stage.stageName },
        }),
    );
    // The API's dashboard: `aws_cloudwatch_dashboard.api`.
    this.dashboard = new ApiDashboard(this.api, "dashboard", {
      dashboardName,
      apiName,
      region: env.region,
      stages: this.stages.map((stage, i) => ({
        stageName: stage.stageName,
        accessLogGroupName: accessLogGroupName(apiName, stage.stageName),
        logMetrics: [this.metricFilters[i].serverErrors, this.metricFilters[i].clientErrors],
      })),
      alarmArns: [...this.alarms.flatMap((a) => a.alarmNames), ...env.stages.flatMap((s) => archiveAlarmNames(archiveStreamName(naming.prefix, s.name)))].map((name) =>
        arn(location, "cloudwatch", `alarm:${name}`),
      ),
    });
    this.savedQueries = new SavedQueries(this, "queries", {
      apiName,
      accessLogGroupNames: this.stages.map((stage) => stage.accessLogGroup.name),
      executionLogGroupNames: this.stages.map((stage) => stage.executionLogGroup.name),
    });
    this.samplingRules = env.stages.flatMap((config, i) =>
      config.tracingEnabled
        ? [
            new StageSamplingRule(this.stages[i], "sampling", {
              apiName,
              stageName: config.name,
              stageArn: this.stages[i].stage.arn,
              samplingRate: env.tracing.samplingRate,
              reservoirSize: env.tracing.reservoirSize,
              priority: env.tracing.priority,
            }),
          ]
        : [],
    );
    const streamName = (stage: string) => archiveStreamName(naming.prefix, stage);
    const roles = archiveRoleNames(naming.prefix);
    this.archive = new LogArchive(this, "archive", {
      location,
      bucketName: logArchiveBucketName(env.service, env.name, env.account.id, env.region),
      keyAlias: naming.name("archive"),
      streamNames: env.stages.map((stage) => streamName(stage.name)),
      deliveryRoleName: roles.delivery,
      subscriptionRoleName: roles.subscription,
      lifecycle: env.archive.lifecycle,
      preventDestroy: env.deletionProtection,
    });
    this.archiveSubscriptions = this.stages.map(
      (stage) =>
        new LogSubscription(stage, "archive", {
          archive: this.archive,
          streamName: streamName(stage.stageName),
          stageName: stage.stageName,
          logGroupName: stage.accessLogGroup.name,
          bufferingIntervalSeconds: env.archive.bufferingIntervalSeconds,
          bufferingSizeMiB: env.archive.bufferingSizeMiB,
          errorLogs: { retentionInDays: env.logs.retentionDays, kmsKeyArn: this.key.arn, preventDestroy: env.deletionProtection },
        }),
    );
    this.archiveAlarms = this.stages.map(
      (stage, i) =>
        new ArchiveAlarms(this.archiveSubscriptions[i], "alarms", {
          streamName: streamName(stage.stageName),
          stageName: stage.stageName,
          bucketName: logArchiveBucketName(env.service, env.name, env.account.id, env.region),
          errorLogGroupName: this.archive.errorLogGroupName(streamName(stage.stageName)),
          deliveryRoleName: roles.delivery,
          bufferingIntervalSeconds: env.archive.bufferingIntervalSeconds,
          freshnessToleranceSeconds: env.archive.freshnessToleranceSeconds,
          topicArn: this.alarmTopic.arn,
          streamNameReference: this.archiveSubscriptions[i].stream.name,
        }),
    );
    environmentOutputs(this, env.region);
  }
}
