import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot, type LocalNeo4jSettings } from '../config';
import type { Logger } from '../log';

const launcherDir = path.join(projectRoot, 'neo4j-local');
const pomFile = path.join(launcherDir, 'pom.xml');
const sourceFile = path.join(launcherDir, 'src/main/java/evmap/neo4j/LocalNeo4j.java');
const classpathFile = path.join(launcherDir, 'target/classpath.txt');
const classesDir = path.join(launcherDir, 'target/classes');
const classFile = path.join(classesDir, 'evmap/neo4j/LocalNeo4j.class');

const READY = /^evmap-neo4j ready (\S+) .*pid=(\d+) startup_ms=(\d+)/m;

/** A problem starting or stopping the local Neo4j, with a message meant for the person at the terminal. */
export class LauncherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LauncherError';
  }
}

export interface LocalStatus {
  running: boolean;
  pid?: number;
  home: string;
  /** The port the running server listens on, as it recorded it; absent while it is still starting. */
  boltPort?: number;
  /** The supervising launcher JVM, when it recorded one. */
  supervisor?: number;
  /** True when `evmap db start` asked for the server to outlive the commands that reuse it. */
  kept: boolean;
}

export interface StartedLocal {
  boltUri: string;
  pid: number;
  /** False when a launcher was already running on this data folder and was reused. */
  startedHere: boolean;
  startupMs?: number;
}

function newer(a: string, than: string): boolean {
  return !existsSync(than) || statSync(a).mtimeMs > statSync(than).mtimeMs;
}

function requireTool(command: string, args: string[], hint: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new LauncherError(`${command} was not found on PATH. ${hint}`);
  return `${result.stdout}${result.stderr}`;
}

const NO_JAVA_HINT =
  'The local Neo4j needs a JDK 17+ and Maven; alternatively run Docker, or point NEO4J_URI at your own Neo4j.';

function checkJava(): void {
  const out = requireTool('java', ['-version'], NO_JAVA_HINT);
  const major = Number(/version "(\d+)/.exec(out)?.[1] ?? '0');
  if (major < 17) throw new LauncherError(`Neo4j 5 needs Java 17 or newer, found: ${out.split('\n')[0]}. ${NO_JAVA_HINT}`);
}

/** Turns Maven's per-file download lines into one progress line, since the first run fetches ~200 jars. */
function downloadProgress(log: Logger): (chunk: string) => void {
  let files = 0;
  let kilobytes = 0;
  let lastPrinted = 0;
  const tty = process.stderr.isTTY === true;
  return (chunk) => {
    for (const line of chunk.split('\n')) {
      const m = /^Downloaded from \S+: \S+ \(([\d.]+) (B|kB|MB)/.exec(line.replace(/^\[INFO\] /, ''));
      if (!m) continue;
      files += 1;
      const size = Number(m[1]);
      kilobytes += m[2] === 'MB' ? size * 1024 : m[2] === 'kB' ? size : size / 1024;
      const text = `downloading Neo4j jars from Maven Central: ${files} files, ${(kilobytes / 1024).toFixed(1)} MB`;
      if (tty) process.stderr.write(`\r[neo4j-local] ${text}`);
      else if (files - lastPrinted >= 50) {
        lastPrinted = files;
        log.info(text);
      }
    }
  };
}

async function resolveClasspath(log: Logger): Promise<void> {
  requireTool('mvn', ['-v'], NO_JAVA_HINT);
  log.info('resolving Neo4j Community jars with Maven (first run downloads about 150 MB)');
  const progress = downloadProgress(log);
  const tail: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const mvn = spawn('mvn', ['-B', '-Dstyle.color=never', '-f', pomFile, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (data: Buffer) => {
      const text = data.toString();
      progress(text);
      tail.push(...text.split('\n'));
      tail.splice(0, Math.max(0, tail.length - 40));
    };
    mvn.stdout.on('data', collect);
    mvn.stderr.on('data', collect);
    mvn.on('error', reject);
    mvn.on('close', (c) => resolve(c ?? 1));
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (code !== 0 || !existsSync(classpathFile)) {
    throw new LauncherError(`Maven could not resolve Neo4j (exit ${code}). Last output:\n${tail.join('\n')}`);
  }
}

/** Makes sure the jars are resolved and the launcher class is compiled; cheap when both are current. */
export async function prepareLauncher(log: Logger): Promise<void> {
  checkJava();
  if (newer(pomFile, classpathFile)) await resolveClasspath(log);
  if (newer(sourceFile, classFile) || newer(classpathFile, classFile)) {
    requireTool('javac', ['-version'], NO_JAVA_HINT);
    mkdirSync(classesDir, { recursive: true });
    const javac = spawnSync('javac', ['-d', classesDir, '-cp', readFileSync(classpathFile, 'utf8').trim(), sourceFile], {
      encoding: 'utf8',
    });
    if (javac.status !== 0) throw new LauncherError(`javac failed to compile the launcher:\n${javac.stderr}`);
  }
}

function readPid(home: string): number | undefined {
  const file = path.join(home, 'launcher.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** A live process; an exited child its parent has not reaped yet (a zombie, on Linux) is not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state letter follows the parenthesised command name, which may itself hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

const STATE_FILE = 'launcher.json';
const KEEP_FILE = 'keep-running';

interface RecordedState {
  boltPort: number;
  /** The JVM that restarts Neo4j if it dies; stopping goes through it so it does not. */
  supervisor?: number;
}

/** What a launcher recorded once Bolt listened; only trusted when it names the live pid. */
function recorded(home: string, pid: number): RecordedState | undefined {
  try {
    const state = JSON.parse(readFileSync(path.join(home, STATE_FILE), 'utf8')) as { pid?: unknown; boltPort?: unknown; supervisor?: unknown };
    if (state.pid !== pid || !Number.isInteger(state.boltPort)) return undefined;
    const supervisor = Number.isInteger(state.supervisor) && (state.supervisor as number) > 1 ? (state.supervisor as number) : undefined;
    return { boltPort: state.boltPort as number, ...(supervisor === undefined ? {} : { supervisor }) };
  } catch {
    return undefined;
  }
}

/** The Neo4j jars the launcher runs on (resolved by prepareLauncher), for Neo4j's own tools such as neo4j-admin. */
export function neo4jClasspath(): string {
  return readFileSync(classpathFile, 'utf8').trim();
}

export function boltUri(port: number): string {
  return `neo4j://127.0.0.1:${port}`;
}

/** Reports whether a launcher process owns the data folder (its pid file names a live process) and which port it serves. */
export function localStatus(settings: LocalNeo4jSettings): LocalStatus {
  const pid = readPid(settings.home);
  if (pid === undefined || !alive(pid)) return { running: false, home: settings.home, kept: false };
  const state = recorded(settings.home, pid);
  return { running: true, pid, home: settings.home, ...state, kept: existsSync(path.join(settings.home, KEEP_FILE)) };
}

/** Marks the running server as one to leave running when the command that reused or started it ends. */
export function keepRunning(settings: LocalNeo4jSettings): void {
  writeFileSync(path.join(settings.home, KEEP_FILE), 'left by `evmap db start`; removed when this Neo4j stops\n');
}

/** What was appended to `file` after byte `offset`; the log keeps every earlier run, so only the tail is read. */
function readFrom(file: string, offset: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, fstatSync(fd).size - offset));
    readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function logFile(home: string): string {
  return path.join(home, 'logs', 'launcher.log');
}

/**
 * Another command is starting Neo4j on this folder: wait for it to record its port rather than
 * guess one. A launcher from before ports were recorded never will, so that one is refused.
 */
async function untilRecorded(settings: LocalNeo4jSettings, pid: number, log: Logger): Promise<LocalStatus> {
  const launcherLog = logFile(settings.home);
  const readyLine = new RegExp(`^evmap-neo4j ready \\S+ .*pid=${pid} `, 'm');
  // An older launcher that already serves printed its ready line before this wait began, so the
  // whole log is read once; after that only what it gains while waiting.
  const waitingFrom = existsSync(launcherLog) ? statSync(launcherLog).size : 0;
  let from = 0;
  log.info(`a local Neo4j (pid ${pid}) is starting on ${settings.home}; waiting for it`);
  const deadline = Date.now() + settings.startTimeoutMs;
  while (Date.now() < deadline) {
    const status = localStatus(settings);
    if (!status.running || status.boltPort !== undefined) return status;
    if (existsSync(launcherLog) && readyLine.test(readFrom(launcherLog, from))) break;
    from = waitingFrom;
    await sleep(200);
  }
  throw new LauncherError(
    `a local Neo4j (pid ${pid}) owns ${settings.home} but has not recorded its Bolt port (started by an older evmap, or stuck); stop it with \`npm run db:stop\` and start again`,
  );
}

/**
 * Starts Neo4j from the local jars in its own process group (so a Ctrl-C meant for evmap
 * does not kill the database before evmap has drained) and waits for its ready line.
 * Reuses a launcher that already runs on the same data folder.
 */
export async function startLocal(settings: LocalNeo4jSettings, log: Logger): Promise<StartedLocal> {
  let status = localStatus(settings);
  if (status.running && status.boltPort === undefined) status = await untilRecorded(settings, status.pid as number, log);
  if (status.running && status.pid !== undefined && status.boltPort !== undefined) {
    const other = status.boltPort === settings.boltPort ? '' : ` on port ${status.boltPort}, not the configured ${settings.boltPort}`;
    log.info(`local Neo4j already running on ${settings.home} (pid ${status.pid})${other}, reusing it`);
    return { boltUri: boltUri(status.boltPort), pid: status.pid, startedHere: false };
  }
  await prepareLauncher(log);
  mkdirSync(path.join(settings.home, 'logs'), { recursive: true });
  const out = logFile(settings.home);
  const offset = existsSync(out) ? statSync(out).size : 0;
  const fd = openSync(out, 'a');
  const classpath = `${classesDir}${path.delimiter}${readFileSync(classpathFile, 'utf8').trim()}`;
  const child = spawn(
    'java',
    // This JVM only supervises the one that runs Neo4j (with EVMAP_NEO4J_HEAP), restarting it if it dies while serving.
    ['-Xmx64m', '-XX:+UseSerialGC', '-Dfile.encoding=UTF-8', '-cp', classpath, 'evmap.neo4j.LocalNeo4j'],
    {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        EVMAP_NEO4J_HOME: settings.home,
        EVMAP_NEO4J_BOLT_PORT: String(settings.boltPort),
        EVMAP_NEO4J_PAGECACHE: settings.pageCache,
        EVMAP_NEO4J_TX_MEMORY: settings.txMemory,
        EVMAP_NEO4J_HEAP: settings.heap,
        NEO4J_USER: settings.user,
        NEO4J_PASSWORD: settings.password,
      },
    },
  );
  closeSync(fd);
  child.unref();
  let exitCode: number | null | undefined;
  child.on('exit', (code) => {
    exitCode = code;
  });

  const deadline = Date.now() + settings.startTimeoutMs;
  while (Date.now() < deadline) {
    const text = readFrom(out, offset);
    const ready = READY.exec(text);
    if (ready) {
      return { boltUri: boltUri(settings.boltPort), pid: Number(ready[2]), startedHere: true, startupMs: Number(ready[3]) };
    }
    if (exitCode !== undefined) {
      const reason = text.split('\n').filter((l) => l.startsWith('evmap-neo4j:')).join('\n') || text.slice(-2000);
      throw new LauncherError(`local Neo4j exited with code ${exitCode} before it was ready:\n${reason}\n(full log: ${out})`);
    }
    await sleep(200);
  }
  // The supervisor leads its own process group, which holds the Neo4j JVM too.
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  throw new LauncherError(`local Neo4j was not ready within ${settings.startTimeoutMs} ms (log: ${out})`);
}

/**
 * Stops the server a command started, unless `evmap db start` has since asked to keep it:
 * then it belongs to the person who ran that, and stays up.
 */
export async function stopIfNotKept(settings: LocalNeo4jSettings, log: Logger): Promise<void> {
  if (localStatus(settings).kept) {
    log.info('leaving the local Neo4j running: `npm run db:start` asked to keep it (stop it with `npm run db:stop`)');
    return;
  }
  log.info('stopping the Neo4j this process started');
  await stopLocal(settings);
}

/** Sends SIGTERM and waits for Neo4j to close its store; escalates to SIGKILL only after the timeout. */
export async function stopLocal(settings: LocalNeo4jSettings, timeoutMs = 60_000): Promise<{ stopped: boolean; pid?: number; ms: number }> {
  const started = Date.now();
  const { running, pid, supervisor } = localStatus(settings);
  if (!running || pid === undefined) return { stopped: false, ms: 0 };
  // The supervisor passes SIGTERM on and waits for Neo4j; signalling Neo4j alone works too.
  const target = supervisor !== undefined && alive(supervisor) ? supervisor : pid;
  process.kill(target, 'SIGTERM');
  while (Date.now() - started < timeoutMs) {
    if (!alive(pid) && (target === pid || !alive(target))) return { stopped: true, pid, ms: Date.now() - started };
    await sleep(100);
  }
  if (target !== pid) process.kill(target, 'SIGKILL');
  process.kill(pid, 'SIGKILL');
  throw new LauncherError(`local Neo4j (pid ${pid}) did not stop within ${timeoutMs} ms and was killed; the next start will run recovery`);
}
