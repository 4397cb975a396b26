/**
 * One stack per environment: the REST API, its deployment and stages, and everything that observes them.
 * It only wires modules together; the modules own the resources. Its outputs: `stack-outputs.ts`.
 */
import { Construct } from "constructs";
import { AccessLogMetricFilters } from "../modules/access-log-metric-filters";
import { apiClientsSection } from "../modules/api-clients-dashboard";
import { ApiKeys, type ApiKeySettings } from "../modules/api-keys";
import { ArchiveAlarms, archiveAlarmNames, type ArchiveAlarmsProps } from "../modules/archive-alarms";
import { accessLogGroupName, ApiStage, type ApiStageSettings } from "../modules/api-stage";
import { hitRatioAlarmOf } from "../modules/cache-hit-ratio";
import { ApiDashboard } from "../modules/dashboard";
import { stageExtraWidgets } from "../modules/stage-extra-widgets";
import { SavedQueries } from "../modules/saved-queries";
import { StageAlarms, type StageAlarmSettings } from "../modules/stage-alarms";
import { StageSamplingRule, type StageSamplingRuleProps } from "../modules/xray-sampling-rule";
import { GuardedAwsProvider } from "../modules/guarded-aws-provider";
import { cloudWatchAlarmsGrant, cloudWatchLogsGrant } from "../modules/kms-grants";
import { KmsKey } from "../modules/kms-key";
import { LogArchive, type LogArchiveProps } from "../modules/log-archive";
import { LogSubscription, type LogSubscriptionProps } from "../modules/log-subscription";
import { type SplunkDestinationSettings } from "../modules/log-destination";
import { destinationAlarmNames } from "../modules/log-destination-alarms";
import { LogDestinations } from "../modules/log-destinations";
import { SlackChannel, type SlackChannelSettings } from "../modules/slack-channel";
import { chatbotNames, ENVIRONMENT_SLACK_PURPOSE } from "../aws/chatbot";
import { splunkStreamName } from "../aws/log-destinations";
import { arn, awsLocation } from "../aws/arn";
import { archiveRoleNames, archiveStreamName, logArchiveBucketName, Naming } from "../aws/naming";
import { NotificationTopic, type NotificationSubscribers } from "../modules/notification-topic";
import { OpenApiRestApi, type OpenApiRestApiProps } from "../modules/openapi-rest-api";
import { coveredStages, UsagePlans, type UsagePlanSettings } from "../modules/usage-plans";
import { EnvironmentWaf, wafAlarmNames, wafNames, wafSection, type WafSettings } from "../modules/waf";
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
  /** Usage plans: throttle and quota per API key, on some stages and methods. */
  readonly usagePlans: readonly UsagePlanSettings[];
  /** The API's clients: a key each, in usage plans. */
  readonly apiKeys: readonly ApiKeySettings[];
  /** AWS WAF in front of every stage, where `enabled`. */
  readonly waf: WafSettings & { readonly enabled: boolean };
  /** A Slack channel for the alarm topic, through AWS Chatbot; none when undefined. */
  readonly slack?: SlackChannelSettings;
  /** Stages whose access logs also go to Splunk (one destination per stage). */
  readonly logDestinations: readonly SplunkDestinationSettings[];
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
  /** The usage plans (`aws_api_gateway_usage_plan.<plan>`) and the keys in them (`aws_api_gateway_api_key.<key>`). */
  public readonly usagePlans: UsagePlans;
  public readonly apiKeys: ApiKeys;
  /** The web ACL in front of every stage, its log and alarms (`aws_wafv2_web_acl.waf`); undefined when off. */
  public readonly waf?: EnvironmentWaf;
  /** The alarm topic's Slack channel (`aws_chatbot_slack_channel_configuration.alarms_slack`); undefined when off. */
  public readonly slackChannel?: SlackChannel;
  /** The stages' Splunk streams, their roles and alarms; undefined when no stage has a destination. */
  public readonly logDestinations?: LogDestinations;

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

    this.usagePlans = new UsagePlans(this, "usage-plans", { api: this.api, stages: this.stages, namePrefix: naming.prefix, plans: env.usagePlans });
    this.apiKeys = new ApiKeys(this, "api-keys", { namePrefix: naming.prefix, keys: env.apiKeys, usagePlans: this.usagePlans });
    // Stages some usage plan covers: the top-clients query and dashboard row read their access logs.
    const keyed = this.stages.filter((stage) => env.usagePlans.some((plan) => coveredStages(plan, this.stages).includes(stage.stageName)));

    // What belongs to one stage is built in the stage's construct (`stage-v1/alarms/...`), so the HCL names
    // it after the stage: `aws_cloudwatch_metric_alarm.stage_v1_5xx_rate` (stacks/logical-names.ts).
    const apiName = this.api.name;
    const dashboardName = naming.prefix;
    const waf = env.waf.enabled ? wafNames(naming.prefix, apiName) : undefined;
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
          canary: env.stages[i].canary?.enabled,
          cacheHitRatio: hitRatioAlarmOf(env.stages[i]),
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
        logMetrics: [this.metricFilters[i].serverErrors, this.metricFilters[i].clientErrors, this.metricFilters[i].throttled],
        extraWidgets: stageExtraWidgets(apiName, env.region, env.stages[i]),
      })),
      alarmArns: [
        ...this.alarms.flatMap((a) => a.alarmNames),
        ...env.stages.flatMap((s) => archiveAlarmNames(archiveStreamName(naming.prefix, s.name))),
        ...(waf ? wafAlarmNames(waf, env.waf) : []),
        ...env.logDestinations.flatMap((d) => destinationAlarmNames(splunkStreamName(naming.prefix, d.stage))),
      ].map((name) => arn(location, "cloudwatch", `alarm:${name}`)),
      sections: [...(waf ? [wafSection(waf, env.region, env.waf)] : []), ...apiClientsSection(env.region, keyed.map((stage) => ({ stageName: stage.stageName, accessLogGroupName: accessLogGroupName(apiName, stage.stageName) })))],
    });
    this.savedQueries = new SavedQueries(this, "queries", {
      apiName,
      accessLogGroupNames: this.stages.map((stage) => stage.accessLogGroup.name),
      executionLogGroupNames: this.stages.map((stage) => stage.executionLogGroup.name),
      keyedAccessLogGroupNames: keyed.map((stage) => stage.accessLogGroup.name),
      canaryAccessLogGroupNames: this.stages.filter((stage) => stage.canaryLogGroups).map((stage) => stage.accessLogGroup.name),
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
    const archiveBucketName = logArchiveBucketName(env.service, env.name, env.account.id, env.region);
    this.archive = new LogArchive(this, "archive", {
      location,
      bucketName: archiveBucketName,
      keyAlias: naming.name("archive"),
      streamNames: [...env.stages.map((stage) => streamName(stage.name)), ...(waf ? [waf.archiveStream] : [])],
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
          bucketName: archiveBucketName,
          errorLogGroupName: this.archive.errorLogGroupName(streamName(stage.stageName)),
          deliveryRoleName: roles.delivery,
          bufferingIntervalSeconds: env.archive.bufferingIntervalSeconds,
          freshnessToleranceSeconds: env.archive.freshnessToleranceSeconds,
          topicArn: this.alarmTopic.arn,
          streamNameReference: this.archiveSubscriptions[i].stream.name,
        }),
    );
    this.waf = waf
      ? new EnvironmentWaf(this, "waf", {
          names: waf,
          location,
          settings: env.waf,
          apiName,
          stages: this.stages.map((stage) => ({ construct: stage, stageArn: stage.stage.arn })),
          logs: { retentionInDays: env.logs.retentionDays, kmsKeyArn: this.key.arn, preventDestroy: env.deletionProtection },
          archive: {
            archive: this.archive,
            bucketName: archiveBucketName,
            deliveryRoleName: roles.delivery,
            bufferingIntervalSeconds: env.archive.bufferingIntervalSeconds,
            bufferingSizeMiB: env.archive.bufferingSizeMiB,
            freshnessToleranceSeconds: env.archive.freshnessToleranceSeconds,
          },
          topicArn: this.alarmTopic.arn,
        })
      : undefined;
    this.logDestinations =
      env.logDestinations.length === 0
        ? undefined
        : new LogDestinations(this, "log-destinations", {
            location,
            namePrefix: naming.prefix,
            destinations: env.logDestinations,
            stages: this.stages.map((stage) => ({ construct: stage, stageName: stage.stageName, accessLogGroupName: stage.accessLogGroup.name })),
            backup: { bucketArn: this.archive.bucket.arn, bucketName: archiveBucketName, keyArn: this.archive.key.arn },
            errorLogs: { retentionInDays: env.logs.retentionDays, kmsKeyArn: this.key.arn, preventDestroy: env.deletionProtection },
            topicArn: this.alarmTopic.arn,
            freshnessToleranceSeconds: env.archive.freshnessToleranceSeconds,
          });
    if (env.slack) {
      const names = chatbotNames(naming.prefix, ENVIRONMENT_SLACK_PURPOSE);
      this.slackChannel = new SlackChannel(this, "alarms-slack", {
        settings: env.slack,
        configurationName: names.configuration,
        roleName: names.role,
        partition: location.partition,
        topicArns: [this.alarmTopic.arn],
      });
    }
    environmentOutputs(this, env.region);
  }
}
