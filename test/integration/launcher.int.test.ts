import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalNeo4jSettings } from '../../src/config';
import { createDriver } from '../../src/db/driver';
import { localStatus, startLocal, stopLocal } from '../../src/db/localNeo4j';
import { silentLogger } from '../../src/log';

const launcherDir = path.resolve(__dirname, '../../neo4j-local');

/** A second, throwaway local Neo4j on its own folder and port, so the run's shared server is untouched. */
function settings(home: string): LocalNeo4jSettings {
  return {
    home,
    boltPort: Number(process.env.EVMAP_TEST_LAUNCHER_PORT ?? 7697),
    user: 'neo4j',
    password: 'launcher-test-password',
    heap: '512m',
    pageCache: '64m',
    txMemory: '128m',
    startTimeoutMs: 120_000,
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
  const s = settings(home);
  afterAll(async () => {
    await stopLocal(s);
    rmSync(home, { recursive: true, force: true });
  });

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
      timeout: 60_000,
      env: { ...process.env, EVMAP_NEO4J_HOME: home, EVMAP_NEO4J_BOLT_PORT: String(s.boltPort + 1), NEO4J_PASSWORD: s.password },
    });
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(`another evmap Neo4j is already running on data folder ${home} (pid ${first.pid})`);

    const stopped = await stopLocal(s);
    expect(stopped.stopped).toBe(true);
    expect(localStatus(s).running).toBe(false);
    const log = readFileSync(path.join(home, 'logs/launcher.log'), 'utf8');
    expect(log).toMatch(/evmap-neo4j stopped cleanly/);

    const again = await startLocal(s, silentLogger);
    expect(again.startedHere).toBe(true);
    expect(await countMarkers(s)).toBe(1);
    const debugLog = readFileSync(path.join(home, 'logs/debug.log'), 'utf8');
    expect(debugLog).not.toMatch(/Recovery (required|completed)/i);
    // Two cold starts of a JVM database on a shared 2-core machine; Jest's 60 s default is too tight.
  }, 300_000);
});
