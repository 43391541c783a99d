import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../src/config';

const root = path.resolve(__dirname, '../..');
const TEST_ONLY = ['EVMAP_TEST_NEO4J_HOME', 'EVMAP_TEST_NEO4J_BOLT_PORT'];

describe('deployment files agree with the configuration', () => {
  it('.env.example lists every variable evmap reads, and nothing else', () => {
    const listed = readFileSync(path.join(root, '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES, ...TEST_ONLY].sort());
  });
});
