import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sniffFormat } from '../../src/ingest/sniff';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8').slice(0, 4096);

describe('sniffFormat', () => {
  it('recognises the fixtures', () => {
    expect(sniffFormat(fixture('pubmed-sample.xml'))).toBe('pubmed-xml');
    expect(sniffFormat(fixture('pubmed-sample.nbib'))).toBe('medline');
  });

  it('recognises PubMed XML with or without a declaration or DOCTYPE, and with a BOM', () => {
    expect(sniffFormat('<PubmedArticleSet>\n<PubmedArticle>')).toBe('pubmed-xml');
    expect(sniffFormat('\uFEFF<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">')).toBe('pubmed-xml');
    expect(sniffFormat('  <?xml version="1.0"?><PubmedArticle>')).toBe('pubmed-xml');
  });

  it('does not take other XML for PubMed XML', () => {
    expect(sniffFormat('<?xml version="1.0"?><eSearchResult><Count>3</Count>')).toBeUndefined();
    expect(sniffFormat('<PubmedArticleSetX>')).toBeUndefined();
  });

  it('recognises MEDLINE text, including a leading blank line, CRLF and a BOM', () => {
    expect(sniffFormat('PMID- 24392693\nOWN - NLM\n')).toBe('medline');
    expect(sniffFormat('\uFEFF\r\nPMID- 24392693\r\nOWN - NLM\r\n')).toBe('medline');
  });

  it('recognises a saved PubMed web page by its "- PMID:" second line', () => {
    const page = 'Glutamate receptor antagonists as fast-acting therapeutic alternatives\n- PMID: 24392693\n- PMCID: PMC4089991\n';
    expect(sniffFormat(page)).toBe('seed');
    expect(sniffFormat(`\uFEFF${page.replace(/\n/g, '\r\n')}`)).toBe('seed');
  });

  it('returns undefined for anything else', () => {
    expect(sniffFormat('')).toBeUndefined();
    expect(sniffFormat('Some notes\nabout PMID- 1 in prose\n')).toBeUndefined();
    expect(sniffFormat('Title\n\n- PMID: 24392693\n')).toBeUndefined();
    expect(sniffFormat('Title\n- PMID: PMC123\n')).toBeUndefined();
  });
});
