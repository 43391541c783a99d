/**
 * Checks on query values (src/db/query.ts) that need no database: which `$parameters` the
 * Cypher text refers to, whether the builder passes each of them, and whether client input
 * stayed in the parameters.
 */
import type { Query } from '../../src/db/query';

/** A query value of any row type. */
export type AnyQuery = Query<unknown>;

/**
 * The Cypher text without its string literals and comments, so a `$` inside '…', "…" or a
 * `// comment` is not taken for a parameter. Backtick-quoted names are kept (a parameter may
 * not be written that way in this code base; a quoted name is a label or property).
 */
export function withoutLiteralsAndComments(cypher: string): string {
  let out = '';
  let i = 0;
  while (i < cypher.length) {
    const ch = cypher[i] as string;
    if (ch === "'" || ch === '"') {
      // Skip to the matching unescaped quote.
      i += 1;
      while (i < cypher.length && cypher[i] !== ch) i += cypher[i] === '\\' ? 2 : 1;
      i += 1;
      out += ch + ch;
    } else if (ch === '/' && cypher[i + 1] === '/') {
      while (i < cypher.length && cypher[i] !== '\n') i += 1;
    } else if (ch === '/' && cypher[i + 1] === '*') {
      const end = cypher.indexOf('*/', i + 2);
      i = end < 0 ? cypher.length : end + 2;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/**
 * The names of the parameters the text refers to, sorted and without repeats. `$props.stance`
 * and `$keys.Paper` refer to the parameters `props` and `keys`; `{limit: $first}` (a parameter
 * inside a map literal or projection) to `first`.
 */
export function referencedParams(cypher: string): string[] {
  const names = new Set<string>();
  for (const match of withoutLiteralsAndComments(cypher).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1] as string);
  return [...names].sort();
}

/** Parameters the text refers to that the query value does not pass: each one is a run-time ParameterMissing error. */
export function missingParams(query: AnyQuery): string[] {
  return referencedParams(query.cypher).filter((name) => !Object.hasOwn(query.params, name));
}

/** Parameters the query value passes that its text never refers to: a filter that would be silently ignored. */
export function unusedParams(query: AnyQuery): string[] {
  const used = new Set(referencedParams(query.cypher));
  return Object.keys(query.params)
    .filter((name) => !used.has(name))
    .sort();
}

/** Every string anywhere in a parameter value (nested maps and lists included). */
export function paramStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(paramStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(paramStrings);
  return [];
}

/** A marker to put into every client-supplied string; it must show up in the parameters and never in the text. */
export const MARKER = 'zzClientInput';

/** A hostile client string carrying MARKER: it would change the query if it were pasted into the text. */
export function hostile(tag = ''): string {
  return `${MARKER}${tag}'}) DETACH DELETE n //`;
}

/** What a builder returns: one query value, or several for one transaction. */
export type Built = AnyQuery | readonly AnyQuery[];

export interface BuilderCase {
  build: () => Built;
  /** Parameters this case passes that its text may leave unused, e.g. the words of a filter that chose a label scan instead. */
  unused?: string[];
}

function asList(built: Built): readonly AnyQuery[] {
  return Array.isArray(built) ? built : [built as AnyQuery];
}

/** Whether the text (outside literals and comments) changes the graph, so the query must be routed to the leader. */
export function writesToGraph(cypher: string): boolean {
  return /\b(MERGE|CREATE|SET|DELETE|REMOVE)\b/.test(withoutLiteralsAndComments(cypher));
}

/**
 * For each named case: a snapshot of its text and parameters, a check that it passes exactly
 * the parameters its text refers to (no more than `unused` left over), and a check that its
 * mode matches whether it writes.
 */
export function checkBuilders(cases: Record<string, BuilderCase | (() => Built)>): void {
  const entries = Object.entries(cases).map(([name, c]): [string, BuilderCase] => [name, typeof c === 'function' ? { build: c } : c]);
  it.each(entries)('%s: text and parameters', (_name, c) => {
    expect(c.build()).toMatchSnapshot();
  });
  it.each(entries)('%s: passes every parameter its text refers to, and no other', (_name, c) => {
    for (const query of asList(c.build())) {
      expect(missingParams(query)).toEqual([]);
      expect(unusedParams(query)).toEqual(c.unused ?? []);
    }
  });
  it.each(entries)('%s: runs in write mode exactly when it writes', (_name, c) => {
    for (const query of asList(c.build())) expect(query.mode).toBe(writesToGraph(query.cypher) ? 'WRITE' : 'READ');
  });
}

/** Expects the client input (strings carrying MARKER) to reach the query only inside its parameters: never in its text or tag. */
export function expectInputOnlyInParams(built: Built): void {
  const queries = asList(built);
  expect(queries.length).toBeGreaterThan(0);
  for (const query of queries) {
    expect(query.cypher.toLowerCase()).not.toContain(MARKER.toLowerCase());
    expect(query.tag.toLowerCase()).not.toContain(MARKER.toLowerCase());
  }
  expect(queries.some((query) => paramStrings(query.params).some((s) => s.includes(MARKER)))).toBe(true);
}
