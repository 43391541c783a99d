import { findEntity } from '../../features/entityRefs';
import type { Resolvers } from '../../generated/graphql';
import { nodeId } from '../../graph/keys';
import type { EntityLabel } from '../../graph/model';
import type { EntityReadRow } from '../../graph/records';
import type { Context } from '../context';
import type { PageArgs } from '../connections';
import type { SupportingArgs } from '../../features/supportingPapers';
import { claimConnection } from './batchedConnections';
import { supportingConnection } from './evidence';

/** Fields every entity type shares; each concrete type gets the same resolvers. */
function entityFields() {
  return {
    id: (e: EntityReadRow) => nodeId(e.__typename, e.id),
    label: (e: EntityReadRow) => e.__typename,
    claims: (e: EntityReadRow, args: PageArgs & { stance?: string | null }, { loaders }: Context) => claimConnection(loaders, 'entity', e.id, args),
    supportingPapers: (e: EntityReadRow, args: SupportingArgs & PageArgs, { db }: Context) => supportingConnection(db, e, args),
  };
}

/** A lookup by id, name or alias that answers null for no match, as a nullable field should. */
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
