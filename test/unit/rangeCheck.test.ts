import neo4j from 'neo4j-driver';
import { asParams, MAX_PARAMS_DEPTH, withCypherIntegers } from '../../src/analyst/params';
import { checkRanges, RANGE_CAP, rangeSpan } from '../../src/analyst/rangeCheck';

const refusal = (query: string, params: Record<string, unknown> = {}) => {
  try {
    checkRanges(query, params);
    return undefined;
  } catch (error) {
    const e = error as { code?: string; details?: Record<string, unknown> };
    return e.code === undefined ? undefined : { ...e.details, code: e.code };
  }
};

describe('range() check before a query runs', () => {
  it.each([
    'RETURN size([x IN range(1,30000000) | toString(x)]) AS n',
    "RETURN size(reduce(s='', x IN range(1,100000000) | s + 'x'))",
    'RETURN reduce(s=0, x IN range(1,1000000000) | s+x)',
    'RETURN reduce(s=0, x IN range(0, 1000 * 1000) | s+x)',
    'RETURN reduce(s=0, x IN range(0x10, 0xFFFFFFF) | s+x)',
    'RETURN reduce(s=0, x IN RANGE(1, 1_000_000_000) | s+x)',
    'RETURN reduce(s=0, x IN `range`(1, 200000) | s+x)',
    'RETURN reduce(s=0, x IN range(-200000, (2 - 1)) | s+x)',
    'RETURN reduce(s=0, x IN range(1000000000, 1, -1) | s+x)',
    'RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | x * y]]',
    'UNWIND range(1, 10) AS i RETURN [x IN range(1, 200000) | x]',
    'RETURN range(1, 1000000000) AS everything',
    'RETURN reduce(s=0, x IN range(1, /* comment */ 1000000000) | s+x)',
  ])('refuses %s with RESOURCE_LIMIT limit "range"', (query) => {
    expect(refusal(query)).toMatchObject({ code: 'RESOURCE_LIMIT', limit: 'range', max: Number(RANGE_CAP) });
  });

  it('reads parameter bounds, as integers or as JS numbers', () => {
    expect(refusal('RETURN reduce(s=0, x IN range(1, $n) | s+x)', { n: neo4j.int(1_000_000_000) })).toMatchObject({ limit: 'range' });
    expect(refusal('RETURN reduce(s=0, x IN range($from, $to) | s+x)', { from: 1, to: 1e9 })).toMatchObject({ limit: 'range' });
    expect(refusal('RETURN reduce(s=0, x IN range(1, $n) | s+x)', { n: 1000 })).toBeUndefined();
  });

  it.each([
    'UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n',
    'UNWIND range(1, 1000000) AS x RETURN x',
    'RETURN [x IN range(1, 100000) | x * 2] AS xs',
    'MATCH (p:Paper) WITH collect(p) AS ps RETURN [i IN range(0, size(ps) - 1) | ps[i].pmid] AS pmids',
    "RETURN 'range(1, 1000000000)' AS text",
    'RETURN reduce(s=0, x IN range(1000000000, 1) | s+x) AS empty',
    'RETURN [x IN range(1, 0) | x] + [y IN range(1, 100000) | y] AS xs',
  ])('lets %s through: streamed, small, unknown bounds or not code', (query) => {
    expect(refusal(query)).toBeUndefined();
  });

  it('counts values the way Neo4j does', () => {
    expect(rangeSpan(1n, 10n, 1n)).toBe(10n);
    expect(rangeSpan(0n, 10n, 3n)).toBe(4n);
    expect(rangeSpan(10n, 1n, -1n)).toBe(10n);
    expect(rangeSpan(10n, 1n, 1n)).toBe(0n);
  });
});

describe('params from a client', () => {
  it('copies inline literals with null prototypes into ordinary objects the driver accepts', () => {
    const literal = Object.assign(Object.create(null) as Record<string, unknown>, { pmid: '24392693', nested: Object.assign(Object.create(null) as object, { a: [1, 2] }) });
    const params = asParams(literal);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(params.nested)).toBe(Object.prototype);
    expect(params).toEqual({ pmid: '24392693', nested: { a: [1, 2] } });
  });

  it('refuses params nested 10,000 deep with BAD_USER_INPUT instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(() => asParams({ x: deep })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ argumentName: 'params' }) }));
    let ok: unknown = 1;
    for (let i = 0; i < MAX_PARAMS_DEPTH - 1; i++) ok = { a: ok };
    expect(() => asParams({ x: ok })).not.toThrow();
  });

  it('refuses params with too many values', () => {
    expect(() => asParams({ xs: new Array(200_000).fill(0) })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('sends whole numbers as Cypher integers and keeps fractions as floats', () => {
    const params = withCypherIntegers({ n: 3, f: 2.5, list: [1, 'a'], map: { k: 7 } });
    expect(neo4j.isInt(params.n)).toBe(true);
    expect(params.f).toBe(2.5);
    expect(neo4j.isInt((params.list as unknown[])[0])).toBe(true);
    expect(neo4j.isInt((params.map as Record<string, unknown>).k)).toBe(true);
  });
});
