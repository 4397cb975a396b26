/** A schema of the environment config, parsed in a test: its issues as the user reads them. */
import type { z } from "zod";
import { environmentSchema } from "../../environments/schema/environment";
import { type ConfigIssue, formatIssue, toConfigIssues } from "../../environments/schema/issues";
import { PARSE_OPTIONS } from "../../environments/validate";

/** Every issue of a parse; fields are relative to the schema parsed. */
export function issuesOf(schema: z.ZodType, value: unknown): ConfigIssue[] {
  const parsed = schema.safeParse(value, PARSE_OPTIONS);
  return parsed.success ? [] : toConfigIssues(parsed.error.issues);
}

/** Every issue of a parse, as the user reads it (`field = value: problem. Allowed: ...`). */
export const problemsOf = (schema: z.ZodType, value: unknown): string[] => issuesOf(schema, value).map(formatIssue);

/** Every issue of a whole environment, fields from the environment's root. */
export const environmentProblems = (input: unknown): string[] => problemsOf(environmentSchema, input);
