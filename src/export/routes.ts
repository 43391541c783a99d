import express from 'express';
import { GraphQLError } from 'graphql';
import { runTraversal } from '../analyst/traversal';
import type { Viewer } from '../auth';
import type { Config } from '../config';
import type { Executor } from '../db/executor';
import { ErrorCode, EvmapError } from '../errors';
import { ENTITY_KINDS } from '../graph/model';
import type { EntityKind, EvidenceMapFilter } from '../generated/graphql';
import { evidenceMap } from '../queries/evidenceMap';
import { subgraph } from '../queries/subgraph';
import { CONTENT_TYPES, EXPORT_FORMATS, evidenceMapToCsv, exportGraph, exportRows, type ExportFormat } from './formats';

const STATUS: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Timeout]: 504,
  [ErrorCode.ServiceUnavailable]: 503,
};

function badRequest(message: string): EvmapError {
  return new EvmapError(ErrorCode.BadUserInput, message);
}

function format(req: express.Request, allowed: readonly ExportFormat[]): ExportFormat {
  const value = String(req.query.format ?? allowed[0]);
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(`format must be one of ${allowed.join(', ')}`);
  return value as ExportFormat;
}

function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return String(value).split(',').map((s) => s.trim()).filter(Boolean);
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`${name} must be a whole number`);
  return n;
}

function json(value: unknown, name: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(String(value));
  } catch {
    throw badRequest(`${name} must be JSON, e.g. ${name}={"entity":"mTOR"}`);
  }
}

function send(res: express.Response, fmt: ExportFormat, name: string, body: string): void {
  res.type(CONTENT_TYPES[fmt]).setHeader('content-disposition', `attachment; filename="evmap-${name}.${fmt}"`);
  res.send(body);
}

/**
 * Downloads for front ends: a subgraph or a traversal as JSON graph, GraphML or CSV, and an
 * evidence map as CSV or JSON. Same keys, limits and errors as the GraphQL API.
 */
export function exportRoutes(config: Config, db: Executor, verify: (authorization: string | undefined) => Viewer): express.Router {
  const router = express.Router();
  const handle =
    (work: (req: express.Request, res: express.Response) => Promise<void>) =>
    async (req: express.Request, res: express.Response): Promise<void> => {
      try {
        verify(req.headers.authorization);
        await work(req, res);
      } catch (error) {
        const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
        const status = STATUS[code];
        if (status === undefined) {
          res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
          return;
        }
        res.status(status).json({ errors: [{ message: (error as Error).message, extensions: { code } }] });
      }
    };

  router.get(
    '/export/subgraph',
    handle(async (req, res) => {
      const fmt = format(req, EXPORT_FORMATS);
      const seeds = list(req.query.seeds);
      if (!seeds || seeds.length === 0) throw badRequest('seeds is required: a comma-separated list of ids, e.g. seeds=Mechanism:gsk-3');
      const graph = await subgraph(db, {
        seeds,
        depth: integer(req.query.depth, 'depth') ?? null,
        limit: integer(req.query.limit, 'limit') ?? null,
        relationshipTypes: list(req.query.relationshipTypes) ?? null,
      });
      send(res, fmt, 'subgraph', exportGraph(graph, fmt));
    }),
  );

  router.get(
    '/export/traversal/:name',
    handle(async (req, res) => {
      const fmt = format(req, EXPORT_FORMATS);
      const result = await runTraversal(db, String(req.params.name), json(req.query.params, 'params'), config.analyst);
      send(res, fmt, String(req.params.name), exportRows(result, fmt));
    }),
  );

  router.get(
    '/export/evidence-map',
    handle(async (req, res) => {
      const fmt = format(req, ['csv', 'json']);
      const rows = String(req.query.rows ?? '') as EntityKind;
      const columns = String(req.query.columns ?? '') as EntityKind;
      if (!ENTITY_KINDS.includes(rows) || !ENTITY_KINDS.includes(columns)) throw badRequest(`rows and columns must each be one of ${ENTITY_KINDS.join(', ')}`);
      const map = await evidenceMap(db, rows, columns, (json(req.query.where, 'where') as EvidenceMapFilter | undefined) ?? null);
      send(res, fmt, 'evidence-map', fmt === 'csv' ? evidenceMapToCsv(map) : `${JSON.stringify(map, null, 2)}\n`);
    }),
  );

  return router;
}
