import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumToLaunch } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

/** Everything a page asked for and complained about, CSP violations included, to prove it stayed offline and clean. */
async function watch(page: Page): Promise<{ requests: string[]; errors: string[]; violations: () => Promise<string[]> }> {
  const seen = { requests: [] as string[], errors: [] as string[] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  // An init script runs before the page's own and is not subject to its CSP. (Strings: the tests are compiled without the DOM's types.)
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  return { ...seen, violations: () => page.evaluate<string[]>('window.cspViolations') };
}

/**
 * Other test files write papers and claims into the same graph while this one runs, so what the
 * page shows and what the API answers a moment later can differ for a good reason: the view is
 * loaded again (at most three times) until both agree, and the last disagreement fails the test.
 */
async function agrees<T>(page: Page, shown: () => Promise<T>, answered: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const onPage = await shown();
    const fromApi = await answered();
    if (attempt === 3 || JSON.stringify(onPage) === JSON.stringify(fromApi)) {
      expect(onPage).toEqual(fromApi);
      return fromApi;
    }
    await page.reload();
  }
}

interface ClaimRow {
  quote: string;
  field: string;
}

describe('the explorer at /explore in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const { executablePath, args, env } = await chromiumToLaunch();
    server = await startTestServer();
    browser = await chromium.launch({ executablePath, args, env });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await server.gql<T>(query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data as T;
  }

  async function clean(page: Page, seen: Awaited<ReturnType<typeof watch>>): Promise<void> {
    expect(seen.errors).toEqual([]);
    expect(await seen.violations()).toEqual([]);
    const offHost = seen.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== server.baseUrl);
    expect(offHost).toEqual([]);
    await page.close();
  }

  it('suggests entities as you type, opens the picked one, and lists the papers and quotes the API gives', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const seen = await watch(page);
    await page.goto(`${server.baseUrl}/explore`);

    const box = page.getByRole('combobox', { name: 'Search entities and papers' });
    await box.fill('GSK-3');
    const options = page.getByRole('listbox', { name: 'Search entities and papers: suggestions' }).getByRole('option');
    await options.first().waitFor();
    // The entity the words name comes first, then what the full-text search finds (other tests add papers about GSK-3 meanwhile).
    const answer = await data<{ entity: { name: string }; search: Array<{ node: { name?: string; title?: string } }> }>(
      '{ entity(id: "GSK-3") { name } search(query: "GSK-3", first: 40) { node { ... on Entity { name } ... on Paper { title } } } }',
    );
    const captions = await options.locator('.caption').allInnerTexts();
    expect(captions[0]).toBe(answer.entity.name);
    expect(answer.search.map((h) => h.node.name ?? h.node.title)).toEqual(expect.arrayContaining(captions.slice(1)));
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/#\/entity\/Mechanism:gsk-3$/);
    await page.getByRole('heading', { level: 1, name: 'GSK-3' }).waitFor();

    const supporting = page.locator('section[aria-labelledby="supporting-heading"]');
    await supporting.locator('article.paper').first().waitFor();
    const api = await agrees(
      page,
      async () => {
        await supporting.locator('article.paper').first().waitFor();
        return supporting.locator('article.paper').evaluateAll((articles) =>
          articles.map((a) => ({
            pmid: a.getAttribute('data-pmid'),
            marked: [...a.querySelectorAll('mark')].map((m) => m.textContent),
            pubmed: a.querySelector('a.out')?.getAttribute('href'),
          })),
        );
      },
      async () => {
        const answer = await data<{ mechanism: { supportingPapers: { edges: Array<{ node: { pmid: string; title: string; abstract: string | null }; claims: ClaimRow[] }> } } }>(
          '{ mechanism(id: "Mechanism:gsk-3") { supportingPapers(first: 50) { edges { node { pmid title abstract } claims { quote field } } } } }',
        );
        return answer.mechanism.supportingPapers.edges.map((e) => ({
          pmid: e.node.pmid,
          // Marks follow the text: title quotes first, then the abstract's in order of appearance.
          marked: (['TITLE', 'ABSTRACT'] as const).flatMap((field) => {
            const text = (field === 'TITLE' ? e.node.title : e.node.abstract) ?? '';
            return e.claims
              .filter((c) => c.field === field)
              .sort((a, b) => text.indexOf(a.quote) - text.indexOf(b.quote))
              .map((c) => c.quote);
          }),
          pubmed: `https://pubmed.ncbi.nlm.nih.gov/${e.node.pmid}/`,
        }));
      },
    );
    expect(api.map((p) => p.pmid)).toContain('24392693');
    // The heading counts every supporting paper; the list shows the first 50 (other test files
    // add papers about GSK-3 to the shared graph while this one runs, so the count may pass 50).
    const heading = await page.getByRole('heading', { name: /^Supporting: \d+ papers?/ }).innerText();
    const counted = Number(/^Supporting: (\d+)/.exec(heading)?.[1]);
    if (counted > 50) expect({ heading, listed: api.length }).toEqual({ heading: `Supporting: ${counted} papers (the first 50)`, listed: 50 });
    else expect(counted).toBe(api.length);
    await page.locator('.timeline-inline svg.timeline-chart').waitFor();
    await page.screenshot({ path: '/tmp/explore-entity.png', fullPage: true });
    await clean(page, seen);
  });

  it('draws a neighbourhood with its hub folded, unfolds and expands nodes on request, and restores them from the URL', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const seen = await watch(page);
    await page.goto(`${server.baseUrl}/explore#/graph?seeds=Compound:ketamine`);
    const list = page.locator('ul.node-list');
    const status = page.getByRole('status').filter({ hasText: /nodes? and \d+ links? shown/ });
    await status.waitFor();

    // Ketamine's claims are single-link leaves: more than fit, so they fold into one bubble.
    const neighbours = async () =>
      (await data<{ subgraph: { nodes: Array<{ id: string; label: string }> } }>('{ subgraph(seeds: ["Compound:ketamine"], depth: 1, limit: 400) { nodes { id label } } }')).subgraph.nodes;
    await agrees(
      page,
      async () => {
        await status.waitFor();
        return list.locator('li.bubble-item > span').allInnerTexts();
      },
      async () => [`${(await neighbours()).filter((n) => n.label === 'Claim').length} more claims around ketamine`],
    );
    await page.screenshot({ path: '/tmp/explore-graph.png' });

    await list.getByRole('button', { name: /^Show the \d+ claims around ketamine$/ }).click();
    await list.locator('li.bubble-item').waitFor({ state: 'detached' });
    const shownIds = () => list.locator('li[data-id]').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')).sort());
    await agrees(page, shownIds, async () => (await neighbours()).map((n) => n.id).sort());
    expect(page.url()).toContain('expanded=Compound:ketamine');

    // Expanding the curated mTOR claim brings in what it links: its paper, mTOR and its condition.
    const claim = 'Claim:24392693-mtor-target';
    await list.locator(`li[data-id="${claim}"]`).getByRole('button', { name: /^Expand / }).click();
    await list.locator(`li[data-id="${claim}"]`).getByRole('button', { name: / is expanded$/ }).waitFor();
    const claimNeighbours = (await data<{ subgraph: { nodes: Array<{ id: string }> } }>(`{ subgraph(seeds: ["${claim}"], depth: 1) { nodes { id } } }`)).subgraph.nodes.map((n) => n.id);
    expect(claimNeighbours).toEqual(expect.arrayContaining(['Mechanism:mtor', 'Paper:24392693']));
    const afterExpand = await shownIds();
    expect(afterExpand).toEqual(expect.arrayContaining(claimNeighbours));
    await expect(page.locator('.node-details .node-name').innerText()).resolves.toBe("mTOR is a molecular target of ketamine's antidepressant action.");
    await page.screenshot({ path: '/tmp/explore-graph-expanded.png' });

    // The path form finds the API's shortest path and draws it.
    const to = page.getByRole('combobox', { name: 'Path to' });
    await to.fill('GSK-3');
    await page.getByRole('listbox', { name: 'Path to: suggestions' }).getByRole('option').first().filter({ hasText: /GSK-3$/ }).click();
    await page.getByRole('button', { name: 'Find path' }).click();
    const result = page.locator('.path-result');
    await result.filter({ hasText: /links?:/ }).waitFor();
    const path = (await data<{ paths: Array<{ length: number; nodes: Array<{ name: string }> }> }>('{ paths(from: "Compound:ketamine", to: "Mechanism:gsk-3", maxLength: 6, first: 1) { length nodes { name } } }')).paths[0];
    const text = await result.innerText();
    expect(text.startsWith(`${path?.length} link`)).toBe(true);
    expect(text).toMatch(/^.*: ketamine → .* → GSK-3$/);
    expect(page.url()).toContain('path=Compound:ketamine~Mechanism:gsk-3');
    await page.screenshot({ path: '/tmp/explore-path.png' });

    // A reload rebuilds the same view from the URL alone.
    await page.reload();
    await status.waitFor();
    await result.filter({ hasText: /links?:/ }).waitFor();
    expect(await shownIds()).toEqual(expect.arrayContaining(afterExpand));

    // Without the path and the claims' ABOUT links, only what ketamine reaches by its other links is left.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('checkbox', { name: 'ABOUT' }).uncheck();
    expect(page.url()).toContain('hide=ABOUT');
    const types = (await data<{ stats: { relationshipTypes: Array<{ name: string }> } }>('{ stats { relationshipTypes { name } } }')).stats.relationshipTypes.map((t) => t.name);
    const withoutAbout = await data<{ subgraph: { nodes: Array<{ id: string }> } }>('query ($types: [String!]) { subgraph(seeds: ["Compound:ketamine"], depth: 1, relationshipTypes: $types) { nodes { id } } }', {
      types: types.filter((t) => t !== 'ABOUT'),
    });
    expect(await shownIds()).toEqual(withoutAbout.subgraph.nodes.map((n) => n.id).sort());
    await clean(page, seen);
  });

  it('draws the evidence map with its gaps, lists a cell’s papers and quotes, and exports CSV and PNG', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const seen = await watch(page);
    await page.goto(`${server.baseUrl}/explore#/map?rows=MECHANISM&columns=CONDITION`);
    const cells = page.locator('svg.map-svg g.cell');
    await cells.first().waitFor();

    await agrees(
      page,
      async () => {
        await cells.first().waitFor();
        return cells.evaluateAll((gs) => gs.map((g) => `${g.getAttribute('data-row')} ${g.getAttribute('data-column')} ${g.getAttribute('data-papers')} ${g.querySelector('circle') ? 'bubble' : 'gap'}`).sort());
      },
      async () => {
        const map = await data<{ evidenceMap: { cells: Array<{ row: string; column: string; papers: number }> } }>('{ evidenceMap(rows: MECHANISM, columns: CONDITION) { cells { row column papers } } }');
        return map.evidenceMap.cells.map((c) => `${c.row} ${c.column} ${c.papers} ${c.papers > 0 ? 'bubble' : 'gap'}`).sort();
      },
    );
    await page.screenshot({ path: '/tmp/explore-map.png' });

    await page.getByRole('checkbox', { name: 'only rows and columns with evidence' }).check();
    const cell = page.getByRole('button', { name: /^mTOR × major depressive disorder: \d+ papers?/ });
    await cell.click();
    expect(page.url()).toContain('cell=Mechanism:mtor~Condition:major-depressive-disorder');
    const panel = page.getByRole('region', { name: 'Papers of the selected cell' });
    await panel.getByRole('heading', { name: 'mTOR × major depressive disorder' }).waitFor();
    await agrees(
      page,
      async () => {
        await panel.locator('article.paper').first().waitFor();
        return panel.locator('article.paper').evaluateAll((as) => as.map((a) => ({ pmid: a.getAttribute('data-pmid'), quotes: [...a.querySelectorAll('.claim-quote')].map((q) => q.textContent) })));
      },
      async () => {
        const answer = await data<{ evidenceCell: { edges: Array<{ node: { pmid: string }; claims: ClaimRow[] }> } }>(
          '{ evidenceCell(row: "mTOR", column: "major depressive disorder", first: 50) { edges { node { pmid } claims { quote field } } } }',
        );
        return answer.evidenceCell.edges.map((e) => ({ pmid: e.node.pmid, quotes: e.claims.map((c) => c.quote) }));
      },
    );
    await expect(panel.locator('article[data-pmid="24392693"] .abstract mark').allInnerTexts()).resolves.toEqual(['mammalian target of rapamycin (mTOR)']);
    await page.screenshot({ path: '/tmp/explore-map-cell.png', fullPage: true });

    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csvFile = await (await csv).path();
    const csvText = readFileSync(csvFile, 'utf8');
    expect(csvText.split('\n')[0]).toMatch(/^row,rowName,column,columnName,papers,claims,/);
    expect(csvText).toMatch(/^Mechanism:mtor,mTOR,Condition:major-depressive-disorder,major depressive disorder,[1-9]/m);

    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PNG' }).click();
    await (await png).saveAs('/tmp/explore-map-export.png');
    const pngBytes = readFileSync('/tmp/explore-map-export.png');
    expect(pngBytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngBytes.length).toBeGreaterThan(5_000);

    // The URL alone brings back the filtered map and the open cell.
    await page.reload();
    await panel.locator('article.paper').first().waitFor();
    await expect(page.getByRole('checkbox', { name: 'only rows and columns with evidence' }).isChecked()).resolves.toBe(true);
    await clean(page, seen);
  });

  it('shows an entity’s evidence by year and stance as the timeline query counts it', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const seen = await watch(page);
    await page.goto(`${server.baseUrl}/explore#/timeline/Compound:ketamine`);
    const table = page.getByRole('table', { name: 'Evidence about ketamine by year' });
    await agrees(
      page,
      async () => {
        await table.waitFor();
        return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => Number(c.textContent))));
      },
      async () => {
        const answer = await data<{ timeline: { points: Array<{ year: number; papers: number; byStance: Array<{ stance: string; count: number }> }> } }>(
          '{ timeline(entity: "ketamine") { points { year papers byStance { stance count } } } }',
        );
        const of = (p: (typeof answer.timeline.points)[number], s: string) => p.byStance.find((b) => b.stance === s)?.count ?? 0;
        return answer.timeline.points.map((p) => [p.year, p.papers, of(p, 'SUPPORTS'), of(p, 'CONTRADICTS'), of(p, 'MENTIONS')]);
      },
    );
    await expect(page.locator('svg.timeline-chart rect').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/explore-timeline.png', fullPage: true });
    await clean(page, seen);
  });
});
