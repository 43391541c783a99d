import { publicIdCypher } from '../../graph/fragments';
import { defineTraversal } from '../traversal';

export const traversal = defineTraversal({
  name: 'contradicting-papers',
  description:
    "Papers that contradict what a claim is about: for each entity the claim concerns, other papers' live CONTRADICTS claims about that entity, with their quotes.",
  parameters: {
    claim: { type: 'String', required: true, description: 'Claim id, e.g. "24392693-mtor-target" (with or without the "Claim:" prefix).' },
  },
  cypher: `
    MATCH (claimPaper:Paper)-[:ASSERTS]->(claim:Claim)
    WHERE claim.id = $claim OR 'Claim:' + claim.id = $claim
    MATCH (claim)-[:ABOUT]->(e)
    MATCH (e)<-[:ABOUT]-(c:Claim {stance: 'CONTRADICTS'})<-[:ASSERTS]-(p:Paper)
    WHERE c.retractedAt IS NULL AND p <> claimPaper
    RETURN ${publicIdCypher('e')} AS entity,
           'Paper:' + p.pmid AS paper, p.title AS title, p.year AS year, 'Claim:' + c.id AS contradicting, c.quote AS quote
    ORDER BY entity, year DESC, paper`,
});
