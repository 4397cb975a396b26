/**
 * fast-check generators of environment configs: mostly valid values, with broken ones mixed in. Valid values
 * are drawn from the AWS facts written out in aws-facts.ts, never from the implementation's own lists.
 */
import fc from "fast-check";
import { ENVIRONMENTS } from "../../environments";
import { ORDERS_API } from "../../environments/sample-api";
import type { EnvironmentInput } from "../../environments/types";
import { CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS, LOGGING_LEVELS_API_GATEWAY_ACCEPTS, RETENTION_DAYS_CLOUDWATCH_ACCEPTS } from "./aws-facts";

/** Generators for one mode: only valid values, or valid values with broken ones mixed in. */
function generators(broken: boolean) {
  /** A valid value, or in broken mode now and then an arbitrary (usually invalid) one. */
  const mostly = <T>(valid: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown> = fc.anything()): fc.Arbitrary<unknown> =>
    broken ? fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: bad }) : valid;
  const number = fc.oneof(fc.integer({ min: -100, max: 20000 }), fc.double(), fc.string());

  const throttling = fc.record(
    { burstLimit: mostly(fc.integer({ min: 0, max: 5000 }), number), rateLimit: mostly(fc.double({ min: 0, max: 10000, noNaN: true }), number) },
    { requiredKeys: [] },
  );
  const methodOverride = fc.record(
    {
      method: mostly(fc.constantFrom(...OPERATIONS), fc.string()),
      loggingLevel: mostly(fc.constantFrom(...LOGGING_LEVELS_API_GATEWAY_ACCEPTS), fc.string()),
      dataTraceEnabled: mostly(fc.boolean()),
      metricsEnabled: mostly(fc.boolean()),
      throttling,
      cachingEnabled: mostly(fc.boolean()),
    },
    { requiredKeys: ["method"] },
  );
  const alarms = fc.record(
    {
      serverErrorRate: alarm(rate),
      clientErrorRate: alarm(rate),
      latency: alarm(milliseconds),
      integrationLatency: alarm(milliseconds),
      lowTraffic: alarm(count),
      serverErrorCount: alarm(count),
    },
    { requiredKeys: [] },
  );
  const stage = fc.record(
    {
      name: mostly(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.string()),
      loggingLevel: mostly(fc.constantFrom(...LOGGING_LEVELS_API_GATEWAY_ACCEPTS), fc.string()),
      dataTraceEnabled: mostly(fc.boolean()),
      metricsEnabled: mostly(fc.boolean()),
      tracingEnabled: mostly(fc.boolean()),
      throttling,
      caching: fc.record(
        {
          enabled: mostly(fc.boolean()),
          clusterSize: mostly(fc.constantFrom(...CACHE_CLUSTER_SIZES_API_GATEWAY_ACCEPTS), fc.string()),
          ttlSeconds: mostly(fc.integer({ min: 0, max: 3600 }), number),
        },
        { requiredKeys: [] },
      ),
      methodOverrides: mostly(fc.uniqueArray(methodOverride, { maxLength: 3, selector: (o) => o.method })),
      // A canary of the stage's own deployment: a share of its traffic with other stage variables.
      canary: fc.record(
        {
          enabled: mostly(fc.boolean()),
          percentTraffic: mostly(fc.double({ min: 0, max: 100, noNaN: true }), number),
          stageVariableOverrides: mostly(fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_]{1,16}$/), fc.stringMatching(/^[A-Za-z0-9._~:/?#&=,-]{1,20}$/), { maxKeys: 2 })),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ["name"] },
  );
  // A web ACL: on or off (production turns it on when left out), its rate limit and default action.
  const waf = fc.record(
    {
      enabled: mostly(fc.boolean()),
      defaultAction: mostly(fc.constantFrom("allow", "block"), fc.string()),
      rateLimit: fc.record(
        { limit: mostly(fc.integer({ min: 10, max: 2_000_000_000 }), number), evaluationWindowSeconds: mostly(fc.constantFrom(60, 120, 300, 600), number) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
  // Slack ids of Chatbot's shape that no placeholder check matches (no O or X, so no TODO, XXXX or EXAMPLE).
  const slack = fc.record({
    workspaceId: mostly(fc.stringMatching(/^T[A-HJ-NP-WYZ1-9]{8,10}$/), fc.string()),
    channelId: mostly(fc.stringMatching(/^[CG][A-HJ-NP-WYZ1-9]{8,10}$/), fc.string()),
  });
  return fc.record({
    name: mostly(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.string()),
    tier: mostly(fc.constantFrom("production", "non-production"), fc.string()),
    account: mostly(
      fc.record({ name: fc.constantFrom("nonprod", "prod"), id: fc.stringMatching(/^\d{12}$/), production: fc.boolean() }),
      fc.record({ name: fc.string(), id: fc.string(), production: fc.anything() }),
    ),
    region: mostly(fc.constantFrom("eu-west-1", "us-east-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"), fc.string()),
    service: mostly(fc.constant("orders-api"), fc.string()),
    owner: mostly(fc.constant("platform-team"), fc.string()),
    logs: fc.record({ retentionDays: mostly(fc.constantFrom(...RETENTION_DAYS_CLOUDWATCH_ACCEPTS), number) }),
    deletionProtection: mostly(fc.boolean()),
    stages: mostly(fc.uniqueArray(stage, { minLength: 1, maxLength: 3, selector: (s) => s.name }), fc.array(stage, { maxLength: 2 })),
    // Team tags: AWS tag characters, never one of the standard keys (environment, service, owner, managed-by).
    tags: mostly(
      fc.dictionary(fc.stringMatching(/^team-[a-z][a-z-]{0,8}$/), fc.stringMatching(/^[A-Za-z0-9 _.:\/=+@-]{0,20}$/), { maxKeys: 3 }),
      fc.oneof(fc.dictionary(fc.string(), fc.string({ maxLength: 20 }), { maxKeys: 3 }), fc.anything()),
    ),
    notifications: mostly(
      fc.record({ emails: fc.uniqueArray(fc.emailAddress(), { maxLength: 2 }), httpsEndpoints: fc.uniqueArray(httpsEndpoint, { maxLength: 2, selector: (e) => JSON.stringify(e) }) }),
      fc.record({
        emails: fc.array(fc.string(), { maxLength: 2 }),
        httpsEndpoints: fc.array(fc.oneof(webUrl("http", "https"), fc.record({ variable: fc.string() }), fc.record({ ssmParameter: fc.string() }), fc.anything()), { maxLength: 2 }),
      }),
    ),
    alarms: mostly(alarms, fc.anything()),
    tracing: fc.record(
      {
        samplingRate: mostly(fc.double({ min: 0, max: 1, noNaN: true }), number),
        reservoirSize: mostly(fc.integer({ min: 0, max: 50 }), number),
        priority: mostly(fc.integer({ min: 1, max: 9999 }), number),
      },
      { requiredKeys: [] },
    ),
    archive: fc.record(
      {
        lifecycle: mostly(lifecycle, fc.record({ transitions: fc.array(fc.record({ storageClass: fc.string(), days: number }), { maxLength: 2 }), expirationDays: number })),
        bufferingIntervalSeconds: mostly(fc.integer({ min: 0, max: 900 }), number),
        bufferingSizeMiB: mostly(fc.integer({ min: 1, max: 128 }), number),
      },
      { requiredKeys: [] },
    ),
    stateBackend: mostly(stateBackend, fc.record({ type: fc.constantFrom("s3", "consul"), bucket: fc.string(), region: fc.string() })),
    waf,
    slack: fc.option(slack, { nil: undefined }),
  }, { requiredKeys: ["name", "tier", "account", "region", "service", "owner", "logs", "deletionProtection", "stages", "tags", "notifications", "alarms", "tracing", "archive", "stateBackend"] });

  /** One alarm: M out of N with M <= N, thresholds in the alarm's unit. */
  function alarm(threshold: fc.Arbitrary<number>) {
    const window = mostly(
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))),
      fc.tuple(number, number),
    ) as fc.Arbitrary<[unknown, unknown]>;
    return fc
      .record({
        enabled: mostly(fc.boolean()),
        threshold: mostly(threshold, number),
        periodSeconds: mostly(fc.constantFrom(60, 120, 300), fc.constantFrom(10, 30, 45, 0, -60, "60")),
        window,
      })
      .map(({ window: [evaluationPeriods, datapointsToAlarm], ...rest }) => ({ ...rest, evaluationPeriods, datapointsToAlarm }));
  }
}

/**
 * A URL as RFC 3986 allows it: a domain, path segments, a query and a fragment of every character they may
 * hold (`$`, `'`, `%XX`, ... as fast-check's `webUrl` draws them). `webUrl` itself builds tables that take
 * over a second in each test file that uses it.
 */
function webUrl(...schemes: readonly string[]): fc.Arbitrary<string> {
  const segment = fc.stringMatching(/^([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-F]{2}){0,10}$/);
  const queryOrFragment = fc.stringMatching(/^([A-Za-z0-9._~!$&'()*+,;=:@\/?-]|%[0-9A-F]{2}){0,12}$/);
  return fc
    .tuple(fc.constantFrom(...schemes), fc.domain(), fc.array(segment, { maxLength: 3 }), fc.option(queryOrFragment), fc.option(queryOrFragment))
    .map(([scheme, domain, path, query, fragment]) => `${scheme}://${domain}${path.map((s) => `/${s}`).join("")}${query === null ? "" : `?${query}`}${fragment === null ? "" : `#${fragment}`}`);
}

/** An HTTPS subscriber: a URL, or a secret URL by its source (a Terraform variable or an SSM parameter). */
const httpsEndpoint = fc.oneof(
  webUrl("https"),
  fc.record({ variable: fc.stringMatching(/^url_[a-z0-9_]{1,12}$/) }),
  fc.record({ ssmParameter: fc.stringMatching(/^\/[a-z0-9_.-]{1,10}(\/[a-z0-9_.-]{1,10}){0,2}$/) }),
);

const rate = fc.double({ min: 0, max: 1, noNaN: true });
const milliseconds = fc.integer({ min: 1, max: 30_000 });
const count = fc.integer({ min: 1, max: 1000 });

/** A waterfall of colder storage classes, well apart, and an expiry after the last one. */
const lifecycle = fc
  .record({
    ia: fc.option(fc.integer({ min: 30, max: 60 }), { nil: undefined }),
    glacier: fc.option(fc.integer({ min: 120, max: 200 }), { nil: undefined }),
    deepArchive: fc.option(fc.integer({ min: 300, max: 400 }), { nil: undefined }),
    keepAfter: fc.integer({ min: 1, max: 3000 }),
    noncurrentVersionExpirationDays: fc.integer({ min: 1, max: 90 }),
  })
  .map(({ ia, glacier, deepArchive, keepAfter, noncurrentVersionExpirationDays }) => {
    const transitions = [
      ...(ia === undefined ? [] : [{ storageClass: "STANDARD_IA" as const, days: ia }]),
      ...(glacier === undefined ? [] : [{ storageClass: "GLACIER" as const, days: glacier }]),
      ...(deepArchive === undefined ? [] : [{ storageClass: "DEEP_ARCHIVE" as const, days: deepArchive }]),
    ];
    const last = transitions.length === 0 ? 0 : transitions[transitions.length - 1].days;
    return { transitions, expirationDays: last + keepAfter, noncurrentVersionExpirationDays };
  });

const stateBackend = fc.oneof(
  fc.constant({ type: "local" as const }),
  fc.record(
    {
      type: fc.constant("s3" as const),
      bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,40}[a-z0-9]$/),
      region: fc.constantFrom("eu-west-1", "us-east-1"),
      keyPrefix: fc.stringMatching(/^[a-z0-9_-]{1,10}(\/[a-z0-9_-]{1,10}){0,2}$/),
    },
    { requiredKeys: ["type", "bucket", "region"] },
  ),
);

const OPERATIONS = ["GET /health", "GET /orders", "POST /orders", "GET /orders/{orderId}", "DELETE /orders/{orderId}"];

/** Makes a generated valid config obey the rules across fields (production rules, caching). */
function obeyCrossFieldRules(env: any): any {
  const production = env.tier === "production" || env.name === "prod";
  const stages = env.stages.map((s: any) => ({
    ...s,
    dataTraceEnabled: production ? false : s.dataTraceEnabled,
    loggingLevel: production && s.loggingLevel === "OFF" ? "ERROR" : s.loggingLevel,
    methodOverrides: (s.methodOverrides ?? []).map((o: any) => ({
      ...o,
      dataTraceEnabled: production ? false : o.dataTraceEnabled,
      loggingLevel: production && o.loggingLevel === "OFF" ? "ERROR" : o.loggingLevel,
      cachingEnabled: o.cachingEnabled && s.caching?.enabled === true && o.method.startsWith("GET "),
    })),
  }));
  // AWS Chatbot's ARNs are arn:aws: only: no Slack channel in China or GovCloud.
  if (/^(cn|us-gov)-/.test(env.region)) env = { ...env, slack: undefined };
  const s3 = { type: "s3", bucket: "tfstate-production", region: "eu-west-1" };
  // A production account keeps its account stack's state in S3 and pages its security team through a secret
  // URL, whatever the environment's tier.
  const productionAccount = { ...env.account, production: true, stateBackend: s3, notifications: { httpsEndpoints: [{ ssmParameter: "/security/pagerduty-url" }] } };
  if (!production) return { ...env, stages, account: env.account.production ? productionAccount : env.account };
  return {
    ...env,
    tier: "production",
    account: productionAccount,
    // Production alarms reach someone, through a URL that is not in the config.
    notifications: { emails: [], httpsEndpoints: [{ variable: "orders_pagerduty_url" }] },
    stateBackend: env.stateBackend.type === "s3" ? env.stateBackend : s3,
    logs: { retentionDays: Math.max(365, env.logs.retentionDays) },
    deletionProtection: true,
    stages,
  };
}

/** Environment configs: half of them valid throughout, half with broken values mixed in. */
export function arbitraryEnvironment(): fc.Arbitrary<EnvironmentInput> {
  // The sample API's writes require an API key: a usage plan without stages covers every generated stage.
  const withApi = (fields: object) => ({ ...fields, api: ORDERS_API, usagePlans: [{ name: "clients" }] }) as unknown as EnvironmentInput;
  return fc.oneof(generators(false).map(obeyCrossFieldRules).map(withApi), generators(true).map(withApi));
}

/** One field of a valid environment set to a value it must not have, and the field the error must name. */
export interface Corruption {
  readonly field: string;
  readonly apply: (env: EnvironmentInput) => EnvironmentInput;
}

const onFirstStage = (field: string, changes: Record<string, unknown>): Corruption => ({
  field: `stages[0].${field}`,
  apply: (env) => ({ ...env, stages: [{ ...env.stages[0], ...changes } as EnvironmentInput["stages"][number], ...env.stages.slice(1)] }),
});

const onEnv = (field: string, changes: Record<string, unknown>): Corruption => ({
  field,
  apply: (env) => ({ ...env, ...changes }) as EnvironmentInput,
});

export const corruptions: readonly Corruption[] = [
  onEnv("name", { name: "Not Valid" }),
  onEnv("region", { region: "moon-1" }),
  onEnv("region", { region: "eu-west-9" }),
  onEnv("tags.cost center!", { tags: { "cost center!": "x" } }),
  onEnv("tags.owner", { tags: { owner: "someone-else" } }),
  onEnv("account.id", { account: { ...ENVIRONMENTS.dev.account, id: "12" } }),
  onEnv("logs.retentionDays", { logs: { retentionDays: 10 } }),
  onEnv("tier", { tier: "gold" }),
  onEnv("service", { service: "" }),
  onEnv("deletionProtection", { deletionProtection: "yes" }),
  onEnv("notifications.httpsEndpoints[0]", { notifications: { httpsEndpoints: ["http://x.example"] } }),
  onEnv("notifications.httpsEndpoints[0].variable", { notifications: { httpsEndpoints: [{ variable: "pager-duty" }] } }),
  onEnv("alarms.serverErrorRate.periodSeconds", { alarms: { serverErrorRate: { periodSeconds: 90 } } }),
  onEnv("alarms.latency.datapointsToAlarm", { alarms: { latency: { evaluationPeriods: 2, datapointsToAlarm: 3 } } }),
  onEnv("alarms.clientErrorRate.threshold", { alarms: { clientErrorRate: { threshold: 5 } } }),
  onEnv("tracing.samplingRate", { tracing: { samplingRate: 1.5 } }),
  onEnv("archive.lifecycle.expirationDays", { archive: { lifecycle: { transitions: [{ storageClass: "GLACIER", days: 90 }], expirationDays: 60 } } }),
  onEnv("archive.bufferingSizeMiB", { archive: { bufferingSizeMiB: 0 } }),
  onEnv("stateBackend.type", { stateBackend: { type: "consul" } }),
  onEnv("stateBackend.bucket", { stateBackend: { type: "s3", bucket: "Not_A_Bucket", region: "eu-west-1" } }),
  onFirstStage("name", { name: "bad name" }),
  onFirstStage("loggingLevel", { loggingLevel: "VERBOSE" }),
  onFirstStage("throttling.burstLimit", { throttling: { burstLimit: -1 } }),
  onFirstStage("throttling.rateLimit", { throttling: { rateLimit: "many" } }),
  onFirstStage("caching.ttlSeconds", { caching: { ttlSeconds: 4000 } }),
  onFirstStage("tracingEnabled", { tracingEnabled: 1 }),
  onFirstStage("methodOverrides[0].method", { methodOverrides: [{ method: "GET /nowhere" }] }),
];
