import { checkPmid, numberedLines, rejectedItem, type NumberedLine } from './records';
import type { PubtatorDocument, PubtatorItem } from './types';

/** Reads one line's columns after its PMID into a row, or says what is wrong with the line. */
export type RowReader<Row> = (columns: string[]) => Row | { problem: string };

interface Group<Row> {
  pmid: string;
  recordNumber: number;
  rows: Row[];
  problem?: string;
}

/**
 * Groups the consecutive lines of a bulk file that share a PMID into one document, so that a file
 * of millions of lines is read in one pass with one document in memory. A bad line rejects its
 * PMID's document; a line without a usable PMID is rejected on its own and the group goes on.
 */
export async function* groupByPmid<Row>(
  input: NodeJS.ReadableStream,
  readRow: RowReader<Row>,
  toDocument: (pmid: string, rows: Row[]) => PubtatorDocument,
): AsyncGenerator<PubtatorItem> {
  let group: Group<Row> | undefined;
  let recordCount = 0;
  for await (const line of numberedLines(input)) {
    if (line.text.trim() === '') continue;
    const columns = line.text.split('\t');
    const checked = checkPmid(columns[0]!);
    if ('reason' in checked) {
      recordCount += 1;
      yield rejectedItem(recordCount, columns[0], `line ${line.lineNumber}: ${checked.reason}`);
      continue;
    }
    if (group?.pmid !== checked.pmid) {
      if (group) yield finish(group, toDocument);
      recordCount += 1;
      group = { pmid: checked.pmid, recordNumber: recordCount, rows: [] };
    }
    addRow(group, line, readRow(columns));
  }
  if (group) yield finish(group, toDocument);
}

function addRow<Row>(group: Group<Row>, line: NumberedLine, row: Row | { problem: string }): void {
  if (typeof row === 'object' && row !== null && 'problem' in row) group.problem ??= `line ${line.lineNumber}: ${row.problem}`;
  else group.rows.push(row);
}

function finish<Row>(group: Group<Row>, toDocument: (pmid: string, rows: Row[]) => PubtatorDocument): PubtatorItem {
  if (group.problem !== undefined) return rejectedItem(group.recordNumber, group.pmid, group.problem);
  return { kind: 'document', document: toDocument(group.pmid, group.rows), recordNumber: group.recordNumber };
}
