import { schemaMigrations } from '../../src/db/migrations';
import { ENTITY_LABELS, FULLTEXT_INDEX, NODE_KEYS, NODE_LABELS } from '../../src/graph/model';
import { referencedParams } from './queryChecks';

describe('schema migrations', () => {
  it('creates a uniqueness constraint per label key, one full-text index, the stub, year and citation-count indexes, and the evidence cells\' key and rankings', () => {
    expect(schemaMigrations()).toMatchSnapshot();
  });

  it('names each statement as Neo4j lists it, once', () => {
    const migrations = schemaMigrations();
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
    for (const m of migrations) expect(m.cypher).toMatch(new RegExp(`^CREATE (CONSTRAINT|FULLTEXT INDEX|INDEX) ${m.name} IF NOT EXISTS `));
  });

  it('constrains the key property of every node label', () => {
    const cyphers = schemaMigrations().map((m) => m.cypher);
    for (const label of NODE_LABELS) expect(cyphers).toContain(`CREATE CONSTRAINT ${label.toLowerCase()}_${NODE_KEYS[label]}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${NODE_KEYS[label]} IS UNIQUE`);
    // Beyond the keys and the full-text index: the range indexes that count stub papers and order papers by year and by
    // citations, and the evidence cells' key with one relationship index per stored ranking.
    expect(cyphers).toHaveLength(NODE_LABELS.length + 9);
    expect(cyphers).toContain('CREATE CONSTRAINT evidence_cell_key_unique IF NOT EXISTS FOR (n:EvidenceCell) REQUIRE n.key IS UNIQUE');
    for (const property of ['rank', 'rankSupports', 'rankContradicts', 'rankMentions']) {
      expect(cyphers.filter((c) => c.endsWith(`FOR ()-[r:CONTRIBUTES]-() ON (r.${property})`))).toHaveLength(1);
    }
    expect(cyphers).toContain('CREATE INDEX paper_year IF NOT EXISTS FOR (n:Paper) ON (n.year)');
    expect(cyphers).toContain('CREATE INDEX paper_cited_by IF NOT EXISTS FOR (n:Paper) ON (n.citedByCount)');
  });

  it('indexes papers and every entity label for full-text search, and nothing else', () => {
    const fulltext = schemaMigrations().find((m) => m.name === FULLTEXT_INDEX);
    expect(fulltext?.cypher).toBe(`CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${['Paper', ...ENTITY_LABELS].join('|')}) ON EACH [n.title, n.abstract, n.name, n.aliases]`);
  });

  it('takes no parameters (schema commands cannot)', () => {
    for (const m of schemaMigrations()) expect(referencedParams(m.cypher)).toEqual([]);
  });

  it('marks only untitled papers without an abstract and not yet marked as stubs, so running it again changes nothing', () => {
    const stub = schemaMigrations().find((m) => m.name === 'paper_stub');
    expect(stub?.backfill).toBe('MATCH (p:Paper) WHERE p.stub IS NULL AND p.title IS NULL AND p.abstract IS NULL SET p.stub = true');
    expect(referencedParams(stub?.backfill ?? '')).toEqual([]);
  });

  it('counts existing papers into the evidence cells after the cell key exists and before the rank indexes are built', () => {
    const names = schemaMigrations().map((m) => m.name);
    const backfill = schemaMigrations().find((m) => m.backfillBatch?.includes('CONTRIBUTES'));
    expect(backfill?.name).toBe('contributes_rank');
    expect(names.indexOf('evidence_cell_key_unique')).toBeLessThan(names.indexOf('contributes_rank'));
    expect(names.indexOf('contributes_rank')).toBeLessThan(names.indexOf('contributes_rank_supports'));
    expect(referencedParams(backfill?.backfillBatch ?? '').sort()).toEqual(['after', 'limit']);
  });
});
