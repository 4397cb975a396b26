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
    { name: "v1", loggingLevel: "INFO", throttling: { burstLimit: 200, rateLimit: 100 } },
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
};

export default staging;
