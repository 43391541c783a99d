import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addClaim, upsertEntity, upsertPaper } from '../../src/features/curation';
import { countSupportingPapers, planSupporting } from '../../src/features/supportingPapers';
import type { ClaimRow } from '../../src/graph/records';
import { importFile } from '../../src/ingest/pipeline';
import { loadSeed } from '../../src/ingest/seed';
import { claimsByIds, papersByPmids } from '../../src/store/batches';
import { testDb } from '../helpers/db';
import { copyFixtureWithUniquePmids, ingestTmpDir, type UniqueCopy } from '../helpers/ingestFixtures';

const ABSTRACT_QUOTE = "Numerous open-label and case studies similarly validate ketamine's antidepressant properties.";
const TITLE_QUOTE = 'ketamine and other compounds';

describe('curated quotes follow their paper text across imports', () => {
  const { db, close } = testDb();
  const tmp = ingestTmpDir();
  let copy: UniqueCopy & { mapping: Map<string, string> };
  let pmid: string;
  let entityId: string;
  let titleEntityId: string;
  let abstractClaim: ClaimRow;
  let titleClaim: ClaimRow;

  /** A version of the copied XML with `edit` applied, as a later PubMed export would bring it. */
  function version(name: string, edit: (xml: string) => string): string {
    const file = path.join(tmp.dir, `${name}-${pmid}.xml`);
    const original = readFileSync(copy.file, 'utf8');
    const edited = edit(original);
    expect(edited).not.toBe(original);
    writeFileSync(file, edited);
    return file;
  }

  const moved = (xml: string): string =>
    xml
      .replace('These effects are in direct contrast', 'A sentence added in a later version of the record. These effects are in direct contrast')
      .replace('<ArticleTitle>Glutamate receptor antagonists', '<ArticleTitle>Review: glutamate receptor antagonists');
  const gone = (xml: string): string => moved(xml).replace('similarly validate', 'also support');

  async function stored(id: string): Promise<ClaimRow> {
    const [claim] = await claimsByIds(db, [id]);
    if (!claim) throw new Error(`claim ${id} is gone`);
    return claim;
  }

  async function storedText(field: 'title' | 'abstract'): Promise<string> {
    const [paper] = await papersByPmids(db, [pmid]);
    return paper?.[field] ?? '';
  }

  async function supporting(about = entityId): Promise<number> {
    return (await countSupportingPapers(db, planSupporting(about, {}))).n;
  }

  beforeAll(async () => {
    await loadSeed(db);
    copy = copyFixtureWithUniquePmids('pubmed-sample.xml', tmp.dir);
    await importFile(db, copy.file);
    pmid = copy.pmid('24392693');
    // Entities of their own, named nowhere in the text, so no mined claim makes the paper supporting.
    entityId = `reanchor-target-${pmid}`;
    titleEntityId = `reanchor-title-target-${pmid}`;
    await upsertEntity(db, { kind: 'MECHANISM', id: entityId, name: `Reanchorase ${pmid}` });
    await upsertEntity(db, { kind: 'MECHANISM', id: titleEntityId, name: `Titlease ${pmid}` });
    abstractClaim = (await addClaim(db, { id: `reanchor-abstract-${pmid}`, paper: pmid, about: [entityId], stance: 'SUPPORTS', quote: ABSTRACT_QUOTE, evidenceLevel: 'REVIEW' }, 'tester')).claim;
    titleClaim = (await addClaim(db, { id: `reanchor-title-${pmid}`, paper: pmid, about: [titleEntityId], stance: 'SUPPORTS', quote: TITLE_QUOTE, evidenceLevel: 'REVIEW' }, 'tester')).claim;
  });
  afterAll(async () => {
    await close();
    tmp.cleanup();
  });

  it('changes nothing when the text is the same', async () => {
    const summary = await importFile(db, copy.file);
    expect(summary).toMatchObject({ quotesMoved: 0, needsReview: { count: 0, ids: [] } });
    expect(await stored(abstractClaim.id)).toEqual(abstractClaim);
    expect(await supporting()).toBe(1);
  });

  it('moves quotes whose text moved, in the abstract and in the stored title, to offsets that slice back to them exactly', async () => {
    const summary = await importFile(db, version('moved', moved));

    expect(summary).toMatchObject({ quotesMoved: 2, needsReview: { count: 0, ids: [] } });
    const [abstract, title] = [await stored(abstractClaim.id), await stored(titleClaim.id)];
    expect(abstract.quoteStart).toBeGreaterThan(abstractClaim.quoteStart);
    expect((await storedText('abstract')).slice(abstract.quoteStart, abstract.quoteEnd)).toBe(ABSTRACT_QUOTE);
    expect(title.quoteStart).toBe(titleClaim.quoteStart + 'Review: '.length);
    expect((await storedText('title')).slice(title.quoteStart, title.quoteEnd)).toBe(TITLE_QUOTE);
    expect([abstract.needsReview, title.needsReview]).toEqual([false, false]);
    expect([await supporting(), await supporting(titleEntityId)]).toEqual([1, 1]);
  });

  it('keeps a claim whose quote is gone, marked needsReview with the time, and leaves it out of the evidence counts', async () => {
    const file = version('gone', gone);
    const summary = await importFile(db, file);

    expect(summary).toMatchObject({ quotesMoved: 0, needsReview: { count: 1, ids: [abstractClaim.id] } });
    expect(await stored(abstractClaim.id)).toMatchObject({ needsReview: true, quote: ABSTRACT_QUOTE, retractedAt: null });
    expect((await stored(titleClaim.id)).needsReview).toBe(false);
    const [row] = await db.readRows<{ since: string | null }>('MATCH (c:Claim {id: $id}) RETURN toString(c.needsReviewSince) AS since', { id: abstractClaim.id });
    expect(row?.since).toEqual(expect.any(String));
    expect(await supporting()).toBe(0);
    expect(await supporting(titleEntityId)).toBe(1);

    // Importing the same text again reports nothing new and keeps the first review time.
    expect(await importFile(db, file)).toMatchObject({ quotesMoved: 0, needsReview: { count: 0, ids: [] } });
    const [again] = await db.readRows<{ since: string | null }>('MATCH (c:Claim {id: $id}) RETURN toString(c.needsReviewSince) AS since', { id: abstractClaim.id });
    expect(again?.since).toBe(row?.since);
  });

  it('takes the claim out of review when a curator restores the text with the quote elsewhere', async () => {
    const abstract = await storedText('abstract');
    const restored = `${ABSTRACT_QUOTE} ${abstract}`;

    await upsertPaper(db, { pmid, abstract: restored });

    const claim = await stored(abstractClaim.id);
    expect(claim).toMatchObject({ needsReview: false, quoteStart: 0, quoteEnd: ABSTRACT_QUOTE.length });
    const [row] = await db.readRows<{ since: unknown }>('MATCH (c:Claim {id: $id}) RETURN c.needsReviewSince AS since', { id: abstractClaim.id });
    expect(row?.since).toBeNull();
    expect(await supporting()).toBe(1);
  });
});
