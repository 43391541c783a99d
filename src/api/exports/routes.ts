import express from 'express';
import { runTraversal } from '../../analyst/traversal';
import type { Viewer } from '../auth';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import { httpError } from '../errors';
import type { Executor } from '../../db/executor';
import { CLAIM_SOURCES, ENTITY_KINDS, EVIDENCE_LEVELS, STANCES } from '../../graph/model';
import { LIMITS } from '../../limits';
import { page } from '../../store/page';
import { BIBLIOGRAPHY_FILES, BIBLIOGRAPHY_FORMATS, bibliographyEntries, writeBibliography, type BibliographyFormat } from '../../features/bibliography';
import { evidenceCellPage, planEvidenceCell } from '../../features/evidenceCell';
import { evidenceMap } from '../../features/evidenceMap';
import { KGX_CONTENT_TYPE, kgxLines, subgraphToKgx } from '../../features/kgx';
import { listPapers, planPaperFilter } from '../../features/papers';
import { subgraph } from '../../features/subgraph';
import { planSupporting, supportingPapersPage } from '../../features/supportingPapers';
import { requireEntity } from '../../features/entityRefs';
import { CONTENT_TYPES, EXPORT_FORMATS, GRAPH_PARTS, evidenceMapToCsv, exportGraph, exportRows, type ExportFormat } from '../../features/formats';
import { subgraphForExport } from '../../features/graphExport';
import { badRequest, decimal, integer, json, list, oneOf, queryParams } from './query';
import { parseEvidenceMapFilter, parsePaperFilter, parsePaperOrder } from './where';

function send(res: express.Response, fmt: ExportFormat, name: string, body: string): void {
  res.type(CONTENT_TYPES[fmt]).setHeader('content-disposition', `attachment; filename="evmap-${name}.${fmt}"`);
  res.send(body);
}

/** The subgraph's parameters, shared by its GraphML/JSON/CSV and KGX routes. */
const SUBGRAPH_PARAMS = ['seeds', 'depth', 'limit', 'offset', 'relationshipTypes'];

function subgraphArgs(q: Partial<Record<string, string>>): Parameters<typeof subgraph>[1] {
  const seeds = list(q.seeds);
  if (!seeds || seeds.length === 0) throw badRequest('seeds', 'seeds is required: a comma-separated list of ids, e.g. seeds=Mechanism:gsk-3');
  return {
    seeds,
    depth: integer(q.depth, 'depth') ?? null,
    limit: integer(q.limit, 'limit') ?? null,
    offset: integer(q.offset, 'offset') ?? null,
    relationshipTypes: list(q.relationshipTypes) ?? null,
  };
}

/** The page parameters of a paper set's download. */
const PAGE_PARAMS = ['first', 'offset'];

/** `first` (at most a GraphQL page) and `offset` as the store's page, reading one paper more to tell whether the set goes on. */
function paperPage(q: Partial<Record<string, string>>): { first: number; offset: number; params: ReturnType<typeof page> } {
  const first = integer(q.first, 'first') ?? LIMITS.page.defaultSize;
  if (first < 0 || first > LIMITS.page.maxSize) throw badRequest('first', `first must be 0 to ${LIMITS.page.maxSize}, got ${first}`);
  const offset = integer(q.offset, 'offset') ?? 0;
  if (offset < 0) throw badRequest('offset', `offset must be 0 or more, got ${offset}`);
  return { first, offset, params: page(offset, first + 1) };
}

/**
 * A paper set's file. Reference formats have nowhere to say that a set was cut at `first`, so
 * the next page's offset goes in a header instead.
 */
async function sendBibliography(db: Executor, res: express.Response, fmt: BibliographyFormat, name: string, pmids: string[], window: { first: number; offset: number }): Promise<void> {
  const { contentType, extension } = BIBLIOGRAPHY_FILES[fmt];
  if (pmids.length > window.first) res.setHeader('x-evmap-next-offset', String(window.offset + window.first));
  const body = writeBibliography(await bibliographyEntries(db, pmids.slice(0, window.first)), fmt);
  res.type(contentType).setHeader('content-disposition', `attachment; filename="evmap-${name}.${extension}"`);
  res.send(body);
}

/**
 * Downloads for front ends: a subgraph or a traversal as JSON graph, GraphML or CSV, and an
 * evidence map as CSV or JSON; a subgraph as KGX; a paper set (a papers listing, an evidence-map
 * cell, an entity's supporting papers) as RIS, CSL-JSON, BibTeX or MEDLINE. Same keys, limits
 * and errors as the GraphQL API.
 */
export function exportRoutes(config: Config, db: Executor, verify: (authorization: string | undefined) => Viewer, log: Logger): express.Router {
  const router = express.Router();
  const handle =
    (work: (req: express.Request, res: express.Response) => Promise<void>) =>
    async (req: express.Request, res: express.Response): Promise<void> => {
      try {
        verify(req.headers.authorization);
        await work(req, res);
      } catch (error) {
        const { status, body } = httpError(error, log);
        res.status(status).json(body);
      }
    };

  router.get(
    '/export/subgraph',
    handle(async (req, res) => {
      const q = queryParams(req, ['format', 'part', ...SUBGRAPH_PARAMS]);
      const fmt = oneOf(q.format, 'format', EXPORT_FORMATS, 'json');
      // Checked before any query: a CSV without its part would be refused after the work.
      const part = fmt === 'csv' ? oneOf(q.part, 'part', GRAPH_PARTS) : undefined;
      if (fmt !== 'csv' && q.part !== undefined) throw badRequest('part', 'part is only for format=csv, whose nodes and edges are two files');
      const graph = await subgraph(db, subgraphArgs(q));
      send(res, fmt, part ? `subgraph-${part}` : 'subgraph', exportGraph(await subgraphForExport(db, graph), fmt, part));
    }),
  );

  router.get(
    '/export/traversal/:name',
    handle(async (req, res) => {
      const q = queryParams(req, ['format', 'params']);
      const fmt = oneOf(q.format, 'format', EXPORT_FORMATS, 'json');
      const result = await runTraversal(db, String(req.params.name), json(q.params, 'params', '{"entity":"mTOR"}'), config.analyst);
      send(res, fmt, String(req.params.name), exportRows(result, fmt));
    }),
  );

  router.get(
    '/export/evidence-map',
    handle(async (req, res) => {
      const q = queryParams(req, ['format', 'rows', 'columns', 'where']);
      const fmt = oneOf(q.format, 'format', ['csv', 'json'], 'csv');
      const rows = oneOf(q.rows, 'rows', ENTITY_KINDS);
      const columns = oneOf(q.columns, 'columns', ENTITY_KINDS);
      const where = parseEvidenceMapFilter(json(q.where, 'where', '{"stance":"SUPPORTS"}'), 'where');
      const map = await evidenceMap(db, rows, columns, where);
      send(res, fmt, 'evidence-map', fmt === 'csv' ? evidenceMapToCsv(map) : `${JSON.stringify(map, null, 2)}\n`);
    }),
  );

  router.get(
    '/export/subgraph/kgx',
    handle(async (req, res) => {
      const q = queryParams(req, ['part', ...SUBGRAPH_PARAMS]);
      const part = oneOf(q.part, 'part', GRAPH_PARTS);
      const graph = await subgraph(db, subgraphArgs(q));
      const kgx = subgraphToKgx(await subgraphForExport(db, graph));
      // JSON Lines has no place for the subgraph's own flag, and a cut graph must not pass for a whole one.
      if (graph.truncated) res.setHeader('x-evmap-truncated', 'true');
      res.type(KGX_CONTENT_TYPE).setHeader('content-disposition', `attachment; filename="evmap-subgraph_${part}.jsonl"`);
      res.send(kgxLines(kgx[part]));
    }),
  );

  router.get(
    '/export/papers',
    handle(async (req, res) => {
      const q = queryParams(req, ['format', 'where', 'orderBy', ...PAGE_PARAMS]);
      const fmt = oneOf(q.format, 'format', BIBLIOGRAPHY_FORMATS, 'ris');
      const window = paperPage(q);
      const where = parsePaperFilter(json(q.where, 'where', '{"yearFrom":2014,"about":"ketamine"}'), 'where');
      const orderBy = parsePaperOrder(json(q.orderBy, 'orderBy', '{"field":"YEAR","direction":"DESC"}'), 'orderBy');
      const filter = await planPaperFilter(db, where ?? {});
      const papers = await listPapers(db, filter, { field: orderBy?.field ?? 'YEAR', direction: orderBy?.direction ?? 'DESC' }, window.params);
      await sendBibliography(db, res, fmt, 'papers', papers.map((p) => p.paper.pmid), window);
    }),
  );

  router.get(
    '/export/evidence-cell',
    handle(async (req, res) => {
      const q = queryParams(req, ['format', 'row', 'column', 'where', ...PAGE_PARAMS]);
      const fmt = oneOf(q.format, 'format', BIBLIOGRAPHY_FORMATS, 'ris');
      const window = paperPage(q);
      if (!q.row) throw badRequest('row', 'row is required: the id, name or alias of the cell\'s row entity');
      if (!q.column) throw badRequest('column', 'column is required: the id, name or alias of the cell\'s column entity');
      const plan = await planEvidenceCell(db, q.row, q.column, parseEvidenceMapFilter(json(q.where, 'where', '{"stance":"SUPPORTS"}'), 'where'));
      const rows = await evidenceCellPage(db, plan, window.params);
      await sendBibliography(db, res, fmt, 'evidence-cell', rows.map((r) => r.pmid), window);
    }),
  );

  router.get(
    '/export/supporting-papers',
    handle(async (req, res) => {
      const q = queryParams(req, ['format', 'entity', 'stance', 'minEvidenceLevel', 'sources', 'minConfidence', 'viaCitations', ...PAGE_PARAMS]);
      const fmt = oneOf(q.format, 'format', BIBLIOGRAPHY_FORMATS, 'ris');
      const window = paperPage(q);
      if (!q.entity) throw badRequest('entity', 'entity is required: the id, name or alias of an entity, e.g. entity=mTOR');
      const args = {
        stance: oneOf(q.stance, 'stance', STANCES, 'SUPPORTS'),
        minEvidenceLevel: q.minEvidenceLevel === undefined ? null : oneOf(q.minEvidenceLevel, 'minEvidenceLevel', EVIDENCE_LEVELS),
        sources: list(q.sources)?.map((s) => oneOf(s, 'sources', CLAIM_SOURCES)) ?? null,
        minConfidence: decimal(q.minConfidence, 'minConfidence') ?? null,
        viaCitations: integer(q.viaCitations, 'viaCitations') ?? null,
      };
      // Planned before the lookup, so that a bad argument is refused without a query.
      const planned = planSupporting(q.entity, args);
      const entity = await requireEntity(db, q.entity, 'entity');
      const query = { ...planned, entityId: entity.id, entityLabel: entity.__typename };
      const rows = await supportingPapersPage(db, query, window.params);
      await sendBibliography(db, res, fmt, 'supporting-papers', rows.map((r) => r.pmid), window);
    }),
  );

  return router;
}
