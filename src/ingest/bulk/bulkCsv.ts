import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { PAPER_LINK_RELS, type EntityLabel, type PaperLinkRel } from '../../graph/model';
import type { PaperRecord } from '../../graph/paperRecord';
import { mentionClaimRows, sentenceClaimRow } from '../../store/claims';
import { paperRow } from '../../store/papers';
import { tagPaper } from '../tagging';
import type { MentionTagger } from '../tagger';
import { CsvTable, type CsvColumn, type CsvType } from './csvTable';
import { KeySet } from './keySet';
import { PmidSet } from './pmidSet';

/**
 * The type of every property the paper upsert stores, as neo4j-admin's header names it. Numbers
 * are doubles because that is what the driver stores for a JavaScript number, so both paths
 * give a paper the same types; a property missing here fails the bulk load loudly.
 */
const PAPER_PROPERTIES: Readonly<Record<string, CsvType>> = {
  doi: 'string',
  doiKey: 'string',
  pmcid: 'string',
  title: 'string',
  abstract: 'string',
  abstractSections: 'string[]',
  abstractSectionStarts: 'long[]',
  languages: 'string[]',
  grants: 'string[]',
  retracted: 'boolean',
  journal: 'string',
  year: 'double',
  publishedOn: 'string',
  publicationTypes: 'string[]',
  meshTerms: 'string[]',
  meshIds: 'string[]',
  meshMajor: 'string[]',
  checkTags: 'string[]',
  chemicals: 'string[]',
  chemicalIds: 'string[]',
  supplementaryConcepts: 'string[]',
  keywords: 'string[]',
  synthetic: 'boolean',
};
const PAPER_KEYS = Object.keys(PAPER_PROPERTIES);

/** Mention and sentence claims' properties together; each claim fills its own. */
const CLAIM_PROPERTIES: Readonly<Record<string, CsvType>> = {
  stance: 'string',
  quote: 'string',
  field: 'string',
  quoteStart: 'double',
  quoteEnd: 'double',
  occurrences: 'double',
  negated: 'boolean',
  hedged: 'boolean',
  direction: 'string',
  cues: 'string[]',
  confidence: 'double',
  evidenceLevel: 'string',
  source: 'string',
  predicate: 'string',
  unit: 'string',
  curator: 'string',
};
const CLAIM_KEYS = Object.keys(CLAIM_PROPERTIES);

const columns = (types: Readonly<Record<string, CsvType>>): CsvColumn[] => Object.entries(types).map(([name, type]) => ({ name, type }));
const id = (name: string, space: string): CsvColumn => ({ name, type: 'id', space });
const start = (space: string): CsvColumn => ({ name: '', type: 'start', space });
const end = (space: string): CsvColumn => ({ name: '', type: 'end', space });

/** One neo4j-admin input group: `--nodes=Label=file` or `--relationships=TYPE=file`. */
export interface BulkInput {
  kind: 'nodes' | 'relationships';
  /** The node label or relationship type. */
  name: string;
  table: CsvTable;
}

export interface BulkCsvCounts {
  papers: number;
  stubs: number;
  authorships: number;
  cites: number;
  links: number;
  sentenceClaims: number;
  mentions: number;
  /** Records kept aside to be upserted after the load (see `laterFile`): a PMID an earlier record had, or a DOI key. */
  deferred: number;
}

/**
 * Writes what the incremental import would store for a stream of records (papers, authors,
 * citations, links, and the sentence and mention claims tagging finds) as neo4j-admin CSV files
 * in `dir`. The same row builders as the upsert queries make the rows, so the two paths agree.
 * Memory stays small: papers seen and papers cited are bit sets, authors and DOI-keyed references
 * hashed keys, and a record whose PMID came before goes to a side file, since only the merging
 * upsert can apply a second version of a paper.
 */
export class BulkCsv {
  readonly counts: BulkCsvCounts = { papers: 0, stubs: 0, authorships: 0, cites: 0, links: 0, sentenceClaims: 0, mentions: 0, deferred: 0 };
  /** JSON Lines of the deferred records, in the order read. */
  readonly laterFile: string;
  private readonly written = new PmidSet();
  private readonly referenced = new PmidSet();
  /** Authors and DOI-keyed references already written: neo4j-admin takes a repeated node id as bad input. */
  private readonly authorIds = new KeySet();
  private readonly doiKeys = new KeySet();
  /** A retraction or erratum is named by both papers' records; the link is one relationship. */
  private readonly linkKeys = new KeySet();
  private readonly papers: CsvTable;
  private readonly stubs: CsvTable;
  private readonly syntheticStubs: CsvTable;
  private readonly authors: CsvTable;
  private readonly authoredBy: CsvTable;
  private readonly cites: CsvTable;
  private readonly claims: CsvTable;
  private readonly asserts: CsvTable;
  private readonly about: CsvTable;
  private readonly links: Record<PaperLinkRel, CsvTable>;
  private readonly entityTables: Array<{ label: EntityLabel; table: CsvTable }> = [];
  private readonly later: WriteStream;

  constructor(
    private readonly dir: string,
    private readonly tagger: MentionTagger,
    entities: ReadonlyArray<{ id: string; label: EntityLabel }>,
    private readonly now: string,
  ) {
    const file = (name: string) => path.join(dir, `${name}.csv`);
    this.papers = new CsvTable(file('papers'), [id('pmid', 'Paper'), ...columns(PAPER_PROPERTIES), { name: 'updatedAt', type: 'datetime' }]);
    this.stubs = new CsvTable(file('stubs'), [id('pmid', 'Paper'), { name: 'stub', type: 'boolean' }]);
    this.syntheticStubs = new CsvTable(file('stubs-doi'), [id('pmid', 'Paper'), { name: 'stub', type: 'boolean' }, { name: 'synthetic', type: 'boolean' }, { name: 'doi', type: 'string' }, { name: 'doiKey', type: 'string' }]);
    this.authors = new CsvTable(file('authors'), [id('id', 'Author'), { name: 'name', type: 'string' }, { name: 'fullName', type: 'string' }, { name: 'orcid', type: 'string' }]);
    this.authoredBy = new CsvTable(file('authored-by'), [start('Paper'), end('Author'), { name: 'position', type: 'double' }, { name: 'name', type: 'string' }, { name: 'fullName', type: 'string' }, { name: 'affiliations', type: 'string[]' }]);
    this.cites = new CsvTable(file('cites'), [start('Paper'), end('Paper')]);
    this.claims = new CsvTable(file('claims'), [id('id', 'Claim'), ...columns(CLAIM_PROPERTIES), { name: 'createdAt', type: 'datetime' }]);
    this.asserts = new CsvTable(file('asserts'), [start('Paper'), end('Claim')]);
    this.about = new CsvTable(file('about'), [start('Claim'), end('Entity')]);
    this.links = Object.fromEntries(PAPER_LINK_RELS.map((rel) => [rel, new CsvTable(file(rel.toLowerCase()), [start('Paper'), end('Paper')])])) as Record<PaperLinkRel, CsvTable>;
    const labels = [...new Set(entities.map((e) => e.label))];
    for (const label of labels) {
      const table = new CsvTable(file(`entities-${label}`), [id('id', 'Entity')]);
      for (const e of entities) if (e.label === label) table.add([e.id]);
      this.entityTables.push({ label, table });
    }
    this.laterFile = path.join(dir, 'deferred-records.jsonl');
    this.later = createWriteStream(this.laterFile);
  }

  /** Writes a batch of records: their rows now, their stubs when the load ends. */
  async add(records: readonly PaperRecord[]): Promise<void> {
    for (const record of records) {
      // A record keyed by a DOI may share its key with a reference stub already written; the upsert merges the two.
      if (record.pmidIsSynthetic || !this.written.add(record.pmid)) {
        this.counts.deferred += 1;
        if (!this.later.write(`${JSON.stringify(record)}\n`)) await once(this.later, 'drain');
        continue;
      }
      this.addPaper(record);
    }
    await Promise.all(this.tables().map((t) => t.flush()));
  }

  private addPaper(record: PaperRecord): void {
    const row = paperRow(record);
    for (const key of Object.keys(row.props)) {
      if (!(key in PAPER_PROPERTIES)) throw new Error(`the bulk load has no CSV column for the paper property "${key}"`);
    }
    this.papers.add([row.pmid, ...PAPER_KEYS.map((k) => row.props[k]), this.now]);
    this.counts.papers += 1;
    for (const a of row.authors) {
      // As the upsert: an author keeps the name it was first written with.
      if (this.authorIds.add(a.id)) this.authors.add([a.id, a.name, a.fullName, a.orcid]);
      this.authoredBy.add([row.pmid, a.id, a.position, a.name, a.fullName, a.affiliations]);
      this.counts.authorships += 1;
    }
    const dois = new Map(row.citedDois.map((d) => [d.key, d.doi]));
    for (const cited of row.cites) {
      this.cites.add([row.pmid, cited]);
      this.counts.cites += 1;
      const doi = dois.get(cited);
      // Keyed by a folded DOI, so the same reference in many papers is one node.
      if (doi !== undefined) {
        if (this.doiKeys.add(cited)) this.syntheticStubs.add([cited, true, true, doi, doi.toLowerCase()]);
      } else this.referenced.add(cited);
    }
    for (const link of row.links) {
      if (!this.linkKeys.add(`${link.rel} ${link.from} ${link.to}`)) continue;
      this.links[link.rel].add([link.from, link.to]);
      this.counts.links += 1;
      this.referenced.add(link.from === row.pmid ? link.to : link.from);
    }
    this.addClaims(record);
  }

  private addClaims(record: PaperRecord): void {
    const tagged = tagPaper(record, this.tagger);
    const covered = new Set<string>();
    for (const claim of tagged.sentenceClaims.map(sentenceClaimRow)) {
      this.claims.add([claim.id, ...CLAIM_KEYS.map((k) => claim.props[k]), this.now]);
      this.asserts.add([record.pmid, claim.id]);
      for (const entity of claim.about) {
        this.about.add([claim.id, entity]);
        covered.add(entity);
      }
      this.counts.sentenceClaims += 1;
    }
    // As writeMentionsQuery: an entity a sentence claim quotes in context needs no mention claim.
    for (const claim of mentionClaimRows(record.pmid, tagged.mentions)) {
      if (covered.has(claim.entityId)) continue;
      this.claims.add([claim.id, ...CLAIM_KEYS.map((k) => claim.props[k]), this.now]);
      this.asserts.add([record.pmid, claim.id]);
      this.about.add([claim.id, claim.entityId]);
      this.counts.mentions += 1;
    }
  }

  private tables(): CsvTable[] {
    return [this.papers, this.stubs, this.syntheticStubs, this.authors, this.authoredBy, this.cites, this.claims, this.asserts, this.about, ...Object.values(this.links), ...this.entityTables.map((e) => e.table)];
  }

  /** Writes the stubs (papers cited or linked but not loaded), closes every file and says what to give neo4j-admin. */
  async finish(): Promise<BulkInput[]> {
    for (const pmid of this.referenced.values()) {
      if (this.written.has(pmid)) continue;
      this.stubs.add([pmid, true]);
      this.counts.stubs += 1;
      if (this.stubs.rows % 10_000 === 0) await this.stubs.flush();
    }
    this.later.end();
    await once(this.later, 'close');
    await Promise.all(this.tables().map((t) => t.close()));
    return [
      { kind: 'nodes', name: 'Paper', table: this.papers },
      { kind: 'nodes', name: 'Paper', table: this.stubs },
      { kind: 'nodes', name: 'Paper', table: this.syntheticStubs },
      { kind: 'nodes', name: 'Author', table: this.authors },
      { kind: 'nodes', name: 'Claim', table: this.claims },
      ...this.entityTables.map((e) => ({ kind: 'nodes' as const, name: e.label, table: e.table })),
      { kind: 'relationships', name: 'AUTHORED_BY', table: this.authoredBy },
      { kind: 'relationships', name: 'CITES', table: this.cites },
      { kind: 'relationships', name: 'ASSERTS', table: this.asserts },
      { kind: 'relationships', name: 'ABOUT', table: this.about },
      ...PAPER_LINK_RELS.map((rel) => ({ kind: 'relationships' as const, name: rel, table: this.links[rel] })),
    ];
  }
}
