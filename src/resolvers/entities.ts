import type { EvidenceLevel, Resolvers } from '../generated/graphql';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import { levelsAtLeast, nodeId, type EntityLabel } from '../graph/model';
import { pageWindow, toConnection } from '../paging';
import { countSupporting, supportingPage } from '../queries/claims';
import { claimConnection } from './connectionLoaders';
import { findEntity, type EntityReadRow } from '../queries/entities';
import type { Context } from '../context';

type EntityArgs = { stance?: string | null; first?: number | null; after?: string | null };
type SupportingArgs = EntityArgs & { minEvidenceLevel?: EvidenceLevel | null; viaCitations?: number | null };

/** Fields every entity type shares; each concrete type gets the same resolvers. */
function entityFields() {
  return {
    id: (e: EntityReadRow) => nodeId(e.__typename, e.id),
    claims: (e: EntityReadRow, args: EntityArgs, { loaders }: Context) => claimConnection(loaders, 'entity', e.id, args),
    supportingPapers: (e: EntityReadRow, args: SupportingArgs, { db }: Context) => supportingConnection(db, e.id, args),
  };
}

/** The supporting-papers connection for an entity id; shared by the root field and every entity. */
export async function supportingConnection(db: Context['db'], entityId: string, { stance, minEvidenceLevel, viaCitations, ...args }: SupportingArgs) {
  const via = viaCitations ?? 0;
  if (!Number.isInteger(via) || via < 0 || via > 3) {
    throw new EvmapError(ErrorCode.BadUserInput, `"viaCitations" must be 0 to 3, got ${via}`, { argumentName: 'viaCitations' });
  }
  const window = pageWindow(args);
  const query = { entityId, stance: stance ?? 'SUPPORTS', levels: levelsAtLeast(minEvidenceLevel), via };
  return toConnection(await supportingPage(db, query, window.params), window, (row) => row, () => countSupporting(db, query));
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
      if (!found) throw new EvmapError(ErrorCode.NotFound, `No entity matches ${quoteInput(entity)}.`, { argumentName: 'entity' });
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
