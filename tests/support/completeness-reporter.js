const process = require('node:process');
const { sep } = require('node:path');

/**
 * Jest reporter that fails a run which did not test everything it was asked to: a suite that
 * could not load or run, a skipped (`.skip`) or `todo` test, and, for a full run (`npm test`,
 * no path or name filter), no end-to-end test passed. Jest's own summary counts only what ran;
 * this makes "357 passed" with a silently missing suite a red run.
 */
class CompletenessReporter {
  constructor(globalConfig) {
    this.filteredByName = Boolean(globalConfig.testNamePattern);
    this.full = !this.filteredByName && !(globalConfig.testPathPatterns?.patterns?.length > 0);
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const problems = [];
    const broken = results.testResults.filter((r) => r.testExecError || r.failureMessage && r.numPassingTests + r.numFailingTests === 0);
    for (const suite of broken) problems.push(`suite did not run: ${suite.testFilePath}`);
    if (!this.filteredByName) {
      for (const suite of results.testResults) {
        const skipped = suite.numPendingTests + suite.numTodoTests;
        if (skipped > 0) problems.push(`${skipped} skipped or todo test(s) in ${suite.testFilePath}`);
      }
    }
    if (this.full) {
      const e2e = results.testResults.filter((r) => r.testFilePath.includes(`${sep}tests${sep}e2e${sep}`));
      if (e2e.reduce((sum, r) => sum + r.numPassingTests, 0) === 0) problems.push('no end-to-end test passed');
    }
    if (problems.length > 0) {
      this.error = new Error(`incomplete test run:\n  ${problems.join('\n  ')}`);
      process.stderr.write(`\n${this.error.message}\n`);
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = CompletenessReporter;
