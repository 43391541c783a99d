/** How an evidence-map cell is drawn: its bubble's size and colour (pure, shared by the SVG and its PNG). */
import type { EvidenceLevel, EvidenceLevelCount, StanceCount } from '../generated/schema';
import type { ColourBy } from './state';
import { LEVELS } from './vocab';

export interface CellCounts {
  papers: number;
  byStance: Pick<StanceCount, 'stance' | 'count'>[];
  byEvidenceLevel: Pick<EvidenceLevelCount, 'level' | 'count'>[];
}

/**
 * Viridis, darkest for the strongest design: a reader ranks the levels by lightness alone, which
 * survives greyscale printing and the common colour-vision deficiencies.
 */
export const LEVEL_COLOURS: Record<EvidenceLevel, string> = {
  META_ANALYSIS: '#440154',
  RCT: '#46327e',
  OPEN_LABEL: '#365c8d',
  OBSERVATIONAL: '#277f8e',
  CASE_REPORT: '#1fa187',
  PRECLINICAL: '#4ac16d',
  REVIEW: '#a0da39',
  EXPERT_OPINION: '#fde725',
};

/** Claims with no evidence level (most mined ones), and cells whose claims only mention. */
export const NEUTRAL_COLOUR = '#9e9e9e';

/** Blue for supporting, red for contradicting (ColorBrewer RdBu ends), white for an even split. */
const SUPPORTS_END: Rgb = [33, 102, 172];
const BALANCED: Rgb = [247, 247, 247];
const CONTRADICTS_END: Rgb = [178, 24, 43];

type Rgb = [number, number, number];

/** The strongest evidence level any counted claim of the cell has; null when none has a level. */
export function strongestLevel(cell: CellCounts): EvidenceLevel | null {
  const present = new Set(cell.byEvidenceLevel.filter((c) => c.count > 0).map((c) => c.level));
  return LEVELS.find((level) => present.has(level)) ?? null;
}

/** (supporting − contradicting) / (supporting + contradicting), from −1 to 1; null when the cell has neither. */
export function stanceBalance(cell: CellCounts): number | null {
  const count = (stance: string) => cell.byStance.find((s) => s.stance === stance)?.count ?? 0;
  const supports = count('SUPPORTS');
  const contradicts = count('CONTRADICTS');
  return supports + contradicts === 0 ? null : (supports - contradicts) / (supports + contradicts);
}

function mix(a: Rgb, b: Rgb, t: number): string {
  const channel = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * t);
  return `#${[channel(0), channel(1), channel(2)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The colour of a stance balance: blue at 1, white at 0, red at −1. */
export function balanceColour(balance: number): string {
  const b = Math.max(-1, Math.min(1, balance));
  return b >= 0 ? mix(BALANCED, SUPPORTS_END, b) : mix(BALANCED, CONTRADICTS_END, -b);
}

/** The fill of a cell's bubble; null for a gap (no papers), which is drawn as an empty cell. */
export function cellColour(cell: CellCounts, by: ColourBy): string | null {
  if (cell.papers === 0) return null;
  if (by === 'level') {
    const level = strongestLevel(cell);
    return level ? LEVEL_COLOURS[level] : NEUTRAL_COLOUR;
  }
  const balance = stanceBalance(cell);
  return balance === null ? NEUTRAL_COLOUR : balanceColour(balance);
}

/**
 * The bubble's radius: its area grows with the number of papers, relative to the fullest cell,
 * and a single paper is still a visible dot.
 */
export function bubbleRadius(papers: number, maxPapers: number, maxRadius: number): number {
  if (papers <= 0 || maxPapers <= 0) return 0;
  const minRadius = Math.min(3, maxRadius);
  return Math.max(minRadius, maxRadius * Math.sqrt(Math.min(papers, maxPapers) / maxPapers));
}
