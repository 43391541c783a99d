import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImportFileError, importFile } from '../../src/ingest/pipeline';
import { ingestTmpDir } from '../helpers/ingestFixtures';
import { RefusingExecutor } from '../helpers/refusingExecutor';

describe('importFile on files it cannot import', () => {
  const db = new RefusingExecutor();
  const tmp = ingestTmpDir();
  afterAll(() => tmp.cleanup());
  // A file it cannot import is refused before the database is touched.
  afterEach(() => expect(db.calls).toEqual([]));

  it('throws ImportFileError "no such file" for a missing file', async () => {
    const missing = path.join(tmp.dir, 'missing.nbib');
    const attempt = importFile(db, missing);
    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    await expect(attempt).rejects.toThrow(`${missing}: no such file`);
  });

  it('throws ImportFileError pointing at --format for a file of unknown format', async () => {
    const notes = path.join(tmp.dir, 'notes.txt');
    writeFileSync(notes, 'Reading list\nketamine and mTOR, see PMID 24392693\n');
    const attempt = importFile(db, notes);
    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    await expect(attempt).rejects.toThrow('cannot tell the format; pass --format medline|pubmed-xml|seed');
  });

  it('throws ImportFileError for a directory', async () => {
    const dir = path.join(tmp.dir, 'a-folder.nbib');
    mkdirSync(dir);
    await expect(importFile(db, dir)).rejects.toThrow(`${dir}: is a directory, not a file`);
  });
});
