import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { runReadOnlyCypher, type CypherOutcome } from '../analyst/cypher';
import { runTraversal } from '../analyst/traversal';
import { EXPORT_FORMATS, GRAPH_PARTS, cellText, evidenceMapToCsv, exportGraph, exportRows, rowsToCsv, type ExportFormat, type GraphPart } from '../features/formats';
import { subgraphForExport } from '../features/graphExport';
import type { EntityKind } from '../generated/schema';
import { ENTITY_KINDS } from '../graph/model';
import type { Logger } from '../log';
import { evidenceMap } from '../features/evidenceMap';
import { subgraph } from '../features/subgraph';
import { EXIT } from '../errors';
import { withConnection } from './connect';


/**
 * Parses repeatable `k=v` (a string) and `k:=v` (JSON: numbers, booleans, lists) options,
 * the convention of httpie, so `pmid=24392693` stays a string while `limit:=5` is a number.
 */
export function collectPair(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const json = /^([^=:]+):=(.*)$/s.exec(value);
  const text = /^([^=:]+)=(.*)$/s.exec(value);
  if (json) {
    try {
      return { ...previous, [json[1] as string]: JSON.parse(json[2] as string) as unknown };
    } catch {
      throw new Error(`${json[1]}:= needs a JSON value, got ${json[2]}`);
    }
  }
  if (text) return { ...previous, [text[1] as string]: text[2] };
  throw new Error(`expected key=value or key:=json, got ${JSON.stringify(value)}`);
}

/** A plain aligned text table for a terminal, with long cells cut so rows stay on one line. */
export function rowsToTable(result: Pick<CypherOutcome, 'columns' | 'rows'>, maxCell = 60): string {
  const cells = result.rows.map((row) => result.columns.map((c) => {
    const text = cellText(row[c]).replace(/\s+/g, ' ');
    return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
  }));
  const widths = result.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(result.columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

function output(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

function footer(result: CypherOutcome, log: Logger): void {
  log.info(`${result.rows.length} row${result.rows.length === 1 ? '' : 's'} in ${result.elapsedMs} ms${result.truncated ? ' (truncated at the row cap)' : ''}`);
}

/** `evmap query`, `evmap cypher`, `evmap export`: the analyst's command line. */
export function registerAnalystCommands(program: Command, log: Logger): void {
  program
    .command('query')
    .description('send a GraphQL operation to a running evmap server and print the JSON response')
    .argument('[file]', 'a .graphql file with the operation')
    .option('-e, --execute <operation>', 'the operation itself, e.g. -e "{ stats { nodes } }"')
    .option('--var <key=value>', 'a variable (repeatable; key:=json for numbers, lists, objects)', collectPair, {})
    .option('--url <url>', 'the server', `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`)
    .option('--key <apiKey>', 'API key (default: $EVMAP_API_KEY)')
    .addHelpText('after', `\nExit codes: 0 no errors in the response; ${EXIT.internal} the server cannot be reached; ${EXIT.refused} the response has errors.`)
    .action(async (file: string | undefined, opts: { execute?: string; var: Record<string, unknown>; url: string; key?: string }) => {
      if ((file === undefined) === (opts.execute === undefined)) throw new Error('give either a .graphql file or -e "<operation>", not both');
      const query = opts.execute ?? readFileSync(file as string, 'utf8');
      const key = opts.key ?? process.env.EVMAP_API_KEY;
      let response: Response;
      try {
        response = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({ query, variables: opts.var }),
        });
      } catch (error) {
        log.error(`cannot reach ${opts.url}: ${(error as Error).message}; is \`npm start\` running?`);
        process.exitCode = EXIT.internal;
        return;
      }
      const body = (await response.json()) as { errors?: unknown[] };
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      if (body.errors?.length) process.exitCode = EXIT.refused;
    });

  program
    .command('cypher')
    .description('run read-only Cypher straight against Neo4j under the same guard as the API (refused unless the plan only reads)')
    .argument('<query>', 'the Cypher query; pass values with --param, never inside the text')
    .option('--param <key=value>', 'a parameter (repeatable; key:=json for numbers, lists, objects)', collectPair, {})
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText('after', `\nExit codes: 0 ran; ${EXIT.refused} refused (writes, procedures outside the allow-list, LOAD CSV), failed to plan, or timed out; ${EXIT.unavailable} Neo4j not reachable; ${EXIT.setup} configuration or Neo4j could not be started.`)
    .action(async (query: string, opts: { param: Record<string, unknown>; format: 'table' | 'json' | 'csv'; out?: string }) => {
      await withConnection(log, async (db, config) => {
        const result = await runReadOnlyCypher(db, query, opts.param, config.analyst);
        output(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : opts.format === 'csv' ? rowsToCsv(result) : rowsToTable(result), opts.out);
        footer(result, log);
      });
    });

  const exporter = program.command('export').description('export a subgraph, a named traversal or an evidence map to a file');
  const formatOption = () => new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('json');

  exporter
    .command('subgraph')
    .description('the neighbourhood of some nodes as JSON graph, GraphML or CSV')
    .requiredOption('--seed <id...>', 'node ids or entity names, e.g. Mechanism:gsk-3 "mTOR"')
    .option('--depth <n>', 'hops from the seeds (1-3)', (v) => Number(v), 1)
    .option('--limit <n>', 'most nodes/edges (1-5000)', (v) => Number(v), 500)
    .option('--type <relationship...>', 'only these relationship types, e.g. CITES ABOUT')
    .addOption(formatOption())
    .addOption(new Option('--part <part>', 'with --format csv: the nodes or the edges file').choices([...GRAPH_PARTS]))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { seed: string[]; depth: number; limit: number; type?: string[]; format: ExportFormat; part?: GraphPart; out?: string }) => {
      await withConnection(log, async (db) => {
        const graph = await subgraph(db, { seeds: opts.seed, depth: opts.depth, limit: opts.limit, relationshipTypes: opts.type ?? null });
        output(exportGraph(await subgraphForExport(db, graph), opts.format, opts.part), opts.out);
        log.info(`${graph.nodes.length} nodes, ${graph.edges.length} edges${graph.truncated ? ' (truncated at --limit)' : ''}`);
      });
    });

  exporter
    .command('traversal')
    .description('a named traversal\'s rows as JSON, CSV, or GraphML of the nodes and relationships in them')
    .argument('<name>', 'traversal name (see the `traversals` query)')
    .option('--param <key=value>', 'a parameter (repeatable; key:=json for numbers)', collectPair, {})
    .addOption(formatOption())
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (name: string, opts: { param: Record<string, unknown>; format: ExportFormat; out?: string }) => {
      await withConnection(log, async (db, config) => {
        const result = await runTraversal(db, name, opts.param, config.analyst);
        output(exportRows(result, opts.format), opts.out);
        footer(result, log);
      });
    });

  exporter
    .command('evidence-map')
    .description('an evidence map as tidy CSV (one line per cell; zero cells are the gaps) or JSON')
    .addOption(new Option('--rows <kind>', 'entity kind of the rows').choices(ENTITY_KINDS).makeOptionMandatory())
    .addOption(new Option('--columns <kind>', 'entity kind of the columns').choices(ENTITY_KINDS).makeOptionMandatory())
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { rows: EntityKind; columns: EntityKind; format: 'csv' | 'json'; out?: string }) => {
      await withConnection(log, async (db) => {
        const map = await evidenceMap(db, opts.rows, opts.columns, null);
        output(opts.format === 'csv' ? evidenceMapToCsv(map) : `${JSON.stringify(map, null, 2)}\n`, opts.out);
        const gaps = map.cells.filter((c) => c.papers === 0).length;
        log.info(`${map.rows.length} × ${map.columns.length} cells, ${gaps} gaps`);
      });
    });
}
