import type { DockerStrategy } from '../../src/db/discovery';

/** With a Docker engine, tests get a throwaway Neo4j 5 container instead of the compose service. */
export const testcontainersStrategy: DockerStrategy = async (config, log) => {
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  log.info('Docker engine found: starting neo4j:5.26-community with testcontainers');
  const container = await new Neo4jContainer('neo4j:5.26-community').withPassword(config.neo4j.password).start();
  return {
    uri: container.getBoltUri(),
    user: 'neo4j',
    password: config.neo4j.password,
    database: 'neo4j',
    source: 'docker',
    description: `testcontainers neo4j:5.26-community at ${container.getBoltUri()}`,
    stop: async () => {
      await container.stop();
    },
  };
};
