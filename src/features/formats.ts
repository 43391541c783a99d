import { stringify } from 'csv-stringify/sync';
import type { CypherOutcome } from '../analyst/cypher';
import { nodeId } from '../graph/keys';
import type { EvidenceMapResult } from './evidenceMap';
import { graphEdge } from './subgraph';
import type { GraphEdgeRow, GraphNodeRow } from '../graph/records';

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

/** Code points XML 1.0 forbids even as character references: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
  // Parsers turn a literal CR into LF, and tab and LF in attributes into spaces; as references they survive.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text safe in XML content and attribute values alike. Characters XML cannot hold at all are
 * dropped, since one of them in a title would make the whole file unreadable.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[<>&'"\t\n\r]/g, (ch) => XML_ESCAPES[ch] as string);
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
      (n) => `    <node id="${xmlText(n.id)}"><data key="label">${xmlText(n.label)}</data>${n.name === null ? '' : `<data key="name">${xmlText(n.name)}</data>`}</node>`,
    ),
    ...graph.edges.map((e) => `    <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}"><data key="type">${xmlText(e.type)}</data></edge>`),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}

/** One CSV for a whole graph: a `kind` column says whether a line is a node or an edge. */
export function graphToCsv(graph: ExportGraph): string {
  const rows = [
    ...graph.nodes.map((n) => ['node', n.id, n.label, n.name, '', '', '']),
    ...graph.edges.map((e) => ['edge', e.id, '', '', e.type, e.source, e.target]),
  ];
  return toCsv(['kind', 'id', 'label', 'name', 'type', 'source', 'target'], rows);
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

/** Cells a spreadsheet reads as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One value as a CSV cell: cellText, with a single quote before text a spreadsheet would run as
 * a formula, so `=HYPERLINK(…)` in a title shows as text instead of acting.
 * A number value keeps its sign: it holds no formula, and `'-1` would turn a count or a year
 * into text that sorts and sums wrongly. Text that only looks like a number ("-2") is quoted
 * like any other text, because nothing tells it apart from `-2+cmd|…`.
 */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  return typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
}

/** Every CSV evmap writes goes through here, header included (query results name their own columns). */
function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return stringify([columns, ...rows].map((row) => row.map(csvCell)));
}

/** Tabular rows as CSV: a header of the columns, one line per row; nodes and relationships print as their ids, other structures as JSON. */
export function rowsToCsv(result: Pick<CypherOutcome, 'columns' | 'rows'>): string {
  return toCsv(result.columns, result.rows.map((row) => result.columns.map((c) => row[c])));
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
      edges.set(v.id, { ...graphEdge(v.type, v.source, v.target), id: v.id });
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
  const sources = map.cells[0]?.bySource.map((s) => s.source) ?? [];
  const rows = map.cells.map((c) => [
    c.row,
    name.get(c.row) ?? '',
    c.column,
    name.get(c.column) ?? '',
    c.papers,
    c.claims,
    ...c.byStance.map((s) => s.count),
    ...c.byEvidenceLevel.map((l) => l.count),
    ...c.bySource.map((s) => s.count),
    c.papers === 0 ? 'true' : 'false',
  ]);
  return toCsv(['row', 'rowName', 'column', 'columnName', 'papers', 'claims', ...stances, ...levels, ...sources, 'gap'], rows);
}
