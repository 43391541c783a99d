import { Readable } from 'node:stream';
import type { CslItem } from '../../src/features/bibliography';
import type { KgxEdge, KgxNode } from '../../src/features/kgx';
import { parseMedline } from '../../src/ingest/medline';
import { startTestServer, type TestServer } from '../helpers/server';

const SEED = '24392693';

describe('bibliographic and KGX exports over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const get = (path: string) => fetch(`${server.baseUrl}${path}`);
  const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

  async function refusal(path: string): Promise<{ status: number; extensions: Record<string, unknown> | undefined }> {
    const res = await get(path);
    const body = (await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    return { status: res.status, extensions: body.errors[0]?.extensions };
  }

  it('a papers listing as RIS, CSL-JSON, BibTeX and MEDLINE, each with its media type and file name', async () => {
    const path = (format: string) => `/export/papers?format=${format}&first=1000&where=${q({ about: 'ketamine', yearFrom: 2014, yearTo: 2014 })}`;
    const ris = await get(path('ris'));
    expect(ris.status).toBe(200);
    expect(ris.headers.get('content-type')).toBe('text/x-research-info-systems; charset=utf-8');
    expect(ris.headers.get('content-disposition')).toBe('attachment; filename="evmap-papers.ris"');
    const risText = await ris.text();
    expect(risText).toContain(`ID  - PMID${SEED}`);
    expect(risText).toContain('AU  - Niciu, Mark J');

    const csl = await get(path('csl'));
    expect(csl.headers.get('content-type')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    const item = ((await csl.json()) as CslItem[]).find((i) => i.PMID === SEED);
    expect(item).toMatchObject({ 'container-title': 'Annual review of pharmacology and toxicology', DOI: '10.1146/annurev-pharmtox-011613-135950', PMCID: 'PMC4089991', issued: { 'date-parts': [[2014]] } });
    expect(item?.author?.[0]).toEqual({ family: 'Niciu', given: 'Mark J' });

    const bib = await get(path('bibtex'));
    expect(bib.headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
    expect(bib.headers.get('content-disposition')).toContain('evmap-papers.bib');
    expect(await bib.text()).toContain(`@article{PMID${SEED},`);

    const nbib = await get(path('nbib'));
    expect(nbib.headers.get('content-type')).toBe('application/nbib; charset=utf-8');
    const records = [];
    for await (const parsed of parseMedline(Readable.from([await nbib.text()]))) records.push(parsed);
    expect(records.every((r) => r.kind === 'paper')).toBe(true);
    expect(records.find((r) => r.kind === 'paper' && r.record.pmid === SEED)).toMatchObject({ record: { year: 2014, doi: '10.1146/annurev-pharmtox-011613-135950' } });
  });

  it('cuts a papers listing at first and names the next offset in a header', async () => {
    const res = await get(`/export/papers?format=csl&first=1&where=${q({ about: 'ketamine' })}`);
    expect(((await res.json()) as CslItem[]).length).toBe(1);
    expect(res.headers.get('x-evmap-next-offset')).toBe('1');
  });

  it('refuses bad papers parameters with BAD_USER_INPUT naming them', async () => {
    expect(await refusal('/export/papers?format=docx')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'format' }) });
    expect(await refusal(`/export/papers?where=${q({ yearFrom: 'soon' })}`)).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'where.yearFrom' }) });
    expect(await refusal(`/export/papers?orderBy=${q({ field: 'AUTHOR' })}`)).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'orderBy.field' }) });
    expect(await refusal('/export/papers?first=1001')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'first' }) });
    expect(await refusal('/export/papers?format=ris&page=2')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'page' }) });
  });

  it('an evidence-map cell’s papers as CSL-JSON; a cell without its row is refused, an unknown entity is 404', async () => {
    const res = await get(`/export/evidence-cell?format=csl&row=ketamine&column=major-depressive-disorder&where=${q({ stance: 'SUPPORTS' })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('evmap-evidence-cell.json');
    expect(((await res.json()) as CslItem[]).map((i) => i.PMID)).toContain(SEED);
    expect(await refusal('/export/evidence-cell?column=major-depressive-disorder')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'row' }) });
    expect(await refusal(`/export/evidence-cell?row=ketamine&column=major-depressive-disorder&where=${q({ stance: 'MAYBE' })}`)).toEqual({
      status: 400,
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'where.stance' }),
    });
    expect((await refusal('/export/evidence-cell?row=no-such-entity&column=ketamine')).status).toBe(404);
  });

  it('an entity’s supporting papers as MEDLINE; bad arguments are refused by name', async () => {
    const res = await get('/export/supporting-papers?format=nbib&entity=mTOR&viaCitations=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('evmap-supporting-papers.nbib');
    expect(await res.text()).toMatch(new RegExp(`^PMID- ${SEED}$`, 'm'));
    expect(await refusal('/export/supporting-papers?entity=mTOR&stance=MAYBE')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'stance' }) });
    expect(await refusal('/export/supporting-papers?entity=mTOR&viaCitations=9')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'viaCitations' }) });
    expect(await refusal('/export/supporting-papers?entity=mTOR&minConfidence=high')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'minConfidence' }) });
    expect(await refusal('/export/supporting-papers?format=ris')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'entity' }) });
  });

  it('a subgraph as KGX nodes and edges in JSON Lines, every edge between exported nodes', async () => {
    const path = (part: string) => `/export/subgraph/kgx?seeds=Paper:${SEED}&depth=2&relationshipTypes=ASSERTS,ABOUT&part=${part}`;
    const nodesRes = await get(path('nodes'));
    expect(nodesRes.status).toBe(200);
    expect(nodesRes.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(nodesRes.headers.get('content-disposition')).toContain('evmap-subgraph_nodes.jsonl');
    const nodes = (await nodesRes.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as KgxNode);
    expect(nodes.find((n) => n.id === `PMID:${SEED}`)).toMatchObject({ category: ['biolink:Publication'], name: expect.stringMatching(/^Glutamate receptor antagonists/) });
    expect(nodes.some((n) => n.category[0] === 'biolink:ChemicalEntity')).toBe(true);

    const edgesRes = await get(path('edges'));
    expect(edgesRes.headers.get('content-disposition')).toContain('evmap-subgraph_edges.jsonl');
    const edges = (await edgesRes.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as KgxEdge);
    const ids = new Set(nodes.map((n) => n.id));
    expect(edges.every((e) => ids.has(e.subject) && ids.has(e.object))).toBe(true);
    expect(edges).toContainEqual(
      expect.objectContaining({ subject: `PMID:${SEED}`, predicate: 'biolink:mentions', knowledge_level: 'knowledge_assertion', agent_type: 'manual_agent', publications: [`PMID:${SEED}`], primary_knowledge_source: 'infores:evmap' }),
    );
  });

  it('refuses a KGX export without its part or seeds', async () => {
    expect(await refusal(`/export/subgraph/kgx?seeds=Paper:${SEED}`)).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'part' }) });
    expect(await refusal('/export/subgraph/kgx?part=nodes')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'seeds' }) });
    expect(await refusal('/export/subgraph/kgx?part=nodes&seeds=Paper:1&format=kgx')).toEqual({ status: 400, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'format' }) });
  });
});
