import neo4j, { isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isNode, isPath, isPoint, isRelationship, isTime } from 'neo4j-driver';
import { NODE_KEYS, type NodeLabel } from '../graph/model';
import { nodeId } from '../graph/keys';

/** A node as analysts see it: its evmap id when it has one, its labels and properties. */
export interface JsonNode {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface JsonRelationship {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

/** The evmap id ("Paper:24392693") of a node, or Neo4j's element id for a node outside the model. */
function publicId(labels: string[], properties: Record<string, unknown>, elementId: string): string {
  for (const label of labels) {
    const key = NODE_KEYS[label as NodeLabel];
    const value = key ? properties[key] : undefined;
    if (value !== undefined && value !== null) return nodeId(label as NodeLabel, String(value));
  }
  return `element:${elementId}`;
}

function props(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJson(v)]));
}

/**
 * Turns any Cypher value into plain JSON: graph elements with evmap ids, integers as numbers
 * where safe (otherwise strings), temporal values as ISO strings, points as {srid, x, y, z}.
 */
export function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return neo4j.integer.inSafeRange(value) ? neo4j.integer.toNumber(value) : neo4j.integer.toString(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (isNode(value)) {
    const properties = value.properties as Record<string, unknown>;
    return { id: publicId(value.labels, properties, value.elementId), labels: value.labels, properties: props(properties) } satisfies JsonNode;
  }
  if (isRelationship(value)) {
    return { id: `element:${value.elementId}`, type: value.type, source: `element:${value.startNodeElementId}`, target: `element:${value.endNodeElementId}`, properties: props(value.properties as Record<string, unknown>) } satisfies JsonRelationship;
  }
  if (isPath(value)) {
    const nodes = [value.start, ...value.segments.map((s) => s.end)].map((n) => toJson(n) as JsonNode);
    const byElement = new Map([value.start, ...value.segments.map((s) => s.end)].map((n, i) => [n.elementId, nodes[i]?.id ?? '']));
    const edges = value.segments.map((s) => {
      const r = toJson(s.relationship) as JsonRelationship;
      return { ...r, source: byElement.get(s.relationship.startNodeElementId) ?? r.source, target: byElement.get(s.relationship.endNodeElementId) ?? r.target };
    });
    return { nodes, edges, length: value.length };
  }
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value) || isDuration(value)) return value.toString();
  if (isPoint(value)) return { srid: toJson(value.srid), x: value.x, y: value.y, ...(value.z === undefined ? {} : { z: value.z }) };
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(v)]));
  return value;
}
