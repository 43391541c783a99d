import { defineTraversal } from '../traversal';

export const traversal = defineTraversal({
  name: 'shared-mechanisms',
  description:
    'Mechanisms that two compounds share: each mechanism that live claims link to both compounds, with the number of claims and papers for each compound.',
  parameters: {
    compoundA: { type: 'Entity', required: true, labels: ['Compound'], description: 'First compound (id, name or alias).' },
    compoundB: { type: 'Entity', required: true, labels: ['Compound'], description: 'Second compound (id, name or alias).' },
  },
  cypher: `
    MATCH (a:Compound {id: $compoundA}), (b:Compound {id: $compoundB})
    MATCH (a)<-[:ABOUT]-(ca:Claim)-[:ABOUT]->(m:Mechanism)
    WHERE ca.retractedAt IS NULL
    WITH a, b, m, count(DISTINCT ca) AS claimsWithA, collect(DISTINCT ca) AS aClaims
    MATCH (b)<-[:ABOUT]-(cb:Claim)-[:ABOUT]->(m)
    WHERE cb.retractedAt IS NULL
    WITH m, claimsWithA, aClaims, count(DISTINCT cb) AS claimsWithB, collect(DISTINCT cb) AS bClaims
    CALL (aClaims, bClaims) {
      UNWIND aClaims + bClaims AS c
      MATCH (p:Paper)-[:ASSERTS]->(c)
      RETURN count(DISTINCT p) AS papers
    }
    RETURN 'Mechanism:' + m.id AS mechanism, m.name AS name, claimsWithA, claimsWithB, papers
    ORDER BY claimsWithA + claimsWithB DESC, name`,
});
