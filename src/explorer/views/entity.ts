/** An entity page: what it is, how its evidence grew, and the papers that support and contradict it. */
import { errorText, fill, h, notice } from '../dom';
import { entityPage, PAPERS_PER_STANCE, type EntityPage, type EvidenceEdge } from '../queries';
import { formatHash, graphRoute, mapRoute, type Route } from '../state';
import { kindOfId, labelWords } from '../vocab';
import { paperCard } from './paperCard';
import { timelineChart } from './timeline';
import type { View } from './view';

function evidenceSection(heading: string, id: string, found: { totalCount: number; edges: EvidenceEdge[] }, none: string): HTMLElement {
  const shown = found.edges.length < found.totalCount ? ` (the first ${found.edges.length})` : '';
  return h(
    'section',
    { class: 'evidence', 'aria-labelledby': id },
    h('h2', { id }, `${heading}: ${found.totalCount} paper${found.totalCount === 1 ? '' : 's'}${shown}`),
    found.edges.length === 0 ? notice(none, 'empty') : h('div', { class: 'papers' }, ...found.edges.map((e) => paperCard(e.node, e.claims, { distance: e.distance }))),
  );
}

function header(entity: EntityPage): HTMLElement {
  const kind = kindOfId(entity.id);
  return h(
    'header',
    { class: 'page-head' },
    h('p', { class: `kind kind-${entity.__typename}` }, labelWords(entity.__typename)),
    h('h1', {}, entity.name),
    entity.aliases.length > 0 ? h('p', { class: 'aliases' }, `Also: ${entity.aliases.join(', ')}`) : null,
    entity.description ? h('p', { class: 'description' }, entity.description) : null,
    h(
      'nav',
      { class: 'actions', 'aria-label': 'Views of this entity' },
      h('a', { href: formatHash(graphRoute([entity.id])) }, 'Graph'),
      h('a', { href: formatHash({ view: 'timeline', id: entity.id }) }, 'Timeline'),
      kind ? h('a', { href: formatHash(mapRoute(kind, kind === 'CONDITION' ? 'MECHANISM' : 'CONDITION')) }, 'Evidence map') : null,
    ),
    h('p', { class: 'counts' }, `${entity.supporting.totalCount} supporting, ${entity.contradicting.totalCount} contradicting papers; ${entity.mentions.totalCount} mention claims.`),
  );
}

export const entityView: View<Extract<Route, { view: 'entity' }>> = async (root, route) => {
  fill(root, notice(`Loading ${route.id}…`));
  let entity: EntityPage | null;
  try {
    entity = await entityPage(route.id);
  } catch (error) {
    fill(root, notice(`Could not load ${route.id}: ${errorText(error)}`, 'error'));
    return;
  }
  if (!entity) {
    fill(root, notice(`No entity is called “${route.id}”.`, 'empty'));
    return;
  }
  document.title = `${entity.name} · evmap explorer`;
  const chart = h('section', { class: 'timeline-inline', 'aria-label': 'Evidence by year' });
  fill(
    root,
    h(
      'div',
      { class: 'entity-page' },
      header(entity),
      chart,
      evidenceSection('Supporting', 'supporting-heading', entity.supporting, `No paper supports ${entity.name} in the graph.`),
      evidenceSection('Contradicting', 'contradicting-heading', entity.contradicting, `No paper contradicts ${entity.name} in the graph.`),
      entity.supporting.totalCount > PAPERS_PER_STANCE || entity.contradicting.totalCount > PAPERS_PER_STANCE
        ? h('p', { class: 'notice' }, `Only the first ${PAPERS_PER_STANCE} papers of each stance are listed; the GraphQL API pages through all of them.`)
        : null,
    ),
  );
  await timelineChart(chart, entity.id, { compact: true });
};
