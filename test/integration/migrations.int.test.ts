import { Neo4jExecutor, type Executor } from '../../src/db/executor';
import { applyMigrations, schemaMigrations } from '../../src/db/migrations';
import { FULLTEXT_INDEX } from '../../src/graph/model';
import { testNeo4j } from '../helpers/neo4jTarget';

type SchemaRow = { name: string; type: string; state?: string; labelsOrTypes: string[] | null; properties: string[] | null };

async function schemaSnapshot(db: Executor): Promise<string[]> {
  const constraints = await db.readRows<SchemaRow>('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties');
  const indexes = await db.readRows<SchemaRow>('SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties');
  return [...constraints, ...indexes]
    .map((r) => [r.name, r.type, r.state, JSON.stringify(r.labelsOrTypes), JSON.stringify(r.properties)].filter((x) => x !== undefined).join(' '))
    .sort();
}

describe('schema migrations', () => {
  const target = testNeo4j();
  const db = new Neo4jExecutor(target, 60_000);
  afterAll(() => db.close());

  it('run twice: the second run creates nothing and the schema is identical', async () => {
    await applyMigrations(db);
    const before = await schemaSnapshot(db);
    const second = await applyMigrations(db);
    const after = await schemaSnapshot(db);

    expect(second.created).toEqual([]);
    expect(second.existing.sort()).toEqual(schemaMigrations().map((m) => m.name).sort());
    expect(after).toEqual(before);
  });

  it('creates the unique keys of the model and an online full-text index', async () => {
    const snapshot = await schemaSnapshot(db);
    expect(snapshot).toEqual(expect.arrayContaining([expect.stringMatching(/^paper_pmid_unique UNIQUENESS \["Paper"\] \["pmid"\]$/)]));
    expect(snapshot).toEqual(expect.arrayContaining([expect.stringMatching(/^mechanism_id_unique UNIQUENESS \["Mechanism"\] \["id"\]$/)]));
    expect(snapshot).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${FULLTEXT_INDEX} FULLTEXT ONLINE`))]));
  });

  it('the uniqueness constraint refuses a duplicate paper key', async () => {
    const pmid = `dup-${Date.now()}-${Math.random()}`;
    await db.writeRows('CREATE (:Paper {pmid: $pmid})', { pmid });
    try {
      await expect(db.writeRows('CREATE (:Paper {pmid: $pmid})', { pmid })).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await db.writeRows('MATCH (p:Paper {pmid: $pmid}) DELETE p', { pmid });
    }
  });
});
