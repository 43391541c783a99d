import { formatHash, graphRoute, mapRoute, NO_GRAPH_FILTERS, parseHash, type Route } from '../../src/explorer/state';

describe("the explorer's URL state", () => {
  const routes: Route[] = [
    { view: 'home' },
    { view: 'entity', id: 'Mechanism:mtor' },
    { view: 'paper', pmid: '24392693' },
    { view: 'paper', pmid: 'doi:10.1000/a b?c' },
    { view: 'timeline', id: 'Compound:ketamine' },
    graphRoute(['Compound:ketamine']),
    {
      view: 'graph',
      seeds: ['Mechanism:gsk-3', 'Paper:doi:10.1/x,y~z'],
      expanded: ['Claim:mined:25726893:s:7d911872e79bebbf'],
      filters: { hiddenTypes: ['AUTHORED_BY', 'CITES'], stances: ['SUPPORTS', 'CONTRADICTS'], sources: ['CURATED'], yearFrom: 2010, yearTo: 2020 },
      path: { from: 'Compound:ketamine', to: 'Mechanism:gsk-3' },
    },
    mapRoute(),
    {
      view: 'map',
      rows: 'COMPOUND',
      columns: 'BIOMARKER',
      colourBy: 'stance',
      filters: { yearFrom: 2000, yearTo: null, minLevel: 'RCT', sources: ['SEED', 'TEXT_MINED'] },
      evidenceOnly: true,
      cell: { row: 'Compound:ketamine', column: 'Biomarker:bdnf' },
    },
  ];

  it.each(routes.map((r) => [formatHash(r), r]))('reads %s back as the view it was written from', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('writes short, readable links: defaults left out, colons and separators as they are', () => {
    expect(formatHash(mapRoute())).toBe('#/map?rows=MECHANISM&columns=CONDITION');
    expect(formatHash({ view: 'entity', id: 'Mechanism:mtor' })).toBe('#/entity/Mechanism:mtor');
    expect(formatHash({ ...graphRoute(['Compound:ketamine']), expanded: ['Compound:ketamine'], path: { from: 'Compound:ketamine', to: 'Mechanism:gsk-3' } })).toBe(
      '#/graph?seeds=Compound:ketamine&expanded=Compound:ketamine&path=Compound:ketamine~Mechanism:gsk-3',
    );
  });

  it('opens what it can of a hand-edited or outdated link and drops the rest', () => {
    expect(parseHash('#/map?rows=PLANET&columns=COMPOUND&level=STRONG&source=SEED,GOSSIP&from=20x&cell=only-one')).toEqual({
      ...mapRoute('MECHANISM', 'COMPOUND'),
      filters: { yearFrom: null, yearTo: null, minLevel: null, sources: ['SEED'] },
    });
    expect(parseHash('#/graph?seeds=&expanded=Compound:ketamine')).toEqual({ view: 'home' });
    expect(parseHash('#/graph?seeds=Compound:ketamine&hide=ABOUT,<script>&stance=MAYBE')).toEqual({
      view: 'graph',
      seeds: ['Compound:ketamine'],
      expanded: [],
      filters: { ...NO_GRAPH_FILTERS, hiddenTypes: ['ABOUT'] },
      path: null,
    });
    expect(parseHash('#/entity/')).toEqual({ view: 'home' });
    expect(parseHash('#/entity/%E0%A4%A')).toEqual({ view: 'entity', id: '%E0%A4%A' });
    expect(parseHash('#/nowhere')).toEqual({ view: 'home' });
    expect(parseHash('')).toEqual({ view: 'home' });
  });
});
