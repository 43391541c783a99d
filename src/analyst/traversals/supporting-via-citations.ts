import { planSupporting } from '../../features/supportingPapers';
import { LIMITS } from '../../limits';
import { supportingTableQuery } from '../../store/supporting';
import { defineTraversal } from '../traversal';

// The same question as the GraphQL field supportingPapers, asked through the same query.
export const traversal = defineTraversal({
  name: 'supporting-via-citations',
  description:
    'Papers that support an entity (e.g. a mechanism), directly or through citation chains, as GraphQL `supportingPapers` lists them: for each paper its distance (CITES hops from a paper with its own claim, 0 for direct evidence), its citationPath and the claimIds that make it evidence.',
  parameters: {
    entity: { type: 'Entity', required: true, description: 'Entity id, name or alias, e.g. "mTOR".' },
    stance: { type: 'Stance', default: 'SUPPORTS', description: 'Stance of the claims that count as evidence.' },
    viaCitations: {
      type: 'Int',
      default: 2,
      min: 0,
      max: LIMITS.supporting.maxViaCitations,
      description: 'How many citation hops to follow from direct evidence.',
    },
  },
  query: (p) => supportingTableQuery(planSupporting(String(p.entity), { stance: String(p.stance), viaCitations: Number(p.viaCitations) })),
});
