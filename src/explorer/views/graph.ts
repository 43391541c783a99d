/**
 * The graph view: the neighbourhood of the seeds, grown by clicking nodes, filtered, with hubs
 * folded into count bubbles and a shortest path between two nodes on request.
 */
import { errorText, fill, h, notice, swatch } from '../dom';
import { draw, emptyGraph, merge, undetailed, type Drawn, type LoadedGraph } from '../graphModel';
import { neighbourhood, nodeDetails, shortestPath, type GraphPart } from '../queries';
import { searchBox } from '../search';
import { formatHash, type GraphFilters, type GraphRoute, type Route } from '../state';
import { labelWords, SOURCES, STANCES, words } from '../vocab';
import { LABEL_COLOURS } from './colours';
import { download } from './download';
import { graphCanvas, type Canvas } from './graphCanvas';
import type { Navigator, View } from './view';

function pageOf(id: string): Route | null {
  const [label, ...rest] = id.split(':');
  if (label === 'Paper') return { view: 'paper', pmid: rest.join(':') };
  if (label === 'Claim' || label === 'Author') return null;
  return { view: 'entity', id };
}

/** Checkboxes for a set of values, all ticked meaning "no filter". */
function choices<T extends string>(legend: string, all: readonly T[], chosen: readonly T[], onChange: (picked: T[]) => void, caption: (v: T) => string = words): HTMLElement {
  const boxes = all.map((value) => {
    const box = h('input', { type: 'checkbox', value, checked: chosen.length === 0 || chosen.includes(value) });
    return { value, box, label: h('label', {}, box, ` ${caption(value)}`) };
  });
  for (const { box } of boxes) {
    box.addEventListener('change', () => {
      const picked = boxes.filter((b) => b.box.checked).map((b) => b.value);
      // An empty choice would mean "no filter"; keeping one box ticked keeps the meaning plain.
      if (picked.length === 0) {
        box.checked = true;
        return;
      }
      onChange(picked.length === all.length ? [] : picked);
    });
  }
  return h('fieldset', {}, h('legend', {}, legend), ...boxes.map((b) => b.label));
}

function yearInput(label: string, value: number | null, onChange: (year: number | null) => void): HTMLElement {
  const input = h('input', { type: 'number', min: 1800, max: 2100, step: 1, value: value ?? '', 'aria-label': label, placeholder: label });
  input.addEventListener('change', () => onChange(/^\d{4}$/.test(input.value) ? Number(input.value) : null));
  return input;
}

class GraphExplorer {
  private readonly graph: LoadedGraph = emptyGraph();
  private readonly fetched = new Set<string>();
  private pathIds = new Set<string>();
  private pathNodes: string[] = [];
  private truncated = false;
  private canvas: Canvas | undefined;
  private drawn: Drawn | undefined;
  private readonly status = h('p', { class: 'graph-status', role: 'status' });
  private readonly typeFilters = h('div', { class: 'type-filters' });
  private readonly details = h('section', { class: 'node-details', 'aria-label': 'Selected node' }, h('p', { class: 'hint' }, 'Click a node to expand it and see what it is.'));
  private readonly pathResult = h('p', { class: 'path-result', role: 'status' });
  private readonly nodeList = h('ul', { class: 'node-list' });
  private nameBoxes: () => void = () => undefined;

  constructor(
    private route: GraphRoute,
    private readonly nav: Navigator,
  ) {}

  mount(root: HTMLElement): void {
    const canvasBox = h('div', { class: 'graph-canvas', 'aria-label': 'Graph drawing; the list below has the same nodes' });
    fill(
      root,
      h(
        'div',
        { class: 'graph-page' },
        h('aside', { class: 'graph-side' }, this.legend(), this.filters(), this.pathForm(), this.details),
        h(
          'div',
          { class: 'graph-main' },
          h('div', { class: 'graph-toolbar' }, this.status, h('button', { type: 'button', onclick: () => this.canvas && download(this.canvas.png(), 'evmap-graph.png') }, 'Download PNG')),
          canvasBox,
          h('details', { class: 'node-list-box', open: true }, h('summary', {}, 'Nodes in view'), this.nodeList),
        ),
      ),
    );
    this.canvas = graphCanvas(canvasBox, { onTap: (id) => void this.expand(id) });
  }

  destroy(): void {
    this.canvas?.destroy();
  }

  private legend(): HTMLElement {
    return h(
      'section',
      { class: 'legend-box', 'aria-label': 'Legend' },
      h('h2', {}, 'Legend'),
      h(
        'ul',
        { class: 'legend' },
        ...Object.entries(LABEL_COLOURS).map(([label, colour]) => h('li', {}, swatch(colour), labelWords(label))),
        h('li', {}, h('span', { class: 'swatch bubble', 'aria-hidden': 'true' }), 'more neighbours (click to show)'),
        h('li', {}, h('span', { class: 'swatch path', 'aria-hidden': 'true' }), 'the path asked for'),
      ),
      h('p', { class: 'hint' }, 'A claim’s diamond is outlined by its stance: blue supports, red contradicts, grey mentions.'),
    );
  }

  private setFilters(change: Partial<GraphFilters>): void {
    this.route = { ...this.route, filters: { ...this.route.filters, ...change } };
    this.nav.replace(this.route);
    this.redraw();
  }

  private filters(): HTMLElement {
    const f = this.route.filters;
    return h(
      'section',
      { class: 'filters', 'aria-label': 'Filters' },
      h('h2', {}, 'Filters'),
      this.typeFilters,
      choices('Claim stance', STANCES, f.stances, (stances) => this.setFilters({ stances })),
      choices('Claim source', SOURCES, f.sources, (sources) => this.setFilters({ sources })),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Paper year'),
        yearInput('from year', f.yearFrom, (yearFrom) => this.setFilters({ yearFrom })),
        ' – ',
        yearInput('to year', f.yearTo, (yearTo) => this.setFilters({ yearTo })),
      ),
    );
  }

  private pathForm(): HTMLElement {
    let from = this.route.path?.from ?? this.route.seeds[0] ?? '';
    let to = this.route.path?.to ?? '';
    const fromBox = searchBox({ label: 'Path from', placeholder: 'from…', entitiesOnly: true, onPick: (hit) => (from = hit.node.id) });
    const toBox = searchBox({ label: 'Path to', placeholder: 'to…', entitiesOnly: true, onPick: (hit) => (to = hit.node.id) });
    // The boxes show names; until the graph is loaded only the ids are known.
    this.nameBoxes = () => {
      for (const [box, id] of [[fromBox, from], [toBox, to]] as const) {
        const input = box.querySelector('input');
        if (input && !input.value && id) input.value = this.graph.nodes.get(id)?.name ?? id;
      }
    };
    return h(
      'section',
      { class: 'path-form', 'aria-label': 'Path between two entities' },
      h('h2', {}, 'Path'),
      fromBox,
      toBox,
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', onclick: () => from && to && void this.findPath(from, to) }, 'Find path'),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.clearPath() }, 'Clear'),
      ),
      this.pathResult,
    );
  }

  async load(): Promise<void> {
    this.status.textContent = 'Loading the neighbourhood…';
    try {
      await this.fetch([...this.route.seeds, ...this.route.expanded]);
      if (this.route.path) await this.findPath(this.route.path.from, this.route.path.to);
    } catch (error) {
      this.status.replaceChildren(notice(`Could not load the graph: ${errorText(error)}`, 'error'));
      return;
    }
    this.nameBoxes();
    this.redraw();
  }

  private async fetch(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.fetched.has(id));
    if (fresh.length === 0) return;
    const part: GraphPart = await neighbourhood(fresh);
    for (const id of fresh) this.fetched.add(id);
    this.truncated ||= part.truncated;
    merge(this.graph, part);
    await this.readDetails();
  }

  private async readDetails(): Promise<void> {
    const missing = undetailed(this.graph);
    if (missing.length === 0) return;
    for (const d of await nodeDetails(missing)) {
      const node = this.graph.nodes.get(d.id);
      if (node) Object.assign(node, { stance: d.stance, source: d.source, evidenceLevel: d.evidenceLevel, year: d.paper ? d.paper.year : (d.year ?? null), detailed: true });
    }
  }

  /** Fetches a node's neighbours and shows them unfolded; a bubble's click expands its hub. */
  async expand(id: string): Promise<void> {
    if (!this.route.expanded.includes(id)) {
      this.route = { ...this.route, expanded: [...this.route.expanded, id] };
      this.nav.replace(this.route);
    }
    this.status.textContent = 'Expanding…';
    try {
      await this.fetch([id]);
    } catch (error) {
      this.status.replaceChildren(notice(`Could not expand ${id}: ${errorText(error)}`, 'error'));
      return;
    }
    this.redraw();
    this.canvas?.select(id);
    this.showDetails(id);
  }

  private async findPath(from: string, to: string): Promise<void> {
    this.route = { ...this.route, path: { from, to } };
    this.nav.replace(this.route);
    this.pathResult.textContent = 'Looking for a path…';
    try {
      const path = await shortestPath(from, to);
      if (!path) {
        this.pathIds = new Set();
        this.pathNodes = [];
        this.pathResult.textContent = 'No path of at most 6 links joins them.';
      } else {
        merge(this.graph, path);
        await this.readDetails();
        this.pathNodes = path.nodes.map((n) => n.id);
        this.pathIds = new Set([...this.pathNodes, ...path.edges.map((e) => e.id)]);
        this.pathResult.replaceChildren(`${path.length} link${path.length === 1 ? '' : 's'}: `, ...path.nodes.flatMap((n, i) => [i > 0 ? ' → ' : '', h('span', { class: `kind-${n.label}` }, n.name ?? n.id)]));
      }
    } catch (error) {
      this.pathResult.replaceChildren(notice(`Could not find a path: ${errorText(error)}`, 'error'));
    }
    this.redraw();
  }

  private clearPath(): void {
    this.route = { ...this.route, path: null };
    this.nav.replace(this.route);
    this.pathIds = new Set();
    this.pathNodes = [];
    this.pathResult.textContent = '';
    this.redraw();
  }

  private redraw(): void {
    const drawn = draw(this.graph, { seeds: this.route.seeds, expanded: this.route.expanded, anchors: this.pathNodes, filters: this.route.filters });
    this.drawn = drawn;
    this.canvas?.show(drawn, { seeds: new Set(this.route.seeds), path: this.pathIds });
    const folded = drawn.bubbles.reduce((n, b) => n + b.count, 0);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    this.status.textContent = `${plural(drawn.nodes.length, 'node')} and ${plural(drawn.edges.length, 'link')} shown${folded > 0 ? `, ${folded} more folded into bubbles` : ''}.${this.truncated ? ' The server cut a neighbourhood at its limit: not every neighbour is loaded.' : ''}`;
    this.renderTypeFilters();
    this.renderNodeList(drawn);
  }

  private renderTypeFilters(): void {
    const types = [...new Set([...[...this.graph.edges.values()].map((e) => e.type), ...this.route.filters.hiddenTypes])].sort();
    const hidden = this.route.filters.hiddenTypes;
    fill(
      this.typeFilters,
      choices(
        'Relationship type',
        types,
        types.filter((t) => !hidden.includes(t)),
        (shown) => this.setFilters({ hiddenTypes: shown.length === 0 ? [] : types.filter((t) => !shown.includes(t)) }),
        (t) => t,
      ),
    );
  }

  private renderNodeList(drawn: Drawn): void {
    const nodes = [...drawn.nodes].sort((a, b) => a.label.localeCompare(b.label) || (a.name ?? '').localeCompare(b.name ?? ''));
    const name = (id: string) => this.graph.nodes.get(id)?.name ?? id;
    fill(
      this.nodeList,
      ...drawn.bubbles.map((b) =>
        h(
          'li',
          { class: 'bubble-item', 'data-id': b.hub },
          h('span', {}, `${b.count} more ${labelWords(b.label)}${b.count === 1 ? '' : 's'} around ${name(b.hub)}`),
          h('button', { type: 'button', onclick: () => void this.expand(b.hub), 'aria-label': `Show the ${b.count} ${labelWords(b.label)}s around ${name(b.hub)}` }, 'Show'),
        ),
      ),
      ...nodes.map((n) => {
        const expanded = this.route.expanded.includes(n.id);
        return h(
          'li',
          { 'data-id': n.id },
          h('span', { class: `kind kind-${n.label}` }, labelWords(n.label)),
          h('button', { type: 'button', class: 'link', onclick: () => this.showDetails(n.id) }, n.name ?? n.id),
          h('span', { class: 'degree' }, `${drawn.degree.get(n.id) ?? 0} neighbour${drawn.degree.get(n.id) === 1 ? '' : 's'} loaded`),
          h('button', { type: 'button', disabled: expanded, onclick: () => void this.expand(n.id), 'aria-label': expanded ? `${n.name ?? n.id} is expanded` : `Expand ${n.name ?? n.id}` }, expanded ? 'Expanded' : 'Expand'),
        );
      }),
    );
  }

  private showDetails(id: string): void {
    const node = this.graph.nodes.get(id);
    if (!node) return;
    this.canvas?.select(id);
    const page = pageOf(id);
    const facts = [
      node.stance && `stance: ${words(node.stance)}`,
      node.source && `source: ${words(node.source)}`,
      node.evidenceLevel && `evidence level: ${words(node.evidenceLevel)}`,
      node.year && `year: ${node.year}`,
    ].filter(Boolean);
    fill(
      this.details,
      h('h2', {}, labelWords(node.label)),
      h('p', { class: 'node-name' }, node.name ?? id),
      facts.length > 0 ? h('p', { class: 'facts' }, facts.join(' · ')) : null,
      h('p', { class: 'node-id' }, id),
      page ? h('a', { href: formatHash(page) }, node.label === 'Paper' ? 'Open the paper page' : 'Open the entity page') : null,
      this.drawn && !this.route.seeds.includes(id) ? h('a', { href: formatHash({ ...this.route, seeds: [id], expanded: [], path: null }), class: 'secondary' }, ' · Centre the graph here') : null,
    );
  }
}

export const graphView: View<GraphRoute> = async (root, route, nav) => {
  document.title = 'Graph · evmap explorer';
  const explorer = new GraphExplorer(route, nav);
  explorer.mount(root);
  await explorer.load();
  return () => explorer.destroy();
};
