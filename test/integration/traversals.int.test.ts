import { randomUUID } from 'node:crypto';
import type { ClaimInput } from '../../src/graph/records';
import { retractClaimQuery, upsertClaimsQuery } from '../../src/store/claims';
import { upsertEntitiesQueries } from '../../src/store/entities';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SEED = 'Paper:24392693';

describe('traversals: subgraph, paths, evidence map, timeline and search over the seed corpus', () => {
  let server: TestServer;
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<Json> => {
    const res = await server.gql<Json>(query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as Json;
  };
  /** The error codes of a request that should fail. */
  const codes = async (query: string, variables?: Record<string, unknown>): Promise<Array<string | undefined>> => {
    const res = await server.gql<Json>(query, variables);
    return (res.body.errors ?? []).map((e) => e.extensions?.code);
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  describe('subgraph', () => {
    const SUBGRAPH = `query($seeds: [ID!]!, $depth: Int, $types: [String!], $limit: Int) {
      subgraph(seeds: $seeds, depth: $depth, relationshipTypes: $types, limit: $limit) {
        truncated nodes { id label name } edges { id type source target }
      }
    }`;

    /** Every edge's endpoints are nodes, ids are unique, and edge ids follow "<TYPE>:<source>-><target>". */
    function expectConsistent(graph: Json): void {
      const ids = new Set(graph.nodes.map((n: Json) => n.id));
      expect(ids.size).toBe(graph.nodes.length);
      expect(new Set(graph.edges.map((e: Json) => e.id)).size).toBe(graph.edges.length);
      for (const edge of graph.edges) {
        expect(ids.has(edge.source)).toBe(true);
        expect(ids.has(edge.target)).toBe(true);
        expect(edge.id).toBe(`${edge.type}:${edge.source}->${edge.target}`);
      }
    }

    it('around GSK-3 two hops out holds its claims, the papers asserting them and what else they are about', async () => {
      const { subgraph } = await gql(SUBGRAPH, { seeds: ['Mechanism:gsk-3'], depth: 2 });
      expectConsistent(subgraph);
      expect(subgraph.truncated).toBe(false);
      const byId = new Map(subgraph.nodes.map((n: Json) => [n.id, n]));
      expect(byId.get('Mechanism:gsk-3')).toEqual({ id: 'Mechanism:gsk-3', label: 'Mechanism', name: 'GSK-3' });
      expect(byId.get('Claim:24392693-gsk-3-target')).toEqual({
        id: 'Claim:24392693-gsk-3-target',
        label: 'Claim',
        name: "GSK-3 is a molecular target of ketamine's antidepressant action.",
      });
      expect(byId.get(SEED)).toMatchObject({ label: 'Paper', name: expect.stringMatching(/^Glutamate receptor antagonists/) });
      expect(byId.has('Compound:ketamine')).toBe(true);
      const edgeIds = subgraph.edges.map((e: Json) => e.id);
      expect(edgeIds).toEqual(
        expect.arrayContaining([
          'ABOUT:Claim:24392693-gsk-3-target->Mechanism:gsk-3',
          `ASSERTS:${SEED}->Claim:24392693-gsk-3-target`,
        ]),
      );
    });

    it('takes entity names and aliases as seeds, and one hop reaches only direct neighbours', async () => {
      const { subgraph } = await gql(SUBGRAPH, { seeds: ['GSK3'] });
      expectConsistent(subgraph);
      expect(subgraph.nodes[0].id).toBe('Mechanism:gsk-3');
      expect(subgraph.nodes.map((n: Json) => n.id)).not.toContain(SEED);
      expect(subgraph.edges.every((e: Json) => e.target === 'Mechanism:gsk-3' || e.source === 'Mechanism:gsk-3')).toBe(true);
    });

    it('follows only the relationship types asked for', async () => {
      const { subgraph } = await gql(SUBGRAPH, { seeds: [SEED], depth: 2, types: ['CITES'] });
      expectConsistent(subgraph);
      expect(subgraph.edges.length).toBeGreaterThanOrEqual(9);
      expect(subgraph.edges.every((e: Json) => e.type === 'CITES')).toBe(true);
      expect(subgraph.nodes.every((n: Json) => n.label === 'Paper')).toBe(true);
      expect(subgraph.edges.map((e: Json) => e.id)).toContain(`CITES:Paper:27723376->${SEED}`);
    });

    it('stops at the limit and says so', async () => {
      const { subgraph } = await gql(SUBGRAPH, { seeds: ['Mechanism:gsk-3'], depth: 3, limit: 2 });
      expectConsistent(subgraph);
      expect(subgraph.truncated).toBe(true);
      expect(subgraph.nodes.length).toBeLessThanOrEqual(2);
      expect(subgraph.edges.length).toBeLessThanOrEqual(2);
    });

    it('answers NOT_FOUND for unknown seeds', async () => {
      expect(await codes(SUBGRAPH, { seeds: ['Mechanism:no-such-mechanism'] })).toEqual(['NOT_FOUND']);
      expect(await codes(SUBGRAPH, { seeds: ['Paper:1', 'Mechanism:mtor'] })).toEqual(['NOT_FOUND']);
      expect(await codes(SUBGRAPH, { seeds: ["x') RETURN 1 //"] })).toEqual(['NOT_FOUND']);
    });
  });

  describe('paths', () => {
    const PATHS = `query($from: ID!, $to: ID!, $maxLength: Int) {
      paths(from: $from, to: $to, maxLength: $maxLength) { length nodes { id label } edges { id type source target } }
    }`;

    it('links a citing paper to mTOR through the seed review and its claim', async () => {
      const { paths } = await gql(PATHS, { from: 'Paper:27723376', to: 'Mechanism:mtor' });
      expect(paths.length).toBeGreaterThanOrEqual(1);
      for (const path of paths) {
        expect(path.length).toBeLessThanOrEqual(4);
        expect(path.edges).toHaveLength(path.length);
        expect(path.nodes).toHaveLength(path.length + 1);
        expect(path.nodes[0].id).toBe('Paper:27723376');
        expect(path.nodes[path.length].id).toBe('Mechanism:mtor');
        path.edges.forEach((edge: Json, i: number) => {
          const ends = [path.nodes[i].id, path.nodes[i + 1].id];
          expect([edge.source, edge.target].sort()).toEqual([...ends].sort());
          expect(edge.id).toBe(`${edge.type}:${edge.source}->${edge.target}`);
        });
      }
      // All shortest: every path has the same length.
      expect(new Set(paths.map((p: Json) => p.length)).size).toBe(1);
      const viaSeed = paths.find((p: Json) => p.nodes.some((n: Json) => n.id === SEED));
      expect(viaSeed.edges.map((e: Json) => e.id)).toEqual([
        `CITES:Paper:27723376->${SEED}`,
        `ASSERTS:${SEED}->Claim:24392693-mtor-target`,
        'ABOUT:Claim:24392693-mtor-target->Mechanism:mtor',
      ]);
    });

    it('finds endpoints by name, gives none when no path is short enough, and a node its own zero-length path', async () => {
      const byName = await gql(PATHS, { from: 'Paper:27723376', to: 'mTOR', maxLength: 3 });
      expect(byName.paths.length).toBeGreaterThanOrEqual(1);
      const tooShort = await gql(PATHS, { from: 'Paper:27723376', to: 'Mechanism:mtor', maxLength: 2 });
      expect(tooShort.paths).toEqual([]);
      const self = await gql(PATHS, { from: 'mTOR', to: 'Mechanism:mtor' });
      expect(self.paths).toEqual([{ length: 0, nodes: [{ id: 'Mechanism:mtor', label: 'Mechanism' }], edges: [] }]);
    });

    it('answers NOT_FOUND for unknown endpoints', async () => {
      const vars = { from: 'Paper:27723376', to: 'Mechanism:mtor' };
      expect(await codes(PATHS, { ...vars, to: 'Mechanism:nope' })).toEqual(['NOT_FOUND']);
      expect(await codes(PATHS, { ...vars, from: 'Paper:0' })).toEqual(['NOT_FOUND']);
    });
  });

  describe('evidenceMap', () => {
    const MAP = `query($rows: EntityKind!, $columns: EntityKind!, $where: EvidenceMapFilter) {
      evidenceMap(rows: $rows, columns: $columns, where: $where) {
        rows { __typename id name } columns { __typename id name }
        cells { row column papers claims byStance { stance count } byEvidenceLevel { level count } }
      }
    }`;
    const cellOf = (map: Json, row: string, column: string): Json => map.cells.find((c: Json) => c.row === row && c.column === column);
    const stance = (cell: Json, s: string): number => cell.byStance.find((x: Json) => x.stance === s).count;
    const level = (cell: Json, l: string): number => cell.byEvidenceLevel.find((x: Json) => x.level === l).count;

    it('has a cell for every mechanism × condition, counting the seed claim for mTOR × major depressive disorder', async () => {
      const before = server.db.queryCount;
      const { evidenceMap } = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION' });
      expect(server.db.queryCount - before).toBeLessThanOrEqual(3);
      expect(evidenceMap.rows.every((r: Json) => r.__typename === 'Mechanism')).toBe(true);
      expect(evidenceMap.columns.every((c: Json) => c.__typename === 'Condition')).toBe(true);
      expect(evidenceMap.rows.map((r: Json) => r.id)).toEqual(expect.arrayContaining(['Mechanism:mtor', 'Mechanism:gsk-3', 'Mechanism:eef2']));
      expect(evidenceMap.cells).toHaveLength(evidenceMap.rows.length * evidenceMap.columns.length);
      const pairs = new Set(evidenceMap.cells.map((c: Json) => `${c.row}|${c.column}`));
      for (const r of evidenceMap.rows) for (const c of evidenceMap.columns) expect(pairs.has(`${r.id}|${c.id}`)).toBe(true);

      const mtorMdd = cellOf(evidenceMap, 'Mechanism:mtor', 'Condition:major-depressive-disorder');
      expect(mtorMdd.papers).toBeGreaterThanOrEqual(1);
      expect(mtorMdd.claims).toBeGreaterThanOrEqual(1);
      expect(stance(mtorMdd, 'SUPPORTS')).toBeGreaterThanOrEqual(1);
      expect(level(mtorMdd, 'REVIEW')).toBeGreaterThanOrEqual(1);
      expect(mtorMdd.byStance.map((s: Json) => s.stance)).toEqual(['SUPPORTS', 'CONTRADICTS', 'MENTIONS']);
      expect(mtorMdd.byEvidenceLevel.map((l: Json) => l.level)).toEqual(['META_ANALYSIS', 'RCT', 'OPEN_LABEL', 'OBSERVATIONAL', 'CASE_REPORT', 'PRECLINICAL', 'REVIEW', 'EXPERT_OPINION']);

      // No seed claim is about both AMPA receptors and OCD: a gap.
      const gap = cellOf(evidenceMap, 'Mechanism:ampa-receptor', 'Condition:obsessive-compulsive-disorder');
      expect(gap).toMatchObject({ papers: 0, claims: 0 });
      expect(gap.byStance.every((s: Json) => s.count === 0)).toBe(true);
    });

    it('filters by stance, evidence level and year', async () => {
      const where = (extra: Json) => ({ rowIds: ['mtor', 'gsk-3', 'eef2'], columnIds: ['major-depressive-disorder', 'bipolar-depression'], ...extra });
      const contradicts = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: where({ stance: 'CONTRADICTS' }) });
      expect(contradicts.evidenceMap.cells).toHaveLength(6);
      expect(contradicts.evidenceMap.cells.every((c: Json) => c.claims === 0 && c.papers === 0)).toBe(true);

      const strong = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: where({ minEvidenceLevel: 'OBSERVATIONAL' }) });
      expect(cellOf(strong.evidenceMap, 'Mechanism:mtor', 'Condition:major-depressive-disorder').claims).toBe(0);
      const reviews = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: where({ minEvidenceLevel: 'REVIEW' }) });
      expect(cellOf(reviews.evidenceMap, 'Mechanism:mtor', 'Condition:major-depressive-disorder').claims).toBeGreaterThanOrEqual(1);

      // The seed review is from 2014 (and its page gives no year), so a window from 2015 leaves it out.
      const recent = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: where({ yearFrom: 2015 }) });
      expect(cellOf(recent.evidenceMap, 'Mechanism:mtor', 'Condition:major-depressive-disorder')).toMatchObject({ claims: 0, papers: 0 });
    });

    it('keeps rows and columns in the order given, and finds them by name or alias', async () => {
      const { evidenceMap } = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: { rowIds: ['GSK3', 'Mechanism:mtor', 'mtor'], columnIds: ['MDD'] } });
      expect(evidenceMap.rows.map((r: Json) => r.id)).toEqual(['Mechanism:gsk-3', 'Mechanism:mtor']);
      expect(evidenceMap.columns.map((c: Json) => c.id)).toEqual(['Condition:major-depressive-disorder']);
      expect(evidenceMap.cells.map((c: Json) => [c.row, c.column])).toEqual([
        ['Mechanism:gsk-3', 'Condition:major-depressive-disorder'],
        ['Mechanism:mtor', 'Condition:major-depressive-disorder'],
      ]);
    });

    // The kind of an entity is known only once it is looked up.
    it('refuses entities of the wrong kind; unknown entities are NOT_FOUND', async () => {
      expect(await codes(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: { rowIds: ['major-depressive-disorder'] } })).toEqual(['BAD_USER_INPUT']);
      expect(await codes(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: { columnIds: ['Mechanism:mtor'] } })).toEqual(['BAD_USER_INPUT']);
      expect(await codes(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: { rowIds: ['no-such-mechanism'] } })).toEqual(['NOT_FOUND']);
    });

    describe('on claims of its own', () => {
      // Entities and claims with ids no other test file uses, on two seed-corpus papers (2017 and 2020).
      const tag = randomUUID().slice(0, 8);
      const mechanism = `trav-mech-${tag}`;
      const condition = `trav-cond-${tag}`;
      const gapCondition = `trav-gap-${tag}`;
      const claim = (id: string, paper: string, stance: ClaimInput['stance'], evidenceLevel: string): ClaimInput => ({
        id: `trav-${tag}-${id}`,
        paper,
        about: [mechanism, condition],
        stance,
        quote: 'ketamine',
        field: 'title',
        start: 0,
        end: 8,
        evidenceLevel,
        source: 'CURATED',
        curator: 'traversals-test',
      });
      const claims = [claim('rct', '27090301', 'SUPPORTS', 'RCT'), claim('preclinical', '32017978', 'CONTRADICTS', 'PRECLINICAL'), claim('retracted', '32017978', 'SUPPORTS', 'REVIEW')];
      const where = (extra: Json = {}) => ({ rowIds: [mechanism], columnIds: [condition, gapCondition], ...extra });
      const cell = async (extra: Json = {}): Promise<Json> => {
        const { evidenceMap } = await gql(MAP, { rows: 'MECHANISM', columns: 'CONDITION', where: where(extra) });
        expect(evidenceMap.cells).toHaveLength(2);
        expect(evidenceMap.cells[1]).toMatchObject({ column: `Condition:${gapCondition}`, papers: 0, claims: 0 });
        return evidenceMap.cells[0];
      };

      beforeAll(async () => {
        await server.db.runAll(upsertEntitiesQueries([
          { entityKind: 'MECHANISM', id: mechanism, name: `Traversal test mechanism ${tag}`, aliases: [], kind: 'TARGET' },
          { entityKind: 'CONDITION', id: condition, name: `Traversal test condition ${tag}`, aliases: [] },
          { entityKind: 'CONDITION', id: gapCondition, name: `Traversal test gap ${tag}`, aliases: [] },
        ]));
        await server.db.run(upsertClaimsQuery(claims));
        await server.db.run(retractClaimQuery(claims[2]!.id, 'traversals test'));
      });
      afterAll(async () => {
        await server.db.writeRows('MATCH (c:Claim) WHERE c.id IN $ids DETACH DELETE c', { ids: claims.map((c) => c.id) });
        await server.db.writeRows('MATCH (e) WHERE e.id IN $ids AND (e:Mechanism OR e:Condition) DETACH DELETE e', { ids: [mechanism, condition, gapCondition] });
      });

      it('counts live claims and their distinct papers by stance and level, leaving out the retracted one', async () => {
        const all = await cell();
        expect(all).toMatchObject({ row: `Mechanism:${mechanism}`, column: `Condition:${condition}`, papers: 2, claims: 2 });
        expect([stance(all, 'SUPPORTS'), stance(all, 'CONTRADICTS'), stance(all, 'MENTIONS')]).toEqual([1, 1, 0]);
        expect([level(all, 'RCT'), level(all, 'PRECLINICAL'), level(all, 'REVIEW')]).toEqual([1, 1, 0]);
      });

      it('applies each filter', async () => {
        expect(await cell({ stance: 'CONTRADICTS' })).toMatchObject({ claims: 1, papers: 1 });
        expect(await cell({ minEvidenceLevel: 'RCT' })).toMatchObject({ claims: 1, papers: 1 });
        expect(await cell({ minEvidenceLevel: 'PRECLINICAL' })).toMatchObject({ claims: 2, papers: 2 });
        expect(await cell({ yearFrom: 2018 })).toMatchObject({ claims: 1, papers: 1 });
        expect(await cell({ yearTo: 2017 })).toMatchObject({ claims: 1, papers: 1 });
        expect(await cell({ yearFrom: 2017, yearTo: 2020 })).toMatchObject({ claims: 2, papers: 2 });
        expect(await cell({ yearTo: 2016 })).toMatchObject({ claims: 0, papers: 0 });
      });

      it('gives a timeline by year that leaves out the retracted claim', async () => {
        const { timeline } = await gql(`{ timeline(entity: "Mechanism:${mechanism}") { undated points { year papers claims byStance { stance count } } } }`);
        expect(timeline.undated).toBe(0);
        expect(timeline.points).toEqual([
          { year: 2017, papers: 1, claims: 1, byStance: [{ stance: 'SUPPORTS', count: 1 }, { stance: 'CONTRADICTS', count: 0 }, { stance: 'MENTIONS', count: 0 }] },
          { year: 2020, papers: 1, claims: 1, byStance: [{ stance: 'SUPPORTS', count: 0 }, { stance: 'CONTRADICTS', count: 1 }, { stance: 'MENTIONS', count: 0 }] },
        ]);
      });
    });
  });

  describe('timeline', () => {
    it('shows ketamine evidence by year, ascending, with a 2014 point', async () => {
      const { timeline } = await gql(`{
        timeline(entity: "ketamine") { entity { __typename id } undated points { year papers claims byStance { stance count } } }
      }`);
      expect(timeline.entity).toEqual({ __typename: 'Compound', id: 'Compound:ketamine' });
      const years = timeline.points.map((p: Json) => p.year);
      expect(years).toContain(2014);
      expect([...years].sort((a, b) => a - b)).toEqual(years);
      expect(new Set(years).size).toBe(years.length);
      for (const point of timeline.points) {
        expect(point.papers).toBeGreaterThanOrEqual(1);
        expect(point.byStance.reduce((n: number, s: Json) => n + s.count, 0)).toBe(point.claims);
      }
      expect(timeline.undated).toBeGreaterThanOrEqual(0);
    });

    it('filters by stance and answers NOT_FOUND for an unknown entity', async () => {
      const { timeline } = await gql(`{ timeline(entity: "Compound:ketamine", stance: MENTIONS) { points { claims byStance { stance count } } } }`);
      expect(timeline.points.length).toBeGreaterThan(0);
      for (const point of timeline.points) {
        expect(point.byStance.find((s: Json) => s.stance === 'MENTIONS').count).toBe(point.claims);
      }
      expect(await codes(`{ timeline(entity: "no-such-entity") { undated } }`)).toEqual(['NOT_FOUND']);
    });
  });

  describe('search', () => {
    const SEARCH = `query($q: String!, $first: Int) {
      search(query: $q, first: $first) { score kind node { __typename id ... on Paper { pmid title } ... on Mechanism { name } } }
    }`;

    it('finds mTOR by its long name, first', async () => {
      const { search } = await gql(SEARCH, { q: 'mammalian target of rapamycin' });
      expect(search[0]).toMatchObject({ kind: 'Mechanism', node: { __typename: 'Mechanism', id: 'Mechanism:mtor', name: 'mTOR' } });
      const scores = search.map((h: Json) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('finds the seed review by a word of its title, as a Paper', async () => {
      const { search } = await gql(SEARCH, { q: 'ketamine', first: 100 });
      const seed = search.find((h: Json) => h.node.id === SEED);
      expect(seed).toMatchObject({ kind: 'Paper', node: { __typename: 'Paper', pmid: '24392693' } });
      expect(search.find((h: Json) => h.node.id === 'Compound:ketamine')?.kind).toBe('Compound');
    });

    it('completes the word being typed with prefix: "keta" finds ketamine, whole words ranking first', async () => {
      const PREFIX = `query($q: String!) { search(query: $q, first: 50, prefix: true) { score kind node { id } } }`;
      expect((await gql(SEARCH, { q: 'keta' })).search).toEqual([]);
      const typed = (await gql(PREFIX, { q: 'keta' })).search as Json[];
      expect(typed.map((h) => h.node.id)).toEqual(expect.arrayContaining(['Compound:ketamine', SEED]));
      const mixed = (await gql(PREFIX, { q: 'rapamycin glutam' })).search as Json[];
      const ids = mixed.map((h) => h.node.id as string);
      // mTOR's long name holds the whole word "rapamycin"; entities named only by a glutamate prefix come after it.
      expect(ids.indexOf('Mechanism:mtor')).toBeGreaterThanOrEqual(0);
      expect(mixed.some((h) => (h.node.id as string) !== 'Mechanism:mtor' && h.score < (mixed[ids.indexOf('Mechanism:mtor')]?.score as number))).toBe(true);
    });

    it('searches query syntax literally: no input is a syntax error', async () => {
      for (const q of ['GSK-3 (mTOR', '"', 'mTOR AND', 'a:b OR NOT [x TO y}', '\\', '*?~^!', 'title:ketamine']) {
        const res = await server.gql<Json>(SEARCH, { q });
        expect({ q, errors: res.body.errors }).toEqual({ q, errors: undefined });
      }
      // Other test files add papers naming both to the shared graph, which can fill a short page.
      const { search } = await gql(SEARCH, { q: 'GSK-3 (mTOR', first: 100 });
      expect(search.map((h: Json) => h.node.id)).toEqual(expect.arrayContaining(['Mechanism:gsk-3', 'Mechanism:mtor']));
    });
  });
});
