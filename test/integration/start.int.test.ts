import { spawn } from 'node:child_process';
import path from 'node:path';
import { testNeo4j } from '../helpers/neo4jTarget';

const root = path.resolve(__dirname, '../..');

describe('npm start entry point', () => {
  it('connects to the given Neo4j, migrates, prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const target = testNeo4j();
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/index.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        NEO4J_URI: target.uri,
        NEO4J_USER: target.user,
        NEO4J_PASSWORD: target.password,
        NEO4J_DATABASE: target.database,
        EVMAP_NEO4J_SOURCE: 'uri',
        EVMAP_SEED_ON_START: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /evmap ready at (\S+)/.exec(stdout);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before ready:\n${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      expect(stderr).toContain(`using Neo4j from NEO4J_URI at ${target.uri}`);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
      expect((await fetch(url.replace(/\/graphql$/, '/readyz'))).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM received, shutting down');
  });
});
