/**
 * The naming rule of every Terraform address this project writes (`aws_cloudwatch_log_group.stage_v1_access_logs`):
 *
 * 1. take the construct path below the stack (`stage-v1/access-logs/log-group`), without cdktf's `Default`
 *    and `Resource`;
 * 2. write each construct id in snake_case (`access-logs` -> `access_logs`, `orderId` -> `order_id`);
 * 3. leave out every id made only of words of the resource type, singular or plural (`log-group` of
 *    `aws_cloudwatch_log_group`, `key` of `aws_kms_key`, `alarms` of `aws_cloudwatch_metric_alarm`): the type
 *    already says it;
 * 4. join what is left with `_`; if nothing is left, the name is `this`, Terraform's idiom for the one resource
 *    of its type in its place (`aws_api_gateway_rest_api.this`).
 *
 * Names depend on construct ids only, never on order or config values other than those in ids (stage names),
 * so they are stable, and two elements of one kind and type with the same name fail the synth
 * (`LogicalNameConflictError`) rather than overwrite each other.
 */

import { snakeCase } from "../aws/naming";

export { snakeCase };

/** What cdktf puts into paths without meaning: L1 resources named `Resource`, default children. */
const MEANINGLESS_IDS = new Set(["Default", "Resource"]);

/** The name of an element whose every construct id repeats its type. */
export const SOLE_NAME = "this";

/** The words of a resource type without its provider: `aws_cloudwatch_log_group` -> cloudwatch, log, group. */
export function typeWords(resourceType: string): string[] {
  return resourceType.split("_").slice(1);
}

/** `alarms` is `alarm`, `queries` is `query`. */
function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** Whether every word of a snake_case id is a word of the type (singular or plural). */
export function repeatsType(snakeId: string, words: readonly string[]): boolean {
  return snakeId !== "" && snakeId.split("_").every((w) => words.includes(w) || words.includes(singular(w)));
}

/**
 * The name of an element from its construct ids below the stack. `resourceType` is the resource or data
 * source type; elements without one (outputs, variables, assets) only get steps 1, 2 and 4.
 */
export function logicalName(ids: readonly string[], resourceType?: string): string {
  const words = resourceType === undefined ? [] : typeWords(resourceType);
  const kept = ids
    .filter((id) => !MEANINGLESS_IDS.has(id))
    .map(snakeCase)
    .filter((id) => id !== "" && !repeatsType(id, words));
  const name = kept.length === 0 ? SOLE_NAME : kept.join("_");
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

/** Two elements of one stack that the rule gives the same address. */
export class LogicalNameConflictError extends Error {
  constructor(
    public readonly stack: string,
    public readonly address: string,
    public readonly paths: readonly [string, string],
  ) {
    super(
      `Stack "${stack}": the constructs ${paths[0]} and ${paths[1]} would both be named ${address} (stacks/logical-names.ts). ` +
        "Allowed: construct ids that differ in more than case, punctuation and words of the resource type: rename one of them",
    );
    this.name = "LogicalNameConflictError";
  }
}
