// Three tiers, one run: `npm test` runs every project. The unit tier needs no database (and no
// Java); the integration tier (integration and security tests) and the browser tier share the
// one Neo4j their global set-up finds or starts: the set-up runs once per run whichever of them
// is selected, and the teardown stops that Neo4j after the last test.
const common = { preset: 'ts-jest', testEnvironment: 'node', moduleNameMapper: { '^node-fetch$': '<rootDir>/test/helpers/nodeFetch.js' } };
const withNeo4j = {
  ...common,
  globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  // Read from the top level only; a project's own testTimeout is ignored.
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/helpers/summaryReporter.js'],
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/test/unit', '<rootDir>/test/cypher'], testMatch: ['**/*.test.ts'] },
    { ...withNeo4j, displayName: 'integration', roots: ['<rootDir>/test/integration', '<rootDir>/test/security'], testMatch: ['**/*.int.test.ts'] },
    { ...withNeo4j, displayName: 'e2e', roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e.test.ts'] },
  ],
};
