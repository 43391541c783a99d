/** A paper as evidence: its title and abstract with the claims' quotes marked, the claims, and links out. */
import { h } from '../dom';
import { runs } from '../highlight';
import type { ClaimInfo, PaperInfo } from '../queries';
import { formatHash } from '../state';
import { words } from '../vocab';

/** The text of one field with the quotes of the claims taken from it wrapped in <mark>. */
export function markedText(text: string, claims: readonly ClaimInfo[], field: ClaimInfo['field']): Node[] {
  const spans = claims.filter((c) => c.field === field).map((c) => ({ key: c.id, quote: c.quote, start: c.quoteStart, end: c.quoteEnd }));
  const stanceOf = new Map(claims.map((c) => [c.id, c.stance]));
  return runs(text, spans).map((run) => {
    if (run.keys.length === 0) return document.createTextNode(run.text);
    const stances = [...new Set(run.keys.map((k) => stanceOf.get(k)))];
    const stance = stances.length === 1 ? (stances[0] ?? 'MENTIONS') : 'MIXED';
    return h('mark', { class: `quote stance-${stance}`, 'data-claims': run.keys.join(' '), title: `${run.keys.length === 1 ? 'Quote of a claim' : `Quotes of ${run.keys.length} claims`} (${words(stance)})` }, run.text);
  });
}

export function paperLinks(paper: Pick<PaperInfo, 'pmid' | 'synthetic' | 'doi' | 'pmcid'>): HTMLElement {
  const out = (href: string, text: string) => h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'out' }, text);
  return h(
    'span',
    { class: 'links' },
    paper.synthetic ? null : out(`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(paper.pmid)}/`, 'PubMed'),
    paper.doi ? out(`https://doi.org/${paper.doi}`, 'DOI') : null,
    paper.pmcid ? out(`https://www.ncbi.nlm.nih.gov/pmc/articles/${encodeURIComponent(paper.pmcid)}/`, 'PMC') : null,
  );
}

export function claimBadges(claim: ClaimInfo): HTMLElement {
  return h(
    'span',
    { class: 'badges' },
    h('span', { class: `badge stance stance-${claim.stance}` }, words(claim.stance)),
    h('span', { class: 'badge level', title: 'Evidence level' }, claim.evidenceLevel ? words(claim.evidenceLevel) : 'no level'),
    h('span', { class: 'badge source', title: 'Source' }, words(claim.source)),
    claim.confidence === null || claim.confidence === undefined ? null : h('span', { class: 'badge confidence', title: 'Confidence' }, `confidence ${claim.confidence.toFixed(2)}`),
    claim.hedged ? h('span', { class: 'badge flag' }, 'hedged') : null,
    claim.negated ? h('span', { class: 'badge flag' }, 'negated') : null,
  );
}

function claimItem(claim: ClaimInfo, extra?: Node): HTMLElement {
  return h(
    'li',
    { class: 'claim', 'data-claim': claim.id },
    claimBadges(claim),
    h('q', { class: 'claim-quote' }, claim.quote),
    claim.statement && claim.statement !== claim.quote ? h('span', { class: 'statement' }, claim.statement) : null,
    extra,
  );
}

export interface PaperCardOptions {
  /** Added after each claim, e.g. the entities it is about. */
  claimExtra?: (claim: ClaimInfo) => Node | undefined;
  /** Citation hops to the direct evidence (supporting papers via citations). */
  distance?: number;
}

export function paperCard(paper: PaperInfo, claims: readonly ClaimInfo[], options: PaperCardOptions = {}): HTMLElement {
  const title = paper.title ?? `PMID ${paper.pmid}`;
  return h(
    'article',
    { class: 'paper', 'data-pmid': paper.pmid },
    h('h3', { class: 'paper-title' }, h('a', { href: formatHash({ view: 'paper', pmid: paper.pmid }) }, ...markedText(title, claims, 'TITLE'))),
    h(
      'p',
      { class: 'paper-meta' },
      [paper.journal, paper.year, paper.synthetic ? paper.pmid : `PMID ${paper.pmid}`].filter(Boolean).join(' · '),
      ' ',
      paperLinks(paper),
      paper.retracted ? h('span', { class: 'badge retracted' }, 'retracted') : null,
      options.distance ? h('span', { class: 'badge' }, `via ${options.distance} citation${options.distance > 1 ? 's' : ''}`) : null,
    ),
    paper.abstract ? h('p', { class: 'abstract' }, ...markedText(paper.abstract, claims, 'ABSTRACT')) : h('p', { class: 'abstract missing' }, 'No abstract in the graph.'),
    h('ul', { class: 'claims' }, ...claims.map((c) => claimItem(c, options.claimExtra?.(c)))),
  );
}
