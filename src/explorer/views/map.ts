/**
 * The evidence map: entities of one kind against another, one bubble per cell (area = papers,
 * colour = strongest evidence level or stance balance), hatched cells for the gaps, and the
 * papers and quotes behind a cell on click.
 */
import type { EntityKind } from '../../generated/schema';
import { exportFile } from '../api';
import { errorText, fill, h, notice, s } from '../dom';
import { balanceColour, bubbleRadius, cellColour, LEVEL_COLOURS, NEUTRAL_COLOUR } from '../mapColour';
import { evidenceCell, evidenceMap, mapWhere, type EvidenceMapData, type MapCell } from '../queries';
import { formatHash, type MapFilters, type MapRoute } from '../state';
import { ENTITY_KINDS, kindWords, LEVELS, SOURCES, words } from '../vocab';
import { download, saveBlob } from './download';
import { paperCard } from './paperCard';
import type { Navigator, View } from './view';

/** Cells shrink as columns grow, down to a size a pointer still hits. */
function cellSize(columns: number): number {
  return Math.max(22, Math.min(40, Math.floor(640 / Math.max(1, columns))));
}
const FONT = 'system-ui, -apple-system, Segoe UI, sans-serif';

function cellLabel(row: string, column: string, cell: MapCell | undefined): string {
  const papers = cell?.papers ?? 0;
  return papers === 0 ? `${row} × ${column}: no papers (a gap)` : `${row} × ${column}: ${papers} paper${papers === 1 ? '' : 's'}, ${cell?.claims ?? 0} claim${cell?.claims === 1 ? '' : 's'}`;
}

/** Rows and columns to draw: all, or only those with a paper in some cell. */
function shown(data: EvidenceMapData, evidenceOnly: boolean): Pick<EvidenceMapData, 'rows' | 'columns'> {
  if (!evidenceOnly) return data;
  const full = data.cells.filter((c) => c.papers > 0);
  const rows = new Set(full.map((c) => c.row));
  const columns = new Set(full.map((c) => c.column));
  return { rows: data.rows.filter((r) => rows.has(r.id)), columns: data.columns.filter((c) => columns.has(c.id)) };
}

function legend(svg: SVGSVGElement, x: number, y: number, route: MapRoute, maxPapers: number, cell: number): number {
  const g = s('g', { transform: `translate(${x},${y})`, 'font-size': 11, fill: '#333' });
  const entries: Array<[string, string]> =
    route.colourBy === 'level'
      ? [...LEVELS.map((l): [string, string] => [LEVEL_COLOURS[l], words(l)]), [NEUTRAL_COLOUR, 'no level given']]
      : [
          [balanceColour(1), 'all supporting'],
          [balanceColour(0.5), 'mostly supporting'],
          [balanceColour(0), 'as many each way'],
          [balanceColour(-0.5), 'mostly contradicting'],
          [balanceColour(-1), 'all contradicting'],
          [NEUTRAL_COLOUR, 'mentions only'],
        ];
  g.append(s('text', { x: 0, y: 0, 'font-weight': 'bold' }, route.colourBy === 'level' ? 'Colour: strongest evidence level' : 'Colour: stance balance'));
  entries.forEach(([colour, text], i) => {
    const col = i % 3;
    const line = Math.floor(i / 3);
    g.append(s('circle', { cx: col * 150 + 6, cy: 16 + line * 18, r: 6, fill: colour, stroke: '#555', 'stroke-width': 0.5 }), s('text', { x: col * 150 + 16, y: 20 + line * 18 }, text));
  });
  const r = cell / 2 - 2;
  // The size row is as tall as the largest bubble; its texts sit on the bubbles' centre line.
  const mid = 16 + Math.ceil(entries.length / 3) * 18 + 4 + r;
  const one = bubbleRadius(1, maxPapers, r);
  g.append(s('text', { x: 0, y: mid + 4, 'font-weight': 'bold' }, 'Size: papers'), s('circle', { cx: 96 + one, cy: mid, r: one, fill: '#bbb' }), s('text', { x: 100 + 2 * one, y: mid + 4 }, '1'));
  if (maxPapers > 1) g.append(s('circle', { cx: 130 + r, cy: mid, r, fill: '#bbb' }), s('text', { x: 134 + 2 * r, y: mid + 4 }, String(maxPapers)));
  g.append(s('rect', { x: 220, y: mid - 7, width: 14, height: 14, fill: 'url(#gap)', stroke: '#ccc' }), s('text', { x: 240, y: mid + 4 }, 'gap: no papers'));
  svg.append(g);
  return mid + r + 8;
}

function mapSvg(data: EvidenceMapData, route: MapRoute, onCell: (row: string, column: string) => void): SVGSVGElement {
  const { rows, columns } = shown(data, route.evidenceOnly);
  const cells = new Map(data.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
  const maxPapers = Math.max(1, ...data.cells.map((c) => c.papers));
  const size = cellSize(columns.length);
  const left = Math.min(240, 16 + Math.max(8, ...rows.map((r) => Math.min(36, r.name.length))) * 6.2);
  const top = Math.min(180, 24 + Math.max(8, ...columns.map((c) => Math.min(34, c.name.length))) * 5);
  const gridWidth = columns.length * size;
  const gridHeight = rows.length * size;
  const width = Math.max(left + gridWidth + 20, 480);
  const svg = s('svg', { class: 'map-svg', xmlns: 'http://www.w3.org/2000/svg', 'font-family': FONT, 'font-size': 11, role: 'group', 'aria-label': `Evidence map: ${kindWords(route.rows, 2)} by ${kindWords(route.columns, 2)}` });
  svg.append(
    s(
      'defs',
      {},
      s('pattern', { id: 'gap', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, s('rect', { width: 6, height: 6, fill: '#fcf1e3' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#e9c9a0', 'stroke-width': 1.5 })),
    ),
    s('rect', { x: 0, y: 0, width: '100%', height: '100%', fill: '#ffffff' }),
  );
  columns.forEach((c, j) => {
    const x = left + j * size + size / 2;
    svg.append(s('a', { href: formatHash({ view: 'entity', id: c.id }) }, s('text', { x, y: top - 6, transform: `rotate(-50 ${x} ${top - 6})`, fill: '#222' }, c.name.length > 34 ? `${c.name.slice(0, 33)}…` : c.name)));
  });
  rows.forEach((r, i) => {
    const y = top + i * size + size / 2 + 4;
    svg.append(s('a', { href: formatHash({ view: 'entity', id: r.id }) }, s('text', { x: left - 6, y, 'text-anchor': 'end', fill: '#222' }, r.name.length > 36 ? `${r.name.slice(0, 35)}…` : r.name)));
    columns.forEach((c, j) => {
      const cell = cells.get(`${r.id}\u0000${c.id}`);
      const x = left + j * size;
      const y0 = top + i * size;
      const colour = cell ? cellColour(cell, route.colourBy) : null;
      const selected = route.cell?.row === r.id && route.cell.column === c.id;
      const g = s(
        'g',
        { class: 'cell', role: 'button', tabindex: 0, 'aria-label': cellLabel(r.name, c.name, cell), 'data-row': r.id, 'data-column': c.id, 'data-papers': cell?.papers ?? 0, 'aria-pressed': String(selected) },
        s('title', {}, cellLabel(r.name, c.name, cell)),
        s('rect', { x, y: y0, width: size, height: size, fill: colour ? '#ffffff' : 'url(#gap)', stroke: selected ? '#ff7f0e' : '#e2e2e2', 'stroke-width': selected ? 2.5 : 1 }),
        colour && cell ? s('circle', { cx: x + size / 2, cy: y0 + size / 2, r: bubbleRadius(cell.papers, maxPapers, size / 2 - 2), fill: colour, stroke: '#333', 'stroke-width': 0.6 }) : null,
      );
      g.addEventListener('click', () => onCell(r.id, c.id));
      g.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
          e.preventDefault();
          onCell(r.id, c.id);
        }
      });
      svg.append(g);
    });
  });
  const legendHeight = legend(svg, 10, top + gridHeight + 30, route, maxPapers, size);
  const height = top + gridHeight + 30 + legendHeight;
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return svg;
}

/** Draws the map's SVG into a canvas at twice its size and saves it as a PNG. */
async function savePng(svg: SVGSVGElement, name: string): Promise<void> {
  const text = new XMLSerializer().serializeToString(svg);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = svg.width.baseVal.value * 2;
  canvas.height = svg.height.baseVal.value * 2;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser gives no 2D canvas.');
  ctx.scale(2, 2);
  ctx.drawImage(image, 0, 0);
  download(canvas.toDataURL('image/png'), name);
}

function csvUrl(route: MapRoute): string {
  const q = new URLSearchParams({ rows: route.rows, columns: route.columns, where: JSON.stringify(mapWhere(route.filters)), format: 'csv' });
  return `/export/evidence-map?${q.toString()}`;
}

const CSV_NAME = 'evmap-evidence-map.csv';

class MapExplorer {
  private data: EvidenceMapData | undefined;
  private readonly board = h('div', { class: 'map-board' });
  private readonly cellPanel = h('section', { class: 'cell-panel', 'aria-label': 'Papers of the selected cell', 'aria-live': 'polite' });
  private readonly status = h('p', { class: 'map-status', role: 'status' });
  private csvLink: HTMLAnchorElement | undefined;

  constructor(
    private route: MapRoute,
    private readonly nav: Navigator,
  ) {}

  mount(root: HTMLElement): void {
    fill(root, h('div', { class: 'map-page' }, h('h1', {}, 'Evidence map'), this.controls(), this.status, h('div', { class: 'map-layout' }, this.board, this.cellPanel)));
  }

  private update(change: Partial<MapRoute>, reload: boolean): void {
    this.route = { ...this.route, ...change };
    this.nav.replace(this.route);
    if (reload) void this.load();
    else this.drawMap();
  }

  private setFilters(change: Partial<MapFilters>): void {
    this.update({ filters: { ...this.route.filters, ...change } }, true);
  }

  private controls(): HTMLElement {
    const r = this.route;
    const select = <T extends string>(label: string, options: readonly T[], value: T | null, onChange: (v: T | null) => void, caption: (v: T) => string = words, none?: string) => {
      const el = h('select', { 'aria-label': label }, none ? h('option', { value: '' }, none) : null, ...options.map((o) => h('option', { value: o, selected: o === value }, caption(o))));
      el.addEventListener('change', () => onChange(el.value === '' ? null : (el.value as T)));
      return h('label', {}, `${label} `, el);
    };
    const year = (label: string, value: number | null, onChange: (v: number | null) => void) => {
      const el = h('input', { type: 'number', min: 1800, max: 2100, value: value ?? '', 'aria-label': label, placeholder: 'any' });
      el.addEventListener('change', () => onChange(/^\d{4}$/.test(el.value) ? Number(el.value) : null));
      return h('label', {}, `${label} `, el);
    };
    const sources = SOURCES.map((src) => {
      const box = h('input', { type: 'checkbox', value: src, checked: r.filters.sources.length === 0 || r.filters.sources.includes(src) });
      return { src, box };
    });
    for (const { box } of sources) {
      box.addEventListener('change', () => {
        const picked = sources.filter((x) => x.box.checked).map((x) => x.src);
        if (picked.length === 0) {
          box.checked = true;
          return;
        }
        this.setFilters({ sources: picked.length === SOURCES.length ? [] : picked });
      });
    }
    const only = h('input', { type: 'checkbox', checked: r.evidenceOnly });
    only.addEventListener('change', () => this.update({ evidenceOnly: only.checked }, false));
    // Still a link, so its address can be copied; a click fetches the file instead, since a followed link cannot send the API key.
    const csv = h(
      'a',
      {
        class: 'button',
        href: csvUrl(r),
        download: CSV_NAME,
        onclick: (e) => {
          e.preventDefault();
          void this.csv();
        },
      },
      'Download CSV',
    );
    this.csvLink = csv;
    return h(
      'form',
      { class: 'map-controls', onsubmit: (e) => e.preventDefault() },
      h(
        'div',
        { class: 'row' },
        select<EntityKind>('Rows', ENTITY_KINDS, r.rows, (v) => v && this.update({ rows: v, cell: null }, true)),
        select<EntityKind>('Columns', ENTITY_KINDS, r.columns, (v) => v && this.update({ columns: v, cell: null }, true)),
        select('Colour', ['level', 'stance'] as const, r.colourBy, (v) => v && this.update({ colourBy: v }, false), (v) => (v === 'level' ? 'strongest evidence level' : 'stance balance')),
        h('label', {}, only, ' only rows and columns with evidence'),
      ),
      h(
        'div',
        { class: 'row' },
        year('From year', r.filters.yearFrom, (yearFrom) => this.setFilters({ yearFrom })),
        year('To year', r.filters.yearTo, (yearTo) => this.setFilters({ yearTo })),
        select('Evidence level at least', LEVELS, r.filters.minLevel, (minLevel) => this.setFilters({ minLevel }), words, 'any'),
        h('fieldset', {}, h('legend', {}, 'Sources'), ...sources.map(({ src, box }) => h('label', {}, box, ` ${words(src)}`))),
      ),
      h(
        'div',
        { class: 'row' },
        csv,
        h('button', { type: 'button', onclick: () => void this.png() }, 'Download PNG'),
      ),
    );
  }

  private async csv(): Promise<void> {
    try {
      const file = await exportFile(csvUrl(this.route), CSV_NAME);
      saveBlob(file.blob, file.name);
    } catch (error) {
      this.status.textContent = `Could not download the CSV: ${errorText(error)}`;
    }
  }

  private async png(): Promise<void> {
    const svg = this.board.querySelector('svg');
    if (!svg) return;
    try {
      await savePng(svg, 'evmap-evidence-map.png');
    } catch (error) {
      this.status.textContent = `Could not make the PNG: ${errorText(error)}`;
    }
  }

  async load(): Promise<void> {
    if (this.csvLink) this.csvLink.href = csvUrl(this.route);
    this.status.textContent = 'Loading the map…';
    try {
      this.data = await evidenceMap(this.route.rows, this.route.columns, this.route.filters);
    } catch (error) {
      this.status.replaceChildren(notice(`Could not load the map: ${errorText(error)}`, 'error'));
      return;
    }
    this.drawMap();
    if (this.route.cell) await this.openCell(this.route.cell.row, this.route.cell.column);
    else fill(this.cellPanel, h('p', { class: 'hint' }, 'Click a cell to list its papers and quotes.'));
  }

  private drawMap(): void {
    const data = this.data;
    if (!data) return;
    const full = data.cells.filter((c) => c.papers > 0).length;
    this.status.textContent = `${data.rows.length} ${kindWords(this.route.rows, data.rows.length)} × ${data.columns.length} ${kindWords(this.route.columns, data.columns.length)}: ${full} of ${data.cells.length} cells have evidence, ${data.cells.length - full} are gaps.`;
    fill(this.board, mapSvg(data, this.route, (row, column) => void this.openCell(row, column)));
  }

  private async openCell(row: string, column: string): Promise<void> {
    if (this.route.cell?.row !== row || this.route.cell.column !== column) {
      this.route = { ...this.route, cell: { row, column } };
      this.nav.replace(this.route);
      this.drawMap();
    }
    fill(this.cellPanel, notice('Loading the cell…'));
    try {
      const cell = await evidenceCell(row, column, this.route.filters);
      const heading = h('h2', {}, `${cell.row.name} × ${cell.column.name}`);
      if (cell.totalCount === 0) {
        fill(this.cellPanel, heading, notice(`No paper links ${cell.row.name} and ${cell.column.name} under these filters: a gap in the evidence.`, 'empty'));
        return;
      }
      fill(
        this.cellPanel,
        heading,
        h('p', { class: 'cell-counts' }, `${cell.papers} paper${cell.papers === 1 ? '' : 's'}, ${cell.claims} claim${cell.claims === 1 ? '' : 's'}${cell.edges.length < cell.totalCount ? `; the first ${cell.edges.length} listed` : ''}`),
        h('div', { class: 'papers' }, ...cell.edges.map((e) => paperCard(e.node, e.claims))),
      );
    } catch (error) {
      fill(this.cellPanel, notice(`Could not load the cell: ${errorText(error)}`, 'error'));
    }
  }
}

export const mapView: View<MapRoute> = async (root, route, nav) => {
  document.title = 'Evidence map · evmap explorer';
  const explorer = new MapExplorer(route, nav);
  explorer.mount(root);
  await explorer.load();
};
