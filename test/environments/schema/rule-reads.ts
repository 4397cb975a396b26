/**
 * Test support: which fields a rule reads. A rule runs only when the fields it declares in `reads` parsed
 * cleanly, so reading any other field could hand it a malformed value; these helpers watch what it reads.
 */
import type { Environment, EnvironmentRule } from "../../../environments/schema/environment";

/** Every dotted path a check reads of the value it checks (a list is read as a whole). */
export function pathsRead(check: (env: Environment) => unknown, value: object): string[] {
  const read = new Set<string>();
  const watch = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const child: unknown = Reflect.get(object, key, receiver);
        if (typeof key !== "string") return child;
        const path = prefix ? `${prefix}.${key}` : key;
        read.add(path);
        return typeof child === "object" && child !== null && !Array.isArray(child) ? watch(child, path) : child;
      },
    });
  // A fixture holds only what the rules read; the proxy reports any other field they touch.
  check(watch(value, "") as unknown as Environment);
  return [...read];
}

/** The paths a rule reads that its `reads` does not declare (none, for a rule that keeps its word). */
export function undeclaredReads(rule: EnvironmentRule, value: object): string[] {
  const covered = (path: string) => rule.reads.some((read) => path === read || path.startsWith(`${read}.`) || read.startsWith(`${path}.`));
  return pathsRead(rule.check, value).filter((path) => !covered(path));
}
