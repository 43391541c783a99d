import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_ANNOTATIONS_FILE, SEED_PAGE_FILE } from '../../src/ingest/seed';

/** A fixture copy whose PMIDs no other test file uses, and how the originals map to them. */
export interface UniqueCopy {
  file: string;
  /** The PMID the copy uses in place of an original one; throws for a PMID the original did not have. */
  pmid(original: string): string;
}

/** The original PMIDs a file mentions, found only where each format puts PMIDs. */
const PMID_PLACES: RegExp[] = [
  /^PMID- *(\d+)\s*$/gm, // MEDLINE
  /<PMID[^>]*>\s*(\d+)\s*<\/PMID>/g, // PubMed XML, including CommentsCorrections
  /<ArticleId IdType="pubmed">\s*(\d+)\s*<\/ArticleId>/g, // PubMed XML, including references
  /PMID:\s*(\d+)/g, // seed page header and listings
];

/**
 * Every test file writes into the same database in parallel, and the fixtures share PMIDs with
 * the seed (24392693), so each copy gets PMIDs nobody else has: random 9-digit ones from
 * 900000000 up (PMIDs have at most 9 digits, and other test files draw theirs below that).
 * Fresh random ones per copy keep copies within one test file apart too.
 */
export function uniquePmidMapping(originals: Iterable<string>): Map<string, string> {
  const taken = new Set<string>();
  const fresh = (): string => {
    const pmid = String(randomInt(900_000_000, 1_000_000_000));
    return taken.has(pmid) ? fresh() : (taken.add(pmid), pmid);
  };
  return new Map([...originals].map((pmid) => [pmid, fresh()]));
}

/** Finds the PMIDs of a MEDLINE, PubMed XML or seed page text. */
export function pmidsIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const place of PMID_PLACES) for (const m of text.matchAll(place)) found.add(m[1]!);
  return found;
}

/** Replaces each mapped PMID wherever it stands as a whole number (ids like "24392693-mtor-target" included). */
export function replacePmids(text: string, mapping: Map<string, string>): string {
  if (mapping.size === 0) return text;
  const pattern = new RegExp(`(?<!\\d)(${[...mapping.keys()].join('|')})(?!\\d)`, 'g');
  return text.replace(pattern, (pmid) => mapping.get(pmid) ?? pmid);
}

function lookup(mapping: Map<string, string>): (original: string) => string {
  return (original) => {
    const replaced = mapping.get(original);
    if (replaced === undefined) throw new Error(`PMID ${original} is not in the copied file`);
    return replaced;
  };
}

/** A temporary folder for one test file; `cleanup` removes it. */
export function ingestTmpDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'evmap-ingest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copies test/fixtures/<name> into `dir` with every PMID (references included) made unique.
 * Pass the mapping of an earlier copy to give a second fixture the same PMIDs.
 */
export function copyFixtureWithUniquePmids(name: string, dir: string, mapping?: Map<string, string>): UniqueCopy & { mapping: Map<string, string> } {
  const text = readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');
  mapping ??= uniquePmidMapping(pmidsIn(text));
  const file = path.join(dir, `${path.parse(name).name}-${[...mapping.values()][0] ?? 'none'}${path.extname(name)}`);
  writeFileSync(file, replacePmids(text, mapping));
  return { file, mapping, pmid: lookup(mapping) };
}

/** A copy of the seed page and its annotations under unique PMIDs (claim ids follow the PMID). */
export interface UniqueSeedCopy extends UniqueCopy {
  annotations: string;
}

/**
 * Copies seed/pubmed-24392693.txt and seed/annotations.yaml with unique PMIDs, so a test can
 * write a whole seed corpus without touching the real one. `editAnnotations` may change the
 * annotations text after the PMIDs are replaced.
 */
export function copySeedWithUniquePmids(dir: string, editAnnotations: (yaml: string) => string = (yaml) => yaml): UniqueSeedCopy {
  const page = readFileSync(SEED_PAGE_FILE, 'utf8');
  const mapping = uniquePmidMapping(pmidsIn(page));
  const seedPmid = mapping.get('24392693');
  if (seedPmid === undefined) throw new Error('the seed page no longer has PMID 24392693');
  const file = path.join(dir, `seed-${seedPmid}.txt`);
  const annotations = path.join(dir, `annotations-${seedPmid}.yaml`);
  writeFileSync(file, replacePmids(page, mapping));
  writeFileSync(annotations, editAnnotations(replacePmids(readFileSync(SEED_ANNOTATIONS_FILE, 'utf8'), mapping)));
  return { file, annotations, pmid: lookup(mapping) };
}
