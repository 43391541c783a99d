import type { Command } from 'commander';
import { loadConfig } from '../config';
import { Neo4jExecutor } from '../db/executor';
import { boltUri, keepRunning, localStatus, startLocal, stopLocal } from '../db/localNeo4j';
import type { Logger } from '../log';

/** `evmap db start|stop|status`: manage the local Neo4j that runs from Maven Central jars. */
export function registerDbCommands(program: Command, log: Logger): void {
  const db = program.command('db').description('manage the local Neo4j Community server (JDK + Maven, no Docker needed)');

  db.command('start')
    .description('start the local Neo4j in the background and wait until Bolt answers')
    .action(async () => {
      const config = loadConfig();
      const started = await startLocal(config.neo4j.local, log);
      keepRunning(config.neo4j.local);
      const how = started.startedHere ? `started in ${((started.startupMs ?? 0) / 1000).toFixed(1)} s` : 'was already running';
      process.stdout.write(`Neo4j ${how}: ${started.boltUri} (pid ${started.pid}, data ${config.neo4j.local.home})\n`);
    });

  db.command('stop')
    .description('stop the local Neo4j cleanly (SIGTERM, store closed without recovery)')
    .action(async () => {
      const config = loadConfig();
      const result = await stopLocal(config.neo4j.local);
      process.stdout.write(result.stopped ? `Neo4j stopped (pid ${result.pid}) in ${result.ms} ms\n` : 'Neo4j was not running\n');
    });

  db.command('status')
    .description('say whether the local Neo4j runs and answers on Bolt; exit 1 when it does not')
    .action(async () => {
      const config = loadConfig();
      const status = localStatus(config.neo4j.local);
      if (!status.running || status.boltPort === undefined) {
        process.stdout.write(status.running ? `Neo4j process ${status.pid} owns ${status.home} but has not recorded its Bolt port yet (starting, or started by an older evmap: restart it)\n` : `Neo4j is not running (data ${status.home})\n`);
        process.exitCode = 1;
        return;
      }
      const uri = boltUri(status.boltPort);
      // Asks the local server alone, whatever NEO4J_URI says: this command reports on the launcher.
      const db = new Neo4jExecutor({ uri, user: config.neo4j.local.user, password: config.neo4j.local.password, database: config.neo4j.database }, 5_000);
      try {
        process.stdout.write(`Neo4j is running: ${uri} (pid ${status.pid}, ${await db.serverAgent()}, data ${status.home})\n`);
      } catch (error) {
        process.stdout.write(`Neo4j process ${status.pid} is up but Bolt does not answer: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
