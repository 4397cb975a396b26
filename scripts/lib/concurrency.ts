/** How a run shares work between stacks: at most N at once, and one lock for what must not overlap. */

/** Runs one job at a time, in call order. */
export type Exclusive = <T>(job: () => Promise<T>) => Promise<T>;

/** A new lock: one per plugin cache, whose concurrent installs are not safe. */
export function exclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** How many stacks run at once: a whole number >= 1 (from an option or `TF_PARALLELISM`). */
export function parallelismOf(value: number | string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`parallelism (TF_PARALLELISM) = ${JSON.stringify(value)} is not allowed. Allowed: a whole number >= 1`);
  return n;
}

/** Runs `work` on every item with at most `limit` at a time, keeping the input order in the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
