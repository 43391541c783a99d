import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/** Column types of neo4j-admin's CSV header (`name:type`); `id`, `start` and `end` are its ID columns. */
export type CsvType = 'id' | 'start' | 'end' | 'string' | 'double' | 'boolean' | 'datetime' | 'string[]' | 'long[]';

/**
 * Between list elements. The unit separator occurs in no PubMed text, so no element needs
 * escaping (neo4j-admin has no escape for it); one that did carry it would be split.
 */
export const ARRAY_DELIMITER = '\u001f';
export const ARRAY_DELIMITER_OPTION = 'U+001F';

const NEWLINE = /[\r\n]/;

export interface CsvColumn {
  name: string;
  type: CsvType;
  /** For ID columns: the ID space, so that papers and claims can share a key value without clashing. */
  space?: string;
}

function headerOf(column: CsvColumn): string {
  switch (column.type) {
    case 'id':
      return `${column.name}:ID(${column.space})`;
    case 'start':
      return `:START_ID(${column.space})`;
    case 'end':
      return `:END_ID(${column.space})`;
    default:
      return `${column.name}:${column.type}`;
  }
}

/**
 * One neo4j-admin input file: a header, then rows written a batch at a time with back-pressure.
 * A missing value is an empty unquoted field, which neo4j-admin stores as no property; every
 * value is quoted, so leading spaces, commas and quotes survive. Whether any value held a line
 * break is remembered, since only such files need neo4j-admin's slower multi-line parsing.
 */
export class CsvTable {
  rows = 0;
  multiline = false;
  private pending: Array<Array<string | null>> = [];
  private readonly stream: WriteStream;

  constructor(
    readonly file: string,
    readonly columns: readonly CsvColumn[],
  ) {
    this.stream = createWriteStream(file);
    this.stream.write(stringify([columns.map(headerOf)]));
  }

  /** Values in column order; lists are joined, numbers and booleans written as neo4j-admin parses them. */
  add(values: readonly unknown[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.file}: ${values.length} values for ${this.columns.length} columns`);
    this.pending.push(values.map((value, i) => this.encode(value, (this.columns[i] as CsvColumn).type)));
    this.rows += 1;
  }

  private encode(value: unknown, type: CsvType): string | null {
    if (value === null || value === undefined) return null;
    if (type === 'string[]' || type === 'long[]') {
      const items = value as readonly unknown[];
      if (items.length === 0) return null;
      return this.text(items.map((item) => String(item).replaceAll(ARRAY_DELIMITER, ' ')).join(ARRAY_DELIMITER));
    }
    if (type === 'boolean') return value ? 'true' : 'false';
    return this.text(String(value));
  }

  private text(value: string): string {
    if (!this.multiline && NEWLINE.test(value)) this.multiline = true;
    return value;
  }

  /** Writes the rows added since the last flush, waiting while the disk is behind. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = stringify(this.pending, { quoted_string: true });
    this.pending = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'close');
  }
}
