/** staging: prod-like settings in the non-prod account, with a canary-style second stage. */
import { NONPROD_ACCOUNT, NONPROD_STATE } from "./accounts";
import { ORDERS_API } from "./sample-api";
import type { EnvironmentInput } from "./types";

const staging: EnvironmentInput = {
  name: "staging",
  tier: "non-production",
  account: NONPROD_ACCOUNT,
  region: "eu-west-1",
  service: "orders-api",
  owner: "platform-team",
  api: ORDERS_API,
  // Shared, locked state: the team deploys this environment from CI and from laptops.
  stateBackend: NONPROD_STATE,
  logs: { retentionDays: 90 },
  stages: [
    {
      name: "v1",
      loggingLevel: "INFO",
      throttling: { burstLimit: 200, rateLimit: 100 },
      // Order reads are cached; the cache's hit-ratio alarm comes with it (on wherever a method is cached).
      caching: { enabled: true, ttlSeconds: 60 },
      methodOverrides: [{ method: "GET /orders/{orderId}", cachingEnabled: true }],
      // 10% of v1's requests try the next backend version (a stage variable), served from the same cache.
      canary: { enabled: true, percentTraffic: 10, stageVariableOverrides: { backendVersion: "v2" }, useStageCache: true },
    },
    {
      name: "v1-qa",
      loggingLevel: "INFO",
      dataTraceEnabled: true,
      throttling: { burstLimit: 20, rateLimit: 10 },
    },
  ],
  notifications: { emails: ["orders-dev@example.com"] },
  tags: { "cost-center": "engineering" },
  // AWS's recommended alarms (the defaults); tracing between dev and prod.
  tracing: { samplingRate: 0.1, reservoirSize: 2 },
  // Order writes need an API key (api/orders.openapi.json): the QA suite's, with a daily quota.
  usagePlans: [{ name: "qa", quota: { limit: 100000, period: "DAY" } }],
  apiKeys: [{ name: "qa-automation", plans: ["qa"] }],
  // Alarms in Slack through AWS Chatbot. Placeholder ids (production refuses them): authorize the workspace in
  // the Chatbot console, then write its T... id and the channel's C... id here.
  slack: { workspaceId: "T0000000000", channelId: "C0000000000" },
  // v1's access logs also go to Splunk; the HEC token stays in Secrets Manager (Firehose reads it at runtime).
  logDestinations: [
    {
      type: "splunk",
      stage: "v1",
      hecEndpoint: "https://splunk-hec.example.com:443",
      hecToken: { secretName: "orders-api/staging/splunk-hec-token" },
    },
  ],
};

export default staging;
