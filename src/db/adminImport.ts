import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalNeo4jSettings } from '../config';
import type { Logger } from '../log';
import { LauncherError, localStatus, neo4jClasspath, prepareLauncher } from './localNeo4j';

/** One input group of `neo4j-admin database import full`. */
export interface AdminImportInput {
  kind: 'nodes' | 'relationships';
  /** Node label or relationship type. */
  name: string;
  file: string;
  /** The file has values with line breaks, which neo4j-admin must be told to expect. */
  multiline: boolean;
}

export interface AdminImportResult {
  nodes: number;
  relationships: number;
  properties: number;
  ms: number;
}

/**
 * Runs Neo4j's own bulk importer (`neo4j-admin database import full`, from the jars the
 * launcher resolves) into the local launcher's data folder, replacing its `database`. The
 * launcher must be stopped: the importer writes the store files directly. Input must be
 * fault-free (no tolerance for bad rows), so a mistake fails the load instead of leaving holes.
 */
export async function runAdminImport(
  settings: LocalNeo4jSettings,
  database: string,
  inputs: readonly AdminImportInput[],
  options: { workDir: string; arrayDelimiter: string; log: Logger; onOutput?: (line: string) => void },
): Promise<AdminImportResult> {
  if (localStatus(settings).running) throw new LauncherError(`the local Neo4j on ${settings.home} is running; neo4j-admin import needs it stopped`);
  await prepareLauncher(options.log);
  // neo4j-admin reads its settings from NEO4J_CONF; the defaults (data under NEO4J_HOME) are the launcher's.
  const conf = path.join(options.workDir, 'conf');
  mkdirSync(conf, { recursive: true });
  writeFileSync(path.join(conf, 'neo4j.conf'), '');
  const multiline = inputs.filter((i) => i.multiline).map((i) => i.file);
  const args = [
    `-Xmx${settings.heap}`,
    '-Dfile.encoding=UTF-8',
    '-cp',
    neo4jClasspath(),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    database,
    '--overwrite-destination=true',
    '--bad-tolerance=0',
    `--array-delimiter=${options.arrayDelimiter}`,
    `--report-file=${path.join(options.workDir, 'import.report')}`,
    ...(multiline.length > 0 ? ['--multiline-fields-format=v2', `--multiline-fields=${multiline.join(',')}`] : []),
    ...inputs.map((i) => `--${i.kind}=${i.name}=${i.file}`),
  ];
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('java', args, { env: { ...process.env, NEO4J_HOME: settings.home, NEO4J_CONF: conf }, stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (output.length > 400) output.shift();
        options.onOutput?.(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  const text = output.join('\n');
  if (code !== 0 || !/IMPORT DONE/.test(text)) {
    const reason = output.filter((l) => !/^\s+at /.test(l) && l.trim() !== '').slice(-12).join('\n');
    throw new LauncherError(`neo4j-admin import failed (exit ${code}):\n${reason}`);
  }
  const count = (what: string) => Number(new RegExp(`^\\s*(\\d+) ${what}$`, 'm').exec(text)?.[1] ?? 0);
  return { nodes: count('nodes'), relationships: count('relationships'), properties: count('properties'), ms: Date.now() - started };
}
