import { ANY_ENTITY } from '../../graph/fragments';
import { defineTraversal } from '../traversal';

export const traversal = defineTraversal({
  name: 'most-cited-supporting',
  description: 'The most cited papers among those with live claims of a stance about an entity, with their citation counts in the graph.',
  parameters: {
    entity: { type: 'Entity', required: true, description: 'Entity id, name or alias.' },
    stance: { type: 'Stance', default: 'SUPPORTS', description: 'Stance of the claims.' },
    limit: { type: 'Int', default: 10, min: 1, max: 500, description: 'How many papers to return.' },
  },
  cypher: `
    MATCH (e:${ANY_ENTITY} {id: $entity})<-[:ABOUT]-(c:Claim {stance: $stance})<-[:ASSERTS]-(p:Paper)
    WHERE c.retractedAt IS NULL
    WITH p, collect(DISTINCT c.id) AS claims
    RETURN 'Paper:' + p.pmid AS paper, p.title AS title, p.year AS year,
           COUNT { (p)<-[:CITES]-(:Paper) } AS citedBy, claims
    ORDER BY citedBy DESC, year DESC, paper
    LIMIT $limit`,
});
