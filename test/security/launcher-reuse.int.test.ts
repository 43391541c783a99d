import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type LocalNeo4jSettings } from '../../src/config';
import { findNeo4j } from '../../src/db/discovery';
import { Neo4jExecutor } from '../../src/db/executor';
import { localStatus, startLocal, stopLocal } from '../../src/db/localNeo4j';
import { silentLogger } from '../../src/log';
import { freePorts } from '../helpers/freePorts';

const root = path.resolve(__dirname, '../..');
const password = 'launcher-reuse-password';

// A cold start of the Neo4j JVM takes 30-90 s on a busy 2-core machine, longer with two starting
// at once. Each hook's and test's budget is the sum of the waits inside it, so a slow step fails
// with the launcher's or the CLI's own message, not with Jest's bare timeout while it still runs.
const START_TIMEOUT_MS = 120_000;
/** stopLocal's default, which `evmap db stop` uses. */
const STOP_TIMEOUT_MS = 60_000;
/** A CLI run: Node loading the TypeScript sources under load, then at most one stop. */
const CLI_TIMEOUT_MS = 30_000 + STOP_TIMEOUT_MS;
const QUERY_TIMEOUT_MS = 10_000;
const SLACK_MS = 30_000;

/** The configuration a checkout with this data folder and port would load. */
function configFor(home: string, port: number) {
  return loadConfig({
    NODE_ENV: 'test',
    EVMAP_NEO4J_SOURCE: 'local',
    EVMAP_NEO4J_HOME: home,
    EVMAP_NEO4J_BOLT_PORT: String(port),
    NEO4J_PASSWORD: password,
    EVMAP_NEO4J_HEAP: '512m',
    EVMAP_NEO4J_PAGECACHE: '64m',
    EVMAP_NEO4J_START_TIMEOUT_MS: String(START_TIMEOUT_MS),
  });
}

async function markerOf(connection: { uri: string; user: string; password: string; database: string }): Promise<string | undefined> {
  const db = new Neo4jExecutor(connection, QUERY_TIMEOUT_MS);
  try {
    const [row] = await db.readRows<{ name: string }>('MATCH (m:CheckoutMarker) RETURN m.name AS name');
    return row?.name;
  } finally {
    await db.close();
  }
}

/** Runs the evmap CLI the way a person in a second terminal would, against one data folder. */
function cli(home: string, port: number, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'bin/evmap.cjs'), ...args], {
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: { ...process.env, NODE_ENV: 'test', EVMAP_NEO4J_HOME: home, EVMAP_NEO4J_BOLT_PORT: String(port), NEO4J_PASSWORD: password, EVMAP_NEO4J_HEAP: '512m' },
  });
}

describe('two checkouts on one machine', () => {
  const homeA = mkdtempSync(path.join(os.tmpdir(), 'evmap-checkout-a-'));
  const homeB = mkdtempSync(path.join(os.tmpdir(), 'evmap-checkout-b-'));
  let portA: number;
  let portB: number;
  let a: LocalNeo4jSettings;
  let b: LocalNeo4jSettings;

  beforeAll(async () => {
    [portA, portB] = (await freePorts(2)) as [number, number];
    a = configFor(homeA, portA).neo4j.local;
    b = configFor(homeB, portB).neo4j.local;
    await Promise.all([startLocal(a, silentLogger), startLocal(b, silentLogger)]);
    for (const [s, name] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      const db = new Neo4jExecutor({ uri: `neo4j://127.0.0.1:${s.boltPort}`, user: 'neo4j', password, database: 'neo4j' }, QUERY_TIMEOUT_MS);
      await db.writeRows('CREATE (:CheckoutMarker {name: $name})', { name });
      await db.close();
    }
  }, START_TIMEOUT_MS + 2 * QUERY_TIMEOUT_MS + SLACK_MS);

  afterAll(async () => {
    await Promise.all([stopLocal(a), stopLocal(b)]);
    rmSync(homeA, { recursive: true, force: true });
    rmSync(homeB, { recursive: true, force: true });
  }, STOP_TIMEOUT_MS + SLACK_MS);

  it('reuses a running Neo4j on the port it recorded, never the port the reusing checkout configured', async () => {
    // Checkout A's configuration now names B's port: reuse must still reach A's own server.
    const found = await findNeo4j(configFor(homeA, portB), silentLogger);
    expect(found.uri).toBe(`neo4j://127.0.0.1:${portA}`);
    expect(found.stop).toBeUndefined();
    expect(await markerOf(found)).toBe('A');

    const status = cli(homeA, portB, 'db', 'status');
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`neo4j://127.0.0.1:${portA}`);
    expect(status.stdout).not.toContain(`:${portB}`);
  }, QUERY_TIMEOUT_MS + CLI_TIMEOUT_MS + SLACK_MS);

  it('starts Neo4j again by itself when it dies while serving, on the same port and data', async () => {
    const before = localStatus(b);
    expect(before.running).toBe(true);
    process.kill(before.pid as number, 'SIGKILL');
    const deadline = Date.now() + START_TIMEOUT_MS;
    let after = localStatus(b);
    while (Date.now() < deadline && !(after.running && after.pid !== before.pid && after.boltPort !== undefined)) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      after = localStatus(b);
    }
    expect(after).toMatchObject({ running: true, boltPort: portB });
    expect(after.pid).not.toBe(before.pid);
    expect(await markerOf({ uri: `neo4j://127.0.0.1:${portB}`, user: 'neo4j', password, database: 'neo4j' })).toBe('B');
  }, START_TIMEOUT_MS + QUERY_TIMEOUT_MS + SLACK_MS);

  it('leaves running a Neo4j that `db start` adopted after another command started it', async () => {
    await stopLocal(a);
    const found = await findNeo4j(configFor(homeA, portA), silentLogger);
    expect(found.stop).toBeDefined();

    // A person runs `npm run db:start` while `npm start` (which started this Neo4j) still runs.
    const adopted = cli(homeA, portA, 'db', 'start');
    expect(adopted.stdout).toContain('was already running');
    expect(localStatus(a).kept).toBe(true);

    // Then Ctrl-C on `npm start`: its shutdown must not take the adopted server down.
    await found.stop?.();
    expect(localStatus(a).running).toBe(true);
    expect(await markerOf(found)).toBe('A');

    const stopped = cli(homeA, portA, 'db', 'stop');
    expect(`${stopped.stdout}${stopped.stderr}`).toMatch(/Neo4j stopped/);
    expect(localStatus(a).running).toBe(false);
    expect(existsSync(path.join(homeA, 'keep-running'))).toBe(false);
  }, STOP_TIMEOUT_MS + START_TIMEOUT_MS + 2 * CLI_TIMEOUT_MS + QUERY_TIMEOUT_MS + SLACK_MS);
});
