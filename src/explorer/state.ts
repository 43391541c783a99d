/**
 * The explorer's whole state lives in the URL's hash, so a view can be shared and a reload
 * restores it. Parsing never throws: a hand-edited or outdated link drops what it cannot read
 * and opens the rest.
 */
import type { ClaimSource, EntityKind, EvidenceLevel, Stance } from '../generated/schema';
import { ENTITY_KINDS, LEVELS, SOURCES, STANCES } from './vocab';

export interface GraphFilters {
  /** Relationship types not drawn. */
  hiddenTypes: string[];
  /** Claims of these stances only; empty keeps every stance. */
  stances: Stance[];
  /** Claims from these sources only; empty keeps every source. */
  sources: ClaimSource[];
  yearFrom: number | null;
  yearTo: number | null;
}

export interface MapFilters {
  yearFrom: number | null;
  yearTo: number | null;
  minLevel: EvidenceLevel | null;
  /** Empty keeps every source. */
  sources: ClaimSource[];
}

export type ColourBy = 'level' | 'stance';

export type Route =
  | { view: 'home' }
  | { view: 'entity'; id: string }
  | { view: 'paper'; pmid: string }
  | { view: 'timeline'; id: string }
  | {
      view: 'graph';
      seeds: string[];
      /** Nodes whose neighbourhood was fetched and which are shown uncollapsed. */
      expanded: string[];
      filters: GraphFilters;
      path: { from: string; to: string } | null;
    }
  | {
      view: 'map';
      rows: EntityKind;
      columns: EntityKind;
      colourBy: ColourBy;
      filters: MapFilters;
      /** Only rows and columns with at least one paper. */
      evidenceOnly: boolean;
      cell: { row: string; column: string } | null;
    };

export type GraphRoute = Extract<Route, { view: 'graph' }>;
export type MapRoute = Extract<Route, { view: 'map' }>;

export const NO_GRAPH_FILTERS: GraphFilters = { hiddenTypes: [], stances: [], sources: [], yearFrom: null, yearTo: null };
export const NO_MAP_FILTERS: MapFilters = { yearFrom: null, yearTo: null, minLevel: null, sources: [] };

export function graphRoute(seeds: string[]): GraphRoute {
  return { view: 'graph', seeds, expanded: [], filters: NO_GRAPH_FILTERS, path: null };
}

export function mapRoute(rows: EntityKind = 'MECHANISM', columns: EntityKind = 'CONDITION'): MapRoute {
  return { view: 'map', rows, columns, colourBy: 'level', filters: NO_MAP_FILTERS, evidenceOnly: false, cell: null };
}

/** Ids are joined by commas and paired by a tilde; either inside an id is escaped, so any id survives. */
function escapeItem(item: string): string {
  return item.replace(/%/g, '%25').replace(/,/g, '%2C').replace(/~/g, '%7E');
}

function unescapeItem(item: string): string {
  return item.replace(/%2C/gi, ',').replace(/%7E/gi, '~').replace(/%25/g, '%');
}

function joinItems(items: readonly string[], sep: ',' | '~'): string {
  return items.map(escapeItem).join(sep);
}

function list(value: string | null): string[] {
  return value ? value.split(',').filter((v) => v.length > 0).map(unescapeItem) : [];
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function someOf<T extends string>(allowed: readonly T[], value: string | null): T[] {
  return list(value).filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function year(value: string | null): number | null {
  return value !== null && /^\d{4}$/.test(value) ? Number(value) : null;
}

function pair(value: string | null): [string, string] | null {
  const parts = value?.split('~');
  return parts?.length === 2 && parts[0] && parts[1] ? [unescapeItem(parts[0]), unescapeItem(parts[1])] : null;
}

/** Reads "#/view/segment?query" (the leading "#" optional). */
export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = text.split(/\?(.*)/s);
  const [, view = '', ...rest] = pathPart.split('/');
  const segment = rest.length > 0 ? safeDecode(rest.join('/')) : '';
  const q = new URLSearchParams(queryPart);
  switch (view) {
    case 'entity':
    case 'timeline':
      return segment ? { view, id: segment } : { view: 'home' };
    case 'paper':
      return segment ? { view, pmid: segment } : { view: 'home' };
    case 'graph': {
      const seeds = list(q.get('seeds'));
      if (seeds.length === 0) return { view: 'home' };
      const path = pair(q.get('path'));
      return {
        view,
        seeds,
        expanded: list(q.get('expanded')),
        filters: {
          hiddenTypes: list(q.get('hide')).filter((t) => /^[A-Z_]+$/.test(t)),
          stances: someOf(STANCES, q.get('stance')),
          sources: someOf(SOURCES, q.get('source')),
          yearFrom: year(q.get('from')),
          yearTo: year(q.get('to')),
        },
        path: path && { from: path[0], to: path[1] },
      };
    }
    case 'map': {
      const cell = pair(q.get('cell'));
      return {
        view,
        rows: oneOf(ENTITY_KINDS, q.get('rows')) ?? 'MECHANISM',
        columns: oneOf(ENTITY_KINDS, q.get('columns')) ?? 'CONDITION',
        colourBy: q.get('colour') === 'stance' ? 'stance' : 'level',
        filters: {
          yearFrom: year(q.get('from')),
          yearTo: year(q.get('to')),
          minLevel: oneOf(LEVELS, q.get('level')),
          sources: someOf(SOURCES, q.get('source')),
        },
        evidenceOnly: q.get('evidence') === 'only',
        cell: cell && { row: cell[0], column: cell[1] },
      };
    }
    default:
      return { view: 'home' };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An id as a path segment, its colons left readable ("#/entity/Mechanism:mtor"). */
function segment(id: string): string {
  return encodeURIComponent(id).replace(/%3A/g, ':');
}

/** Writes a route as parseHash reads it; parameters at their defaults are left out, so links stay short. */
export function formatHash(route: Route): string {
  const q = new URLSearchParams();
  const set = (key: string, value: string | number | null | undefined | false) => {
    if (value !== null && value !== undefined && value !== false && value !== '') q.set(key, String(value));
  };
  const withQuery = (path: string) => {
    // The separators and the colons of global ids are left readable, as a fragment allows.
    const query = q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%7E/g, '~');
    return query ? `#/${path}?${query}` : `#/${path}`;
  };
  switch (route.view) {
    case 'home':
      return '#/';
    case 'entity':
    case 'timeline':
      return `#/${route.view}/${segment(route.id)}`;
    case 'paper':
      return `#/paper/${segment(route.pmid)}`;
    case 'graph':
      set('seeds', joinItems(route.seeds, ','));
      set('expanded', joinItems(route.expanded, ','));
      set('hide', route.filters.hiddenTypes.join(','));
      set('stance', route.filters.stances.join(','));
      set('source', route.filters.sources.join(','));
      set('from', route.filters.yearFrom);
      set('to', route.filters.yearTo);
      set('path', route.path && joinItems([route.path.from, route.path.to], '~'));
      return withQuery('graph');
    case 'map':
      set('rows', route.rows);
      set('columns', route.columns);
      set('colour', route.colourBy === 'stance' && 'stance');
      set('from', route.filters.yearFrom);
      set('to', route.filters.yearTo);
      set('level', route.filters.minLevel);
      set('source', route.filters.sources.join(','));
      set('evidence', route.evidenceOnly && 'only');
      set('cell', route.cell && joinItems([route.cell.row, route.cell.column], '~'));
      return withQuery('map');
  }
}
