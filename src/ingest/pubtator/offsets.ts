/**
 * PubTator counts offsets in Unicode code points: bconv's author found PubTator's BioC documents
 * well formed once offsets were read as (Python) code points rather than the bytes the BioC spec
 * names (lfurrer/bconv issue #5). A writer that counts with Java or JavaScript string lengths gets
 * UTF-16 units instead. The two agree except after a character outside the BMP ("𝛽", emoji), so
 * such text is tried both ways, and a mention is kept only where its offsets slice back to
 * exactly its text.
 */
type OffsetUnit = 'code point' | 'UTF-16 unit';

/** Where a mention sits: UTF-16 offsets into one field, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface FieldSpan extends Span {
  field: 'title' | 'abstract';
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The units worth trying for this text: without surrogates they count alike, so one suffices. */
function unitsFor(text: string): OffsetUnit[] {
  return SURROGATE.test(text) ? ['code point', 'UTF-16 unit'] : ['UTF-16 unit'];
}

function lengthIn(text: string, unit: OffsetUnit): number {
  if (unit === 'UTF-16 unit') return text.length;
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** UTF-16 index of the `position`-th unit of `text`, or undefined when it falls outside the text. */
function utf16Index(text: string, position: number, unit: OffsetUnit): number | undefined {
  if (!Number.isInteger(position) || position < 0) return undefined;
  if (unit === 'UTF-16 unit') return position <= text.length ? position : undefined;
  let index = 0;
  let seen = 0;
  for (const character of text) {
    if (seen === position) return index;
    index += character.length;
    seen += 1;
  }
  return seen === position ? index : undefined;
}

function sliceIn(text: string, start: number, end: number, mention: string, unit: OffsetUnit): Span | undefined {
  const from = utf16Index(text, start, unit);
  const to = utf16Index(text, end, unit);
  if (from === undefined || to === undefined || from >= to) return undefined;
  return text.slice(from, to) === mention ? { start: from, end: to } : undefined;
}

/** Places a mention given by offsets relative to the start of `text` (a BioC passage). */
export function sliceBack(text: string, start: number, end: number, mention: string): Span | undefined {
  for (const unit of unitsFor(text)) {
    const span = sliceIn(text, start, end, mention, unit);
    if (span) return span;
  }
  return undefined;
}

/**
 * Places a mention given by document offsets, which the PubTator tab format counts over the
 * title, one separator character, then the abstract (BioCreative V CDR readme.txt; the PubTator3
 * export of PMID 37026113 has its abstract's first mention, at 151, 12 characters into the
 * abstract after a 138-character title).
 */
export function placeInDocument(title: string, abstract: string | undefined, start: number, end: number, mention: string): FieldSpan | undefined {
  for (const unit of unitsFor(title + (abstract ?? ''))) {
    const titleLength = lengthIn(title, unit);
    if (end <= titleLength) {
      const span = sliceIn(title, start, end, mention, unit);
      if (span) return { field: 'title', ...span };
    } else if (abstract !== undefined && start > titleLength) {
      const span = sliceIn(abstract, start - titleLength - 1, end - titleLength - 1, mention, unit);
      if (span) return { field: 'abstract', ...span };
    }
  }
  return undefined;
}
