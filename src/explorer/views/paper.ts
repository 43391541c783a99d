/** A paper page: its record, abstract with every claim's quote marked, and the entities each claim is about. */
import { errorText, fill, h, notice } from '../dom';
import { paperPage, type ClaimInfo, type EntityRef, type PaperPage } from '../queries';
import { formatHash, graphRoute, type Route } from '../state';
import { labelWords } from '../vocab';
import { paperCard } from './paperCard';
import type { View } from './view';

function aboutLinks(about: readonly EntityRef[]): HTMLElement {
  return h(
    'span',
    { class: 'about' },
    'About: ',
    ...about.flatMap((e, i) => [i > 0 ? ', ' : '', h('a', { href: formatHash({ view: 'entity', id: e.id }), title: labelWords(e.__typename) }, e.name)]),
  );
}

export const paperView: View<Extract<Route, { view: 'paper' }>> = async (root, route) => {
  fill(root, notice(`Loading PMID ${route.pmid}…`));
  let paper: PaperPage | null;
  try {
    paper = await paperPage(route.pmid);
  } catch (error) {
    fill(root, notice(`Could not load PMID ${route.pmid}: ${errorText(error)}`, 'error'));
    return;
  }
  if (!paper) {
    fill(root, notice(`No paper has PMID ${route.pmid} in the graph.`, 'empty'));
    return;
  }
  document.title = `${paper.title ?? paper.pmid} · evmap explorer`;
  const about = new Map(paper.claims.edges.map((e) => [e.node.id, e.node.about]));
  const claims: ClaimInfo[] = paper.claims.edges.map((e) => e.node);
  fill(
    root,
    h(
      'div',
      { class: 'paper-page' },
      h('p', { class: 'kind kind-Paper' }, 'paper'),
      h('nav', { class: 'actions', 'aria-label': 'Views of this paper' }, h('a', { href: formatHash(graphRoute([paper.id])) }, 'Graph')),
      paper.authors.length > 0 ? h('p', { class: 'authors' }, paper.authors.map((a) => a.name).join(', ')) : null,
      paperCard(paper, claims, { claimExtra: (c) => aboutLinks(about.get(c.id) ?? []) }),
      paper.claims.totalCount > claims.length ? h('p', { class: 'notice' }, `The first ${claims.length} of ${paper.claims.totalCount} claims.`) : null,
    ),
  );
};
