/** The benchmark's statistics: medians and quartiles, ratios paired by round, and the rotating order of its rounds. */
import { pairedRatios, quantile, roundOrder } from "../../scripts/bench/stats";

describe("bench statistics", () => {
  it("takes the median and quartiles by interpolating between ranks", () => {
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5); // an even count: the mean of the middle two
    expect([0.25, 0.75].map((q) => quantile([1, 2, 3, 4, 5], q))).toEqual([2, 4]);
    expect(() => quantile([], 0.5)).toThrow("quantile: no values");
  });

  it("pairs a ratio within each round, so a slower round moves both sides of it", () => {
    // GIVEN a machine twice as slow in the second round WHEN the ratios are paired THEN they stay equal
    expect(pairedRatios([2, 4], [1, 2])).toEqual([2, 2]);
    expect(() => pairedRatios([1], [1, 2])).toThrow("pairedRatios: 1 and 2 values");
  });

  it("runs every scenario once per round, each one first in turn", () => {
    const rounds = [0, 1, 2].map((r) => roundOrder(["a", "b", "c"], r));
    expect(rounds).toEqual([["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]);
  });
});
