import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalNeo4jSettings } from '../../src/config';
import { createDriver } from '../../src/db/driver';
import { localStatus, startLocal, stopLocal } from '../../src/db/localNeo4j';
import { silentLogger } from '../../src/log';
import { freePorts } from '../helpers/freePorts';

const launcherDir = path.resolve(__dirname, '../../neo4j-local');

// A cold start of the Neo4j JVM takes 30-90 s on a busy 2-core machine. The test's own budget is
// the sum of the waits inside it, so a slow step fails with the launcher's message naming the
// step and its log, not with Jest's bare timeout while a start is still under way.
const START_TIMEOUT_MS = 120_000;
const SECOND_COPY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;
const QUERIES_MS = 30_000;

/** A second, throwaway local Neo4j on its own folder and port, so the run's shared server is untouched. */
function settings(home: string, boltPort: number): LocalNeo4jSettings {
  return {
    home,
    boltPort,
    user: 'neo4j',
    password: 'launcher-test-password',
    heap: '512m',
    pageCache: '64m',
    txMemory: '128m',
    startTimeoutMs: START_TIMEOUT_MS,
  };
}

async function countMarkers(s: LocalNeo4jSettings): Promise<number> {
  const driver = createDriver({ uri: `neo4j://127.0.0.1:${s.boltPort}`, user: s.user, password: s.password, database: 'neo4j' });
  try {
    const result = await driver.executeQuery('MATCH (m:LauncherMarker) RETURN count(m) AS n', {}, { database: 'neo4j' });
    return result.records[0]?.get('n') as number;
  } finally {
    await driver.close();
  }
}

describe('local Neo4j launcher', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'evmap-launcher-'));
  let s: LocalNeo4jSettings;
  /** A free port of the second copy's own, so only the data folder's lock can refuse it. */
  let secondPort: number;
  beforeAll(async () => {
    const [port, other] = (await freePorts(2)) as [number, number];
    s = settings(home, port);
    secondPort = other;
  });
  afterAll(async () => {
    await stopLocal(s, STOP_TIMEOUT_MS);
    rmSync(home, { recursive: true, force: true });
  }, STOP_TIMEOUT_MS + QUERIES_MS);

  it('starts, refuses a second copy on the same data folder, stops cleanly and keeps data across restarts', async () => {
    const first = await startLocal(s, silentLogger);
    expect(first.startedHere).toBe(true);
    expect(localStatus(s)).toMatchObject({ running: true, pid: first.pid });

    const driver = createDriver({ uri: first.boltUri, user: s.user, password: s.password, database: 'neo4j' });
    await driver.executeQuery('CREATE (:LauncherMarker {at: timestamp()})', {}, { database: 'neo4j' });
    await driver.close();

    const classpath = `${path.join(launcherDir, 'target/classes')}${path.delimiter}${readFileSync(path.join(launcherDir, 'target/classpath.txt'), 'utf8').trim()}`;
    const second = spawnSync('java', ['-cp', classpath, 'evmap.neo4j.LocalNeo4j'], {
      encoding: 'utf8',
      timeout: SECOND_COPY_TIMEOUT_MS,
      env: { ...process.env, EVMAP_NEO4J_HOME: home, EVMAP_NEO4J_BOLT_PORT: String(secondPort), NEO4J_PASSWORD: s.password },
    });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(`another evmap Neo4j is already running on data folder ${home} (pid ${first.pid})`);

    const stopped = await stopLocal(s, STOP_TIMEOUT_MS);
    expect(stopped.stopped).toBe(true);
    expect(localStatus(s).running).toBe(false);
    const log = readFileSync(path.join(home, 'logs/launcher.log'), 'utf8');
    expect(log).toMatch(/evmap-neo4j stopped cleanly/);

    const again = await startLocal(s, silentLogger);
    expect(again.startedHere).toBe(true);
    expect(await countMarkers(s)).toBe(1);
    const debugLog = readFileSync(path.join(home, 'logs/debug.log'), 'utf8');
    expect(debugLog).not.toMatch(/Recovery (required|completed)/i);
  }, 2 * START_TIMEOUT_MS + SECOND_COPY_TIMEOUT_MS + STOP_TIMEOUT_MS + QUERIES_MS);
});
