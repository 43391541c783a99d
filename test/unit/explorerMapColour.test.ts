import { balanceColour, bubbleRadius, cellColour, LEVEL_COLOURS, NEUTRAL_COLOUR, stanceBalance, strongestLevel, type CellCounts } from '../../src/explorer/mapColour';
import { LEVELS, STANCES } from '../../src/explorer/vocab';

function cell(papers: number, stances: Partial<Record<string, number>>, levels: Partial<Record<string, number>> = {}): CellCounts {
  return {
    papers,
    byStance: STANCES.map((stance) => ({ stance, count: stances[stance] ?? 0 })),
    // Written weakest first: the colour must not depend on the order the API lists levels in.
    byEvidenceLevel: [...LEVELS].reverse().map((level) => ({ level, count: levels[level] ?? 0 })),
  };
}

describe('evidence-map colours and sizes', () => {
  it('colours a cell by the strongest evidence level among its claims', () => {
    const c = cell(3, { SUPPORTS: 3 }, { REVIEW: 2, RCT: 1, PRECLINICAL: 4 });
    expect(strongestLevel(c)).toBe('RCT');
    expect(cellColour(c, 'level')).toBe(LEVEL_COLOURS.RCT);
    expect(cellColour(cell(1, { MENTIONS: 1 }), 'level')).toBe(NEUTRAL_COLOUR);
  });

  it('ranks every level darker than the next weaker one', () => {
    const lightness = (hex: string) => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    const ranked = LEVELS.map((l) => lightness(LEVEL_COLOURS[l]));
    expect([...ranked].sort((a, b) => a - b)).toEqual(ranked);
  });

  it('colours by stance balance: blue for support, red for contradiction, white when even, grey for mentions only', () => {
    expect(stanceBalance(cell(2, { SUPPORTS: 3, CONTRADICTS: 1 }))).toBe(0.5);
    expect(cellColour(cell(1, { SUPPORTS: 2 }), 'stance')).toBe('#2166ac');
    expect(cellColour(cell(1, { CONTRADICTS: 2, MENTIONS: 5 }), 'stance')).toBe('#b2182b');
    expect(cellColour(cell(2, { SUPPORTS: 1, CONTRADICTS: 1 }), 'stance')).toBe('#f7f7f7');
    expect(cellColour(cell(1, { MENTIONS: 4 }), 'stance')).toBe(NEUTRAL_COLOUR);
    // Halfway between white and the supporting blue.
    expect(balanceColour(0.5)).toBe('#8cafd2');
  });

  it('draws a gap as no bubble at all', () => {
    expect(cellColour(cell(0, {}), 'level')).toBeNull();
    expect(cellColour(cell(0, {}), 'stance')).toBeNull();
    expect(bubbleRadius(0, 10, 12)).toBe(0);
  });

  it('sizes bubbles by area, the fullest cell filling its square and one paper still visible', () => {
    expect(bubbleRadius(10, 10, 12)).toBe(12);
    expect(bubbleRadius(4, 16, 12)).toBe(6);
    expect(bubbleRadius(1, 1000, 12)).toBe(3);
  });
});
