import type { QueryResult, RecordShape, Result } from 'neo4j-driver';
import { toJson } from './toJson';

export interface Budget {
  maxRows: number;
  /** JSON bytes of the converted rows together. */
  maxBytes: number;
}

/** Which cap cut a result short. */
export type TruncatedBy = 'rows' | 'bytes';

export interface BudgetedRows {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  truncatedBy: TruncatedBy | null;
}

/**
 * Converts records to JSON rows as they stream and stops at the row cap or when the next row
 * would take the result past its byte budget, so a few thousand huge strings cannot grow the
 * API process by gigabytes. Breaking out of the stream tells the driver to discard the rest.
 */
export async function collectRows(result: Result<RecordShape> | Promise<QueryResult>, budget: Budget): Promise<BudgetedRows> {
  const stream = result as Result<RecordShape>;
  const columns = (await stream.keys()) as string[];
  const rows: Array<Record<string, unknown>> = [];
  let bytes = 0;
  for await (const record of stream) {
    if (rows.length >= budget.maxRows) return { columns, rows, truncatedBy: 'rows' };
    const row = Object.fromEntries(columns.map((c) => [c, toJson(record.get(c))]));
    const size = Buffer.byteLength(JSON.stringify(row));
    if (bytes + size > budget.maxBytes) return { columns, rows, truncatedBy: 'bytes' };
    bytes += size;
    rows.push(row);
  }
  return { columns, rows, truncatedBy: null };
}
