import type { Hit } from '../../src/explorer/queries';
import { suggestions } from '../../src/explorer/suggest';

const paper = (n: number): Hit => ({ kind: 'Paper', score: 3, node: { id: `Paper:${n}`, title: `GSK-3 paper ${n}` } });
const gsk3: Hit = { kind: 'Mechanism', score: 1.7, node: { id: 'Mechanism:gsk-3', name: 'GSK-3' } };
const gsk3b: Hit = { kind: 'Mechanism', score: 1.7, node: { id: 'Mechanism:gsk-3b', name: 'GSK-3β' } };

describe('search suggestions', () => {
  it('puts the entity the words name first, then entities, then papers, ten at most', () => {
    const hits = [...Array.from({ length: 12 }, (_, i) => paper(i)), gsk3b, gsk3];
    const shown = suggestions({ ...gsk3, score: Infinity }, hits, false);
    expect(shown.map((h) => h.node.id)).toEqual(['Mechanism:gsk-3', 'Mechanism:gsk-3b', ...Array.from({ length: 8 }, (_, i) => `Paper:${i}`)]);
  });

  it('leaves papers out where only entities can be picked, and works without an exact name', () => {
    expect(suggestions(null, [paper(1), gsk3b, paper(2), gsk3], true).map((h) => h.node.id)).toEqual(['Mechanism:gsk-3b', 'Mechanism:gsk-3']);
  });
});
