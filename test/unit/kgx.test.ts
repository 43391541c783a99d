import { edgeProperties, type ExportGraph } from '../../src/features/formats';
import { kgxLines, subgraphToKgx, type KgxEdge } from '../../src/features/kgx';
import { graphEdge } from '../../src/features/subgraph';

const seedClaim = { id: 'c1', stance: 'SUPPORTS' as const, evidenceLevel: 'REVIEW', source: 'SEED' as const, confidence: 0.8 };
const minedClaim = { id: 'c2', stance: 'CONTRADICTS' as const, evidenceLevel: null, source: 'TEXT_MINED' as const, confidence: 0.5 };
const edge = (type: string, source: string, target: string, claim: typeof seedClaim | typeof minedClaim | null = null) => {
  const row = graphEdge(type, source, target, claim);
  return { id: row.id, type, source, target, properties: edgeProperties(row) };
};

const graph: ExportGraph = {
  nodes: [
    { id: 'Paper:24392693', type: 'Paper', name: 'Glutamate receptor antagonists…', properties: { pmid: '24392693', synthetic: false } },
    { id: 'Paper:24388038', type: 'Paper', name: 'A review of ketamine', properties: { pmid: '24388038', synthetic: false } },
    { id: 'Paper:900000001', type: 'Paper', name: 'A synthetic paper', properties: { pmid: '900000001', synthetic: true } },
    { id: 'Compound:ketamine', type: 'Compound', name: 'ketamine', properties: { xrefs: ['MESH:D007649'] } },
    { id: 'Condition:mdd', type: 'Condition', name: 'major depressive disorder', properties: { xrefs: ['MESH:D003865'] } },
    { id: 'Mechanism:gsk-3', type: 'Mechanism', name: 'GSK-3', properties: { kind: 'TARGET', xrefs: ['NCBIGene:2931'] } },
    { id: 'Mechanism:gsk-3b', type: 'Mechanism', name: 'GSK-3β', properties: { kind: 'TARGET', xrefs: ['NCBIGene:2931'] } },
    { id: 'Mechanism:eef2', type: 'Mechanism', name: 'eEF2', properties: { kind: 'TARGET', xrefs: [] } },
    { id: 'Mechanism:mtor-pathway', type: 'Mechanism', name: 'mTOR signalling', properties: { kind: 'PATHWAY', xrefs: [] } },
    { id: 'Biomarker:bdnf', type: 'Biomarker', name: 'BDNF', properties: { xrefs: [] } },
    { id: 'Author:niciu-mj', type: 'Author', name: 'Niciu MJ', properties: {} },
    { id: 'Claim:c1', type: 'Claim', name: 'Ketamine is fast-acting', properties: { stance: 'SUPPORTS', predicate: null } },
    { id: 'Claim:c2', type: 'Claim', name: 'Ketamine does not act through GSK-3', properties: { stance: 'CONTRADICTS', predicate: null } },
  ],
  edges: [
    edge('ASSERTS', 'Paper:24392693', 'Claim:c1', seedClaim),
    edge('ABOUT', 'Claim:c1', 'Condition:mdd', seedClaim),
    edge('ABOUT', 'Claim:c1', 'Compound:ketamine', seedClaim),
    edge('ASSERTS', 'Paper:24388038', 'Claim:c2', minedClaim),
    edge('ABOUT', 'Claim:c2', 'Compound:ketamine', minedClaim),
    edge('ABOUT', 'Claim:c2', 'Mechanism:gsk-3', minedClaim),
    edge('SIMILAR_TO', 'Paper:24392693', 'Paper:24388038'),
    edge('CITES', 'Paper:900000001', 'Paper:24392693'),
    edge('PART_OF', 'Mechanism:gsk-3b', 'Mechanism:gsk-3'),
    edge('AUTHORED_BY', 'Paper:24392693', 'Author:niciu-mj'),
  ],
};

describe('KGX export', () => {
  const kgx = subgraphToKgx(graph);
  const node = (id: string) => kgx.nodes.find((n) => n.id === id);
  const edgesOf = (predicate: string) => kgx.edges.filter((e) => e.predicate === predicate);

  it('gives papers PMID ids, entities their first free CURIE, and everything else an evmap id', () => {
    expect(kgx.nodes.map((n) => n.id)).toEqual([
      'PMID:24392693',
      'PMID:24388038',
      'evmap:Paper:900000001',
      'MESH:D007649',
      'MESH:D003865',
      'NCBIGene:2931',
      'evmap:Mechanism:gsk-3b',
      'evmap:Mechanism:eef2',
      'evmap:Mechanism:mtor-pathway',
      'evmap:Biomarker:bdnf',
    ]);
    expect(node('MESH:D007649')).toEqual({ id: 'MESH:D007649', category: ['biolink:ChemicalEntity'], name: 'ketamine', xref: ['evmap:Compound:ketamine'], provided_by: ['infores:evmap'] });
    expect(node('evmap:Mechanism:gsk-3b')?.xref).toEqual(['NCBIGene:2931']);
  });

  it('chooses Biolink categories by label and mechanism kind', () => {
    expect(Object.fromEntries(kgx.nodes.map((n) => [n.id, n.category[0]]))).toEqual({
      'PMID:24392693': 'biolink:Publication',
      'PMID:24388038': 'biolink:Publication',
      'evmap:Paper:900000001': 'biolink:Publication',
      'MESH:D007649': 'biolink:ChemicalEntity',
      'MESH:D003865': 'biolink:DiseaseOrPhenotypicFeature',
      'NCBIGene:2931': 'biolink:Gene',
      'evmap:Mechanism:gsk-3b': 'biolink:Gene',
      'evmap:Mechanism:eef2': 'biolink:Protein',
      'evmap:Mechanism:mtor-pathway': 'biolink:Pathway',
      'evmap:Biomarker:bdnf': 'biolink:ClinicalAttribute',
    });
  });

  it('turns a curated claim into mentions from its paper and a statement between its entities', () => {
    const seed = kgx.edges.filter((e) => e.id.startsWith('evmap:claim:c1:'));
    expect(seed.filter((e) => e.predicate === 'biolink:mentions').map((e) => e.object).sort()).toEqual(['MESH:D003865', 'MESH:D007649']);
    expect(seed.find((e) => e.predicate !== 'biolink:mentions')).toEqual<KgxEdge>({
      id: 'evmap:claim:c1:MESH:D007649:MESH:D003865',
      subject: 'MESH:D007649',
      predicate: 'biolink:treats_or_applied_or_studied_to_treat',
      object: 'MESH:D003865',
      knowledge_level: 'knowledge_assertion',
      agent_type: 'manual_agent',
      publications: ['PMID:24392693'],
      primary_knowledge_source: 'infores:evmap',
    });
  });

  it('marks a mined contradicting claim as text mining and negated', () => {
    expect(edgesOf('biolink:affects')).toEqual([
      expect.objectContaining({ subject: 'MESH:D007649', object: 'NCBIGene:2931', negated: true, knowledge_level: 'not_provided', agent_type: 'text_mining_agent', publications: ['PMID:24388038'] }),
    ]);
  });

  it('maps the other relationships, keeping evmap’s type, and leaves authors out', () => {
    expect(edgesOf('biolink:similar_to')).toEqual([expect.objectContaining({ subject: 'PMID:24392693', object: 'PMID:24388038', agent_type: 'computational_model', original_predicate: 'evmap:SIMILAR_TO' })]);
    expect(edgesOf('biolink:related_to')).toEqual([expect.objectContaining({ subject: 'evmap:Paper:900000001', object: 'PMID:24392693', original_predicate: 'evmap:CITES' })]);
    expect(edgesOf('biolink:part_of')).toEqual([expect.objectContaining({ subject: 'evmap:Mechanism:gsk-3b', object: 'NCBIGene:2931' })]);
    const ids = new Set(kgx.nodes.map((n) => n.id));
    expect(kgx.edges.every((e) => ids.has(e.subject) && ids.has(e.object))).toBe(true);
    expect(kgx.edges.every((e) => e.primary_knowledge_source === 'infores:evmap')).toBe(true);
  });

  it('writes JSON Lines: one object per line', () => {
    const text = kgxLines(kgx.edges);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n').map((l) => JSON.parse(l) as KgxEdge)).toEqual(kgx.edges);
    expect(kgxLines([])).toBe('');
  });
});
