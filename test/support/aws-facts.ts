/**
 * AWS facts written out from the AWS documentation (or, for regions, from the pinned provider): the oracles
 * tests check the project against. A test that takes the implementation's own constant as its oracle passes
 * whatever the constant says; these are typed in by hand from the source each one names, never imported
 * from modules/ or environments/. test/constraints/documented-facts.test.ts checks each against the
 * implementation's copy, so a drift on either side fails a test. Generators may draw from these lists.
 */

/** CloudWatch Logs API Reference, PutRetentionPolicy `retentionInDays`: "Possible values are: 1, 3, ..., 3288, and 3653." */
export const RETENTION_DAYS_CLOUDWATCH_ACCEPTS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** API Gateway API Reference, CreateStage `cacheClusterSize` (GB): "Valid Values: 0.5 | 1.6 | 6.1 | 13.5 | 28.4 | 58.2 | 118 | 237". */
export const CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS: readonly string[] = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

/** API Gateway API Reference, MethodSetting `loggingLevel`: "Valid values are OFF, ERROR, and INFO". */
export const LOGGING_LEVELS_API_GATEWAY_ACCEPTS: readonly string[] = ["OFF", "ERROR", "INFO"];

/**
 * Amazon S3 API Reference, Transition `StorageClass`: "Valid Values: GLACIER | STANDARD_IA | ONEZONE_IA |
 * INTELLIGENT_TIERING | DEEP_ARCHIVE | GLACIER_IR", in the order of the S3 User Guide's lifecycle "waterfall"
 * (Transitioning objects using Amazon S3 Lifecycle): a lifecycle rule only moves objects down this list.
 */
export const TRANSITION_STORAGE_CLASSES_IN_WATERFALL_ORDER: readonly string[] = ["STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"];

/** CloudWatch Logs API Reference, CreateLogGroup `logGroupName`: 1 to 512 of a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'. */
export const LOG_GROUP_NAME_RULE = /^[a-zA-Z0-9_\-/.#]{1,512}$/;
/** CloudWatch Logs API Reference, PutMetricFilter: "The maximum number of metric filters that can be associated with a log group is 100." */
export const METRIC_FILTERS_PER_LOG_GROUP = 100;
/** CloudWatch Logs API Reference, PutSubscriptionFilter: "Each log group can have up to two subscription filters associated with it." */
export const SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;
/** CloudWatch Logs API Reference, PutMetricFilter and PutSubscriptionFilter `filterPattern`: 0 to 1024 characters. */
export const FILTER_PATTERN_MAX_LENGTH = 1024;

/**
 * CloudWatch API Reference, PutMetricAlarm: `AlarmName` 1 to 255 characters, `AlarmDescription` 0 to 1024,
 * and up to five actions in each of `AlarmActions`, `OKActions` and `InsufficientDataActions`.
 */
export const PUT_METRIC_ALARM = { maxNameLength: 255, maxDescriptionLength: 1024, maxActionsPerState: 5 } as const;

/** CloudWatch API Reference, PutDashboard `DashboardName`: "The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-", and "_"." */
export const DASHBOARD_NAME_RULE = /^[A-Za-z0-9_-]{1,255}$/;

/** CloudWatch API Reference, "Dashboard Body Structure and Syntax": a 24-column grid; an alarm status widget lists at most 100 alarms; "between 0 and 500 widget objects". */
export const DASHBOARD_BODY = { gridColumns: 24, alarmsPerAlarmWidget: 100, widgets: 500 } as const;
/** CloudWatch User Guide, "CloudWatch service quotas", Dashboards: "Up to 500 metrics per dashboard widget. Up to 2500 metrics per dashboard, across all widgets" (metrics that only feed metric math included). */
export const DASHBOARD_QUOTAS = { metricsPerWidget: 500, metricsPerDashboard: 2500 } as const;
/** CloudWatch Logs API Reference, StartQuery: `logGroupNames` "You can include up to 50 log groups"; `queryString` at most 10000 characters. */
export const START_QUERY = { logGroups: 50, queryStringLength: 10_000 } as const;
/**
 * API Gateway Developer Guide, "Quotas for configuring and running a REST API in API Gateway": "Stages per API"
 * 10 (can be increased); "Regional APIs per Region" 600, "Edge-optimized APIs per Region" 120, "Private APIs per
 * account per Region" 600 (none can be increased).
 */
export const REST_API_QUOTAS = { stagesPerApi: 10, regionalApisPerRegion: 600, edgeApisPerRegion: 120, privateApisPerRegion: 600 } as const;
/** Amazon Data Firehose API Reference, CreateDeliveryStream: "By default, you can create up to 5,000 Firehose streams per Amazon Web Services Region." */
export const FIREHOSE_STREAMS_PER_REGION = 5000;

/**
 * AWS KMS API Reference, CreateAlias `AliasName`: 1 to 256 characters, Pattern `^[a-zA-Z0-9:/_-]+$`, beginning
 * with `alias/`; the prefix `alias/aws/` is reserved for AWS managed keys (KMS Developer Guide, "Create aliases").
 */
export const KMS_ALIAS_RULE = /^alias\/[a-zA-Z0-9:/_-]{1,250}$/;
export const KMS_RESERVED_ALIAS_PREFIX = "alias/aws/";

/** IAM API Reference, CreateRole `RoleName`: 1 to 64 characters, Pattern `[\w+=,.@-]+`. */
export const IAM_ROLE_NAME_RULE = /^[\w+=,.@-]{1,64}$/;
/** IAM API Reference, CreateRole `Description`: up to 1000 of tab, line feed, carriage return, U+0020-U+007E and U+00A1-U+00FF. */
export const IAM_ROLE_DESCRIPTION_RULE = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{0,1000}$/;
/**
 * IAM User Guide, "IAM and AWS STS quotas": a role trust policy of 2,048 characters by default, and a role's
 * inline policies of 10,240 characters together; IAM does not count white space.
 */
export const IAM_QUOTAS = { trustPolicyLength: 2048, roleInlinePoliciesLength: 10_240 } as const;

/** Amazon Data Firehose API Reference, CreateDeliveryStream `DeliveryStreamName`: 1 to 64 characters, Pattern `[a-zA-Z0-9_.-]+`. */
export const DELIVERY_STREAM_NAME_RULE = /^[a-zA-Z0-9_.-]{1,64}$/;
/** Amazon Data Firehose API Reference, ExtendedS3DestinationConfiguration `FileExtension`: Pattern `^$|\.[0-9a-z!\-_.*'()]+`. */
export const FILE_EXTENSION_RULE = /^$|^\.[0-9a-z!\-_.*'()]+$/;

/** AWS General Reference, "AWS X-Ray endpoints and quotas": 25 custom sampling rules per Region (L-8C0C998A, adjustable). */
export const XRAY_SAMPLING_RULES_PER_REGION = 25;

/** Amazon SNS API Reference, CreateTopic `Name`: "uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, ... between 1 and 256 characters". */
export const SNS_TOPIC_NAME_RULE = /^[A-Za-z0-9_-]{1,256}$/;

/** Amazon S3 User Guide, "General purpose bucket naming rules", as a predicate: one clause per rule on that page. */
export function isBucketNameS3Accepts(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9.-]+$/.test(name) &&
    /^[a-z0-9]/.test(name) &&
    /[a-z0-9]$/.test(name) &&
    !name.includes("..") &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !S3_RESERVED_BUCKET_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !S3_RESERVED_BUCKET_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}
/** "Bucket names must not start with the prefix ..." (sthree- also covers sthree-configurator). */
export const S3_RESERVED_BUCKET_PREFIXES: readonly string[] = ["xn--", "sthree-", "amzn-s3-demo-"];
/** "Bucket names must not end with the suffix ...". */
export const S3_RESERVED_BUCKET_SUFFIXES: readonly string[] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

/**
 * Regions the pinned AWS provider (5.100.0) accepts, by partition: its endpoint data (hashicorp/aws-sdk-go-base
 * endpoints/endpoints_gen.go) fails `plan` with "invalid AWS Region" for any other code. test/terraform/
 * region-lists.test.ts asks the provider binary itself.
 */
export const PROVIDER_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ca-central-1",
    "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
    "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/** "Tag naming limits and requirements" (Tagging AWS resources): at most 50 user tags per resource, keys up to 128, values up to 256 characters. */
export const TAG_LIMITS = { perResource: 50, keyLength: 128, valueLength: 256 } as const;

/** API Gateway API Reference, `CanarySettings.percentTraffic`: "The percent (0-100) of traffic diverted to a canary deployment" (Developer Guide, canary release: "between 0.0 and 100.0 inclusive"). */
export const CANARY_PERCENT_TRAFFIC = { min: 0, max: 100 } as const;
/**
 * API Gateway API Reference, CreateStage `variables` (and `CanarySettings.stageVariableOverrides`): "Variable names can have
 * alphanumeric and underscore characters, and the values must match [A-Za-z0-9-._~:/?#&=,]+"; "Quotas for configuring and
 * running a REST API in API Gateway": 100 stage variables per stage, keys of at most 64 and values of at most 512 characters.
 */
export const STAGE_VARIABLE_NAME_RULE = /^[A-Za-z0-9_]{1,64}$/;
export const STAGE_VARIABLE_VALUE_RULE = /^[-A-Za-z0-9._~:/?#&=,]{1,512}$/;
export const STAGE_VARIABLES_PER_STAGE = 100;
/** API Gateway Developer Guide, "Set up an API Gateway canary release deployment": a canary's log groups are its stage's with "/Canary" appended. */
export const CANARY_LOG_GROUP_SUFFIX = "/Canary";
/**
 * CloudWatch API Reference, MetricDataQuery: "A single PutMetricAlarm call can include up to 20 MetricDataQuery structures ... as many as
 * 10 structures that contain a MetricStat ... and as many as 10 ... that contain the Expression ... one must have true as the value for
 * ReturnData"; `Id`: "The first character must be a lowercase letter" (letters, numbers, underscore).
 */
export const PUT_METRIC_ALARM_METRICS = { metricStats: 10, expressions: 10, idRule: /^[a-z][A-Za-z0-9_]*$/ } as const;
/** API Gateway Developer Guide, "Amazon API Gateway dimensions and metrics": a method's metrics (detailed metrics only). */
export const API_GATEWAY_METHOD_DIMENSIONS: readonly string[] = ["ApiName", "Method", "Resource", "Stage"];

/** API Gateway API Reference, QuotaSettings `period`: "Valid Values: DAY | WEEK | MONTH". */
export const QUOTA_PERIODS_API_GATEWAY_ACCEPTS: readonly string[] = ["DAY", "WEEK", "MONTH"];
/**
 * terraform-provider-aws, internal/service/apigateway `validUsagePlanQuotaSettings`, run when the usage plan is created or
 * updated (apply), never at plan: "Usage Plan quota offset must be zero in the DAY period", "between 0 and 6 inclusive in the
 * WEEK period", "between 0 and 27 inclusive in the MONTH period".
 */
export const QUOTA_OFFSET_RANGES_PROVIDER_CHECKS: Readonly<Record<string, readonly [number, number]>> = { DAY: [0, 0], WEEK: [0, 6], MONTH: [0, 27] };
/**
 * API Gateway Developer Guide, "Usage plans and API keys for REST APIs in API Gateway": "The name cannot exceed 1024 characters.
 * The value is an alphanumeric string between 20 and 128 characters"; "API key values must be unique"; "a given API key can
 * only be associated with one usage plan for each stage of your API".
 */
export const API_KEY_RULES = { maxNameLength: 1024, valueLength: { min: 20, max: 128 } } as const;
/**
 * API Gateway Developer Guide, "Quotas for configuring and running a REST API in API Gateway": "API keys per account per Region
 * 10000" (cannot be increased), "Usage plans per account per Region 300", "Usage plans per API key 10".
 */
export const USAGE_PLAN_QUOTAS_API_GATEWAY = { apiKeysPerRegion: 10_000, usagePlansPerRegion: 300, usagePlansPerApiKey: 10 } as const;
/** API Gateway Developer Guide, "Amazon API Gateway quotas": 10,000 requests per second per account and Region, a bucket of at most 5,000 requests. */
export const ACCOUNT_THROTTLE_QUOTA = { rateLimit: 10_000, burstLimit: 5000 } as const;

/**
 * AWS WAF Developer Guide, "Sending web ACL traffic logs to an Amazon CloudWatch Logs log group": the log
 * group's name must start with `aws-waf-logs-`.
 */
export const WAF_LOG_GROUP_NAME_PREFIX = "aws-waf-logs-";
/**
 * AWS WAF API Reference, VisibilityConfig `MetricName`: "can contain only the characters: A-Z, a-z, 0-9, -
 * (hyphen), and _ (underscore). The name can be from one to 128 characters long. It can't contain whitespace
 * or metric names that are reserved for AWS WAF, for example All and Default_Action."
 */
export const WAF_METRIC_NAME_RULE = /^[A-Za-z0-9_-]{1,128}$/;
export const WAF_RESERVED_METRIC_NAMES: readonly string[] = ["All", "Default_Action"];
/**
 * AWS WAF Developer Guide, "Rate-based rule high-level settings": evaluation window "Valid settings are 60 (1
 * minute), 120 (2 minutes), 300 (5 minutes), and 600 (10 minutes)"; "The lowest limit setting allowed is 10";
 * API Reference, RateBasedStatement `Limit`: at most 2,000,000,000.
 */
export const WAF_RATE_BASED_RULE = { evaluationWindows: [60, 120, 300, 600], minLimit: 10, maxLimit: 2_000_000_000 } as const;
/**
 * AWS WAF Developer Guide, "Web ACL capacity units (WCUs)": a web ACL holds at most 5,000 WCUs, 1,500 in the base
 * price; "AWS Managed Rules rule groups list": the WCUs of each group, e.g. "Core rule set (CRS) ... WCU: 700".
 */
export const WAF_CAPACITY = { maxPerWebAcl: 5000, inBasePrice: 1500 } as const;
export const MANAGED_RULE_GROUP_WCUS: Readonly<Record<string, number>> = {
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
  AWSManagedRulesAdminProtectionRuleSet: 100,
  AWSManagedRulesSQLiRuleSet: 200,
  AWSManagedRulesLinuxRuleSet: 200,
  AWSManagedRulesUnixRuleSet: 100,
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesAnonymousIpList: 50,
};
/**
 * CloudWatch Logs API Reference, PutResourcePolicy: "An account can have up to 10 resource policies per AWS
 * Region", each document at most 5,120 characters (hashicorp/terraform-provider-aws#25296: past it, WAF log
 * delivery fails with WAFLogDestinationPermissionIssueException).
 */
export const LOG_RESOURCE_POLICIES = { perRegion: 10, maxDocumentLength: 5120 } as const;

/**
 * Amazon Data Firehose API Reference, SplunkDestinationConfiguration: SplunkBufferingHints IntervalInSeconds "Minimum
 * value of 0. Maximum value of 60", SizeInMBs "Minimum value of 1. Maximum value of 5"; HECAcknowledgmentTimeoutInSeconds
 * 180 to 600; SplunkRetryOptions DurationInSeconds 0 to 7200; HECEndpointType `Raw | Event`; S3BackupMode
 * `FailedEventsOnly | AllEvents`; HECEndpoint at most 2048 characters.
 */
export const FIREHOSE_SPLUNK = {
  bufferingIntervalSeconds: { min: 0, max: 60 },
  bufferingSizeMiB: { min: 1, max: 5 },
  acknowledgmentTimeoutSeconds: { min: 180, max: 600 },
  retryDurationSeconds: { min: 0, max: 7200 },
  endpointTypes: ["Raw", "Event"],
  s3BackupModes: ["FailedEventsOnly", "AllEvents"],
  maxEndpointLength: 2048,
} as const;
/**
 * Amazon Data Firehose API Reference, SecretsManagerConfiguration: SecretARN Pattern
 * `arn:.*:secretsmanager:[a-zA-Z0-9\-]+:\d{12}:secret:[a-zA-Z0-9\-/_+=.@!]+`, "It must be in the same region as the
 * Firehose stream and the role"; RoleARN "This parameter is required for Splunk". Developer Guide, "Authenticate with
 * AWS Secrets Manager": "Format of secret for Splunk: { "hec_token": "<hec token>" }".
 */
export const FIREHOSE_SECRETS_MANAGER = { secretArnRule: /^arn:.*:secretsmanager:[a-zA-Z0-9-]+:\d{12}:secret:[a-zA-Z0-9\-/_+=.@!]+$/, splunkSecretKey: "hec_token" } as const;
/**
 * Amazon Data Firehose Developer Guide, "Extract message after decompression of CloudWatch Logs": "If you deliver data
 * to a Splunk destination, you must turn on message extraction for Splunk to parse the data"; API Reference,
 * Processor `Type`: "RecordDeAggregation | Decompression | CloudWatchLogProcessing | Lambda | MetadataExtraction |
 * AppendDelimiterToRecord"; "Send CloudWatch Logs to Firehose": "Amazon Data Firehose currently does not support the
 * delivery of CloudWatch Logs to Amazon OpenSearch Service destination".
 */
export const FIREHOSE_CLOUDWATCH_LOGS = {
  splunkProcessors: [
    { type: "Decompression", parameter: ["CompressionFormat", "GZIP"] },
    { type: "CloudWatchLogProcessing", parameter: ["DataMessageExtraction", "true"] },
  ],
  unsupportedDestinations: ["opensearch", "opensearchserverless", "elasticsearch"],
} as const;
/**
 * AWS Chatbot API Reference (model chatbot-2017-10-11, CreateSlackChannelConfiguration): SlackTeamId `[0-9A-Z]{1,255}`,
 * SlackChannelId `[A-Za-z0-9]+` (1 to 255), ConfigurationName `[A-Za-z0-9-_]+` (1 to 128), IamRoleArn and
 * SnsTopicArns `arn:aws:...` (the aws partition only), LoggingLevel `ERROR|INFO|NONE`; GuardrailPolicyArns: "The AWS
 * managed AdministratorAccess policy is applied by default if this is not set"; "AWS Chatbot APIs are currently
 * available in the following Regions: us-east-2, us-west-2, ap-southeast-1, eu-west-1".
 */
export const CHATBOT_API = {
  slackTeamIdRule: /^[0-9A-Z]{1,255}$/,
  slackChannelIdRule: /^[A-Za-z0-9]{1,255}$/,
  configurationNameRule: /^[A-Za-z0-9_-]{1,128}$/,
  partition: "aws",
  loggingLevels: ["ERROR", "INFO", "NONE"],
  defaultGuardrail: "AdministratorAccess",
  regions: ["us-east-2", "us-west-2", "ap-southeast-1", "eu-west-1"],
} as const;
/**
 * Amazon SNS Developer Guide, "Key management" (Configuring AWS KMS permissions; enabling compatibility between event
 * sources from AWS services and encrypted topics): a publishing service needs `kms:GenerateDataKey*` and
 * `kms:Decrypt` on the topic's key; CloudWatch alarms publish as `cloudwatch.amazonaws.com`.
 */
export const SNS_ENCRYPTED_TOPIC_PUBLISHER = { principal: "cloudwatch.amazonaws.com", actions: ["kms:Decrypt", "kms:GenerateDataKey*"] } as const;
