/** Order statistics for the benchmark's figures. */

/** The `q` quantile (0..1), interpolating linearly between ranks: an even count's median is the mean of the middle two. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new Error("quantile: no values. Allowed: at least one value");
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/** Each round's ratio of two paired series (`over[i] / under[i]`). */
export function pairedRatios(over: readonly number[], under: readonly number[]): number[] {
  if (over.length !== under.length) throw new Error(`pairedRatios: ${over.length} and ${under.length} values. Allowed: one of each per round`);
  return over.map((o, i) => o / under[i]);
}

/** The rounds' order: every scenario once per round, rotated by one each round so none is always first. */
export function roundOrder<T>(scenarios: readonly T[], round: number): T[] {
  return scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]);
}
