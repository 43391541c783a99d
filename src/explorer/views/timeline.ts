/** How an entity's evidence accumulated: claims per publication year, stacked by stance. */
import { errorText, fill, h, notice, s, swatch } from '../dom';
import { timeline, type TimelineData } from '../queries';
import { formatHash, type Route } from '../state';
import { STANCES, words } from '../vocab';
import { STANCE_COLOURS } from './colours';
import type { View } from './view';

const BAR = 34;
const GAP = 16;
const HEIGHT = 200;
const AXIS = 28;

function count(point: TimelineData['points'][number], stance: string): number {
  return point.byStance.find((b) => b.stance === stance)?.count ?? 0;
}

/** Every year from the first to the last, so a year without evidence shows as a gap. */
function years(points: TimelineData['points']): number[] {
  const first = points[0]?.year;
  const last = points[points.length - 1]?.year;
  if (first === undefined || last === undefined) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function chart(data: TimelineData): SVGSVGElement {
  const byYear = new Map(data.points.map((p) => [p.year, p]));
  const span = years(data.points);
  const max = Math.max(1, ...data.points.map((p) => p.claims));
  const width = Math.max(360, span.length * (BAR + GAP) + 40);
  const svg = s('svg', { class: 'timeline-chart', viewBox: `0 0 ${width} ${HEIGHT + AXIS}`, width, height: HEIGHT + AXIS, role: 'img', 'aria-label': `Claims about ${data.entity.name} per year, by stance`, 'font-family': 'system-ui, sans-serif', 'font-size': 12 });
  svg.append(s('line', { x1: 30, x2: width, y1: HEIGHT, y2: HEIGHT, stroke: '#999' }), s('text', { x: 26, y: 10, 'text-anchor': 'end', fill: '#555' }, max), s('text', { x: 26, y: HEIGHT, 'text-anchor': 'end', fill: '#555' }, 0));
  span.forEach((year, i) => {
    const x = 36 + i * (BAR + GAP);
    const point = byYear.get(year);
    let top = HEIGHT;
    for (const stance of STANCES) {
      const n = point ? count(point, stance) : 0;
      if (n === 0) continue;
      const height = (n / max) * (HEIGHT - 12);
      top -= height;
      svg.append(s('rect', { x, y: top, width: BAR, height, fill: STANCE_COLOURS[stance] }, s('title', {}, `${year}: ${n} ${words(stance)}`)));
    }
    if (span.length <= 16 || i % Math.ceil(span.length / 16) === 0) svg.append(s('text', { x: x + BAR / 2, y: HEIGHT + 16, 'text-anchor': 'middle', fill: '#333' }, year));
  });
  return svg;
}

function legend(): HTMLElement {
  return h('ul', { class: 'legend' }, ...STANCES.map((stance) => h('li', {}, swatch(STANCE_COLOURS[stance]), words(stance))));
}

function table(data: TimelineData): HTMLElement {
  return h(
    'table',
    { class: 'timeline-table' },
    h('caption', {}, `Evidence about ${data.entity.name} by year`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Year'), h('th', { scope: 'col' }, 'Papers'), ...STANCES.map((st) => h('th', { scope: 'col' }, words(st))))),
    h('tbody', {}, ...data.points.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.year), h('td', {}, p.papers), ...STANCES.map((st) => h('td', {}, count(p, st)))))),
  );
}

/** Draws the timeline of `entity` into `root`; compact leaves the table folded away. */
export async function timelineChart(root: HTMLElement, entity: string, options: { compact: boolean }): Promise<void> {
  fill(root, notice('Loading the timeline…'));
  let data: TimelineData;
  try {
    data = await timeline(entity);
  } catch (error) {
    fill(root, notice(`Could not load the timeline: ${errorText(error)}`, 'error'));
    return;
  }
  if (data.points.length === 0) {
    fill(root, notice(`No dated evidence about ${data.entity.name}.`, 'empty'));
    return;
  }
  const undated = data.undated > 0 ? h('p', { class: 'notice' }, `${data.undated === 1 ? '1 claim' : `${data.undated} claims`} from papers without a year ${data.undated === 1 ? 'is' : 'are'} not drawn.`) : null;
  const rows = table(data);
  fill(
    root,
    h('h2', {}, options.compact ? h('a', { href: formatHash({ view: 'timeline', id: data.entity.id }) }, 'Evidence by year') : `Evidence about ${data.entity.name} by year`),
    h('div', { class: 'chart-scroll' }, chart(data)),
    legend(),
    undated,
    options.compact ? h('details', {}, h('summary', {}, 'Counts by year'), rows) : rows,
  );
}

export const timelineView: View<Extract<Route, { view: 'timeline' }>> = async (root, route) => {
  const body = h('section', { class: 'timeline-page' });
  fill(root, h('p', { class: 'crumbs' }, h('a', { href: formatHash({ view: 'entity', id: route.id }) }, '← entity page')), body);
  await timelineChart(body, route.id, { compact: false });
  document.title = `Timeline · evmap explorer`;
};
