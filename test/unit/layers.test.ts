import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '../../src');

/** Every .ts file under src/, relative to it. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/** The src/ files a file imports (relative imports only, `import type` included: a type import is a dependency too). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import|require)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
  return specs.map((spec) => {
    const target = path.normalize(path.join(path.dirname(file), spec));
    return sourceFiles().includes(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
  });
}

/** The layer of a file: its top folder under src/, or the file itself for top-level modules. */
function layer(file: string): string {
  return file.includes(path.sep) ? (file.split(path.sep)[0] as string) : file.replace(/\.ts$/, '');
}

/**
 * What each layer may import, besides itself (docs/architecture.md draws the same picture):
 * data flows one way, from the edges (api, cli, index) through features to the store and the
 * graph model, and nothing imports upwards.
 */
const ALLOWED: Record<string, string[]> = {
  errors: [],
  limits: [],
  log: [],
  config: [],
  nodeVersion: [],
  // Request scope, metrics and tracing: read by the executor and the import, filled in by the edges.
  observe: [],
  // The resolver types import every mapper (records, the API's context, analyst results); the
  // schema's own types (generated/schema.ts) import nothing, and only they are used below the API.
  generated: ['api', 'graph', 'analyst'],
  graph: ['errors', 'generated'],
  db: ['errors', 'config', 'log', 'limits', 'graph', 'observe'],
  store: ['db', 'graph', 'limits', 'errors'],
  ingest: ['db', 'store', 'graph', 'errors', 'config', 'limits', 'log', 'observe'],
  features: ['db', 'store', 'graph', 'errors', 'limits', 'generated', 'ingest', 'analyst'],
  analyst: ['db', 'store', 'graph', 'errors', 'limits', 'features', 'generated'],
  api: ['db', 'store', 'graph', 'errors', 'limits', 'features', 'analyst', 'config', 'log', 'generated', 'ingest', 'observe'],
  cli: ['db', 'store', 'graph', 'errors', 'limits', 'features', 'analyst', 'config', 'log', 'generated', 'ingest', 'observe', 'nodeVersion'],
  index: ['api', 'db', 'errors', 'features', 'ingest', 'config', 'log', 'observe', 'nodeVersion'],
  // Browser code, bundled apart from the server: it knows the API only by the schema's types.
  explorer: ['generated'],
};

describe('source layers', () => {
  const files = sourceFiles();

  it('puts every file in a known layer', () => {
    expect(files.map(layer).filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it('imports only downwards', () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => layer(target) !== layer(file) && !ALLOWED[layer(file)]?.includes(layer(target)))
        .map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('uses the resolver types only in the API', () => {
    const users = files.filter((f) => layer(f) !== 'api' && layer(f) !== 'generated' && importsOf(f).includes(path.join('generated', 'graphql.ts')));
    expect(users).toEqual([]);
  });

  it('has no import cycle', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps Cypher in the store: no other layer but db (the executor, migrations) and analyst (the guarded runner) calls the driver', () => {
    const driverCalls = files.filter((f) => !['store', 'db', 'analyst'].includes(layer(f)) && /\b(readRows|writeRows|tx\.run)\(/.test(readFileSync(path.join(SRC, f), 'utf8')));
    expect(driverCalls).toEqual([]);
  });
});
