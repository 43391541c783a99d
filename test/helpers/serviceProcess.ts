import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testNeo4j } from './neo4jTarget';

const root = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  child: ChildProcess;
  /** The GraphQL URL it printed once ready. */
  url: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export interface FailedStart {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of `npm start` against the run's Neo4j, with `env` on top. */
function serviceEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const target = testNeo4j();
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    NEO4J_URI: target.uri,
    NEO4J_USER: target.user,
    NEO4J_PASSWORD: target.password,
    NEO4J_DATABASE: target.database,
    EVMAP_NEO4J_SOURCE: 'uri',
    EVMAP_SEED_ON_START: 'false',
    ...env,
  };
}

function spawnService(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/index.ts')], {
    cwd: root,
    env: serviceEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the `npm start` entry point (src/index.ts through tsx) as its own process and waits for its ready line. */
export async function startService(env: Record<string, string> = {}): Promise<ServiceProcess> {
  const child = spawnService(env);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /evmap ready at (\S+)/.exec(stdout);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready:\n${stderr}`)));
  });
  return {
    child,
    url,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs the entry point expecting it to fail before it is ready; resolves with its exit code and output. */
export function failedStart(env: Record<string, string>): Promise<FailedStart> {
  const child = spawnService(env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
