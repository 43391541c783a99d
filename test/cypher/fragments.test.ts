import {
  authorProjection,
  claimProjection,
  entityLabelOf,
  entityProjection,
  graphNodeCypher,
  keysByLabel,
  nodesByKeysCypher,
  paperProjection,
  publicIdCypher,
} from '../../src/graph/fragments';
import { ENTITY_LABELS, NODE_KEYS, NODE_LABELS } from '../../src/graph/model';
import { referencedParams } from './queryChecks';

const FRAGMENTS = { paperProjection, authorProjection, claimProjection, entityLabelOf, entityProjection, publicIdCypher, graphNodeCypher, nodesByKeysCypher };

describe('Cypher fragments', () => {
  it.each(Object.entries(FRAGMENTS))('%s of a variable', (_name, fragment) => {
    expect(fragment('x')).toMatchSnapshot();
  });

  it.each(Object.keys(FRAGMENTS))('%s refuses what is not a variable name', (name) => {
    const fragment = FRAGMENTS[name as keyof typeof FRAGMENTS];
    for (const bad of ['p) DETACH DELETE', 'p.title', 'P', '1p', '', 'p p', '`p`', 'p}', '$p', 'p\n']) {
      expect(() => fragment(bad)).toThrow(/not a Cypher variable name/);
    }
    expect(() => fragment('p2Node')).not.toThrow();
  });

  it('uses the variable it is given, and no parameter except the named one', () => {
    for (const [name, fragment] of Object.entries(FRAGMENTS)) {
      const text = fragment('zed');
      expect(referencedParams(text)).toEqual(name === 'nodesByKeysCypher' ? ['zed'] : []);
      if (name !== 'nodesByKeysCypher') expect(text).toContain('zed');
    }
  });

  it('names every model label, in the model order, in the per-label expressions', () => {
    const publicId = publicIdCypher('n');
    const branches = [...publicId.matchAll(/WHEN n:(\w+) THEN \('(\w+):' \+ n\.(\w+)\)/g)].map((m) => [m[1], m[2], m[3]]);
    expect(branches).toEqual(NODE_LABELS.map((l) => [l, l, NODE_KEYS[l]]));
    expect(publicId).toMatch(/^CASE\n[\s\S]*\nEND$/);
    expect(entityLabelOf('n')).toBe(`[l IN labels(n) WHERE l IN [${ENTITY_LABELS.map((l) => `'${l}'`).join(', ')}]][0]`);
  });

  it('groups public ids by label, canonicalising PMIDs and dropping ids it cannot use', () => {
    const keys = keysByLabel(['Paper:0024392693', 'Paper:abc', 'Mechanism:mtor', 'Mechanism:mtor', 'Nope:1', ':x', 'Compound:']);
    expect(keys.Paper).toEqual(['24392693']);
    expect(keys.Mechanism).toEqual(['mtor', 'mtor']);
    expect(Object.keys(keys)).toEqual(NODE_LABELS);
    expect(Object.values(keys).flat()).toHaveLength(3);
  });
});
