import { publicIdCypher } from '../../graph/fragments';
import { defineTraversal } from '../traversal';

export const traversal = defineTraversal({
  name: 'aim-evidence-gaps',
  description:
    'Evidence gaps for a research aim: for every entity the aim concerns, the live claims by stance and the papers behind them; `gap` is true where no paper supports or contradicts it.',
  parameters: {
    aim: { type: 'Entity', required: true, labels: ['ResearchAim'], description: 'Research aim id, name or alias.' },
  },
  cypher: `
    MATCH (aim:ResearchAim {id: $aim})-[:CONCERNS]->(e)
    OPTIONAL MATCH (e)<-[:ABOUT]-(c:Claim)<-[:ASSERTS]-(p:Paper)
    WHERE c.retractedAt IS NULL
    WITH e,
         count(DISTINCT CASE WHEN c.stance = 'SUPPORTS' THEN c END) AS supports,
         count(DISTINCT CASE WHEN c.stance = 'CONTRADICTS' THEN c END) AS contradicts,
         count(DISTINCT CASE WHEN c.stance = 'MENTIONS' THEN c END) AS mentions,
         count(DISTINCT CASE WHEN c.stance IN ['SUPPORTS', 'CONTRADICTS'] THEN p END) AS evidencePapers
    RETURN ${publicIdCypher('e')} AS entity,
           e.name AS name, supports, contradicts, mentions, evidencePapers, evidencePapers = 0 AS gap
    ORDER BY gap DESC, evidencePapers, name`,
});
