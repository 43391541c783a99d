// Three tiers, one run: `npm test` runs every project. The unit tier needs no database (and no
// Java); the Neo4j tier holds the integration, security and browser tests, which share the one
// Neo4j its global setup finds or starts, so that setup runs once per run.
const common = { preset: 'ts-jest', testEnvironment: 'node' };

/** @type {import('jest').Config} */
module.exports = {
  // Read from the top level only; a project's own testTimeout is ignored.
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/test/unit'], testMatch: ['**/*.test.ts'] },
    {
      ...common,
      displayName: 'neo4j',
      roots: ['<rootDir>/test/integration', '<rootDir>/test/security', '<rootDir>/test/e2e'],
      testMatch: ['**/*.int.test.ts', '**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
    },
  ],
};
