/**
 * `moved` blocks from the addresses resources had before names followed `logical-names.ts` (issue 14) to
 * their names now, so that existing deployments keep their resources: without them, plan would destroy every
 * resource and create it again under its new name (and `prevent_destroy` would stop it).
 *
 * The old names came from the old rule (the construct path joined with `_`: `aws_kms_key.key_key`); the
 * construct ids that were renamed or regrouped at the same time are in `RENAMED_PATHS`, new path -> old path.
 * Only resources that existed then (`RENAMED_AT`) move: one added since never had an old name, and a move from
 * an address that never held state would only clutter the plan. Data sources hold no state and need no moved block.
 *
 * When to remove: once every deployment of every stack has applied a plan with these blocks (the plan lists
 * `has moved to` once, then never again), delete this file and its use in `readable-stack.ts`. Until then a
 * stack deployed before the rename can still be planned safely. A test keeps the old addresses of the
 * shipped stacks and checks that each maps to exactly one resource of the same type.
 */

/** The old rule: the construct path below the stack joined with `_`, as cdktf ids allow. */
export function legacyLogicalId(ids: readonly string[]): string {
  const name = ids
    .filter((id) => id !== "Default" && id !== "Resource")
    .join("_")
    .replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/** HTTP methods of a method override's construct id (`GET_orders_orderId`, formerly `method-GET_orders_orderId`). */
const OVERRIDE_ID = "(?:GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|ANY)_[^/]*";

/**
 * Construct paths (ids below the stack, joined with `/`) renamed in issue 14, as they are now -> as they were.
 * The first pattern that matches the whole path applies; paths no pattern matches did not change.
 */
export const RENAMED_PATHS: readonly (readonly [RegExp, string])[] = [
  // environment stacks
  [/^observability\/(key|alias)$/, "key/$1"],
  [/^alarms\/(.+)$/, "alarm-topic/$1"],
  [/^api\/dashboard\/dashboard$/, "dashboard/dashboard"],
  [/^api\/dashboard\/(\d+)$/, "dashboard/dashboard-$1"],
  [/^queries\/(.+)$/, "saved-queries/$1"],
  [new RegExp(`^(stage-[^/]+)/(${OVERRIDE_ID})$`), "$1/method-$2"],
  [/^(stage-[^/]+)\/metric-filters\/([^/]+)$/, "$1-metric-filters/$2"],
  [/^(stage-[^/]+)\/alarms\/([^/]+)$/, "$1-alarms/$2"],
  [/^(stage-[^/]+)\/sampling\/rule$/, "$1-sampling/rule"],
  [/^stage-([^/]+)\/archive\/alarms\/([^/]+)$/, "archive-$1-alarms/$2"],
  [/^stage-([^/]+)\/archive\/delivery$/, "archive-$1/error-log-stream"],
  [/^stage-([^/]+)\/archive\/(.+)$/, "archive-$1/$2"],
  [/^archive\/Default\/(key|alias)$/, "archive/key/$1"],
  [/^archive\/(delivery|subscription)\/(role|policy)$/, "archive/$1-$2"],
  // account stacks
  [/^api-gateway\/cloudwatch\/role$/, "api-gateway/cloudwatch-role"],
  [/^api-gateway\/cloudwatch\/policy-attachment$/, "api-gateway/push-to-cloudwatch-logs"],
  [/^audit\/(key|alias)$/, "audit-key/$1"],
  [/^security\/(.+)$/, "security-topic/$1"],
  [/^trail\/logs\/(role|policy)$/, "trail/logs-$1"],
  [/^trail\/cloudtrail$/, "trail/trail"],
];

/** One stage's construct, any stage name: `stage-v1`, `stage-v1-qa`. */
const STAGE = "stage-[^/]+";

/**
 * The construct paths (as they are now) of every resource that existed when names changed (issue 14): the
 * resources of the modules as they were then, for any stage name, method override, subscriber or dashboard
 * count. A resource at any other path was added later and is named by the new rule from the start.
 */
export const RENAMED_AT: readonly RegExp[] = [
  // environment stacks
  /^observability\/(key|alias)$/,
  /^alarms\/(topic|topic-policy|email-\d+|https-\d+)$/,
  /^api\/(rest-api|deployment)$/,
  /^api\/dashboard\/(dashboard|\d+)$/,
  /^queries\/(errors-by-route|one-request|slowest-requests|top-callers)$/,
  new RegExp(`^${STAGE}/(stage|all-methods|${OVERRIDE_ID})$`),
  new RegExp(`^${STAGE}/(access-logs|execution-logs|archive/error-logs)/log-group$`),
  new RegExp(`^${STAGE}/metric-filters/(4xx|5xx)$`),
  new RegExp(`^${STAGE}/alarms/(5xx-rate|4xx-rate|latency-p90|integration-latency-p90|low-traffic|5xx-count)$`),
  new RegExp(`^${STAGE}/archive/(stream|subscription|delivery|alarms/(delivery-failed|delivery-late))$`),
  new RegExp(`^${STAGE}/sampling/rule$`),
  /^archive\/Default\/(key|alias)$/,
  /^archive\/(delivery|subscription)\/(role|policy)$/,
  /^archive\/bucket\/(bucket|lifecycle|ownership|policy|public-access-block|encryption|versioning)$/,
  // account stacks
  /^api-gateway\/(account|cloudwatch\/role|cloudwatch\/policy-attachment)$/,
  /^api-gateway-changes\/(filter|alarm)$/,
  /^audit\/(key|alias)$/,
  /^security\/(topic|topic-policy|email-\d+|https-\d+)$/,
  /^trail\/(cloudtrail|log-group\/log-group|logs\/role|logs\/policy)$/,
  /^trail\/bucket\/(bucket|lifecycle|ownership|policy|public-access-block|encryption|versioning)$/,
];

/** Whether a resource at this construct path (ids below the stack, joined with `/`) existed when names changed. */
export function existedAtRename(path: string): boolean {
  return RENAMED_AT.some((pattern) => pattern.test(path));
}

/** The construct path a resource had before issue 14, from its path now. */
export function legacyPath(path: string): string {
  const renamed = RENAMED_PATHS.find(([pattern]) => pattern.test(path));
  return renamed === undefined ? path : path.replace(renamed[0], renamed[1]);
}

/** A resource of a stack as the moves need it. */
export interface ResourceAddress {
  readonly type: string;
  /** Construct ids below the stack. */
  readonly ids: readonly string[];
  /** Its name now. */
  readonly name: string;
}

export interface MovedAddress {
  readonly from: string;
  readonly to: string;
}

/** The moves of a stack's resources, in their order: one per resource that existed then and whose address changed. */
export function movedAddresses(resources: readonly ResourceAddress[]): MovedAddress[] {
  return resources.flatMap(({ type, ids, name }) => {
    if (!existedAtRename(ids.join("/"))) return [];
    const from = `${type}.${legacyLogicalId(legacyPath(ids.join("/")).split("/"))}`;
    const to = `${type}.${name}`;
    return from === to ? [] : [{ from, to }];
  });
}

/** The comment above a stack's moved blocks. */
export const MOVED_COMMENT = [
  "Addresses before resource names followed stacks/logical-names.ts: these blocks move existing state to the",
  "new names instead of destroying and recreating. Remove them (stacks/moved-addresses.ts) once every",
  "deployment of this stack has applied them.",
];

/** The moved blocks as cdktf writes blocks (one item per line; the formatter indents and aligns). */
export function movedBlocksHcl(moves: readonly MovedAddress[]): string {
  if (moves.length === 0) return "";
  const blocks = moves.map(({ from, to }) => `moved {\nfrom = ${from}\nto = ${to}\n}`);
  return [MOVED_COMMENT.map((line) => `# ${line}`).join("\n") + "\n" + blocks[0], ...blocks.slice(1)].join("\n\n");
}
