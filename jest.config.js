/** Jest configuration: TypeScript through @swc/jest, real Postgres and NATS (see tests/support). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
  // The completeness reporter fails a run with a suite that did not load, a skipped test, or no e2e test.
  reporters: ['default', '<rootDir>/tests/support/completeness-reporter.js'],
};
