#!/usr/bin/env node
import '../nodeVersion';
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadDotEnv, projectRoot } from '../config';
import { LauncherError } from '../db/localNeo4j';
import { CODE_MAPPING, EXIT, EvmapError } from '../errors';
import { consoleLogger } from '../log';
import { registerAnalystCommands } from './analyst';
import { registerCitationCommands } from './citations';
import { registerDbCommands } from './db';
import { registerFetchCommand } from './fetch';
import { registerIngestCommands } from './ingest';

const log = consoleLogger();
// Read at run time so the version shown is the installed package's, whether run from src/ or dist/.
const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };

/** Builds the `evmap` command tree; each area registers its own subcommands. */
export function buildProgram(): Command {
  const program = new Command('evmap')
    .description('evmap: evidence maps over a Neo4j graph of papers, mechanisms, aims and biomarkers')
    .version(version)
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program, log);
  registerIngestCommands(program, log);
  registerAnalystCommands(program, log);
  registerCitationCommands(program, log);
  registerFetchCommand(program, log);
  return program;
}

async function main(argv: string[]): Promise<void> {
  loadDotEnv();
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; every other refusal by commander is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
      return;
    }
    if (error instanceof EvmapError) {
      log.error(`${error.code}: ${error.message}`);
      process.exitCode = CODE_MAPPING[error.code].exit;
      return;
    }
    if (error instanceof ConfigError || error instanceof LauncherError) {
      log.error(error.message);
      process.exitCode = EXIT.setup;
      return;
    }
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = EXIT.internal;
  }
}

void main(process.argv);
