/** prod: production rules apply (validation enforces them): no data trace, a year of logs, protected. */
import { PROD_ACCOUNT, PROD_STATE } from "./accounts";
import { ORDERS_API } from "./sample-api";
import type { EnvironmentInput } from "./types";

const prod: EnvironmentInput = {
  name: "prod",
  tier: "production",
  account: PROD_ACCOUNT,
  region: "eu-west-1",
  service: "orders-api",
  owner: "platform-team",
  api: ORDERS_API,
  // Shared, locked state: the team deploys this environment from CI and from laptops.
  stateBackend: PROD_STATE,
  logs: { retentionDays: 365 },
  deletionProtection: true,
  stages: [
    {
      name: "v1",
      loggingLevel: "ERROR",
      throttling: { burstLimit: 1000, rateLimit: 500 },
      // With its hit-ratio alarm, on by default: below 50% from the cache in 3 of 3 periods of 5 minutes pages.
      caching: { enabled: true, clusterSize: "0.5", ttlSeconds: 60 },
      methodOverrides: [
        // Reads of one order are hot and safe to cache; writes get a tighter limit.
        { method: "GET /orders/{orderId}", cachingEnabled: true },
        { method: "POST /orders", throttling: { burstLimit: 200, rateLimit: 100 } },
        // Health checks: no per-method metrics (load balancer noise). Execution logs stay on at ERROR:
        // production does not allow OFF, and a failing health check is exactly what they must show.
        { method: "GET /health", loggingLevel: "ERROR", metricsEnabled: false },
      ],
    },
    {
      name: "v2",
      loggingLevel: "ERROR",
      throttling: { burstLimit: 500, rateLimit: 250 },
    },
  ],
  // Pages the on-call engineer. The PagerDuty integration URL is a secret, kept out of git: the deploy sets
  // TF_VAR_orders_pagerduty_url (docs/terraform-teams.md, "Alarm subscribers and their secrets"). Add the
  // team's email address here; placeholder domains such as example.com are rejected in production.
  notifications: {
    httpsEndpoints: [{ variable: "orders_pagerduty_url" }],
  },
  tags: { "cost-center": "orders", "data-classification": "confidential" },
  alarms: {
    // Fewer than 10 requests in each 5-minute period for 15 minutes: clients cannot reach us.
    lowTraffic: { enabled: true, threshold: 10, periodSeconds: 300, evaluationPeriods: 3 },
    latency: { threshold: 2000 },
  },
  // Low-rate sampling at production volume; the reservoir still traces one request a second.
  tracing: { samplingRate: 0.01, reservoirSize: 1 },
  // Order writes need an API key (api/orders.openapi.json). Per partner key, on every stage: 50 requests a second,
  // a million a month, and order creation held to 10 a second.
  usagePlans: [
    {
      name: "partners",
      description: "Partners writing orders",
      throttling: { burstLimit: 100, rateLimit: 50 },
      quota: { limit: 1_000_000, period: "MONTH" },
      methodThrottling: [{ method: "POST /orders", throttling: { burstLimit: 20, rateLimit: 10 } }],
    },
  ],
  // One key per client. API Gateway generates its value: hand it over from `aws apigateway get-api-key
  // --include-value` (docs/terraform-teams.md, "Usage plans and API keys").
  apiKeys: [{ name: "acme-logistics", description: "Acme Logistics, partner integration", plans: ["partners"] }],
  // AWS WAF in front of both stages (production's default, written out so a review sees it). The rate limit
  // cuts a flood before the managed rules inspect it; the core rule set and known bad inputs block.
  waf: {
    enabled: true,
    rateLimit: { limit: 2000, evaluationWindowSeconds: 300, priority: 0 },
    managedRuleGroups: [
      // Order bodies can pass the core rule set's 8 KB body limit: that one rule counts, the others block.
      { name: "AWSManagedRulesCommonRuleSet", priority: 10, countRules: ["SizeRestrictions_BODY"] },
      { name: "AWSManagedRulesKnownBadInputsRuleSet", priority: 20 },
      // Known malicious sources (25 WCUs); 927 WCUs in all, within the 1,500 of WAF's base price.
      { name: "AWSManagedRulesAmazonIpReputationList", priority: 30 },
    ],
    // Pages when more than 500 requests are blocked in 5 minutes, twice in a row: an attack, or a rule that
    // started blocking clients (the alarm says which saved query to run first).
    blockedRequestsAlarm: { threshold: 500, periodSeconds: 300, evaluationPeriods: 2 },
  },
};

export default prod;
