import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildSchema, coerceInputValue, type GraphQLInputObjectType } from 'graphql';
import { collectPair, rowsToTable } from '../../src/cli/analyst';
import { csvCell, edgeProperties, evidenceMapToCsv, exportGraph, exportRows, graphToCsv, graphToGraphml, rowsToCsv, rowsToGraph, xmlText, type ExportGraph } from '../../src/features/formats';
import { graphEdge } from '../../src/features/subgraph';
import { parseEvidenceMapFilter } from '../../src/api/exports/where';
import { loadTypeDefs } from '../../src/api/schema';

const graph: ExportGraph = {
  nodes: [
    { id: 'Paper:1', type: 'Paper', name: 'Ketamine & "mTOR" <fast>, a review', properties: { pmid: '1', year: 2014, retracted: false, meshTerms: ['Ketamine', 'Depression'], abstract: null } },
    { id: 'Mechanism:mtor', type: 'Mechanism', name: 'mTOR', properties: { id: 'mtor', aliases: [], kind: 'TARGET' } },
  ],
  edges: [{ id: 'ABOUT:Paper:1->Mechanism:mtor', type: 'ABOUT', source: 'Paper:1', target: 'Mechanism:mtor', properties: edgeProperties({ ...graphEdge('ABOUT', 'Paper:1', 'Mechanism:mtor'), stance: 'SUPPORTS', confidence: 0.75 }) }],
};

interface Data {
  key: string;
  '#text': unknown;
}

/** Each data element of a parsed GraphML node or edge, by its key's attr.name. */
function dataByName(doc: { graphml: { key: Array<{ id: string; 'attr.name': string }> } }, element: { data?: Data | Data[] }): Record<string, string> {
  const names = new Map(doc.graphml.key.map((k) => [k.id, k['attr.name']]));
  return Object.fromEntries([element.data ?? []].flat().map((d) => [names.get(d.key), String(d['#text'])]));
}

describe('export formats', () => {
  it('GraphML parses back with every node, edge and escaped name', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(graphToGraphml(graph));
    const g = doc.graphml.graph;
    expect(g.edgedefault).toBe('directed');
    expect(g.node.map((n: { id: string }) => n.id)).toEqual(['Paper:1', 'Mechanism:mtor']);
    expect(dataByName(doc, g.node[0])).toEqual({ label: 'Ketamine & "mTOR" <fast>, a review', type: 'Paper', pmid: '1', year: '2014', retracted: 'false', meshTerms: 'Ketamine; Depression' });
    expect(dataByName(doc, g.node[1])).toEqual({ label: 'mTOR', type: 'Mechanism', id: 'mtor', kind: 'TARGET' });
    expect(g.edge).toMatchObject({ source: 'Paper:1', target: 'Mechanism:mtor' });
    expect(dataByName(doc, g.edge)).toEqual({ type: 'ABOUT', stance: 'SUPPORTS', confidence: '0.75' });
  });

  it('GraphML gives every property a key typed by its values: string, int, double or boolean', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(graphToGraphml(graph));
    const keys = Object.fromEntries(doc.graphml.key.map((k: Record<string, string>) => [`${k.for}.${k['attr.name']}`, k['attr.type']]));
    expect(keys).toEqual({
      'node.label': 'string',
      'node.type': 'string',
      'node.id': 'string',
      'node.kind': 'string',
      'node.meshTerms': 'string',
      'node.pmid': 'string',
      'node.retracted': 'boolean',
      'node.year': 'int',
      'edge.type': 'string',
      'edge.confidence': 'double',
      'edge.stance': 'string',
    });
  });

  it('graph CSV is two files, nodes and edges, each with a column per property and quoting that survives commas and quotes', () => {
    const nodes = parse(graphToCsv(graph, 'nodes'), { columns: true }) as Array<Record<string, string>>;
    expect(nodes).toEqual([
      { id: 'Paper:1', type: 'Paper', label: 'Ketamine & "mTOR" <fast>, a review', kind: '', meshTerms: 'Ketamine; Depression', pmid: '1', retracted: 'false', year: '2014' },
      { id: 'Mechanism:mtor', type: 'Mechanism', label: 'mTOR', kind: 'TARGET', meshTerms: '', pmid: '', retracted: '', year: '' },
    ]);
    const edges = parse(graphToCsv(graph, 'edges'), { columns: true }) as Array<Record<string, string>>;
    expect(edges).toEqual([{ id: 'ABOUT:Paper:1->Mechanism:mtor', type: 'ABOUT', source: 'Paper:1', target: 'Mechanism:mtor', confidence: '0.75', stance: 'SUPPORTS' }]);
    expect(() => exportGraph(graph, 'csv')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argumentName: 'part' } }));
  });

  it('refuses GraphML of a result with no nodes or relationships, as every shipped traversal returns, instead of an empty graph', () => {
    const table = { columns: ['entity', 'papers'], rows: [{ entity: 'Mechanism:mtor', papers: 3 }], truncated: false, elapsedMs: 1 } as never;
    expect(() => exportRows(table, 'graphml')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argumentName: 'format' } }));
    expect(exportRows(table, 'csv')).toContain('Mechanism:mtor');
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
    expect(g.nodes.find((n) => n.id === 'Paper:2')).toEqual({ id: 'Paper:2', type: 'Paper', name: 'T', properties: { title: 'T' } });
    expect(g.edges).toEqual([{ id: 'CITES:Paper:2->Paper:1', type: 'CITES', source: 'Paper:2', target: 'Paper:1', properties: {} }]);
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
    const graphCsv = graphToCsv({ nodes: FORMULAS.map((name, i) => ({ id: `Paper:${i}`, type: 'Paper', name, properties: { title: name } })), edges: [] }, 'nodes');
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
  const doc = graphToGraphml({ nodes: [{ id: 'Paper:9', type: 'Paper', name: title, properties: {} }, { id: 'id\u0001\tx', type: 'Paper', name: null, properties: {} }], edges: [] });

  it('is well-formed XML whatever characters a title holds', () => {
    expect(XMLValidator.validate(doc)).toBe(true);
  });

  it('keeps the text minus the characters XML cannot hold, tab and CR included', () => {
    const nodes = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, htmlEntities: true }).parse(doc).graphml.graph.node;
    expect(nodes[0].data.find((d: { key: string }) => d.key === 'n_label')['#text']).toBe('ABC\rDE\tFGH\u{1F600}I & <J>');
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
