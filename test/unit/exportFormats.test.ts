import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { collectPair, rowsToTable } from '../../src/cli/analyst';
import { evidenceMapToCsv, graphToCsv, graphToGraphml, rowsToCsv, rowsToGraph } from '../../src/export/formats';

const graph = {
  nodes: [
    { id: 'Paper:1', label: 'Paper', name: 'Ketamine & "mTOR" <fast>, a review' },
    { id: 'Mechanism:mtor', label: 'Mechanism', name: 'mTOR' },
  ],
  edges: [{ id: 'ABOUT:Paper:1->Mechanism:mtor', type: 'ABOUT', source: 'Paper:1', target: 'Mechanism:mtor' }],
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
    expect(g.edges).toEqual([{ id: 'CITES:Paper:2->Paper:1', type: 'CITES', source: 'Paper:2', target: 'Paper:1' }]);
  });

  it('evidence map CSV has one line per cell with stance and level columns and a gap flag', () => {
    const entity = (label: string, id: string) => ({ __typename: label, id, name: id, aliases: [], description: null, kind: null, role: null, marker: null }) as never;
    const csv = evidenceMapToCsv({
      rows: [entity('Mechanism', 'mtor')],
      columns: [entity('Condition', 'mdd'), entity('Condition', 'ocd')],
      cells: [
        { row: 'Mechanism:mtor', column: 'Condition:mdd', papers: 2, claims: 3, byStance: [{ stance: 'SUPPORTS', count: 3 }], byEvidenceLevel: [{ level: 'REVIEW', count: 3 }] },
        { row: 'Mechanism:mtor', column: 'Condition:ocd', papers: 0, claims: 0, byStance: [{ stance: 'SUPPORTS', count: 0 }], byEvidenceLevel: [{ level: 'REVIEW', count: 0 }] },
      ],
    });
    expect(parse(csv, { columns: true })).toEqual([
      { row: 'Mechanism:mtor', rowName: 'mtor', column: 'Condition:mdd', columnName: 'mdd', papers: '2', claims: '3', SUPPORTS: '3', REVIEW: '3', gap: 'false' },
      { row: 'Mechanism:mtor', rowName: 'mtor', column: 'Condition:ocd', columnName: 'ocd', papers: '0', claims: '0', SUPPORTS: '0', REVIEW: '0', gap: 'true' },
    ]);
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
