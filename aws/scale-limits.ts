/**
 * Limits that an environment reaches by growing: more stages, or more environments in one account and
 * region. Each names the AWS page it comes from. The dashboard splits itself to stay within its own limits
 * (`modules/dashboard.ts`); the others cannot be split by the synth, so config validation states them.
 */

// ---------------------------------------------------------------------------------------------------
// CloudWatch dashboards: "Dashboard Body Structure and Syntax" (Amazon CloudWatch API Reference) and
// "CloudWatch service quotas" (Amazon CloudWatch User Guide). PutDashboard documents no size limit for
// `DashboardBody` (Type: String, no length constraint); these counts are what it enforces.

/** "A DashboardBody ... can include an array of between 0 and 500 widget objects." */
export const MAX_WIDGETS_PER_DASHBOARD = 500;
/**
 * Quotas, Dashboards: "Up to 500 metrics per dashboard widget. Up to 2500 metrics per dashboard, across all
 * widgets. These quotas include all metrics retrieved for use in metric math functions, even if those
 * metrics are not displayed on the graph. These quotas cannot be changed."
 */
export const MAX_METRICS_PER_WIDGET = 500;
export const MAX_METRICS_PER_DASHBOARD = 2500;

// ---------------------------------------------------------------------------------------------------
// CloudWatch Logs Insights: StartQuery (Amazon CloudWatch Logs API Reference). A dashboard's log widget
// and a saved query run through StartQuery when they are opened.

/** StartQuery `logGroupNames` / `logGroupIdentifiers`: "You can include up to 50 log groups." */
export const MAX_LOG_GROUPS_PER_QUERY = 50;

// ---------------------------------------------------------------------------------------------------
// Account and per-API quotas that grow with stages or environments.

/**
 * API Gateway, "Quotas for configuring and running a REST API in API Gateway": "Stages per API: 10", can be
 * increased (per API, through Service Quotas). One REST API per environment: its stages count against it.
 */
export const DEFAULT_MAX_STAGES_PER_API = 10;
/**
 * Same page: "Regional APIs per Region: 600" (per account, cannot be increased); "Edge-optimized APIs per
 * Region: 120" and "Private APIs per account per Region: 600", neither can be increased. One REST API per
 * environment: environments of one account and region count against the quota of their endpoint type.
 */
export const MAX_REST_APIS_PER_REGION = { REGIONAL: 600, EDGE: 120, PRIVATE: 600 } as const;
/**
 * Amazon Data Firehose API Reference, CreateDeliveryStream: "By default, you can create up to 5,000 Firehose
 * streams per Amazon Web Services Region" (LimitExceededException beyond; adjustable). One stream per stage.
 */
export const DEFAULT_MAX_FIREHOSE_STREAMS_PER_REGION = 5000;
