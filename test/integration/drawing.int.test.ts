import { randomUUID } from 'node:crypto';
import type { ClaimInput } from '../../src/graph/records';
import { upsertClaimsQuery } from '../../src/store/claims';
import { upsertEntitiesQueries } from '../../src/store/entities';
import { startTestServer, type TestServer } from '../helpers/server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Seed-corpus papers asserting the hub's mined claims; the curated claim is the seed review's, since a paper's curated claim about an entity keeps mined ones about it out. */
const PAPERS = ['27090301', '32017978', '27723376', '24388038'];
const MINED = 30;

const SUBGRAPH = `query($seeds: [ID!]!, $limit: Int, $offset: Int) {
  subgraph(seeds: $seeds, depth: 2, limit: $limit, offset: $offset) {
    nodes { id label name ... on Claim { source confidence } ... on Paper { pmid title } ... on Mechanism { aliases } }
    edges { id type source target claim stance evidenceLevel claimSource confidence }
    truncated omitted { type count atLeast } omittedEdges nextOffset
  }
}`;

describe('a subgraph a front end can draw: real node types, claim edges, fair truncation and slices', () => {
  let server: TestServer;
  // A hub no other test file touches: one curated claim and many mined mentions, as after a large import.
  const tag = randomUUID().slice(0, 8);
  const hub = `draw-hub-${tag}`;
  const curated: ClaimInput = {
    id: `draw-${tag}-curated`,
    paper: '24392693',
    about: [hub],
    stance: 'SUPPORTS',
    statement: `The drawing hub ${tag} is a target.`,
    quote: 'ketamine',
    field: 'title',
    start: 0,
    end: 8,
    evidenceLevel: 'REVIEW',
    source: 'CURATED',
    curator: 'drawing-test',
  };
  const mined: ClaimInput[] = Array.from({ length: MINED }, (_, i) => ({
    id: `draw-${tag}-mined-${String(i).padStart(2, '0')}`,
    paper: PAPERS[i % PAPERS.length] as string,
    about: [hub],
    stance: 'MENTIONS',
    quote: 'ketamine',
    field: 'title',
    start: 0,
    end: 8,
    confidence: (i + 1) / 100,
    source: 'TEXT_MINED',
  }));
  const gql = async (query: string, variables?: Record<string, unknown>): Promise<Json> => {
    const res = await server.gql<Json>(query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as Json;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await server.db.runAll(upsertEntitiesQueries([{ entityKind: 'MECHANISM', id: hub, name: `Drawing hub ${tag}`, aliases: [`hub-${tag}`], kind: 'TARGET' }]));
    await server.db.run(upsertClaimsQuery([...mined, curated]));
  });
  afterAll(async () => {
    await server.db.writeRows('MATCH (c:Claim) WHERE c.id STARTS WITH $prefix DETACH DELETE c', { prefix: `draw-${tag}-` });
    await server.db.writeRows('MATCH (e:Mechanism {id: $id}) DETACH DELETE e', { id: hub });
    await server.close();
  });

  it('keeps the curated claim and the papers when mined mentions would fill the limit, and says what it left out', async () => {
    const { subgraph } = await gql(SUBGRAPH, { seeds: [`Mechanism:${hub}`], limit: 9 });
    const ids = subgraph.nodes.map((n: Json) => n.id);
    expect(subgraph.nodes[0]).toEqual({ id: `Mechanism:${hub}`, label: 'Mechanism', name: `Drawing hub ${tag}`, aliases: [`hub-${tag}`] });
    expect(subgraph.nodes[1]).toEqual({ id: `Claim:${curated.id}`, label: 'Claim', name: curated.statement, source: 'CURATED', confidence: null });
    // Mined claims follow by confidence, and papers asserting them take turns with them.
    const claims = subgraph.nodes.filter((n: Json) => n.label === 'Claim');
    expect(claims.slice(1).map((c: Json) => c.confidence)).toEqual([0.3, 0.29, 0.28]);
    const papers = subgraph.nodes.filter((n: Json) => n.label === 'Paper');
    expect(papers.length).toBeGreaterThanOrEqual(3);
    expect(papers[0]).toMatchObject({ id: 'Paper:24392693', pmid: '24392693', title: expect.stringMatching(/^Glutamate receptor antagonists/) });
    expect(ids).toHaveLength(9);

    const edge = (id: string) => subgraph.edges.find((e: Json) => e.id === id);
    expect(edge(`ABOUT:Claim:${curated.id}->Mechanism:${hub}`)).toMatchObject({ claim: `Claim:${curated.id}`, stance: 'SUPPORTS', evidenceLevel: 'REVIEW', claimSource: 'CURATED', confidence: null });
    expect(edge(`ASSERTS:Paper:24392693->Claim:${curated.id}`)).toMatchObject({ stance: 'SUPPORTS', claimSource: 'CURATED' });
    expect(subgraph.edges.filter((e: Json) => e.claimSource === 'TEXT_MINED').every((e: Json) => e.stance === 'MENTIONS' && e.confidence > 0)).toBe(true);
    for (const e of subgraph.edges) expect(ids).toEqual(expect.arrayContaining([e.source, e.target]));

    expect(subgraph.truncated).toBe(true);
    expect(subgraph.omitted).toEqual(expect.arrayContaining([{ type: 'Claim', count: MINED + 1 - claims.length, atLeast: false }]));
    expect(subgraph.nextOffset).toBe(9);
  });

  it('hands out the rest in slices that join into the whole neighbourhood', async () => {
    const seen = new Map<string, Json>();
    const edges = new Map<string, Json>();
    let offset: number | null = 0;
    let slices = 0;
    while (offset !== null) {
      const { subgraph }: Json = await gql(SUBGRAPH, { seeds: [`Mechanism:${hub}`], limit: 9, offset });
      slices += 1;
      for (const n of subgraph.nodes) {
        expect(seen.has(n.id)).toBe(false);
        seen.set(n.id, n);
      }
      for (const e of subgraph.edges) {
        expect(edges.has(e.id)).toBe(false);
        edges.set(e.id, e);
        // An edge's endpoints are in this slice or an earlier one.
        expect(seen.has(e.source) && seen.has(e.target)).toBe(true);
      }
      expect(subgraph.nodes.length).toBeLessThanOrEqual(9);
      offset = subgraph.nextOffset;
      expect(slices).toBeLessThan(10);
    }
    const labels = [...seen.values()].map((n) => n.label);
    expect(labels.filter((l) => l === 'Claim')).toHaveLength(MINED + 1);
    expect(labels.filter((l) => l === 'Paper')).toHaveLength(PAPERS.length + 1);
    expect([...edges.values()].filter((e) => e.type === 'ABOUT')).toHaveLength(MINED + 1);
    expect([...edges.values()].filter((e) => e.type === 'ASSERTS')).toHaveLength(MINED + 1);
  });

  it('fills in any drawn nodes in one request with nodes(ids:), null where nothing has the id', async () => {
    const before = server.db.queryCount;
    const { nodes } = await gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on GraphNode { label name } ... on Paper { year } ... on Claim { stance quote } } }`,
      { ids: ['Paper:24392693', `Claim:${curated.id}`, `Mechanism:${hub}`, 'Paper:999999998', 'Condition:' + hub] },
    );
    expect(nodes).toEqual([
      { id: 'Paper:24392693', label: 'Paper', name: expect.stringMatching(/^Glutamate/), year: 2014 },
      { id: `Claim:${curated.id}`, label: 'Claim', name: curated.statement, stance: 'SUPPORTS', quote: 'ketamine' },
      { id: `Mechanism:${hub}`, label: 'Mechanism', name: `Drawing hub ${tag}` },
      null,
      null,
    ]);
    // One lookup per label, not per id.
    expect(server.db.queryCount - before).toBeLessThanOrEqual(3);
    const tooMany = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 1001 }, (_, i) => `Paper:${i + 1}`) });
    expect(tooMany.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('gives path edges their claims too', async () => {
    const { paths } = await gql(`query($from: ID!) { paths(from: $from, to: "Paper:24392693", maxLength: 2) { nodes { id ... on Claim { source } } edges { type stance claimSource } } }`, { from: `Mechanism:${hub}` });
    const viaCurated = paths.find((p: Json) => p.nodes[1].id === `Claim:${curated.id}`);
    expect(viaCurated.nodes[1].source).toBe('CURATED');
    expect(viaCurated.edges).toEqual([
      { type: 'ABOUT', stance: 'SUPPORTS', claimSource: 'CURATED' },
      { type: 'ASSERTS', stance: 'SUPPORTS', claimSource: 'CURATED' },
    ]);
  });
});
