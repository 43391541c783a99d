/**
 * Every operation the explorer sends, with the shape of its answer built from the schema's
 * generated types, so a field renamed in the SDL breaks the type check here.
 */
import type {
  Claim,
  EntityKind,
  EvidenceCell,
  EvidenceCellConnection,
  EvidenceMapFilter,
  GraphEdge,
  GraphNode,
  Paper,
  Path,
  SearchHit,
  Subgraph,
  TimelinePoint,
} from '../generated/schema';
import { gql } from './api';
import type { MapFilters } from './state';

export type ClaimInfo = Pick<Claim, 'id' | 'stance' | 'statement' | 'quote' | 'field' | 'quoteStart' | 'quoteEnd' | 'evidenceLevel' | 'confidence' | 'source' | 'hedged' | 'negated'>;
export type PaperInfo = Pick<Paper, 'id' | 'pmid' | 'synthetic' | 'doi' | 'pmcid' | 'title' | 'abstract' | 'journal' | 'year' | 'retracted'>;
export interface EntityRef {
  __typename: string;
  id: string;
  name: string;
}

const CLAIM_FIELDS = 'id stance statement quote field quoteStart quoteEnd evidenceLevel confidence source hedged negated';
const PAPER_FIELDS = 'id pmid synthetic doi pmcid title abstract journal year retracted';

/** Asks the server nothing but to be let in: on one that needs a key, the key form shows before any view asks. */
export async function access(): Promise<void> {
  await gql<{ __typename: string }>('query ExplorerAccess { __typename }');
}

export interface Hit extends Pick<SearchHit, 'kind' | 'score'> {
  node: { id: string; name?: string; title?: string | null; year?: number | null };
}

export async function search(text: string, first = 10, signal?: AbortSignal): Promise<Hit[]> {
  const data = await gql<{ search: Hit[] }>(
    `query ExplorerSearch($text: String!, $first: Int) {
      search(query: $text, first: $first, prefix: true) { kind score node { id ... on Entity { name } ... on Paper { title year } } }
    }`,
    { text, first },
    signal,
  );
  return data.search;
}

/** The entity the text names exactly (by id, name or alias, as the API resolves references); null when none. */
export async function namedEntity(text: string, signal?: AbortSignal): Promise<Hit | null> {
  const data = await gql<{ entity: EntityRef | null }>('query ExplorerNamed($text: ID!) { entity(id: $text) { __typename id name } }', { text }, signal);
  return data.entity && { kind: data.entity.__typename, score: Number.POSITIVE_INFINITY, node: { id: data.entity.id, name: data.entity.name } };
}

export interface EvidenceEdge {
  distance: number;
  node: PaperInfo;
  claims: ClaimInfo[];
}

export interface EntityPage extends EntityRef {
  aliases: string[];
  description: string | null;
  supporting: { totalCount: number; edges: EvidenceEdge[] };
  contradicting: { totalCount: number; edges: EvidenceEdge[] };
  mentions: { totalCount: number };
}

/** How many papers of each stance the entity page lists. */
export const PAPERS_PER_STANCE = 50;

export async function entityPage(id: string): Promise<EntityPage | null> {
  const evidence = `totalCount edges { distance node { ${PAPER_FIELDS} } claims { ${CLAIM_FIELDS} } }`;
  const data = await gql<{ entity: EntityPage | null }>(
    `query ExplorerEntity($id: ID!, $first: Int) {
      entity(id: $id) {
        __typename id name aliases description
        supporting: supportingPapers(stance: SUPPORTS, first: $first) { ${evidence} }
        contradicting: supportingPapers(stance: CONTRADICTS, first: $first) { ${evidence} }
        mentions: claims(stance: MENTIONS, first: 0) { totalCount }
      }
    }`,
    { id, first: PAPERS_PER_STANCE },
  );
  return data.entity;
}

export interface PaperPage extends PaperInfo {
  authors: Array<{ name: string }>;
  claims: { totalCount: number; edges: Array<{ node: ClaimInfo & { about: EntityRef[] } }> };
}

export async function paperPage(pmid: string): Promise<PaperPage | null> {
  const data = await gql<{ paper: PaperPage | null }>(
    `query ExplorerPaper($pmid: ID!) {
      paper(pmid: $pmid) {
        ${PAPER_FIELDS}
        authors(first: 50) { name }
        claims(first: 100) { totalCount edges { node { ${CLAIM_FIELDS} about { __typename id name } } } }
      }
    }`,
    { pmid },
  );
  return data.paper;
}

export type GraphPart = Pick<Subgraph, 'truncated'> & { nodes: Pick<GraphNode, 'id' | 'label' | 'name'>[]; edges: Pick<GraphEdge, 'id' | 'type' | 'source' | 'target'>[] };

/** The most nodes (and edges) one neighbourhood request asks for. */
export const SUBGRAPH_LIMIT = 400;

export async function neighbourhood(seeds: string[]): Promise<GraphPart> {
  const data = await gql<{ subgraph: GraphPart }>(
    `query ExplorerNeighbourhood($seeds: [ID!]!, $limit: Int) {
      subgraph(seeds: $seeds, depth: 1, limit: $limit) { truncated nodes { id label name } edges { id type source target } }
    }`,
    { seeds, limit: SUBGRAPH_LIMIT },
  );
  return data.subgraph;
}

export type PathPart = Pick<Path, 'length'> & Omit<GraphPart, 'truncated'>;

export async function shortestPath(from: string, to: string): Promise<PathPart | null> {
  const data = await gql<{ paths: PathPart[] }>(
    `query ExplorerPath($from: ID!, $to: ID!) {
      paths(from: $from, to: $to, maxLength: 6, first: 1) { length nodes { id label name } edges { id type source target } }
    }`,
    { from, to },
  );
  return data.paths[0] ?? null;
}

export interface NodeDetails {
  id: string;
  stance?: Claim['stance'];
  source?: Claim['source'];
  evidenceLevel?: Claim['evidenceLevel'];
  year?: number | null;
  paper?: { year: number | null };
}

/** The server's alias cap is 20 a request; a few are left for the operation's own fields. */
const DETAILS_PER_REQUEST = 15;

/** Stance, source and year of claims and papers the subgraph names only by id, in as few requests as the alias cap allows. */
export async function nodeDetails(ids: string[]): Promise<NodeDetails[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += DETAILS_PER_REQUEST) chunks.push(ids.slice(i, i + DETAILS_PER_REQUEST));
  const answers = await Promise.all(
    chunks.map(async (chunk) => {
      const params = chunk.map((_, i) => `$n${i}: ID!`).join(', ');
      const fields = chunk.map((_, i) => `n${i}: node(id: $n${i}) { id ... on Claim { stance source evidenceLevel paper { year } } ... on Paper { year } }`).join('\n');
      const variables = Object.fromEntries(chunk.map((id, i) => [`n${i}`, id]));
      const data = await gql<Record<string, NodeDetails | null>>(`query ExplorerNodeDetails(${params}) {\n${fields}\n}`, variables);
      return Object.values(data).filter((d): d is NodeDetails => d !== null);
    }),
  );
  return answers.flat();
}

export type MapCell = Pick<EvidenceCell, 'row' | 'column' | 'papers' | 'claims' | 'byStance' | 'byEvidenceLevel' | 'bySource'>;

export interface EvidenceMapData {
  rows: EntityRef[];
  columns: EntityRef[];
  cells: MapCell[];
}

/** The API's filter for the map's filters; the same object the CSV export is given. */
export function mapWhere(filters: MapFilters): EvidenceMapFilter {
  const where: EvidenceMapFilter = {};
  if (filters.yearFrom !== null) where.yearFrom = filters.yearFrom;
  if (filters.yearTo !== null) where.yearTo = filters.yearTo;
  if (filters.minLevel !== null) where.minEvidenceLevel = filters.minLevel;
  if (filters.sources.length > 0) where.sources = filters.sources;
  return where;
}

export async function evidenceMap(rows: EntityKind, columns: EntityKind, filters: MapFilters): Promise<EvidenceMapData> {
  const data = await gql<{ evidenceMap: EvidenceMapData }>(
    `query ExplorerMap($rows: EntityKind!, $columns: EntityKind!, $where: EvidenceMapFilter) {
      evidenceMap(rows: $rows, columns: $columns, where: $where) {
        rows { __typename id name } columns { __typename id name }
        cells { row column papers claims byStance { stance count } byEvidenceLevel { level count } bySource { source count } }
      }
    }`,
    { rows, columns, where: mapWhere(filters) },
  );
  return data.evidenceMap;
}

export type CellPapers = Pick<EvidenceCellConnection, 'papers' | 'claims' | 'totalCount'> & {
  row: EntityRef;
  column: EntityRef;
  edges: Array<{ node: PaperInfo; claims: ClaimInfo[] }>;
};

/** How many of a cell's papers the map lists. */
export const CELL_PAPERS = 50;

export async function evidenceCell(row: string, column: string, filters: MapFilters): Promise<CellPapers> {
  const data = await gql<{ evidenceCell: CellPapers }>(
    `query ExplorerCell($row: ID!, $column: ID!, $where: EvidenceMapFilter, $first: Int) {
      evidenceCell(row: $row, column: $column, where: $where, first: $first) {
        row { __typename id name } column { __typename id name } papers claims totalCount
        edges { node { ${PAPER_FIELDS} } claims { ${CLAIM_FIELDS} } }
      }
    }`,
    { row, column, where: mapWhere(filters), first: CELL_PAPERS },
  );
  return data.evidenceCell;
}

export interface TimelineData {
  entity: EntityRef;
  undated: number;
  points: Array<Pick<TimelinePoint, 'year' | 'papers' | 'claims' | 'byStance'>>;
}

export async function timeline(entity: string): Promise<TimelineData> {
  const data = await gql<{ timeline: TimelineData }>(
    `query ExplorerTimeline($entity: ID!) {
      timeline(entity: $entity) { entity { __typename id name } undated points { year papers claims byStance { stance count } } }
    }`,
    { entity },
  );
  return data.timeline;
}
