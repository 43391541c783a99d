import type { RefusingExecutor } from '../helpers/refusingExecutor';
import { startUnitServer, type TestServer } from '../helpers/server';

type Errors = { errors: Array<{ message: string; extensions: { code: string } }> };

describe('export parameters are checked like the GraphQL arguments', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());
  // A parameter is refused before the route runs any query.
  afterEach(() => expect(server.db.calls).toEqual([]));

  const evidenceMap = (where: string) => fetch(`${server.baseUrl}/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=json&where=${encodeURIComponent(where)}`);

  it.each([
    ['a wrong type', '{"yearFrom":"soon"}', /^where\.yearFrom must be an Int/],
    ['digits as a string, which GraphQL refuses for Int', '{"yearTo":"2000"}', /^where\.yearTo must be an Int/],
    ['an unknown enum value', '{"stance":"SOMETIMES"}', /^where\.stance must be one of SUPPORTS, CONTRADICTS, MENTIONS/],
    ['an unknown evidence level', '{"minEvidenceLevel":"ANECDOTE"}', /^where\.minEvidenceLevel must be one of META_ANALYSIS/],
    ['an unknown field', '{"rowIdz":["mTOR"]}', /^where\.rowIdz is not a field of EvidenceMapFilter/],
    ['a list of the wrong things', '{"rowIds":[{"id":"mTOR"}]}', /^where\.rowIds\.0 must be an ID/],
    ['not an object', '["mTOR"]', /^where must be an EvidenceMapFilter object/],
    ['invalid JSON', '{stance:', /^where must be JSON/],
  ])('where= with %s is 400 BAD_USER_INPUT naming the field', async (_case, where, message) => {
    const res = await evidenceMap(where);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Errors;
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toMatch(message);
  });

  it.each([
    ['/export/subgraph?seeds=Mechanism:mtor&depth=two', /^depth must be a whole number, got "two"/],
    ['/export/subgraph?seeds=Mechanism:mtor&depth=1e0', /^depth must be a whole number/],
    ['/export/subgraph?seeds=Mechanism:mtor&limit=', /^limit must be a whole number, got ""/],
    ['/export/subgraph?seeds=Mechanism:mtor&depth=9', /"depth" must be between 1 and 3/],
    ['/export/subgraph?seeds=Mechanism:mtor&depht=2', /^"depht" is not a parameter of \/export\/subgraph, which takes format, part, seeds, depth, limit, offset, relationshipTypes/],
    ['/export/subgraph?seeds=Mechanism:mtor&format=csv&format=json', /^format must be given once/],
    ['/export/subgraph?seeds=Mechanism:mtor&format=csv', /^part is required: one of nodes, edges/],
    ['/export/subgraph?seeds=Mechanism:mtor&format=csv&part=claims', /^part must be one of nodes, edges, got "claims"/],
    ['/export/subgraph?seeds=Mechanism:mtor&format=graphml&part=nodes', /^part is only for format=csv/],
    ['/export/subgraph?seeds=Mechanism:mtor&limit=500&offset=4600', /"offset" must be 0 or more, with "offset" \+ "limit" at most 5000/],
    ['/export/subgraph?seeds=Mechanism:mtor&relationshipTypes=CITES,LIKES', /Unknown relationship type\(s\) "LIKES"/],
    ['/export/traversal/co-mentioned?params={entity:', /^params must be JSON/],
    ['/export/traversal/co-mentioned?params=[1]', /^params must be an object/],
    ['/export/traversal/co-mentioned?params={"entity":"mTOR"}&where={}', /^"where" is not a parameter/],
    ['/export/evidence-map?rows=GENE&columns=CONDITION', /^rows must be one of MECHANISM, .*, got "GENE"/],
    ['/export/evidence-map?rows=MECHANISM', /^columns is required/],
    ['/export/evidence-map?rows=MECHANISM&columns=CONDITION&format=graphml', /^format must be one of csv, json/],
    ['/export/papers?format=docx', /^format must be one of ris, csl, bibtex, nbib, got "docx"/],
    ['/export/papers?first=1001', /^first must be 0 to 1000, got 1001/],
    ['/export/papers?offset=-1', /^offset must be 0 or more/],
    ['/export/papers?where={"yearFrom":2020,"yearTo":2010}', /^where\.yearFrom \(2020\) is after where\.yearTo \(2010\)/],
    ['/export/papers?where={"jornal":"Nature"}', /^where\.jornal is not a field of PaperFilter/],
    ['/export/papers?orderBy={"field":"AUTHOR"}', /^orderBy\.field must be one of/],
    ['/export/evidence-cell?row=ketamine', /^column is required/],
    ['/export/evidence-cell?row=ketamine&column=mTOR&where={"stance":"SOMETIMES"}', /^where\.stance must be one of/],
    ['/export/supporting-papers?format=ris', /^entity is required/],
    ['/export/supporting-papers?entity=mTOR&viaCitations=9', /"viaCitations" must be 0 to 3, got 9/],
    ['/export/supporting-papers?entity=mTOR&sources=CURATED,GUESSED', /^sources must be one of CURATED, TEXT_MINED, SEED, PUBTATOR, got "GUESSED"/],
    ['/export/supporting-papers?entity=mTOR&minConfidence=2', /"minConfidence" must be between 0 and 1, got 2/],
    ['/export/supporting-papers?entity=mTOR&minConfidence=1e-1', /^minConfidence must be a number such as 0\.5/],
    ['/export/subgraph/kgx?seeds=Mechanism:mtor', /^part is required: one of nodes, edges/],
    ['/export/subgraph/kgx?seeds=Mechanism:mtor&part=nodes&depth=9', /"depth" must be between 1 and 3/],
  ])('%s is 400 BAD_USER_INPUT with a clear message', async (route, message) => {
    const res = await fetch(`${server.baseUrl}${route}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Errors;
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toMatch(message);
  });
});

describe('exports over HTTP', () => {
  let server: TestServer<RefusingExecutor>;
  beforeAll(async () => {
    server = await startUnitServer();
  });
  afterAll(() => server.close());
  // A missing or unknown parameter, format or traversal is refused before any query.
  afterEach(() => expect(server.db.calls).toEqual([]));

  it('answers bad requests with coded JSON errors', async () => {
    const noSeeds = await fetch(`${server.baseUrl}/export/subgraph?format=json`);
    expect(noSeeds.status).toBe(400);
    expect(((await noSeeds.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${server.baseUrl}/export/subgraph?seeds=Mechanism:gsk-3&format=pdf`)).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/export/traversal/nope`)).status).toBe(404);
  });
});
