import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildSchema, coerceInputValue, type GraphQLInputObjectType } from 'graphql';
import { collectPair, rowsToTable } from '../../src/cli/analyst';
import { csvCell, evidenceMapToCsv, exportRows, graphToCsv, graphToGraphml, rowsToCsv, rowsToGraph, xmlText } from '../../src/features/formats';
import { graphEdge } from '../../src/features/subgraph';
import { parseEvidenceMapFilter } from '../../src/api/exports/where';
import { loadTypeDefs } from '../../src/api/schema';

const graph = {
  nodes: [
    { id: 'Paper:1', label: 'Paper', name: 'Ketamine & "mTOR" <fast>, a review' },
    { id: 'Mechanism:mtor', label: 'Mechanism', name: 'mTOR' },
  ],
  edges: [graphEdge('ABOUT', 'Paper:1', 'Mechanism:mtor')],
};

describe('export formats', () => {
  it('GraphML parses back with every node, edge and escaped name', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(graphToGraphml(graph));
    const g = doc.graphml.graph;
    expect(g.edgedefault).toBe('directed');
    expect(g.node.map((n: { id: string }) => n.id)).toEqual(['Paper:1', 'Mechanism:mtor']);
    expect(g.node[0].data.find((d: { key: string }) => d.key === 'name')['#text']).toBe('Ketamine & "mTOR" <fast>, a review');
    expect(g.edge).toMatchObject({ source: 'Paper:1', target: 'Mechanism:mtor' });
  });

  it('graph CSV has a header and one line per node and edge, with quoting that survives commas and quotes', () => {
    const rows = parse(graphToCsv(graph), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ kind: 'node', id: 'Paper:1', name: 'Ketamine & "mTOR" <fast>, a review' });
    expect(rows[2]).toMatchObject({ kind: 'edge', type: 'ABOUT', source: 'Paper:1', target: 'Mechanism:mtor' });
  });

  it('rows CSV prints graph elements as ids and structures as JSON', () => {
    const csv = rowsToCsv({ columns: ['p', 'n', 'list'], rows: [{ p: { id: 'Paper:1', labels: ['Paper'], properties: {} }, n: 3, list: [1, 2] }] });
    expect(parse(csv, { columns: true })).toEqual([{ p: 'Paper:1', n: '3', list: '[1,2]' }]);
  });

  it('extracts a graph from nodes, relationships and paths anywhere in the rows', () => {
    const g = rowsToGraph({
      truncated: false,
      rows: [
        {
          path: {
            nodes: [{ id: 'Paper:2', labels: ['Paper'], properties: { title: 'T' } }],
            edges: [{ id: 'CITES:Paper:2->Paper:1', type: 'CITES', source: 'Paper:2', target: 'Paper:1', properties: {} }],
          },
        },
      ],
    });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['Paper:1', 'Paper:2']);
    expect(g.edges).toEqual([graphEdge('CITES', 'Paper:2', 'Paper:1')]);
  });

  it('evidence map CSV has one line per cell with stance and level columns and a gap flag', () => {
    const entity = (label: string, id: string) => ({ __typename: label, id, name: id, aliases: [], xrefs: [], description: null, kind: null, role: null, marker: null }) as never;
    const csv = evidenceMapToCsv({
      rows: [entity('Mechanism', 'mtor')],
      columns: [entity('Condition', 'mdd'), entity('Condition', 'ocd')],
      cells: [
        { row: 'Mechanism:mtor', column: 'Condition:mdd', papers: 2, claims: 3, byStance: [{ stance: 'SUPPORTS', count: 3 }], byEvidenceLevel: [{ level: 'REVIEW', count: 3 }], bySource: [{ source: 'SEED', count: 1 }, { source: 'TEXT_MINED', count: 2 }] },
        { row: 'Mechanism:mtor', column: 'Condition:ocd', papers: 0, claims: 0, byStance: [{ stance: 'SUPPORTS', count: 0 }], byEvidenceLevel: [{ level: 'REVIEW', count: 0 }], bySource: [{ source: 'SEED', count: 0 }, { source: 'TEXT_MINED', count: 0 }] },
      ],
    });
    expect(parse(csv, { columns: true })).toEqual([
      { row: 'Mechanism:mtor', rowName: 'mtor', column: 'Condition:mdd', columnName: 'mdd', papers: '2', claims: '3', SUPPORTS: '3', REVIEW: '3', SEED: '1', TEXT_MINED: '2', gap: 'false' },
      { row: 'Mechanism:mtor', rowName: 'mtor', column: 'Condition:ocd', columnName: 'ocd', papers: '0', claims: '0', SUPPORTS: '0', REVIEW: '0', SEED: '0', TEXT_MINED: '0', gap: 'true' },
    ]);
  });
});

// OWASP's CSV injection list: a cell starting with one of these is run as a formula.
const FORMULAS = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tTab first', '\rCR first'];
const cells = (csv: string): string[] => (parse(csv, { relaxColumnCount: true }) as string[][]).flat();

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('get a single quote in front and keep the rest of the text', () => {
    expect(FORMULAS.map(csvCell)).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(csvCell('mTOR = target')).toBe('mTOR = target');
    expect(csvCell({ id: '=Paper:1' })).toBe("'=Paper:1");
  });

  it('leave number values alone, so counts and years stay numbers', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(2014)).toBe('2014');
    expect(csvCell('-1')).toBe("'-1");
  });

  it('are neutralised in every CSV writer, headers included', () => {
    const graphCsv = graphToCsv({ nodes: FORMULAS.map((name, i) => ({ id: `Paper:${i}`, label: 'Paper', name })), edges: [] });
    const rows = rowsToCsv({ columns: ['=cmd', 'title', 'n'], rows: FORMULAS.map((title) => ({ '=cmd': title, title: { id: title }, n: -1 })) });
    const entity = (label: string, id: string, name: string) => ({ __typename: label, id, name, aliases: [], xrefs: [], description: null, kind: null, role: null, marker: null }) as never;
    const mapCsv = evidenceMapToCsv({
      rows: [entity('Mechanism', 'a', '@SUM(A1)')],
      columns: [entity('Condition', 'b', '-2')],
      cells: [{ row: 'Mechanism:a', column: 'Condition:b', papers: 0, claims: 0, byStance: [], byEvidenceLevel: [], bySource: [] }],
    });
    // The -1 cells are the number column `n`, which stays numeric.
    for (const csv of [graphCsv, rows, mapCsv]) expect(cells(csv).filter((c) => c !== '-1' && /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells(graphCsv)).toEqual(expect.arrayContaining(FORMULAS.map((f) => `'${f}`)));
    expect(parse(rows, { columns: true })[0]).toEqual({ "'=cmd": '\'=HYPERLINK("http://x")', title: '\'=HYPERLINK("http://x")', n: '-1' });
    expect(parse(exportRows({ columns: ['t'], rows: [{ t: '+1' }], truncated: false, elapsedMs: 0 } as never, 'csv'))).toEqual([['t'], ["'+1"]]);
  });
});

describe('GraphML of any text', () => {
  const title = 'A\u0001B\u000BC\u000DD\u000CE\tF\uFFFEG\uD800H\u{1F600}I & <J>';
  const doc = graphToGraphml({ nodes: [{ id: 'Paper:9', label: 'Paper', name: title }, { id: 'id\u0001\tx', label: 'Paper', name: null }], edges: [] });

  it('is well-formed XML whatever characters a title holds', () => {
    expect(XMLValidator.validate(doc)).toBe(true);
  });

  it('keeps the text minus the characters XML cannot hold, tab and CR included', () => {
    const nodes = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, htmlEntities: true }).parse(doc).graphml.graph.node;
    expect(nodes[0].data.find((d: { key: string }) => d.key === 'name')['#text']).toBe('ABC\rDE\tFGH\u{1F600}I & <J>');
    expect(nodes[1].id).toBe('id\tx');
    expect(xmlText('\u0000\u001F\uFFFF')).toBe('');
    expect(xmlText('a\tb')).toBe('a&#9;b');
  });
});

describe('the export routes\' where= filter', () => {
  const filterType = buildSchema(loadTypeDefs()).getType('EvidenceMapFilter') as GraphQLInputObjectType;
  /** What graphql-js makes of the same value as a variable of type EvidenceMapFilter, or that it refuses it. */
  const graphql = (value: unknown): { ok: unknown } | { refused: true } => {
    let refused = false;
    const ok = coerceInputValue(value, filterType, () => (refused = true));
    return refused ? { refused: true } : { ok: { ...(ok as object) } };
  };
  const ours = (value: unknown): { ok: unknown } | { refused: true } => {
    try {
      return { ok: parseEvidenceMapFilter(value, 'where') };
    } catch {
      return { refused: true };
    }
  };

  it.each([
    [{}],
    [{ rowIds: ['mTOR', 'Mechanism:gsk-3'], columnIds: 'Condition:mdd', stance: 'SUPPORTS', minEvidenceLevel: 'RCT', yearFrom: 2000, yearTo: null }],
    [{ rowIds: [7] }],
    [{ yearFrom: '2000' }],
    [{ yearFrom: 2000.5 }],
    [{ yearTo: 2 ** 31 }],
    [{ yearTo: -(2 ** 31) }],
    [{ stance: 'supports' }],
    [{ minEvidenceLevel: 'GOLD' }],
    [{ rowIds: [null] }],
    [{ rowIds: [1.5] }],
    [{ rowId: ['mTOR'] }],
    [[{ stance: 'SUPPORTS' }]],
    ['SUPPORTS'],
  ])('treats %j as GraphQL does', (value) => {
    expect(ours(value)).toEqual(graphql(value));
  });

  it('has exactly the fields of the GraphQL input', () => {
    expect(Object.keys(parseEvidenceMapFilter(Object.fromEntries(Object.keys(filterType.getFields()).map((f) => [f, null])), 'where') ?? {}).sort()).toEqual(
      Object.keys(filterType.getFields()).sort(),
    );
  });

  it('names the bad field and what it takes', () => {
    expect(() => parseEvidenceMapFilter({ yearFrom: 'soon' }, 'where')).toThrow(/^where\.yearFrom must be an Int .*got "soon"$/);
    expect(() => parseEvidenceMapFilter({ stance: 'MAYBE' }, 'where')).toThrow(/^where\.stance must be one of SUPPORTS, CONTRADICTS, MENTIONS/);
    expect(() => parseEvidenceMapFilter({ colour: 'red' }, 'where')).toThrow(/^where\.colour is not a field of EvidenceMapFilter/);
  });
});

describe('command-line helpers', () => {
  it('k=v is a string, k:=v is JSON, anything else is an error', () => {
    expect(collectPair('pmid=24392693')).toEqual({ pmid: '24392693' });
    expect(collectPair('limit:=5', { a: 'b' })).toEqual({ a: 'b', limit: 5 });
    expect(collectPair('q=a=b')).toEqual({ q: 'a=b' });
    expect(() => collectPair('limit:=five')).toThrow(/JSON/);
    expect(() => collectPair('novalue')).toThrow(/key=value/);
  });

  it('prints an aligned table with ids for graph elements', () => {
    const table = rowsToTable({ columns: ['p', 'year'], rows: [{ p: { id: 'Paper:1' }, year: 2014 }] });
    expect(table.split('\n')).toEqual(['p        year', '-------  ----', 'Paper:1  2014', '']);
  });
});
