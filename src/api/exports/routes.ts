import express from 'express';
import { runTraversal } from '../../analyst/traversal';
import type { Viewer } from '../auth';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import { httpError } from '../errors';
import type { Executor } from '../../db/executor';
import { ENTITY_KINDS } from '../../graph/model';
import { evidenceMap } from '../../features/evidenceMap';
import { subgraph } from '../../features/subgraph';
import { CONTENT_TYPES, EXPORT_FORMATS, GRAPH_PARTS, evidenceMapToCsv, exportGraph, exportRows, type ExportFormat } from '../../features/formats';
import { subgraphForExport } from '../../features/graphExport';
import { badRequest, integer, json, list, oneOf, queryParams } from './query';
import { parseEvidenceMapFilter } from './where';

function send(res: express.Response, fmt: ExportFormat, name: string, body: string): void {
  res.type(CONTENT_TYPES[fmt]).setHeader('content-disposition', `attachment; filename="evmap-${name}.${fmt}"`);
  res.send(body);
}

/**
 * Downloads for front ends: a subgraph or a traversal as JSON graph, GraphML or CSV, and an
 * evidence map as CSV or JSON. Same keys, limits and errors as the GraphQL API.
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
      const q = queryParams(req, ['format', 'part', 'seeds', 'depth', 'limit', 'offset', 'relationshipTypes']);
      const fmt = oneOf(q.format, 'format', EXPORT_FORMATS, 'json');
      // Checked before any query: a CSV without its part would be refused after the work.
      const part = fmt === 'csv' ? oneOf(q.part, 'part', GRAPH_PARTS) : undefined;
      if (fmt !== 'csv' && q.part !== undefined) throw badRequest('part', 'part is only for format=csv, whose nodes and edges are two files');
      const seeds = list(q.seeds);
      if (!seeds || seeds.length === 0) throw badRequest('seeds', 'seeds is required: a comma-separated list of ids, e.g. seeds=Mechanism:gsk-3');
      const graph = await subgraph(db, {
        seeds,
        depth: integer(q.depth, 'depth') ?? null,
        limit: integer(q.limit, 'limit') ?? null,
        offset: integer(q.offset, 'offset') ?? null,
        relationshipTypes: list(q.relationshipTypes) ?? null,
      });
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

  return router;
}
