import type { Resolvers } from '../generated/graphql';
import { ErrorCode, EvmapError } from '../errors';
import { nodeId, type EntityLabel } from '../graph/model';
import { pageWindow, toConnection } from '../paging';
import { claimsPage, countClaims, countSupporting, supportingPage } from '../queries/claims';
import { findEntity, type EntityReadRow } from '../queries/entities';
import type { Context } from '../context';

type EntityArgs = { stance?: string | null; first?: number | null; after?: string | null };

/** Fields every entity type shares; each concrete type gets the same resolvers. */
function entityFields() {
  return {
    id: (e: EntityReadRow) => nodeId(e.label, e.id),
    claims: async (e: EntityReadRow, { stance, ...args }: EntityArgs, { db }: Context) => {
      const window = pageWindow(args);
      const owner = { entity: e.id };
      return toConnection(await claimsPage(db, owner, stance ?? null, window.params), window, (node) => ({ node }), () => countClaims(db, owner, stance ?? null));
    },
    supportingPapers: (e: EntityReadRow, args: EntityArgs, { db }: Context) => supportingConnection(db, e.id, args),
  };
}

/** The supporting-papers connection for an entity id; shared by the root field and every entity. */
export async function supportingConnection(db: Context['db'], entityId: string, { stance, ...args }: EntityArgs) {
  const window = pageWindow(args);
  const s = stance ?? 'SUPPORTS';
  return toConnection(await supportingPage(db, entityId, s, window.params), window, (row) => row, () => countSupporting(db, entityId, s));
}

function lookup(label: EntityLabel) {
  return (_p: unknown, { id }: { id: string }, { db }: Context) => findEntity(db, id, [label]);
}

export const entityResolvers: Resolvers = {
  Query: {
    mechanism: lookup('Mechanism'),
    compound: lookup('Compound'),
    condition: lookup('Condition'),
    biomarker: lookup('Biomarker'),
    researchAim: lookup('ResearchAim'),
    entity: (_p, { id }, { db }) => findEntity(db, id),
    supportingPapers: async (_p, { entity, ...args }, { db }) => {
      const found = await findEntity(db, entity);
      if (!found) throw new EvmapError(ErrorCode.NotFound, `No entity matches ${JSON.stringify(entity)}.`, { argumentName: 'entity' });
      return supportingConnection(db, found.id, args);
    },
  },
  Mechanism: entityFields(),
  Compound: entityFields(),
  Condition: entityFields(),
  Biomarker: entityFields(),
  ResearchAim: {
    ...entityFields(),
    concerns: (aim, _args, { loaders }) => loaders.aimConcerns.load(aim.id),
  },
};
