/** Jest runs the JavaScript `npm run build` (tsc, which type-checks everything) wrote into dist/, with its
 * source maps, or ts-jest's transpile of a source changed since (test/transform.js). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The real cdktf CLI's end-to-end test is `npm run test:cli` (jest.cli.config.js), which CI runs right after
  // `npm test`: its four starts of the CLI are about 23 of a run's CPU-seconds, and it checks the CLI, not the stacks.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/cli/"],
  transform: { "^.+\\.ts$": "<rootDir>/test/transform.js" },
  // The run's folder: every test's TMPDIR, checked for leftovers at the end, and what test files share
  // (test/support/test-run.ts, test/support/shared.ts).
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFiles: ["<rootDir>/test/setup-before-cdktf.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 30000,
  // Much of the run waits on terraform child processes: one worker per core (Jest's default leaves one idle).
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // The slow (terraform, cdktf CLI) files first, also on a machine without Jest's record of the last run.
  testSequencer: "<rootDir>/test/sequencer.js",
};
