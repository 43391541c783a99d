/** The start page: what the explorer is for, and a few ways in. */
import { fill, h } from '../dom';
import { formatHash, graphRoute, mapRoute, type Route } from '../state';
import type { View } from './view';

export const homeView: View<Extract<Route, { view: 'home' }>> = async (root) => {
  document.title = 'evmap explorer';
  const entity = (id: string, name: string) => h('li', {}, h('a', { href: formatHash({ view: 'entity', id }) }, name));
  fill(
    root,
    h(
      'div',
      { class: 'home' },
      h('h1', {}, 'Explore the evidence'),
      h('p', {}, 'Search above for a mechanism, compound, condition, biomarker or paper. An entity’s page lists the papers that support and contradict it, each quote marked in its abstract; the graph shows its neighbourhood; the evidence map shows where evidence is and where it is missing.'),
      h('h2', {}, 'Start with'),
      h('ul', { class: 'starts' }, entity('Mechanism:mtor', 'mTOR'), entity('Mechanism:gsk-3', 'GSK-3'), entity('Mechanism:nmda-receptor', 'NMDA receptor'), entity('Compound:ketamine', 'ketamine')),
      h(
        'ul',
        { class: 'starts' },
        h('li', {}, h('a', { href: formatHash(graphRoute(['Compound:ketamine'])) }, 'The graph around ketamine')),
        h('li', {}, h('a', { href: formatHash(mapRoute('MECHANISM', 'CONDITION')) }, 'Mechanisms × conditions')),
        h('li', {}, h('a', { href: formatHash(mapRoute('COMPOUND', 'CONDITION')) }, 'Compounds × conditions')),
      ),
    ),
  );
};
