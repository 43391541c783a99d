import { NODE_LABELS, REL } from '../../src/graph/model';
import { contentBeyondQuery, graphCountsQuery } from '../../src/store/stats';
import { checkBuilders } from './queryChecks';

describe('stats store queries', () => {
  checkBuilders({ graphCountsQuery: () => graphCountsQuery(), contentBeyondQuery: () => contentBeyondQuery(['24392693']) });

  it('counts every label and relationship type in a column named by its position', () => {
    const { cypher } = graphCountsQuery();
    NODE_LABELS.forEach((label, i) => expect(cypher).toContain(`COUNT { MATCH (:${label}) } AS l${i}`));
    Object.keys(REL).forEach((type, i) => expect(cypher).toContain(`COUNT { MATCH ()-[:${type}]->() } AS r${i}`));
    // Nodes and relationships without the evidence cells kept on write, stub papers, then one per label and type.
    expect(cypher).toContain('COUNT { MATCH (n) } - COUNT { MATCH (:EvidenceCell) } AS nodes');
    expect(cypher).toContain('COUNT { MATCH ()-[r]->() } - COUNT { MATCH ()-[:CONTRIBUTES]->() } AS relationships');
    expect(cypher).toContain('COUNT { MATCH (p:Paper) WHERE p.stub = true } AS stubs');
    expect(cypher.match(/COUNT \{/g)).toHaveLength(5 + NODE_LABELS.length + Object.keys(REL).length);
  });
});
