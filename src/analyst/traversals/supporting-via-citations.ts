import { ANY_ENTITY } from '../../graph/model';
import { defineTraversal } from '../traversal';

export const traversal = defineTraversal({
  name: 'supporting-via-citations',
  description:
    'Papers that support an entity (e.g. a mechanism), directly or through citation chains: for each paper, how many CITES hops separate it from a paper with its own claim, and the chain.',
  parameters: {
    entity: { type: 'Entity', required: true, description: 'Entity id, name or alias, e.g. "mTOR".' },
    stance: { type: 'Stance', default: 'SUPPORTS', description: 'Stance of the claims that count as evidence.' },
    maxHops: { type: 'Int', default: 2, min: 0, max: 3, description: 'How many citation hops to follow from direct evidence.' },
  },
  cypher: `
    MATCH (e:${ANY_ENTITY} {id: $entity})
    MATCH (d:Paper)-[:ASSERTS]->(c:Claim {stance: $stance})-[:ABOUT]->(e)
    WHERE c.retractedAt IS NULL
    WITH d, collect(DISTINCT c.id) AS claims
    LIMIT 10000
    CALL (d, claims) {
      RETURN d AS paper, 0 AS hops, [d.pmid] AS chain
      UNION ALL
      MATCH chain = (p:Paper)-[:CITES*1..3]->(d)
      WHERE length(chain) <= $maxHops
      RETURN p AS paper, length(chain) AS hops, [n IN nodes(chain) | n.pmid] AS chain
    }
    WITH paper, hops, chain, claims ORDER BY hops
    WITH paper, head(collect({hops: hops, chain: chain, claims: claims})) AS best
    RETURN 'Paper:' + paper.pmid AS paper, paper.title AS title, paper.year AS year,
           best.hops AS hops, best.chain AS chain, best.claims AS claims
    ORDER BY hops, year DESC, paper`,
});
