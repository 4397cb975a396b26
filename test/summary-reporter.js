/**
 * Ends a Jest run with one plain line, `Tests: N passed, N failed[, N skipped]`, that any CI can read.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
    // At exit, after Jest's own summary, so that this is the closing line.
    process.on("exit", () => process.stderr.write(`${line}\n`));
  }
}

module.exports = SummaryReporter;
