/** Helpers to read what a construct synthesizes (cdktf JSON), for assertions the matchers cannot make. */
import { Testing } from "cdktf";
import type { Construct } from "constructs";

export interface Synthesized {
  /** The raw synthesized JSON, for cdktf's Jest matchers. */
  readonly json: string;
  readonly resource: Record<string, Record<string, any>>;
  readonly data: Record<string, Record<string, any>>;
}

export function synth(build: (scope: Construct) => void): Synthesized {
  const json = Testing.synthScope(build);
  const parsed = JSON.parse(json);
  return { json, resource: parsed.resource ?? {}, data: parsed.data ?? {} };
}

/** The only resource of a type; fails when there is not exactly one. */
export function only(s: Synthesized, type: string): any {
  const all = Object.values(s.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export function all(s: Synthesized, type: string): any[] {
  return Object.values(s.resource[type] ?? {});
}

/** The one data source of a type whose logical id contains `fragment` (e.g. a policy document by its construct id). */
export function dataNamed(s: Synthesized, type: string, fragment: string): any {
  const found = Object.entries(s.data[type] ?? {}).filter(([id]) => id.includes(fragment));
  if (found.length !== 1) throw new Error(`expected one ${type} named like ${fragment}, found ${found.map(([id]) => id).join(", ") || "none"}`);
  return found[0][1];
}

/** The one resource of a type whose logical id contains `fragment`. */
export function resourceNamed(s: Synthesized, type: string, fragment: string): any {
  const found = Object.entries(s.resource[type] ?? {}).filter(([id]) => id.includes(fragment));
  if (found.length !== 1) throw new Error(`expected one ${type} named like ${fragment}, found ${found.map(([id]) => id).join(", ") || "none"}`);
  return found[0][1];
}
