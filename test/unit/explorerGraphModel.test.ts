import { draw, emptyGraph, merge, undetailed, type LoadedGraph, type LoadedNode } from '../../src/explorer/graphModel';
import { NO_GRAPH_FILTERS } from '../../src/explorer/state';

function claim(id: string, stance: LoadedNode['stance'], year: number | null): LoadedNode {
  return { id, label: 'Claim', name: id, stance, source: 'TEXT_MINED', year, detailed: true };
}

/** Ketamine with twelve mined claims, one curated claim that links on to mTOR, and a research aim. */
function ketamine(): LoadedGraph {
  const graph = emptyGraph();
  const mined = Array.from({ length: 12 }, (_, i) => claim(`Claim:m${i}`, 'MENTIONS', 2015 + i));
  merge(graph, {
    nodes: [{ id: 'Compound:ketamine', label: 'Compound', name: 'ketamine' }, ...mined, { ...claim('Claim:c', 'SUPPORTS', 2014), source: 'CURATED' }, { id: 'Mechanism:mtor', label: 'Mechanism', name: 'mTOR' }, { id: 'ResearchAim:a', label: 'ResearchAim', name: 'aim' }],
    edges: [
      ...mined.map((m) => ({ id: `ABOUT:${m.id}`, type: 'ABOUT', source: m.id, target: 'Compound:ketamine' })),
      { id: 'ABOUT:c-k', type: 'ABOUT', source: 'Claim:c', target: 'Compound:ketamine' },
      { id: 'ABOUT:c-m', type: 'ABOUT', source: 'Claim:c', target: 'Mechanism:mtor' },
      { id: 'CONCERNS:a', type: 'CONCERNS', source: 'ResearchAim:a', target: 'Compound:ketamine' },
    ],
  });
  return graph;
}

const seeds = ['Compound:ketamine'];
const ids = (nodes: readonly { id: string }[]) => nodes.map((n) => n.id).sort();

describe('what the graph view draws', () => {
  it('folds a hub’s many single-link neighbours of one label into a bubble, and keeps the rest', () => {
    const drawn = draw(ketamine(), { seeds, expanded: [], anchors: [], filters: NO_GRAPH_FILTERS });
    expect(drawn.bubbles).toEqual([{ id: 'bubble:Claim:Compound:ketamine', hub: 'Compound:ketamine', label: 'Claim', count: 12 }]);
    expect(ids(drawn.nodes)).toEqual(['Claim:c', 'Compound:ketamine', 'Mechanism:mtor', 'ResearchAim:a']);
    expect(drawn.degree.get('Compound:ketamine')).toBe(14);
  });

  it('unfolds an expanded hub', () => {
    const drawn = draw(ketamine(), { seeds, expanded: seeds, anchors: [], filters: NO_GRAPH_FILTERS });
    expect(drawn.bubbles).toEqual([]);
    expect(drawn.nodes).toHaveLength(16);
    expect(drawn.edges).toHaveLength(15);
  });

  it('filters claims by stance, source and year, and hides what a filter leaves unreachable', () => {
    const supportsOnly = draw(ketamine(), { seeds, expanded: seeds, anchors: [], filters: { ...NO_GRAPH_FILTERS, stances: ['SUPPORTS'] } });
    expect(ids(supportsOnly.nodes)).toEqual(['Claim:c', 'Compound:ketamine', 'Mechanism:mtor', 'ResearchAim:a']);

    const minedOnly = draw(ketamine(), { seeds, expanded: seeds, anchors: [], filters: { ...NO_GRAPH_FILTERS, sources: ['TEXT_MINED'] } });
    expect(minedOnly.nodes.map((n) => n.id)).not.toContain('Mechanism:mtor');

    const recent = draw(ketamine(), { seeds, expanded: seeds, anchors: [], filters: { ...NO_GRAPH_FILTERS, yearFrom: 2020, yearTo: 2022 } });
    expect(ids(recent.nodes.filter((n) => n.label === 'Claim'))).toEqual(['Claim:m5', 'Claim:m6', 'Claim:m7']);

    const noAbout = draw(ketamine(), { seeds, expanded: seeds, anchors: [], filters: { ...NO_GRAPH_FILTERS, hiddenTypes: ['ABOUT'] } });
    expect(ids(noAbout.nodes)).toEqual(['Compound:ketamine', 'ResearchAim:a']);
  });

  it('always draws the seeds and a path’s nodes, whatever the filters', () => {
    const drawn = draw(ketamine(), { seeds, expanded: [], anchors: ['Claim:c', 'Mechanism:mtor'], filters: { ...NO_GRAPH_FILTERS, stances: ['CONTRADICTS'], hiddenTypes: ['CONCERNS'] } });
    expect(ids(drawn.nodes)).toEqual(['Claim:c', 'Compound:ketamine', 'Mechanism:mtor']);
  });

  it('keeps details already read when the same node arrives again, and lists those still to read', () => {
    const graph = ketamine();
    merge(graph, { nodes: [{ id: 'Claim:c', label: 'Claim', name: 'again' }, { id: 'Paper:1', label: 'Paper', name: 'p' }], edges: [] });
    expect(graph.nodes.get('Claim:c')?.stance).toBe('SUPPORTS');
    expect(undetailed(graph)).toEqual(['Paper:1']);
  });
});
