/**
 * Jest's order of test files, with the slow ones first on a machine that has not run them yet (CI's clean
 * machine). Jest's own order runs the files that took longest in the last run first, so that no worker is
 * left with a long file at the end; without that record it orders by file size, which put the terraform
 * files, small and the slowest by far, last. `SLOW_FIRST` is their order then, slowest first;
 * every other file follows in Jest's order. test/harness/sequencer.test.ts keeps the list to existing files.
 */
const Sequencer = require("@jest/test-sequencer").default;
const path = require("path");

/** Slowest first, as measured by `npx jest --json` on 2 cores (each file's seconds from its start to its end). */
const SLOW_FIRST = [
  "terraform/synthesized-stacks.test.ts",
  "scripts/terraform-harness.test.ts",
  "terraform/generated-configs.test.ts",
  "terraform/region-lists.test.ts",
  "scripts/plan.test.ts",
  "environments/properties.test.ts",
  "scripts/docs-examples.test.ts",
  "scripts/check-together.test.ts",
  "stacks/prepare-stack.test.ts",
  "terraform/account-audit.test.ts",
  "terraform/extra-environment.test.ts",
  "scripts/synth-build.test.ts",
  "workflows/actionlint.test.ts",
];

/**
 * Jest's order (`sorted`), with the `SLOW_FIRST` files moved to the front, in that list's order, when Jest has no
 * duration for some test: the files that are not listed keep Jest's order among themselves.
 */
function slowFirst(sorted) {
  // Jest's record of the last run, when it has one for every file, knows better than the list.
  if (sorted.every((test) => test.duration != null)) return sorted;
  const rank = (test) => {
    const index = SLOW_FIRST.indexOf(path.relative(path.join(test.context.config.rootDir, "test"), test.path).split(path.sep).join("/"));
    return index < 0 ? SLOW_FIRST.length : index;
  };
  return sorted.map((test, i) => [test, i]).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([test]) => test);
}

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    return slowFirst(super.sort(tests));
  }
}

module.exports = SlowFirstSequencer;
module.exports.SLOW_FIRST = SLOW_FIRST;
module.exports.slowFirst = slowFirst;
