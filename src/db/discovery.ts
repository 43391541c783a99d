import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot, type Config } from '../config';
import type { Logger } from '../log';
import type { Neo4jConnection } from './driver';
import { startLocal, stopIfNotKept } from './localNeo4j';

export type Neo4jSource = 'uri' | 'docker' | 'local';

/** A Neo4j to connect to, where it came from, and how to stop it if this process started it. */
export interface FoundNeo4j extends Neo4jConnection {
  source: Neo4jSource;
  /** One line for logs: which Neo4j this is. */
  description: string;
  /** Stops what this process started; undefined when it reused or was given a server. */
  stop?: () => Promise<void>;
}

/** How to get a Neo4j from a Docker engine: docker compose for running, testcontainers in tests. */
export type DockerStrategy = (config: Config, log: Logger) => Promise<FoundNeo4j>;

/** True when a Docker engine answers, not merely when the docker client is installed. */
export function dockerEngineAvailable(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 && result.stdout.trim().length > 0;
}

/** Starts the compose file's neo4j service and waits for its health check; stops it on shutdown only if it was not already up. */
export const composeStrategy: DockerStrategy = async (config, log) => {
  const compose = (...args: string[]) =>
    spawnSync('docker', ['compose', '-f', path.join(projectRoot, 'docker-compose.yml'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_PASSWORD: config.neo4j.password, EVMAP_NEO4J_BOLT_PORT: String(config.neo4j.local.boltPort) },
    });
  const wasRunning = compose('ps', '--status', 'running', '--services').stdout.split('\n').includes('neo4j');
  if (!wasRunning) {
    log.info('starting Neo4j with docker compose (service neo4j)');
    const up = compose('up', '-d', '--wait', 'neo4j');
    if (up.status !== 0) throw new Error(`docker compose could not start Neo4j:\n${up.stderr}`);
  }
  // docker-compose.yml publishes Bolt on EVMAP_NEO4J_BOLT_PORT, the same variable the local launcher uses.
  const uri = `neo4j://127.0.0.1:${config.neo4j.local.boltPort}`;
  return {
    uri,
    user: 'neo4j',
    password: config.neo4j.password,
    database: config.neo4j.database,
    source: 'docker',
    description: `Neo4j in docker compose at ${uri}${wasRunning ? ' (already running)' : ''}`,
    ...(wasRunning
      ? {}
      : {
          stop: async () => {
            compose('stop', 'neo4j');
          },
        }),
  };
};

/**
 * Finds the Neo4j evmap should use, in the order of the design: NEO4J_URI → a Docker engine →
 * the local launcher. EVMAP_NEO4J_SOURCE can pin one of them.
 */
export async function findNeo4j(config: Config, log: Logger, docker: DockerStrategy = composeStrategy): Promise<FoundNeo4j> {
  const { neo4j } = config;
  if (neo4j.uri && (neo4j.source === 'auto' || neo4j.source === 'uri')) {
    return {
      uri: neo4j.uri,
      user: neo4j.user,
      password: neo4j.password,
      database: neo4j.database,
      source: 'uri',
      description: `Neo4j from NEO4J_URI at ${neo4j.uri} (database ${neo4j.database})`,
    };
  }
  if (neo4j.source === 'docker' || (neo4j.source === 'auto' && dockerEngineAvailable())) {
    return docker(config, log);
  }
  const started = await startLocal(neo4j.local, log);
  const timing = started.startupMs === undefined ? 'reused' : `ready in ${(started.startupMs / 1000).toFixed(1)} s`;
  return {
    uri: started.boltUri,
    user: neo4j.local.user,
    password: neo4j.local.password,
    database: neo4j.database,
    source: 'local',
    description: `local Neo4j Community (launcher pid ${started.pid}, ${timing}) at ${started.boltUri}, data in ${path.relative(projectRoot, neo4j.local.home) || '.'}`,
    ...(started.startedHere
      ? {
          stop: () => stopIfNotKept(neo4j.local, log),
        }
      : {}),
  };
}
