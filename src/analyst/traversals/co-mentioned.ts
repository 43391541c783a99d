import { ANY_ENTITY, publicIdCypher } from '../../graph/fragments';
import { defineTraversal } from '../traversal';

export const traversal = defineTraversal({
  name: 'co-mentioned',
  description:
    'Entities mentioned together with a given entity, ranked by how many papers have live claims about both (curated or mined), then by claims.',
  parameters: {
    entity: { type: 'Entity', required: true, description: 'Entity id, name or alias.' },
    limit: { type: 'Int', default: 20, min: 1, max: 500, description: 'How many entities to return.' },
  },
  cypher: `
    MATCH (e:${ANY_ENTITY} {id: $entity})<-[:ABOUT]-(c:Claim)<-[:ASSERTS]-(p:Paper)
    WHERE c.retractedAt IS NULL
    MATCH (p)-[:ASSERTS]->(c2:Claim)-[:ABOUT]->(other:${ANY_ENTITY})
    WHERE c2.retractedAt IS NULL AND other <> e
    WITH other, count(DISTINCT p) AS papers, count(DISTINCT c2) AS claims
    RETURN ${publicIdCypher('other')} AS entity,
           other.name AS name, papers, claims
    ORDER BY papers DESC, claims DESC, name
    LIMIT $limit`,
});
