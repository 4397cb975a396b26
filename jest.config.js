/** Jest runs the TypeScript sources through ts-jest in transpile-only mode
 * (tsconfig `isolatedModules`); `npm run build` type-checks everything first. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  // The run's folder: every test's TMPDIR, checked for leftovers at the end, and what test files share
  // (test/support/test-run.ts, test/support/shared.ts).
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  testTimeout: 30000,
  // Much of the run waits on terraform child processes: one worker per core (Jest's default leaves one idle).
  maxWorkers: "100%",
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
