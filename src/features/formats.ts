import { stringify } from 'csv-stringify/sync';
import type { CypherOutcome } from '../analyst/cypher';
import { nodeId } from '../graph/keys';
import type { EvidenceMapResult } from './evidenceMap';
import { ErrorCode, EvmapError } from '../errors';
import type { GraphEdgeRow } from '../graph/records';

/** The export formats evmap writes. */
export const EXPORT_FORMATS = ['json', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A graph's CSV comes as two files, one per part, as Gephi's and Cytoscape's importers want them. */
export const GRAPH_PARTS = ['nodes', 'edges'] as const;
export type GraphPart = (typeof GRAPH_PARTS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** A node to export: its type (label), caption and stored properties. */
export interface ExportNode {
  id: string;
  type: string;
  name: string | null;
  properties: Record<string, unknown>;
}

/** A relationship to export; a claim's edges carry the claim's stance, level, source and confidence as properties. */
export interface ExportEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

/** A graph to export: a subgraph with its nodes' records, or what a traversal's nodes and relationships become. */
export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  truncated?: boolean;
}

/** A drawn edge's claim fields as properties, the null ones left out. */
export function edgeProperties(edge: GraphEdgeRow): Record<string, unknown> {
  const { claim, stance, evidenceLevel, claimSource, confidence } = edge;
  return Object.fromEntries(Object.entries({ claim, stance, evidenceLevel, claimSource, confidence }).filter(([, v]) => v !== null));
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

/** GraphML's attribute types for the values evmap stores. */
type GraphmlType = 'boolean' | 'int' | 'double' | 'string';

function graphmlTypeOf(value: unknown): GraphmlType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 2_147_483_647 ? 'int' : 'double';
  return 'string';
}

/** The type every value of a property fits: int widens to double, anything else mixed is string. */
function widen(a: GraphmlType, b: GraphmlType): GraphmlType {
  if (a === b) return a;
  if ((a === 'int' && b === 'double') || (a === 'double' && b === 'int')) return 'double';
  return 'string';
}

/** A property value as text: lists as their items joined by "; ", structures as JSON. */
function propertyText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a property has something to write; empty lists are left out like nulls. */
const present = (value: unknown): boolean => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

interface GraphmlKey {
  id: string;
  name: string;
  type: GraphmlType;
}

/** One key per property name of `items`, typed by every value it holds, after the fixed keys. */
function keysOf(items: ReadonlyArray<{ properties: Record<string, unknown> }>, prefix: string, fixed: readonly string[]): GraphmlKey[] {
  const types = new Map<string, GraphmlType>();
  for (const item of items) {
    for (const [name, value] of Object.entries(item.properties)) {
      if (fixed.includes(name) || !present(value)) continue;
      const type = Array.isArray(value) || (value !== null && typeof value === 'object') ? 'string' : graphmlTypeOf(value);
      const seen = types.get(name);
      types.set(name, seen ? widen(seen, type) : type);
    }
  }
  const names = [...types.keys()].sort();
  return [...fixed.map((name) => ({ id: `${prefix}_${name}`, name, type: 'string' as const })), ...names.map((name) => ({ id: `${prefix}_${name}`, name, type: types.get(name) as GraphmlType }))];
}

function dataElements(keys: readonly GraphmlKey[], values: Record<string, unknown>): string {
  return keys
    .filter((k) => present(values[k.name]))
    .map((k) => `<data key="${xmlText(k.id)}">${xmlText(propertyText(values[k.name]))}</data>`)
    .join('');
}

/**
 * GraphML that Gephi, yEd, Cytoscape and networkx read with every property typed: each node's
 * `label` is its name (what a viewer captions it with) and `type` its kind (Paper, Mechanism…);
 * every stored property has its own `<key>` with attr.type boolean, int, double or string
 * (lists are their items joined by "; "). Edges carry `type` and their properties the same way.
 */
export function graphToGraphml(graph: ExportGraph): string {
  const nodeKeys = keysOf(graph.nodes, 'n', ['label', 'type']);
  const edgeKeys = keysOf(graph.edges, 'e', ['type']);
  const keyLine = (kind: 'node' | 'edge') => (k: GraphmlKey) => `  <key id="${xmlText(k.id)}" for="${kind}" attr.name="${xmlText(k.name)}" attr.type="${k.type}"/>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...nodeKeys.map(keyLine('node')),
    ...edgeKeys.map(keyLine('edge')),
    '  <graph id="evmap" edgedefault="directed">',
    ...graph.nodes.map((n) => `    <node id="${xmlText(n.id)}">${dataElements(nodeKeys, { ...n.properties, label: n.name, type: n.type })}</node>`),
    ...graph.edges.map(
      (e) => `    <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">${dataElements(edgeKeys, { ...e.properties, type: e.type })}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}

/** Every property name of `items`, sorted, for CSV columns. */
function columnsOf(items: ReadonlyArray<{ properties: Record<string, unknown> }>, fixed: readonly string[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const [name, value] of Object.entries(item.properties)) if (!fixed.includes(name) && present(value)) names.add(name);
  return [...names].sort();
}

/** A graph's nodes or its edges as one CSV: fixed columns first, then one column per property. */
export function graphToCsv(graph: ExportGraph, part: GraphPart): string {
  if (part === 'nodes') {
    const fixed = ['id', 'type', 'label'];
    const props = columnsOf(graph.nodes, fixed);
    return toCsv([...fixed, ...props], graph.nodes.map((n) => [n.id, n.type, n.name, ...props.map((p) => csvProperty(n.properties[p]))]));
  }
  const fixed = ['id', 'type', 'source', 'target'];
  const props = columnsOf(graph.edges, fixed);
  return toCsv([...fixed, ...props], graph.edges.map((e) => [e.id, e.type, e.source, e.target, ...props.map((p) => csvProperty(e.properties[p]))]));
}

/** A property in a CSV cell: numbers stay numbers, lists read as in GraphML. */
function csvProperty(value: unknown): unknown {
  if (!present(value)) return null;
  return typeof value === 'number' || typeof value === 'boolean' ? value : propertyText(value);
}

/** JSON Graph Format-style document: `{ graph: { directed, nodes, edges, metadata } }`; `label` stays the node's type, as before. */
export function graphToJson(graph: ExportGraph): string {
  const nodes = graph.nodes.map((n) => ({ id: n.id, label: n.type, name: n.name, properties: n.properties }));
  return `${JSON.stringify({ graph: { directed: true, nodes, edges: graph.edges, metadata: { truncated: graph.truncated ?? false } } }, null, 2)}\n`;
}

/** A graph in the asked format; CSV needs the part, nodes or edges. */
export function exportGraph(graph: ExportGraph, format: ExportFormat, part?: GraphPart): string {
  if (format === 'csv') {
    if (!part) throw new EvmapError(ErrorCode.BadUserInput, 'A graph as CSV is two files: give part=nodes or part=edges.', { argumentName: 'part' });
    return graphToCsv(graph, part);
  }
  return format === 'graphml' ? graphToGraphml(graph) : graphToJson(graph);
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
  const nodes = new Map<string, ExportNode>();
  const edges = new Map<string, ExportEdge>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const v = value as Partial<JsonNodeLike & JsonEdgeLike & { properties: Record<string, unknown> }>;
    if (typeof v.id === 'string' && Array.isArray(v.labels)) {
      const props = v.properties ?? {};
      const name = props.title ?? props.name ?? props.statement ?? props.quote;
      nodes.set(v.id, { id: v.id, type: v.labels[0] ?? '', name: typeof name === 'string' ? name : null, properties: props });
    } else if (typeof v.id === 'string' && typeof v.type === 'string' && typeof v.source === 'string' && typeof v.target === 'string') {
      edges.set(v.id, { id: v.id, type: v.type, source: v.source, target: v.target, properties: v.properties ?? {} });
    } else Object.values(value).forEach(visit);
  };
  result.rows.forEach(visit);
  // An edge whose endpoint the result did not return still needs a node to hang on.
  for (const e of edges.values()) {
    for (const end of [e.source, e.target]) if (!nodes.has(end)) nodes.set(end, { id: end, type: end.split(':')[0] ?? '', name: null, properties: {} });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: result.truncated };
}

/**
 * A traversal or Cypher result in the asked format: JSON as is, CSV as a table, GraphML from
 * its graph elements. A result that holds no node or relationship (every shipped traversal
 * returns ids and counts) has no graph to give, so GraphML is refused rather than sent empty.
 */
export function exportRows(result: CypherOutcome, format: ExportFormat): string {
  if (format === 'csv') return rowsToCsv(result);
  if (format === 'graphml') {
    const graph = rowsToGraph(result);
    if (graph.nodes.length === 0) {
      throw new EvmapError(ErrorCode.BadUserInput, 'This result is a table of values, with no nodes or relationships to draw: ask format=csv or format=json, or export a subgraph (/export/subgraph) for a graph.', {
        argumentName: 'format',
      });
    }
    return graphToGraphml(graph);
  }
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
