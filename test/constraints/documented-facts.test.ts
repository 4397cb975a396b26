/**
 * The implementation's copies of AWS facts against the ones written out from the documentation in
 * test/support/aws-facts.ts. Tests elsewhere use the written-out facts as their oracle; this file makes sure
 * the two never drift apart: a value AWS added or the code changed fails here, whichever side moved.
 */
import fc from "fast-check";
import { CLOUDWATCH_RETENTION_DAYS } from "../../aws/limits";
import { CACHE_CLUSTER_SIZES, LOGGING_LEVELS, STORAGE_CLASSES } from "../../environments/types";
import { DASHBOARD_NAME, DEFAULT_MAX_SAMPLING_RULES_PER_REGION, DELIVERY_STREAM_NAME, FIREHOSE_FILE_EXTENSION, IAM_ROLE_DESCRIPTION, IAM_ROLE_NAME, kmsAliasProblems, LOG_GROUP_NAME, MAX_ALARM_ACTIONS, MAX_ALARM_DESCRIPTION_LENGTH, MAX_ALARM_NAME_LENGTH, MAX_BUCKET_NAME_LENGTH, MAX_DELIVERY_STREAM_NAME_LENGTH, MAX_FILTER_PATTERN_LENGTH, MAX_METRIC_FILTERS_PER_LOG_GROUP, MAX_ROLE_INLINE_POLICIES_LENGTH, MAX_ROLE_NAME_LENGTH, MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP, MAX_TRUST_POLICY_LENGTH, S3_BUCKET_NAME, SNS_TOPIC_NAME } from "../../aws/limits";
import { AWS_REGIONS } from "../../aws/regions";
import { GRID_WIDTH, MAX_ALARMS_PER_WIDGET } from "../../modules/dashboard-widgets";
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE } from "../../aws/tags";
import { CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS, DASHBOARD_BODY, DASHBOARD_NAME_RULE, DELIVERY_STREAM_NAME_RULE, FILE_EXTENSION_RULE, FILTER_PATTERN_MAX_LENGTH, IAM_QUOTAS, IAM_ROLE_DESCRIPTION_RULE, IAM_ROLE_NAME_RULE, isBucketNameS3Accepts, KMS_ALIAS_RULE, KMS_RESERVED_ALIAS_PREFIX, LOG_GROUP_NAME_RULE, LOGGING_LEVELS_API_GATEWAY_ACCEPTS, METRIC_FILTERS_PER_LOG_GROUP, PROVIDER_REGIONS, PUT_METRIC_ALARM, RETENTION_DAYS_CLOUDWATCH_ACCEPTS, S3_RESERVED_BUCKET_PREFIXES, S3_RESERVED_BUCKET_SUFFIXES, SNS_TOPIC_NAME_RULE, SUBSCRIPTION_FILTERS_PER_LOG_GROUP, TAG_LIMITS, TRANSITION_STORAGE_CLASSES_IN_WATERFALL_ORDER, XRAY_SAMPLING_RULES_PER_REGION } from "../support/aws-facts";

/**
 * The documented rule and the implemented one accept the same strings: generated ones over `alphabet`
 * (allowed characters and some that are not) up to past `maxLength`, the empty string, and both sides of
 * the length limit.
 */
function expectSameVerdicts(documented: (s: string) => boolean, implemented: (s: string) => boolean, alphabet: string, maxLength: number, probes: readonly string[] = []): void {
  const verdicts = (s: string) => ({ s, documented: documented(s), implemented: implemented(s) });
  const filler = alphabet.match(/[a-z]/)?.[0] ?? "a";
  for (const s of ["", filler, filler.repeat(maxLength), filler.repeat(maxLength + 1), ...probes]) {
    const v = verdicts(s);
    expect(v.implemented).toBe(v.documented);
  }
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: maxLength + 2 }), (s) => {
      const v = verdicts(s);
      expect(v.implemented).toBe(v.documented);
    }),
    { numRuns: 300 },
  );
}

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** Characters some rule allows and another refuses, and a few no rule allows. */
const SYMBOLS = "_-./#:+=,@!*'()$~ \u00e9\u00a0\t\n\u4e2d";

describe("value lists, element for element", () => {
  it("PutRetentionPolicy retentionInDays", () => {
    expect([...CLOUDWATCH_RETENTION_DAYS]).toEqual(RETENTION_DAYS_CLOUDWATCH_ACCEPTS);
  });

  it("CreateStage cacheClusterSize", () => {
    expect(CACHE_CLUSTER_SIZES).toEqual(CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS);
  });

  it("MethodSetting loggingLevel", () => {
    expect(LOGGING_LEVELS).toEqual(LOGGING_LEVELS_API_GATEWAY_ACCEPTS);
  });

  it("lifecycle Transition StorageClass, in waterfall order", () => {
    expect(STORAGE_CLASSES).toEqual(TRANSITION_STORAGE_CLASSES_IN_WATERFALL_ORDER);
  });

  it("the regions the pinned provider knows, by partition", () => {
    expect(AWS_REGIONS).toEqual(PROVIDER_REGIONS);
  });
});

describe("limits", () => {
  it.each([
    ["PutMetricFilter: metric filters per log group", MAX_METRIC_FILTERS_PER_LOG_GROUP, METRIC_FILTERS_PER_LOG_GROUP],
    ["PutSubscriptionFilter: subscription filters per log group", MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP, SUBSCRIPTION_FILTERS_PER_LOG_GROUP],
    ["filterPattern length (aws-limits)", MAX_FILTER_PATTERN_LENGTH, FILTER_PATTERN_MAX_LENGTH],
    ["PutMetricAlarm AlarmName length", MAX_ALARM_NAME_LENGTH, PUT_METRIC_ALARM.maxNameLength],
    ["PutMetricAlarm AlarmDescription length", MAX_ALARM_DESCRIPTION_LENGTH, PUT_METRIC_ALARM.maxDescriptionLength],
    ["PutMetricAlarm actions per state", MAX_ALARM_ACTIONS, PUT_METRIC_ALARM.maxActionsPerState],
    ["dashboard grid columns", GRID_WIDTH, DASHBOARD_BODY.gridColumns],
    ["alarms per alarm status widget", MAX_ALARMS_PER_WIDGET, DASHBOARD_BODY.alarmsPerAlarmWidget],
    ["IAM role trust policy length", MAX_TRUST_POLICY_LENGTH, IAM_QUOTAS.trustPolicyLength],
    ["IAM role inline policies length", MAX_ROLE_INLINE_POLICIES_LENGTH, IAM_QUOTAS.roleInlinePoliciesLength],
    ["IAM RoleName length", MAX_ROLE_NAME_LENGTH, 64],
    ["Firehose DeliveryStreamName length", MAX_DELIVERY_STREAM_NAME_LENGTH, 64],
    ["S3 bucket name length", MAX_BUCKET_NAME_LENGTH, 63],
    ["X-Ray custom sampling rules per Region", DEFAULT_MAX_SAMPLING_RULES_PER_REGION, XRAY_SAMPLING_RULES_PER_REGION],
    ["tags per resource", MAX_TAGS_PER_RESOURCE, TAG_LIMITS.perResource],
    ["tag key length", MAX_TAG_KEY_LENGTH, TAG_LIMITS.keyLength],
    ["tag value length", MAX_TAG_VALUE_LENGTH, TAG_LIMITS.valueLength],
  ])("%s", (_limit, implemented, documented) => {
    expect(implemented).toBe(documented);
  });
});

describe("name rules accept the same strings as the documentation", () => {
  it("CreateLogGroup logGroupName", () => {
    expectSameVerdicts((s) => LOG_GROUP_NAME_RULE.test(s), (s) => LOG_GROUP_NAME.test(s), LETTERS + SYMBOLS, 512);
  });

  it("CreateRole RoleName and Description", () => {
    expectSameVerdicts((s) => IAM_ROLE_NAME_RULE.test(s), (s) => IAM_ROLE_NAME.test(s), LETTERS + SYMBOLS, 64);
    expectSameVerdicts((s) => IAM_ROLE_DESCRIPTION_RULE.test(s), (s) => IAM_ROLE_DESCRIPTION.test(s), LETTERS + SYMBOLS + "\u007f\u00a1\u00ff\u0100\r", 1000);
  });

  it("CreateDeliveryStream DeliveryStreamName and FileExtension", () => {
    expectSameVerdicts((s) => DELIVERY_STREAM_NAME_RULE.test(s), (s) => DELIVERY_STREAM_NAME.test(s), LETTERS + SYMBOLS, 64);
    expectSameVerdicts((s) => FILE_EXTENSION_RULE.test(s), (s) => FIREHOSE_FILE_EXTENSION.test(s), LETTERS + SYMBOLS, 8, [".json", ".JSON", ".log.gz", "json", "."]);
  });

  it("CreateTopic Name and PutDashboard DashboardName", () => {
    expectSameVerdicts((s) => SNS_TOPIC_NAME_RULE.test(s), (s) => SNS_TOPIC_NAME.test(s), LETTERS + SYMBOLS, 256);
    expectSameVerdicts((s) => DASHBOARD_NAME_RULE.test(s), (s) => DASHBOARD_NAME.test(s), LETTERS + SYMBOLS, 255);
  });

  it("CreateAlias AliasName, with alias/aws/ reserved", () => {
    const documented = (s: string) => KMS_ALIAS_RULE.test(s) && !s.startsWith(KMS_RESERVED_ALIAS_PREFIX);
    const probes = ["alias/orders", "alias/aws/orders", "alias/", "orders", `alias/${"k".repeat(250)}`, `alias/${"k".repeat(251)}`, "alias/a:b/c_d-e"];
    expectSameVerdicts(documented, (s) => kmsAliasProblems(s).length === 0, "aws/lis" + LETTERS.slice(0, 10) + SYMBOLS, 12, probes);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aws/" + LETTERS.slice(0, 6) + SYMBOLS), maxLength: 20 }), (rest) => {
        expect(kmsAliasProblems(`alias/${rest}`).length === 0).toBe(documented(`alias/${rest}`));
      }),
    );
  });

  it("general purpose bucket names, reserved prefixes and suffixes included", () => {
    const affix = (list: readonly string[]) => fc.oneof(fc.constant(""), fc.constantFrom(...list));
    const name = fc
      .tuple(affix(S3_RESERVED_BUCKET_PREFIXES), fc.string({ unit: fc.constantFrom(..."abz09.-_A "), maxLength: 66 }), affix(S3_RESERVED_BUCKET_SUFFIXES))
      .map(([prefix, middle, suffix]) => `${prefix}${middle}${suffix}`);
    const probes = ["my-bucket", "192.168.5.4", "a..b", "ab", "a".repeat(63), "a".repeat(64), ...S3_RESERVED_BUCKET_PREFIXES.map((p) => `${p}logs`), ...S3_RESERVED_BUCKET_SUFFIXES.map((s) => `logs${s}`)];
    for (const s of probes) expect({ s, implemented: S3_BUCKET_NAME.test(s) }).toEqual({ s, implemented: isBucketNameS3Accepts(s) });
    fc.assert(
      fc.property(name, (s) => {
        expect({ s, implemented: S3_BUCKET_NAME.test(s) }).toEqual({ s, implemented: isBucketNameS3Accepts(s) });
      }),
      { numRuns: 500 },
    );
  });
});
