/**
 * The environment's AWS WAF, put together: the web ACL in front of every stage, its log (and that log's way
 * into the S3 archive, like the access logs), its alarm. What the dashboard shows of it is known from config
 * (`wafDashboardSection`, `wafAlarmNames`), so the dashboard can be built before these constructs.
 *
 * Construct ids: under `waf` (the web ACL's id repeats its type, the log is the `Default` child), the HCL reads
 * `aws_wafv2_web_acl.waf`, `aws_cloudwatch_log_group.waf`, `aws_wafv2_web_acl_logging_configuration.waf`,
 * `aws_cloudwatch_log_resource_policy.waf_delivery`, `aws_kinesis_firehose_delivery_stream.waf_archive`,
 * `aws_cloudwatch_metric_alarm.waf_blocked_requests`; each stage's association is built in the stage's
 * construct: `aws_wafv2_web_acl_association.stage_v1`.
 */
import { Construct } from "constructs";
import type { AwsLocation } from "../aws/arn";
import {
  type ManagedRuleGroupRule,
  wafArchiveStreamName,
  wafBlockedAlarmName,
  wafLogGroupName,
  wafLogPolicyName,
  webAclName,
  webAclRulesJson,
} from "../aws/waf";
import { ArchiveAlarms, archiveAlarmNames } from "./archive-alarms";
import type { DashboardSection } from "./dashboard";
import type { LogArchive } from "./log-archive";
import type { ErrorLogProps } from "./log-subscription";
import { LogSubscription } from "./log-subscription";
import { WafAlarms, type WafAlarmSettings, wafDashboardSection } from "./waf-alarms";
import { WAF_TOP_BLOCKED_QUERY, WAF_TOP_BLOCKED_QUERY_KEY, WafLogging } from "./waf-logging";
import { type RateLimitSettings, WebAcl, WebAclAssociation } from "./waf-web-acl";

/** The web ACL's settings, as the environment config has them (validated there). */
export interface WafSettings {
  /** What happens to a request no rule blocked. */
  readonly defaultAction: "allow" | "block";
  readonly managedRuleGroups: readonly ManagedRuleGroupRule[];
  readonly rateLimit: RateLimitSettings;
  /** `onlyBlockedAndCounted`: a logging filter that keeps only requests a rule blocked or counted. */
  readonly logging: { readonly onlyBlockedAndCounted: boolean };
  readonly blockedRequestsAlarm: WafAlarmSettings;
}

/** The names of an environment's WAF resources, from `<service>-<environment>` and the API's name. */
export interface WafNames {
  readonly webAcl: string;
  readonly logGroup: string;
  readonly deliveryPolicy: string;
  readonly archiveStream: string;
  readonly blockedAlarm: string;
  /** In the API's saved-query folder (`<api name>/...`, see `savedQueryName`). */
  readonly topBlockedQuery: string;
}

export function wafNames(prefix: string, apiName: string): WafNames {
  return {
    webAcl: webAclName(prefix),
    logGroup: wafLogGroupName(prefix),
    deliveryPolicy: wafLogPolicyName(prefix),
    archiveStream: wafArchiveStreamName(prefix),
    blockedAlarm: wafBlockedAlarmName(prefix),
    topBlockedQuery: `${apiName}/${WAF_TOP_BLOCKED_QUERY_KEY}`,
  };
}

/** The names of every WAF alarm: blocked requests (when on) and the WAF log archive's delivery alarms. */
export function wafAlarmNames(names: WafNames, settings: Pick<WafSettings, "blockedRequestsAlarm">): string[] {
  return [...(settings.blockedRequestsAlarm.enabled ? [names.blockedAlarm] : []), ...archiveAlarmNames(names.archiveStream)];
}

/** The dashboard's WAF row, from config. */
export function wafSection(names: WafNames, region: string, settings: Pick<WafSettings, "managedRuleGroups" | "rateLimit">): DashboardSection {
  const rules = webAclRulesJson(settings.managedRuleGroups, settings.rateLimit.enabled ? settings.rateLimit : undefined);
  return wafDashboardSection({
    webAclName: names.webAcl,
    region,
    ruleMetricNames: rules.map((r) => r.VisibilityConfig.MetricName),
    logGroupName: names.logGroup,
    topBlockedQuery: WAF_TOP_BLOCKED_QUERY,
  });
}

/** What the WAF log's archive stream needs of the environment's archive. */
export interface WafArchiveProps {
  readonly archive: LogArchive;
  readonly bucketName: string;
  readonly deliveryRoleName: string;
  readonly bufferingIntervalSeconds: number;
  /** @default LogSubscription's */
  readonly bufferingSizeMiB?: number;
  /** @default ArchiveAlarms' */
  readonly freshnessToleranceSeconds?: number;
}

export interface EnvironmentWafProps {
  readonly names: WafNames;
  readonly location: AwsLocation;
  readonly settings: WafSettings;
  /** The REST API's name, in the web ACL's description. */
  readonly apiName: string;
  /** Each stage's construct (its association is built there) and its ARN as a reference. */
  readonly stages: readonly { readonly construct: Construct; readonly stageArn: string }[];
  /** The WAF log group's retention and key, and those of its archive stream's error log: the environment's. */
  readonly logs: ErrorLogProps;
  readonly archive: WafArchiveProps;
  readonly topicArn: string;
}

/** Where the WAF log goes in the archive bucket: apart from the access logs, partitioned by day. */
export const WAF_ARCHIVE_PREFIXES = {
  prefix: "waf-logs/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
  errorOutputPrefix: "errors/waf-logs/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
} as const;

export class EnvironmentWaf extends Construct {
  public readonly webAcl: WebAcl;
  public readonly associations: readonly WebAclAssociation[];
  public readonly logging: WafLogging;
  /** The WAF log into the archive bucket (a Firehose stream and a subscription filter). */
  public readonly archiveSubscription: LogSubscription;
  public readonly archiveAlarms: ArchiveAlarms;
  public readonly alarms: WafAlarms;

  constructor(scope: Construct, id: string, props: EnvironmentWafProps) {
    super(scope, id);
    const { names, settings } = props;
    this.webAcl = new WebAcl(this, "web-acl", {
      name: names.webAcl,
      protects: props.apiName,
      defaultAction: settings.defaultAction,
      managedRuleGroups: settings.managedRuleGroups,
      rateLimit: settings.rateLimit,
    });
    this.associations = props.stages.map((stage) => new WebAclAssociation(stage.construct, "web-acl", { webAcl: this.webAcl, stageArn: stage.stageArn }));
    this.logging = new WafLogging(this, "Default", {
      webAcl: this.webAcl,
      location: props.location,
      logGroupName: names.logGroup,
      policyName: names.deliveryPolicy,
      retentionInDays: props.logs.retentionInDays,
      kmsKeyArn: props.logs.kmsKeyArn,
      preventDestroy: props.logs.preventDestroy,
      onlyBlockedAndCounted: settings.logging.onlyBlockedAndCounted,
      queryName: names.topBlockedQuery,
    });
    const a = props.archive;
    this.archiveSubscription = new LogSubscription(this, "archive", {
      archive: a.archive,
      streamName: names.archiveStream,
      prefixes: WAF_ARCHIVE_PREFIXES,
      logGroupName: this.logging.logGroup.name,
      bufferingIntervalSeconds: a.bufferingIntervalSeconds,
      bufferingSizeMiB: a.bufferingSizeMiB,
      errorLogs: props.logs,
    });
    this.archiveAlarms = new ArchiveAlarms(this.archiveSubscription, "alarms", {
      streamName: names.archiveStream,
      source: `the WAF log of web ACL ${names.webAcl}`,
      bucketName: a.bucketName,
      errorLogGroupName: a.archive.errorLogGroupName(names.archiveStream),
      deliveryRoleName: a.deliveryRoleName,
      bufferingIntervalSeconds: a.bufferingIntervalSeconds,
      freshnessToleranceSeconds: a.freshnessToleranceSeconds,
      topicArn: props.topicArn,
      streamNameReference: this.archiveSubscription.stream.name,
    });
    this.alarms = new WafAlarms(this, "alarms", {
      alarmName: names.blockedAlarm,
      webAclName: names.webAcl,
      webAclNameReference: this.webAcl.nameReference,
      region: props.location.region,
      settings: settings.blockedRequestsAlarm,
      topicArn: props.topicArn,
      queryName: names.topBlockedQuery,
      logGroupName: names.logGroup,
    });
  }
}
