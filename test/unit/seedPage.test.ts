import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSeedPage, syntheticPaperKey } from '../../src/ingest/seedPage';

const SEED_FILE = path.join(__dirname, '../../seed/pubmed-24392693.txt');
const seedText = readFileSync(SEED_FILE, 'utf8');

describe('parseSeedPage on the seed page', () => {
  const page = parseSeedPage(seedText);

  it('reads the paper identity, title and abstract', () => {
    expect(page.paper).toMatchObject({
      pmid: '24392693',
      pmcid: 'PMC4089991',
      doi: '10.1146/annurev-pharmtox-011613-135950',
      title:
        'Glutamate receptor antagonists as fast-acting therapeutic alternatives for the treatment of depression: ketamine and other compounds',
    });
    expect(page.paper.abstract).toMatch(/^The N-methyl-D-aspartate \(NMDA\) receptor antagonist ketamine has rapid/);
    expect(page.paper.abstract).toMatch(/treatment response biomarkers of ketamine's antidepressant effects\.$/);
    expect(page.paper.abstract).not.toContain('Figures');
  });

  it('leaves out what the page does not say', () => {
    expect(page.paper.journal).toBeUndefined();
    expect(page.paper.year).toBeUndefined();
    expect(page.paper.publicationTypes).toBeUndefined();
    expect(page.paper.meshTerms).toBeUndefined();
    expect(page.paper.pmidIsSynthetic).toBeUndefined();
  });

  it('lists the five similar articles with 1-based ranks in page order', () => {
    expect(page.similar.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(page.similar.map((s) => s.record.pmid)).toEqual(['24388038', '29532791', '28111761', '27062302', '32017978']);
  });

  it('parses a full listing entry', () => {
    expect(page.similar[0]!.record).toEqual({
      pmid: '24388038',
      title:
        'A review of ketamine in affective disorders: current evidence of clinical efficacy, limitations of use and pre-clinical evidence on proposed mechanisms of action',
      journal: 'J Affect Disord',
      year: 2014,
      publishedOn: '2014-03',
      doi: '10.1016/j.jad.2013.11.014',
      publicationTypes: ['Review'],
    });
  });

  it('keeps periods and question marks inside titles', () => {
    const [, , third, fourth, fifth] = page.similar.map((s) => s.record);
    expect(third).toMatchObject({
      title:
        "What is the mechanism of Ketamine's rapid-onset antidepressant effect? A concise overview of the surprisingly large number of possibilities",
      journal: 'J Clin Pharm Ther',
      doi: '10.1111/jcpt.12497',
    });
    expect(fourth).toMatchObject({ title: "KETAMINE'S MECHANISM OF ACTION: A PATH TO RAPID-ACTING ANTIDEPRESSANTS", journal: 'Depress Anxiety' });
    expect(fifth).toMatchObject({
      title: 'Ketamine: The final frontier or another depressing end?',
      journal: 'Behav Brain Res',
      publishedOn: '2020-04-06',
      doi: '10.1016/j.bbr.2020.112508',
    });
  });

  it('drops the free-access badge from publication types', () => {
    expect(page.similar[1]!.record.publicationTypes).toEqual(['Review']);
    expect(page.citedBy[0]!.publicationTypes).toEqual(['Clinical Trial']);
    expect(page.citedBy[2]!.publicationTypes).toBeUndefined();
  });

  it('lists the five citing papers, each citing the seed', () => {
    expect(page.citedBy.map((p) => p.pmid)).toEqual(['27090301', '28322166', '27723376', '34753794', '25726893']);
    for (const paper of page.citedBy) expect(paper.cites).toEqual(['24392693']);
  });

  it('takes the date only as precisely as given', () => {
    const neuropharmacol = page.citedBy[1]!;
    expect(neuropharmacol).toMatchObject({ journal: 'Curr Neuropharmacol', year: 2017, publishedOn: '2017', doi: '10.2174/1570159X15666170320104237' });
  });

  it('parses the four references with authors, title, journal and year', () => {
    expect(page.references).toHaveLength(4);
    expect(page.references[0]).toMatchObject({
      pmidIsSynthetic: true,
      title: 'Acute and longer-term outcomes in depressed outpatients requiring one or several treatment steps: a STAR*D report',
      journal: 'Am J Psychiatry',
      year: 2006,
      authors: ['Rush AJ', 'Trivedi MH', 'Wisniewski SR', 'Nierenberg AA', 'Stewart JW'].map((name) => ({ name })),
    });
    expect(page.references.map((r) => [r.journal, r.year])).toEqual([
      ['Am J Psychiatry', 2006],
      ['Am J Psychiatry', 2011],
      ['Psychiatr Serv', 2009],
      ['Clin Ther', 2013],
    ]);
    expect(page.references[2]).toMatchObject({ title: 'The STAR*D trial: revealing the need for better treatments', authors: [{ name: 'Insel TR' }, { name: 'Wang PS' }] });
    expect(page.references[3]!.authors?.[1]).toEqual({ name: 'McInnis Myers M' });
  });

  it('keys references synthetically, distinctly and stably across parses', () => {
    const keys = page.references.map((r) => r.pmid);
    for (const key of keys) expect(key).toMatch(/^ref:[0-9a-f]{16}$/);
    expect(new Set(keys).size).toBe(4);
    expect(parseSeedPage(seedText).references.map((r) => r.pmid)).toEqual(keys);
    expect(keys[3]).toBe(
      syntheticPaperKey({ firstAuthor: 'Olchanski N', year: 2013, title: 'The economic burden of treatment-resistant depression' }),
    );
  });

  it('makes the seed paper cite every reference', () => {
    expect(page.paper.cites).toEqual(page.references.map((r) => r.pmid));
  });
});

describe('syntheticPaperKey', () => {
  it('prefers the DOI, lowercased', () => {
    expect(syntheticPaperKey({ doi: '10.2174/1570159X15666170320104237', title: 'ignored' })).toBe('doi:10.2174/1570159x15666170320104237');
  });

  it('ignores case, punctuation and spacing differences', () => {
    const a = syntheticPaperKey({ firstAuthor: 'Insel TR', year: 2009, title: 'The STAR*D trial: revealing the need for better treatments' });
    const b = syntheticPaperKey({ firstAuthor: 'insel  tr', year: 2009, title: 'the star d trial revealing the need for better treatments.' });
    expect(a).toBe(b);
  });

  it('tells apart references differing in author, year or title', () => {
    const base = { firstAuthor: 'Rush AJ', year: 2006, title: 'A STAR*D report' };
    const keys = [base, { ...base, firstAuthor: 'Rush A' }, { ...base, year: 2007 }, { ...base, title: 'A STAR*D reply' }].map(syntheticPaperKey);
    expect(new Set(keys).size).toBe(4);
  });
});

describe('parseSeedPage on other pages', () => {
  it('rejects a page without a PMID line', () => {
    const text = seedText.replace('- PMID: 24392693\n', '');
    expect(text).not.toBe(seedText);
    expect(() => parseSeedPage(text)).toThrow(/seed page has no PMID: expected a "- PMID: <digits>" line/);
  });

  it('rejects a page without a title', () => {
    expect(() => parseSeedPage('- PMID: 1\nAbstract\nSome text.\n')).toThrow('seed page 1 has no title');
  });

  it('rejects a non-numeric PMID', () => {
    expect(() => parseSeedPage('A title\n- PMID: abc\n')).toThrow('seed page PMID "abc" is not a number');
  });

  it('names the section and entry of a listing without its PMID tail', () => {
    const text = ['A title', '- PMID: 1', 'Similar articles', '-', 'Fine.J Med. 2020. doi: 10.1/x. J Med. 2020. PMID: 2', '-', 'Broken.J Med. 2020.'].join('\n');
    expect(() => parseSeedPage(text)).toThrow(/^Similar articles entry 2: no "<journal>\. <year>\. PMID: <digits>" ending/);
  });

  it('reads publication types, MeSH terms, Windows line endings and a multi-line abstract', () => {
    const text = [
      'A title',
      '- PMID: 7',
      'Abstract',
      'Background: one.',
      'Results: two.',
      'Keywords',
      'ketamine',
      'Publication types',
      '-',
      '- Review',
      '-',
      '- Research Support, N.I.H., Intramural',
      'MeSH terms',
      '-',
      '- Ketamine / therapeutic use*',
    ].join('\r\n');
    const page = parseSeedPage(text);
    expect(page.paper.abstract).toBe('Background: one.\nResults: two.');
    expect(page.paper.publicationTypes).toEqual(['Review', 'Research Support, N.I.H., Intramural']);
    expect(page.paper.meshTerms).toEqual(['Ketamine / therapeutic use*']);
    expect(page).toMatchObject({ similar: [], citedBy: [], references: [] });
  });

  it('keeps a reference without an author list whole as its title', () => {
    const text = ['A title', '- PMID: 1', 'References', '-', '- Depression guidelines 2010. Lancet. 2010;375:1-2. - PubMed'].join('\n');
    const [reference] = parseSeedPage(text).references;
    expect(reference).toMatchObject({ title: 'Depression guidelines 2010', journal: 'Lancet', year: 2010, pmidIsSynthetic: true });
    expect(reference!.authors).toBeUndefined();
  });

  it('keys a reference with a DOI by its DOI', () => {
    const text = ['A title', '- PMID: 1', 'References', '-', '- Doe J. A study. Nature. 2001;1:2. doi: 10.1038/ABC. - DOI - PubMed'].join('\n');
    expect(parseSeedPage(text).references[0]).toMatchObject({ pmid: 'doi:10.1038/abc', doi: '10.1038/ABC', title: 'A study', authors: [{ name: 'Doe J' }] });
  });
});
