import { REL } from '../../src/graph/model';
import { LIMITS } from '../../src/limits';
import { shortestPathsQuery } from '../../src/store/paths';
import { checkBuilders, expectInputOnlyInParams, hostile } from './queryChecks';

const LENGTHS = [1, 4, LIMITS.paths.maxLength, 100];

describe('paths store queries', () => {
  checkBuilders({
    ...Object.fromEntries(LENGTHS.map((n) => [`shortestPathsQuery up to ${n} edges`, () => shortestPathsQuery('Paper:24392693', 'Mechanism:mtor', n, 10)])),
    'shortestPathsQuery between two entities': () => shortestPathsQuery('Compound:ketamine', 'Condition:trd', 4, 100),
  });

  it.each(LENGTHS)('writes the bound %i into the undirected pattern over the model\'s relationship types, the one place Cypher takes no parameter', (n) => {
    const { cypher } = shortestPathsQuery('Paper:1', 'Paper:2', n, 1);
    expect(cypher).toContain(`MATCH p = allShortestPaths((a)-[:(${Object.values(REL).join('|')})*..${n}]-(b))`);
  });

  it.each([0, -1, 1.5, 101, Number.NaN, Number.POSITIVE_INFINITY])('refuses the bound %p', (n) => {
    expect(() => shortestPathsQuery('Paper:1', 'Paper:2', n, 1)).toThrow(/path length bound must be a small whole number/);
  });

  it('refuses a bound that is a string in disguise', () => {
    expect(() => shortestPathsQuery('Paper:1', 'Paper:2', '3]-(b) DETACH DELETE a //' as unknown as number, 1)).toThrow(/path length bound/);
  });

  it('looks both ends up by label and key, dropping ids of no model label', () => {
    const { params } = shortestPathsQuery('Paper:024392693', 'Nope:x', 2, 3);
    expect((params.from as Record<string, string[]>).Paper).toEqual(['24392693']);
    expect(Object.values(params.to as Record<string, string[]>).flat()).toEqual([]);
    expect((params.first as { toNumber(): number }).toNumber()).toBe(3);
  });

  it('keeps client strings out of the text', () => {
    expectInputOnlyInParams(shortestPathsQuery(`Mechanism:${hostile()}`, `Compound:${hostile()}`, 3, 1));
  });
});
