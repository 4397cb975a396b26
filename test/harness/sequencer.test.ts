/**
 * The order of test files (test/sequencer.js): the slow ones first on a machine without Jest's record of the
 * last run, Jest's own order otherwise, and a list of slow files that names files that exist.
 */
import * as fs from "fs";
import * as path from "path";

// A plain CommonJS module, as jest.config.js loads it.
const { SLOW_FIRST, slowFirst } = require("../sequencer.js") as {
  SLOW_FIRST: readonly string[];
  slowFirst: <T extends { path: string; duration?: number }>(sorted: readonly T[]) => T[];
};

const rootDir = path.resolve(__dirname, "..", "..");
const test = (file: string, duration?: number) => ({ path: path.join(rootDir, "test", file), duration, context: { config: { rootDir } } });
const names = (tests: readonly { path: string }[]) => tests.map((t) => path.relative(path.join(rootDir, "test"), t.path));

describe("the order of test files", () => {
  it("lists only test files that exist, each once", () => {
    expect(SLOW_FIRST.filter((file) => !fs.existsSync(path.join(rootDir, "test", file)))).toEqual([]);
    expect(new Set(SLOW_FIRST).size).toBe(SLOW_FIRST.length);
  });

  it("GIVEN no record of the last run THEN the listed files go first, in the list's order, and the others keep Jest's order", () => {
    const jestOrder = [test("modules/big.test.ts"), test(SLOW_FIRST[1]), test("modules/small.test.ts"), test(SLOW_FIRST[0])];
    expect(names(slowFirst(jestOrder))).toEqual([SLOW_FIRST[0], SLOW_FIRST[1], "modules/big.test.ts", "modules/small.test.ts"]);
  });

  it("GIVEN a duration for every file from the last run THEN Jest's order stands", () => {
    const jestOrder = [test("modules/big.test.ts", 9), test(SLOW_FIRST[1], 5), test(SLOW_FIRST[0], 1)];
    expect(names(slowFirst(jestOrder))).toEqual(["modules/big.test.ts", SLOW_FIRST[1], SLOW_FIRST[0]]);
  });
});
