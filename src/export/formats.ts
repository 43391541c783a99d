import { stringify } from 'csv-stringify/sync';
import type { CypherOutcome } from '../analyst/cypher';
import { nodeId } from '../graph/model';
import type { EvidenceMapResult } from '../queries/evidenceMap';
import type { GraphEdgeRow, GraphNodeRow } from '../queries/subgraph';

/** The export formats evmap writes. */
export const EXPORT_FORMATS = ['json', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** A graph to export: the shape of `subgraph`, and what a traversal's nodes and relationships become. */
export interface ExportGraph {
  nodes: GraphNodeRow[];
  edges: GraphEdgeRow[];
  truncated?: boolean;
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string);
}

/** GraphML with `label` and `name` on nodes and `type` on edges, readable by Gephi, yEd, Cytoscape and networkx. */
export function graphToGraphml(graph: ExportGraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <graph id="evmap" edgedefault="directed">',
    ...graph.nodes.map(
      (n) => `    <node id="${xml(n.id)}"><data key="label">${xml(n.label)}</data>${n.name === null ? '' : `<data key="name">${xml(n.name)}</data>`}</node>`,
    ),
    ...graph.edges.map((e) => `    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="type">${xml(e.type)}</data></edge>`),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}

/** One CSV for a whole graph: a `kind` column says whether a line is a node or an edge. */
export function graphToCsv(graph: ExportGraph): string {
  const rows = [
    ...graph.nodes.map((n) => ({ kind: 'node', id: n.id, label: n.label, name: n.name ?? '', type: '', source: '', target: '' })),
    ...graph.edges.map((e) => ({ kind: 'edge', id: e.id, label: '', name: '', type: e.type, source: e.source, target: e.target })),
  ];
  return stringify(rows, { header: true, columns: ['kind', 'id', 'label', 'name', 'type', 'source', 'target'] });
}

/** JSON Graph Format-style document: `{ graph: { directed, nodes, edges, metadata } }`. */
export function graphToJson(graph: ExportGraph): string {
  return `${JSON.stringify({ graph: { directed: true, nodes: graph.nodes, edges: graph.edges, metadata: { truncated: graph.truncated ?? false } } }, null, 2)}\n`;
}

/** A graph in the asked format. */
export function exportGraph(graph: ExportGraph, format: ExportFormat): string {
  return format === 'graphml' ? graphToGraphml(graph) : format === 'csv' ? graphToCsv(graph) : graphToJson(graph);
}

/** One result value as flat text: graph elements as their ids, other structures as JSON, null as empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return JSON.stringify(value);
}

/** Tabular rows as CSV: a header of the columns, one line per row; nodes and relationships print as their ids, other structures as JSON. */
export function rowsToCsv(result: Pick<CypherOutcome, 'columns' | 'rows'>): string {
  return stringify(
    result.rows.map((row) => result.columns.map((c) => cellText(row[c]))),
    { header: true, columns: result.columns },
  );
}

interface JsonNodeLike {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}
interface JsonEdgeLike {
  id: string;
  type: string;
  source: string;
  target: string;
}

/** The nodes and relationships (also inside paths and lists) of a query result, as a graph. */
export function rowsToGraph(result: Pick<CypherOutcome, 'rows' | 'truncated'>): ExportGraph {
  const nodes = new Map<string, GraphNodeRow>();
  const edges = new Map<string, GraphEdgeRow>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const v = value as Partial<JsonNodeLike & JsonEdgeLike & { nodes: unknown; edges: unknown }>;
    if (typeof v.id === 'string' && Array.isArray(v.labels)) {
      const props = v.properties ?? {};
      const name = props.title ?? props.name ?? props.statement ?? props.quote;
      nodes.set(v.id, { id: v.id, label: v.labels[0] ?? '', name: typeof name === 'string' ? name : null });
    } else if (typeof v.id === 'string' && typeof v.type === 'string' && typeof v.source === 'string' && typeof v.target === 'string') {
      edges.set(v.id, { id: v.id, type: v.type, source: v.source, target: v.target });
    } else Object.values(value).forEach(visit);
  };
  result.rows.forEach(visit);
  // An edge whose endpoint the result did not return still needs a node to hang on.
  for (const e of edges.values()) {
    for (const end of [e.source, e.target]) if (!nodes.has(end)) nodes.set(end, { id: end, label: end.split(':')[0] ?? '', name: null });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: result.truncated };
}

/** A traversal or Cypher result in the asked format: JSON as is, CSV as a table, GraphML from its graph elements. */
export function exportRows(result: CypherOutcome, format: ExportFormat): string {
  if (format === 'csv') return rowsToCsv(result);
  if (format === 'graphml') return graphToGraphml(rowsToGraph(result));
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** An evidence map as tidy CSV: one line per cell with its counts by stance and evidence level; zero lines are the gaps. */
export function evidenceMapToCsv(map: EvidenceMapResult): string {
  const name = new Map([...map.rows, ...map.columns].map((e) => [nodeId(e.__typename, e.id), e.name]));
  const stances = map.cells[0]?.byStance.map((s) => s.stance) ?? [];
  const levels = map.cells[0]?.byEvidenceLevel.map((l) => l.level) ?? [];
  const rows = map.cells.map((c) => [
    c.row,
    name.get(c.row) ?? '',
    c.column,
    name.get(c.column) ?? '',
    c.papers,
    c.claims,
    ...c.byStance.map((s) => s.count),
    ...c.byEvidenceLevel.map((l) => l.count),
    c.papers === 0 ? 'true' : 'false',
  ]);
  return stringify(rows, { header: true, columns: ['row', 'rowName', 'column', 'columnName', 'papers', 'claims', ...stances, ...levels, 'gap'] });
}
