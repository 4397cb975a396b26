/** The check shared by the rules on names built from config (the archive's, the account's). */
import { type ConfigIssue, issue } from "../schema/issues";

/** A name derived from config that AWS would reject as too long, reported on the field to shorten. */
export function nameLength(field: string, value: unknown, what: string, name: string, max: number): ConfigIssue[] {
  return name.length > max
    ? [issue(field, value, `makes the ${what} name "${name}" ${name.length} characters long`, `a shorter value: AWS allows at most ${max} characters`)]
    : [];
}
