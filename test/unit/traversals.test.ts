import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { EVIDENCE_LEVELS, NODE_LABELS, STANCES, levelsAtLeast } from '../../src/graph/model';
import { fillCells, planFilter } from '../../src/features/evidenceMap';
import { planPaths, toPath } from '../../src/features/paths';
import { planSearch } from '../../src/features/search';
import { Ranking, planSubgraph } from '../../src/features/subgraph';
import type { LevelRow } from '../../src/store/subgraph';
import { toTimeline } from '../../src/features/timeline';
import { graphNodeCypher, keysByLabel, nodesByKeysCypher, publicIdCypher } from '../../src/graph/fragments';
import { edgeId, entityRef } from '../../src/graph/keys';
import type { EntityReadRow } from '../../src/graph/records';
import { luceneQuery } from '../../src/store/search';

/** The code of a coded error thrown by `fn`, or undefined when it does not throw one. */
function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

function enumValues(file: string, name: string): string[] {
  const doc = parse(readFileSync(path.join(__dirname, '../../schema', file), 'utf8'));
  const node = doc.definitions.find((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name);
  return (node?.values ?? []).map((v) => v.name.value);
}

const node = (id: string) => ({ id, label: id.split(':')[0] ?? '', name: null });

describe('subgraph helpers', () => {
  it('builds stable edge ids from the type and both endpoints in stored direction', () => {
    expect(edgeId('CITES', 'Paper:1', 'Paper:2')).toBe('CITES:Paper:1->Paper:2');
  });

  it('fills in defaults and refuses arguments out of bounds', () => {
    expect(planSubgraph({ seeds: ['Mechanism:mtor'] })).toEqual({ depth: 1, limit: 500, offset: 0, types: null });
    expect(planSubgraph({ seeds: ['x'], depth: null, limit: null, relationshipTypes: null })).toEqual({ depth: 1, limit: 500, offset: 0, types: null });
    expect(planSubgraph({ seeds: ['x'], depth: 3, limit: 5000, relationshipTypes: ['CITES', 'ABOUT'] })).toEqual({ depth: 3, limit: 5000, offset: 0, types: ['ABOUT', 'CITES'] });
    for (const bad of [{ depth: 0 }, { depth: 4 }, { depth: 1.5 }, { limit: 0 }, { limit: 5001 }, { relationshipTypes: ['NOPE'] }, { relationshipTypes: [] }, { relationshipTypes: ['cites'] }, { offset: -1 }, { offset: 4600 }, { offset: 1.5 }]) {
      expect(codeOf(() => planSubgraph({ seeds: ['x'], ...bad }))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(() => planSubgraph({ seeds: [] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => planSubgraph({ seeds: Array.from({ length: 101 }, (_, i) => `s${i}`) }))).toBe('BAD_USER_INPUT');
  });

  const link = (type: string, source: string, target: string) => ({ type, source, target, claim: null });

  /** A hop from Mechanism:a holding `claims` mined claims (ranked, as the query ranks them), and of `more` found beyond them. */
  function claimsHop(claims: number, more = 0): LevelRow[] {
    const about = (i: number) => ({ node: node(`Claim:${i}`), edges: [link('ABOUT', `Claim:${i}`, 'Mechanism:a')] });
    return [{ type: 'Claim', found: claims + more, candidates: Array.from({ length: claims }, (_, i) => about(i + 1)), knownEdges: [], relationships: claims }];
  }
  /** The next hop: paper i asserts claim i. */
  function papersHop(papers: number): LevelRow[] {
    const asserts = (i: number) => ({ node: node(`Paper:${i}`), edges: [link('ASSERTS', `Paper:${i}`, `Claim:${i}`)] });
    return [{ type: 'Paper', found: papers, candidates: Array.from({ length: papers }, (_, i) => asserts(i + 1)), knownEdges: [], relationships: papers }];
  }

  it('lets the hops take turns, so a hub with many claims leaves room for the papers asserting the best of them', () => {
    const ranking = new Ranking();
    ranking.add(node('Mechanism:a'));
    ranking.addLevel(claimsHop(6, 294), 6, false);
    ranking.addLevel(papersHop(6), 6, false);
    ranking.rankUpTo(6);
    const slice = ranking.slice(0, 6);
    expect(slice.nodes.map((n) => n.id)).toEqual(['Mechanism:a', 'Claim:1', 'Paper:1', 'Claim:2', 'Paper:2', 'Claim:3']);
    expect(slice.edges.map((e) => e.id)).toEqual(['ABOUT:Claim:1->Mechanism:a', 'ASSERTS:Paper:1->Claim:1', 'ABOUT:Claim:2->Mechanism:a', 'ASSERTS:Paper:2->Claim:2', 'ABOUT:Claim:3->Mechanism:a']);
    expect(slice.omitted).toEqual([
      { type: 'Paper', count: 4, atLeast: false },
      { type: 'Claim', count: 297, atLeast: false },
    ]);
    expect(slice).toMatchObject({ truncated: true, nextOffset: 6, omittedEdges: 0 });
  });

  it('takes the node types of a hop in turn', () => {
    const ranking = new Ranking();
    ranking.add(node('Mechanism:a'));
    const cites = (i: number) => ({ node: node(`Paper:${i}`), edges: [link('CITES', `Paper:${i}`, 'Mechanism:a')] });
    ranking.addLevel([...claimsHop(3), { type: 'Paper', found: 2, candidates: [cites(1), cites(2)], knownEdges: [], relationships: 2 }], 10, true);
    ranking.rankUpTo(10);
    const slice = ranking.slice(0, 10);
    expect(slice.nodes.map((n) => n.id)).toEqual(['Mechanism:a', 'Paper:1', 'Claim:1', 'Paper:2', 'Claim:2', 'Claim:3']);
    // The hop read all it may: there may be more than it saw.
    expect(slice.omitted).toEqual([
      { type: 'Paper', count: 0, atLeast: true },
      { type: 'Claim', count: 0, atLeast: true },
    ]);
    expect(slice).toMatchObject({ truncated: false, nextOffset: null });
  });

  it('cuts the ranking into slices that join up: the next slice starts where the last one stopped', () => {
    const whole = (budget: number) => {
      const ranking = new Ranking();
      ranking.add(node('Mechanism:a'));
      ranking.addLevel(claimsHop(3), budget, false);
      ranking.addLevel(papersHop(2), budget, false);
      ranking.rankUpTo(budget);
      return ranking;
    };
    const first = whole(3).slice(0, 3);
    const second = whole(6).slice(first.nextOffset ?? -1, 3);
    expect(first.nodes.map((n) => n.id)).toEqual(['Mechanism:a', 'Claim:1', 'Paper:1']);
    expect(second.nodes.map((n) => n.id)).toEqual(['Claim:2', 'Paper:2', 'Claim:3']);
    expect(second).toMatchObject({ truncated: false, nextOffset: null, omitted: [] });
    // Each node comes with its edges to nodes ranked before it, so an edge may end in an earlier slice.
    expect(second.edges.map((e) => e.id)).toEqual(['ABOUT:Claim:2->Mechanism:a', 'ASSERTS:Paper:2->Claim:2', 'ABOUT:Claim:3->Mechanism:a']);
  });

  it('caps edges as well as nodes: a node whose edges do not fit starts the next slice', () => {
    const ranking = new Ranking();
    ranking.add(node('Paper:1'));
    ranking.add(node('Paper:2'));
    ranking.addLevel(
      [
        {
          type: 'Paper',
          found: 1,
          candidates: [{ node: node('Paper:3'), edges: [link('CITES', 'Paper:3', 'Paper:1'), link('CITES', 'Paper:3', 'Paper:2'), link('SIMILAR_TO', 'Paper:3', 'Paper:1')] }],
          knownEdges: [[link('CITES', 'Paper:2', 'Paper:1')]],
          relationships: 4,
        },
      ],
      5,
      false,
    );
    ranking.rankUpTo(5);
    const first = ranking.slice(0, 3);
    expect(first.nodes.map((n) => n.id)).toEqual(['Paper:1', 'Paper:2']);
    expect(first.edges.map((e) => e.id)).toEqual(['CITES:Paper:2->Paper:1']);
    expect(first.nextOffset).toBe(2);
    // Alone in its slice, a node brings its first `limit` edges and counts the rest.
    expect(ranking.slice(2, 2)).toMatchObject({ nodes: [{ id: 'Paper:3' }], omittedEdges: 1, truncated: true, nextOffset: null });
  });

  it('gives edges with a claim at one end what the claim says, and other edges nulls', () => {
    const ranking = new Ranking();
    ranking.add(node('Paper:1'));
    const claim = { id: 'c1', stance: 'SUPPORTS' as const, evidenceLevel: 'RCT', source: 'CURATED' as const, confidence: 0.9 };
    ranking.addLevel([{ type: 'Claim', found: 1, candidates: [{ node: node('Claim:c1'), edges: [{ type: 'ASSERTS', source: 'Paper:1', target: 'Claim:c1', claim }] }], knownEdges: [], relationships: 1 }], 1, false);
    ranking.rankUpTo(2);
    expect(ranking.slice(0, 10).edges).toEqual([
      { id: 'ASSERTS:Paper:1->Claim:c1', type: 'ASSERTS', source: 'Paper:1', target: 'Claim:c1', claim: 'Claim:c1', stance: 'SUPPORTS', evidenceLevel: 'RCT', claimSource: 'CURATED', confidence: 0.9 },
    ]);
  });

  it('groups public ids by label for the key lookup and ignores ids of unknown labels', () => {
    const keys = keysByLabel(['Paper:1', 'Paper:ref:0123456789abcdef', 'Mechanism:mtor', 'Nope:1', 'plain']);
    expect(keys.Paper).toEqual(['1', 'ref:0123456789abcdef']);
    expect(keys.Mechanism).toEqual(['mtor']);
    expect(Object.keys(keys).sort()).toEqual([...NODE_LABELS].sort());
  });

  it('builds Cypher fragments only from model labels, keys and the given variable names', () => {
    const text = [publicIdCypher('m'), graphNodeCypher('s'), nodesByKeysCypher('frontier')].join('\n');
    for (const label of NODE_LABELS) expect(text).toContain(`:${label}`);
    expect(nodesByKeysCypher('frontier').match(/\$[a-zA-Z]+/g)?.every((p: string) => p === '$frontier')).toBe(true);
    expect(publicIdCypher('m')).not.toContain('$');
  });
});

describe('path helpers', () => {
  it('validates maxLength 1..6 and first 1..100', () => {
    expect(planPaths({})).toEqual({ maxLength: 4, first: 10 });
    expect(planPaths({ maxLength: 6, first: 100 })).toEqual({ maxLength: 6, first: 100 });
    for (const bad of [{ maxLength: 0 }, { maxLength: 7 }, { maxLength: 2.5 }, { first: 0 }, { first: 101 }]) {
      expect(codeOf(() => planPaths(bad))).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps each edge in stored direction whichever way the path walks it', () => {
    const path = toPath([node('Paper:2'), node('Paper:1'), node('Claim:c')], [
      { type: 'CITES', forward: false, claim: null },
      { type: 'ASSERTS', forward: true, claim: { id: 'c', stance: 'MENTIONS', evidenceLevel: null, source: 'TEXT_MINED', confidence: 0.4 } },
    ]);
    expect(path.length).toBe(2);
    expect(path.edges).toEqual([
      { id: 'CITES:Paper:1->Paper:2', type: 'CITES', source: 'Paper:1', target: 'Paper:2', claim: null, stance: null, evidenceLevel: null, claimSource: null, confidence: null },
      { id: 'ASSERTS:Paper:1->Claim:c', type: 'ASSERTS', source: 'Paper:1', target: 'Claim:c', claim: 'Claim:c', stance: 'MENTIONS', evidenceLevel: null, claimSource: 'TEXT_MINED', confidence: 0.4 },
    ]);
  });
});

describe('search helpers', () => {
  it('escapes every Lucene special character and neutralises the operators', () => {
    expect(luceneQuery('GSK-3 (mTOR')).toBe('GSK\\-3 \\(mTOR');
    expect(luceneQuery('"')).toBe('\\"');
    expect(luceneQuery('a && b || !c')).toBe('a \\&\\& b \\|\\| \\!c');
    expect(luceneQuery('title:x* ~y ^2 [a TO b] {c} back\\slash /re/ ?')).toBe('title\\:x\\* \\~y \\^2 \\[a TO b\\] \\{c\\} back\\\\slash \\/re\\/ \\?');
    expect(luceneQuery('mTOR AND GSK3 OR NOT x ANDROID')).toBe('mTOR and GSK3 or not x ANDROID');
    // Autocomplete: the word being typed also matches as a prefix, lowercased as the index stores words.
    expect(luceneQuery('NMDA Keta', { prefix: true })).toBe('NMDA Keta keta*');
    // "3" is too short a prefix to mean anything.
    expect(luceneQuery('GSK-3', { prefix: true })).toBe('GSK\\-3');
    expect(luceneQuery('ketamine ', { prefix: true })).toBe('ketamine ');
    expect(luceneQuery('x*)', { prefix: true })).toBe('x\\*\\)');
    expect(luceneQuery('glutamat', { prefix: true })).toBe('glutamat glutamat*');
  });

  it('leaves no special character unescaped', () => {
    const special = '+-!(){}[]^"~*?:\\/&|';
    const escaped = luceneQuery(special);
    // Read the escaped text pairwise: every special character comes right after a backslash.
    expect(escaped).toBe(
      special
        .split('')
        .map((c) => `\\${c}`)
        .join(''),
    );
  });

  it('refuses blank or over-long text and first outside 1..100', () => {
    expect(planSearch('  ketamine ', undefined)).toEqual({ text: 'ketamine', first: 20 });
    expect(codeOf(() => planSearch(' \n\t', 5))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => planSearch('x'.repeat(501), 5))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => planSearch('x', 0))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => planSearch('x', 101))).toBe('BAD_USER_INPUT');
  });
});

describe('evidence map helpers', () => {
  it('lists stances and evidence levels in the order of the schema enums (strongest level first)', () => {
    expect([...STANCES]).toEqual(enumValues('evidence.graphql', 'Stance'));
    expect([...EVIDENCE_LEVELS]).toEqual(enumValues('evidence.graphql', 'EvidenceLevel'));
  });

  it('keeps a minimum evidence level and every stronger one', () => {
    expect(levelsAtLeast(null)).toBeNull();
    expect(levelsAtLeast('META_ANALYSIS')).toEqual(['META_ANALYSIS']);
    expect(levelsAtLeast('OPEN_LABEL')).toEqual(['META_ANALYSIS', 'RCT', 'OPEN_LABEL']);
    expect(levelsAtLeast('EXPERT_OPINION')).toEqual([...EVIDENCE_LEVELS]);
  });

  it('refuses a year window that ends before it starts', () => {
    expect(codeOf(() => planFilter({ yearFrom: 2020, yearTo: 2010 }))).toBe('BAD_USER_INPUT');
    expect(planFilter({ yearFrom: 2010, yearTo: 2010, stance: 'SUPPORTS' })).toEqual({
      yearFrom: 2010,
      yearTo: 2010,
      claims: { stance: 'SUPPORTS', levels: null, sources: null, minConfidence: null },
    });
    expect(planFilter(null)).toEqual({ yearFrom: null, yearTo: null, claims: { stance: null, levels: null, sources: null, minConfidence: null } });
  });

  it('checks sources and the confidence floor, naming the argument inside where', () => {
    expect(planFilter({ sources: ['TEXT_MINED', 'CURATED', 'TEXT_MINED'], minConfidence: 0.5 }).claims).toMatchObject({ sources: ['CURATED', 'TEXT_MINED'], minConfidence: 0.5 });
    for (const bad of [{ minConfidence: 1.5 }, { minConfidence: -0.1 }, { minConfidence: Number.NaN }, { sources: [] }]) {
      let caught: unknown;
      try {
        planFilter(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'BAD_USER_INPUT', details: { argumentName: expect.stringMatching(/^where\.(minConfidence|sources)$/) } });
    }
  });

  it('splits entity references the way findEntity does', () => {
    expect(entityRef('Mechanism:GSK3')).toEqual({ ref: 'Mechanism:GSK3', key: 'GSK3', folded: 'gsk3', labels: ['Mechanism'] });
    expect(entityRef('MDD').labels).toHaveLength(5);
    expect(entityRef('Paper:1')).toMatchObject({ key: 'Paper:1' });
  });

  it('gives every row × column a cell, row-major, with zero cells for the gaps', () => {
    const entity = (label: EntityReadRow['__typename'], id: string): EntityReadRow => ({
      __typename: label,
      id,
      name: id,
      aliases: [],
      xrefs: [],
      description: null,
      kind: null,
      role: null,
      marker: null,
    });
    const rows = [entity('Mechanism', 'mtor'), entity('Mechanism', 'gsk-3')];
    const columns = [entity('Condition', 'mdd'), entity('Condition', 'ocd')];
    const cells = fillCells(rows, columns, [{ row: 'gsk-3', column: 'ocd', papers: 1, claims: 2, byStance: [1, 0, 1], byLevel: [0, 0, 0, 0, 0, 0, 2, 0], bySource: [1, 1, 0, 0] }]);
    expect(cells.map((c) => [c.row, c.column, c.claims])).toEqual([
      ['Mechanism:mtor', 'Condition:mdd', 0],
      ['Mechanism:mtor', 'Condition:ocd', 0],
      ['Mechanism:gsk-3', 'Condition:mdd', 0],
      ['Mechanism:gsk-3', 'Condition:ocd', 2],
    ]);
    expect(cells[3]?.byStance).toEqual([
      { stance: 'SUPPORTS', count: 1 },
      { stance: 'CONTRADICTS', count: 0 },
      { stance: 'MENTIONS', count: 1 },
    ]);
    expect(cells[3]?.byEvidenceLevel.find((l) => l.level === 'REVIEW')?.count).toBe(2);
    expect(cells[0]?.byEvidenceLevel.every((l) => l.count === 0)).toBe(true);
    expect(cells[0]?.byEvidenceLevel).toHaveLength(EVIDENCE_LEVELS.length);
  });
});

describe('timeline helpers', () => {
  it('orders dated years ascending and counts the claims of undated papers apart', () => {
    const entity = { __typename: 'Compound', label: 'Compound', id: 'ketamine', name: 'ketamine', aliases: [], xrefs: [], description: null, kind: null, role: null, marker: null } as EntityReadRow;
    const result = toTimeline(entity, [
      { year: 2017, papers: 3, claims: 3, byStance: [0, 0, 3] },
      { year: null, papers: 1, claims: 12, byStance: [8, 0, 4] },
      { year: 2014, papers: 1, claims: 1, byStance: [0, 0, 1] },
    ]);
    expect(result.points.map((p) => p.year)).toEqual([2014, 2017]);
    expect(result.undated).toBe(12);
    expect(result.points[0]?.byStance).toEqual([
      { stance: 'SUPPORTS', count: 0 },
      { stance: 'CONTRADICTS', count: 0 },
      { stance: 'MENTIONS', count: 1 },
    ]);
  });
});
