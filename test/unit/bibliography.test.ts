import { Readable } from 'node:stream';
import { cslItem, cslName, medlineField, writeBibliography, type BibliographyEntry } from '../../src/features/bibliography';
import type { PaperRow } from '../../src/graph/records';
import type { PaperRecord } from '../../src/graph/paperRecord';
import { parseMedline } from '../../src/ingest/medline';

const paper: PaperRow = {
  pmid: '24392693',
  synthetic: false,
  stub: false,
  doi: '10.1146/annurev-pharmtox-011613-135950',
  pmcid: 'PMC4089991',
  title: 'Glutamate receptor antagonists as fast-acting therapeutic alternatives for the treatment of depression: ketamine & other compounds',
  abstract: `The N-methyl-D-aspartate (NMDA) receptor antagonist ketamine has rapid and potent antidepressant effects.\n${'Numerous open-label and case studies similarly validate it. '.repeat(4)}`.trim(),
  journal: 'Annual review of pharmacology and toxicology',
  year: 2014,
  publishedOn: '2014-01-15',
  publicationTypes: ['Journal Article', 'Review'],
  meshTerms: [],
  meshIds: [],
  majorTopics: [],
  checkTags: [],
  chemicals: [],
  chemicalIds: [],
  supplementaryConcepts: [],
  keywords: [],
  abstractSections: [],
  languages: [],
  grants: [],
  retracted: false,
};

const entry: BibliographyEntry = {
  paper,
  authors: [
    { name: 'Niciu MJ', fullName: 'Niciu, Mark J' },
    { name: 'Zarate CA Jr', fullName: 'Zarate, Carlos A Jr' },
    { name: 'Henter ID', fullName: null },
    { name: 'Ketamine Study Group', fullName: null },
  ],
};

async function readBack(text: string): Promise<PaperRecord[]> {
  const out: PaperRecord[] = [];
  for await (const item of parseMedline(Readable.from([text]))) {
    if (item.kind !== 'paper') throw new Error(`rejected: ${JSON.stringify(item)}`);
    out.push(item.record);
  }
  return out;
}

describe('bibliographic exports', () => {
  it('splits byline names into CSL family and given names, keeping suffixes and collective names whole', () => {
    expect(entry.authors.map(cslName)).toEqual([
      { family: 'Niciu', given: 'Mark J' },
      { family: 'Zarate', given: 'Carlos A', suffix: 'Jr' },
      { family: 'Henter', given: 'ID' },
      { literal: 'Ketamine Study Group' },
    ]);
  });

  it('builds a CSL-JSON item with the identifiers, the journal, the date and a PubMed link', () => {
    expect(cslItem(entry)).toMatchObject({
      id: 'PMID24392693',
      type: 'article-journal',
      title: paper.title,
      'container-title': 'Annual review of pharmacology and toxicology',
      issued: { 'date-parts': [[2014, 1, 15]] },
      DOI: paper.doi,
      PMID: '24392693',
      PMCID: 'PMC4089991',
      abstract: paper.abstract,
      URL: 'https://pubmed.ncbi.nlm.nih.gov/24392693/',
    });
    const bare = cslItem({ paper: { ...paper, doi: null, pmcid: null, abstract: null, publishedOn: null }, authors: [] });
    expect(bare).not.toHaveProperty('DOI');
    expect(bare).not.toHaveProperty('author');
    expect(bare.issued).toEqual({ 'date-parts': [[2014]] });
  });

  it('writes CSL-JSON that parses back to the items', () => {
    expect(JSON.parse(writeBibliography([entry], 'csl'))).toEqual([cslItem(entry)]);
  });

  it('writes RIS with the type, authors in byline order, title, journal, year, DOI and link', () => {
    const ris = writeBibliography([entry], 'ris');
    expect(ris).toMatch(/^TY {2}- JOUR$/m);
    expect(ris.match(/^AU {2}- .*$/gm)).toEqual(['AU  - Niciu, Mark J', 'AU  - Zarate, Carlos A, Jr', 'AU  - Henter, ID', 'AU  - Ketamine Study Group']);
    expect(ris).toContain(`TI  - ${paper.title}`);
    expect(ris).toContain('T2  - Annual review of pharmacology and toxicology');
    expect(ris).toContain('PY  - 2014');
    expect(ris).toContain(`DO  - ${paper.doi}`);
    expect(ris).toContain('UR  - https://pubmed.ncbi.nlm.nih.gov/24392693/');
    expect(ris).toMatch(/^ER {2}- ?$/m);
    // One line per value: a value cut mid-word comes back from a reference manager with a space in it.
    expect(ris).toContain(`AB  - ${paper.abstract?.replace(/\s+/g, ' ')}\n`);
    expect(ris.split('\n').filter((l) => l !== '').every((l) => /^[A-Z][A-Z0-9] {2}- /.test(l))).toBe(true);
  });

  it('writes BibTeX with the PMID key, escaped title, authors, journal, year and DOI', () => {
    const bib = writeBibliography([entry], 'bibtex');
    expect(bib).toMatch(/^@article\{PMID24392693,$/m);
    expect(bib).toContain('author = {Niciu, Mark J and Zarate, Jr, Carlos A and Henter, ID and {Ketamine Study Group}}');
    expect(bib).toContain('ketamine \\& other compounds');
    expect(bib).toContain('journal = {Annual review of pharmacology and toxicology}');
    expect(bib).toContain('year = {2014}');
    expect(bib).toContain(`doi = {${paper.doi}}`);
  });

  // What Zotero's own import translators (RIS.js, BibTeX.js, CSL JSON.js, MEDLINEnbib.js, run
  // through zotero/translation-server) were seen to need, so each format arrives whole.
  describe('for Zotero', () => {
    const international: BibliographyEntry = {
      paper: {
        ...paper,
        pmid: '31000001',
        title: 'Ketamine & esketamine at ≥ 0.5 mg/kg in {treatment-resistant} depression: 张伟’s cohort, 50% response',
        meshTerms: ['Ketamine', 'Depressive Disorder, Treatment-Resistant'],
        majorTopics: ['Ketamine'],
        keywords: ['rapid antidepressant'],
        languages: ['eng'],
      },
      authors: [
        { name: 'Müller J', fullName: 'Müller, Jürgen' },
        { name: 'Abdallah CG', fullName: null },
        { name: 'Ketamine Study Group', fullName: null },
      ],
    };

    it('writes BibTeX in UTF-8 with only LaTeX’s specials escaped, and the abstract, PMID and PMCID', () => {
      const bib = writeBibliography([international], 'bibtex');
      expect(bib).toContain('title = {Ketamine \\& esketamine at ≥ 0.5 mg/kg in \\{treatment-resistant\\} depression: 张伟’s cohort, 50\\% response}');
      expect(bib).toContain('Müller, Jürgen');
      expect(bib).toMatch(/^\tabstract = \{The N-methyl-D-aspartate/m);
      expect(bib).toContain('pmid = {31000001}');
      expect(bib).toContain('pmcid = {PMC4089991}');
      expect(bib).not.toContain('howpublished');
    });

    it('puts the PubMed identifiers where Zotero files them under Extra, and the subjects as tags', () => {
      const ris = writeBibliography([international], 'ris');
      expect(ris).toContain('M2  - PMID: 31000001\nM2  - PMCID: PMC4089991');
      expect(ris).toContain('KW  - Ketamine\nKW  - Depressive Disorder, Treatment-Resistant\nKW  - rapid antidepressant');
      expect(cslItem(international).note).toBe('PMID: 31000001\nPMCID: PMC4089991');
      expect(ris).not.toContain('N1  -');
    });

    it('gives every person in a MEDLINE byline an FAU, and writes language, MeSH and keywords', () => {
      const nbib = writeBibliography([international], 'nbib');
      expect(nbib).toContain('FAU - Müller, Jürgen\nAU  - Müller J\nFAU - Abdallah, CG\nAU  - Abdallah CG\nCN  - Ketamine Study Group');
      expect(nbib).toContain('LA  - eng');
      expect(nbib).toContain('MH  - *Ketamine\nMH  - Depressive Disorder, Treatment-Resistant\nOT  - rapid antidepressant');
    });
  });

  it('writes one RIS record per paper, each closed by ER', () => {
    const ris = writeBibliography([entry, { paper: { ...paper, pmid: '1' }, authors: [] }], 'ris');
    expect(ris.match(/^TY {2}- JOUR$/gm)).toHaveLength(2);
    expect(ris.match(/^ER {2}- $/gm)).toHaveLength(2);
    expect(ris).toContain('ID  - PMID1');
  });

  it('writes an empty set as empty files, and CSL-JSON as an empty list', () => {
    expect(writeBibliography([], 'ris')).toBe('');
    expect(writeBibliography([], 'bibtex')).toBe('');
    expect(writeBibliography([], 'nbib')).toBe('');
    expect(JSON.parse(writeBibliography([], 'csl'))).toEqual([]);
  });

  it('wraps MEDLINE fields at 80 columns with six-space continuation lines', () => {
    const lines = medlineField('AB', paper.abstract as string);
    expect(lines[0]).toMatch(/^AB {2}- The N-methyl/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines.slice(1).every((l) => /^ {6}\S/.test(l))).toBe(true);
    expect(medlineField('PMID', '1')).toEqual(['PMID- 1']);
  });

  it('writes MEDLINE that evmap’s own parser reads back field for field', async () => {
    const second: BibliographyEntry = { paper: { ...paper, pmid: '1', doi: null, pmcid: null, publishedOn: '2014', abstract: null }, authors: [] };
    const text = writeBibliography([entry, second], 'nbib');
    expect(text).toMatch(/^PMID- 24392693$/m);
    expect(text).toMatch(/^DP {2}- 2014 Jan 15$/m);
    expect(text).toMatch(/^LID - 10\.1146\/annurev-pharmtox-011613-135950 \[doi\]$/m);
    const [first, other] = await readBack(text);
    expect(first).toMatchObject({
      pmid: '24392693',
      title: paper.title,
      abstract: paper.abstract?.replace(/\s+/g, ' '),
      journal: paper.journal,
      year: 2014,
      publishedOn: '2014-01-15',
      doi: paper.doi,
      pmcid: 'PMC4089991',
      publicationTypes: ['Journal Article', 'Review'],
      authors: [
        { name: 'Niciu MJ', fullName: 'Niciu, Mark J' },
        { name: 'Zarate CA Jr', fullName: 'Zarate, Carlos A Jr' },
        { name: 'Henter ID' },
        { name: 'Ketamine Study Group' },
      ],
    });
    expect(other).toMatchObject({ pmid: '1', year: 2014, publishedOn: '2014' });
    expect(other).not.toHaveProperty('doi');
  });
});
