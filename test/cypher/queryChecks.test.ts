import { readQuery, writeQuery } from '../../src/db/query';
import { MARKER, hostile, missingParams, paramStrings, referencedParams, unusedParams, withoutLiteralsAndComments, writesToGraph } from './queryChecks';

// The checks every store test relies on must themselves be able to fail.
describe('query checks', () => {
  it('finds parameters by name, through property access and inside maps and projections', () => {
    expect(referencedParams('MATCH (c {id: $id}) WHERE c.stance = $props.stance AND c.x IN $list RETURN c {.id, n: $first, k: $keys.Paper} LIMIT $first')).toEqual([
      'first',
      'id',
      'keys',
      'list',
      'props',
    ]);
    expect(referencedParams('RETURN $a_1, $_b')).toEqual(['_b', 'a_1']);
    expect(referencedParams('RETURN 1')).toEqual([]);
  });

  it('ignores dollars in string literals and comments', () => {
    expect(referencedParams(`RETURN '$notOne', "it's $no" AS x // $neither\nRETURN $yes /* $nor */`)).toEqual(['yes']);
    expect(referencedParams(`RETURN 'a\\'$still' + $after`)).toEqual(['after']);
    expect(withoutLiteralsAndComments("RETURN 'x' // c\nRETURN 1")).toBe("RETURN '' \nRETURN 1");
  });

  it('reports a parameter the text refers to but the query does not pass, and one passed but never used', () => {
    const query = readQuery('t', 'MATCH (n {id: $id}) WHERE $props.stance IS NULL RETURN n', { id: 'x', extra: 1 });
    expect(missingParams(query)).toEqual(['props']);
    expect(unusedParams(query)).toEqual(['extra']);
    expect(missingParams(readQuery('t', 'RETURN $a', { a: null }))).toEqual([]);
  });

  it('collects the strings nested anywhere in parameters', () => {
    expect(paramStrings({ a: 'x', b: [1, { c: 'y' }, ['z']], d: null, e: 2 })).toEqual(['x', 'y', 'z']);
  });

  it('tells writing text from reading text', () => {
    expect(writesToGraph('MATCH (n) SET n.x = 1')).toBe(true);
    expect(writesToGraph('MERGE (n:A {id: 1})')).toBe(true);
    expect(writesToGraph("MATCH (c) RETURN toString(c.createdAt) AS createdAt, 'SET' AS s // DELETE")).toBe(false);
    expect(writeQuery('t', 'RETURN 1').mode).toBe('WRITE');
  });

  it('makes hostile strings that carry the marker', () => {
    expect(hostile('x')).toContain(MARKER);
    expect(hostile('x')).not.toBe(hostile('y'));
  });
});
