import { createInterface } from 'node:readline';
import { canonicalPmid, PMID_RULE } from '../../graph/keys';
import type { PubtatorItem } from './types';

export interface NumberedLine {
  text: string;
  lineNumber: number;
}

const NUMERIC = /^\d+$/;

/**
 * Yields the input's lines with 1-based numbers. Only a BOM and the line break are removed: a
 * trailing tab is an empty identifier column, and trailing spaces are part of a title's offsets.
 */
export async function* numberedLines(input: NodeJS.ReadableStream): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      yield { text: line.replace(/^\uFEFF/, ''), lineNumber };
    }
  } finally {
    lines.close();
  }
}

/** The canonical PMID, or why the value is not one. */
export function checkPmid(value: string): { pmid: string } | { reason: string } {
  const trimmed = value.trim();
  if (trimmed === '') return { reason: 'document has no PMID' };
  if (!NUMERIC.test(trimmed)) return { reason: `PMID "${trimmed}" is not numeric` };
  const pmid = canonicalPmid(trimmed);
  return pmid === undefined ? { reason: `PMID "${trimmed}" is out of range: ${PMID_RULE}` } : { pmid };
}

export function rejectedItem(recordNumber: number, identifier: string | undefined, reason: string): PubtatorItem {
  return { kind: 'rejected', rejected: identifier === undefined || identifier === '' ? { recordNumber, reason } : { recordNumber, identifier, reason } };
}
