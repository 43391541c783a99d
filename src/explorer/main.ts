/** The explorer's entry: the page frame, the search box, and the view the URL's hash names. */
import './explorer.css';
import { errorText, h, notice } from './dom';
import { keyControls } from './keyForm';
import { access } from './queries';
import { searchBox } from './search';
import { formatHash, mapRoute, parseHash, type Route } from './state';
import { entityView } from './views/entity';
import { graphView } from './views/graph';
import { homeView } from './views/home';
import { mapView } from './views/map';
import { paperView } from './views/paper';
import { timelineView } from './views/timeline';
import type { Navigator } from './views/view';

const nav: Navigator = {
  go: (route) => {
    location.hash = formatHash(route);
  },
  replace: (route) => {
    // replaceState fires no hashchange, so the view keeps what it drew.
    history.replaceState(null, '', formatHash(route));
    markTab(route);
  },
};

const tabs = new Map<Route['view'], HTMLAnchorElement>();

function markTab(route: Route): void {
  for (const [view, a] of tabs) {
    if (view === route.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function frame(): HTMLElement {
  const main = h('main', { id: 'view', tabindex: -1 });
  const key = keyControls(main);
  const tab = (view: Route['view'], text: string, route: Route) => {
    const a = h('a', { href: formatHash(route) }, text);
    tabs.set(view, a);
    return a;
  };
  const header = h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/' }, 'evmap ', h('span', {}, 'explorer')),
    searchBox({
      label: 'Search entities and papers',
      placeholder: 'Search mechanisms, compounds, conditions, papers…',
      onPick: (hit) => nav.go(hit.kind === 'Paper' ? { view: 'paper', pmid: hit.node.id.replace(/^Paper:/, '') } : { view: 'entity', id: hit.node.id }),
    }),
    h('nav', { class: 'tabs', 'aria-label': 'Views' }, tab('home', 'Home', { view: 'home' }), tab('map', 'Evidence map', mapRoute())),
    key.status,
  );
  document.getElementById('app')?.replaceChildren(header, key.form, main);
  return main;
}

const root = frame();
let release: (() => void) | void;
let drawing = 0;

async function show(): Promise<void> {
  const route = parseHash(location.hash);
  drawing += 1;
  const mine = drawing;
  release?.();
  release = undefined;
  markTab(route);
  // Each view draws into its own element, so one still loading when the next opens draws nowhere.
  const into = h('div', { class: 'view' });
  root.replaceChildren(into);
  try {
    const done = await (route.view === 'entity'
      ? entityView(into, route, nav)
      : route.view === 'paper'
        ? paperView(into, route, nav)
        : route.view === 'graph'
          ? graphView(into, route, nav)
          : route.view === 'map'
            ? mapView(into, route, nav)
            : route.view === 'timeline'
              ? timelineView(into, route, nav)
              : homeView(into, route, nav));
    if (mine === drawing) release = done;
    else done?.();
  } catch (error) {
    into.replaceChildren(notice(`This view failed: ${errorText(error)}`, 'error'));
  }
}

window.addEventListener('hashchange', () => void show());
void show();
// The home page asks the server nothing, yet on a server that needs a key the form should show
// from the start; any other failure is left to the views, which say it where it matters.
access().catch(() => undefined);
