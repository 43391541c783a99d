import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
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

  it('docker-compose.yml gives the API only known variables and points it at the neo4j service', () => {
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }>;
    };
    const api = compose.services.api;
    const neo4j = compose.services.neo4j;
    expect(api).toBeDefined();
    expect(neo4j?.healthcheck).toBeDefined();
    for (const name of Object.keys(api?.environment ?? {})) expect(CONFIG_VARIABLES).toContain(name);
    expect(api?.environment?.NEO4J_URI).toBe('neo4j://neo4j:7687');
    expect(api?.depends_on?.neo4j?.condition).toBe('service_healthy');
  });
});
