/** dev: the team's playground. Verbose logs, data trace on one stage, short retention. */
import { NONPROD_ACCOUNT, NONPROD_STATE } from "./accounts";
import { ORDERS_API } from "./sample-api";
import type { EnvironmentInput } from "./types";

const dev: EnvironmentInput = {
  name: "dev",
  tier: "non-production",
  account: NONPROD_ACCOUNT,
  region: "eu-west-1",
  service: "orders-api",
  owner: "platform-team",
  api: ORDERS_API,
  // Deployed from CI too, where a local state file would be lost with the runner. For a private sandbox,
  // drop this line: state is then a local file (the default).
  stateBackend: NONPROD_STATE,
  logs: { retentionDays: 14 },
  // Dev log groups may be torn down with `cdktf destroy dev`.
  deletionProtection: false,
  stages: [
    {
      name: "dev",
      loggingLevel: "INFO",
      // Full request/response bodies help while building the API; never in prod (validation enforces it).
      dataTraceEnabled: true,
      throttling: { burstLimit: 50, rateLimit: 20 },
    },
  ],
  notifications: { emails: ["orders-dev@example.com"] },
  tags: { "cost-center": "engineering" },
  // Dev is noisy by design: no paging on client errors, looser latency, and trace half of all requests.
  alarms: {
    clientErrorRate: { enabled: false },
    latency: { threshold: 5000 },
    integrationLatency: { threshold: 4000 },
    serverErrorCount: { threshold: 50, periodSeconds: 300 },
  },
  tracing: { samplingRate: 0.5, reservoirSize: 5 },
  // Dev access logs are worth a quarter: a month in Standard, then Standard-IA, then gone.
  archive: { lifecycle: { transitions: [{ storageClass: "STANDARD_IA", days: 30 }], expirationDays: 90, noncurrentVersionExpirationDays: 7 }, bufferingIntervalSeconds: 60 },
};

export default dev;
