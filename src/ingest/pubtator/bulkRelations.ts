import { groupByPmid } from './bulkLines';
import { parseTypedEntity } from './identifiers';
import type { PubtatorItem, PubtatorRelation } from './types';

/**
 * relation2pubtator3 lines have four tab-separated columns: PMID, relation type, then the two
 * entities as "Type|identifier", e.g. "33846804\ttreat\tChemical|MESH:D009828\tDisease|MESH:D006528"
 * or "26018198\tassociate\tProteinMutation|RS#:121908192;HGVS:c.581G>A;CorrespondingGene:2671\t..."
 * (examples quoted in the biothings pubtator3 plugin's uploader). The type is lower case, as given.
 */
const COLUMNS = 4;

/** Streams a bulk relations file, yielding one document (relations only, no text) per run of lines with one PMID. */
export function parseBulkRelations(input: NodeJS.ReadableStream): AsyncGenerator<PubtatorItem> {
  return groupByPmid<PubtatorRelation>(input, readRelation, (pmid, relations) => ({ pmid, annotations: [], relations, dropped: [] }));
}

function readRelation(columns: string[]): PubtatorRelation | { problem: string } {
  if (columns.length !== COLUMNS) {
    return { problem: `expected ${COLUMNS} tab-separated columns (PMID, type, entity, entity), found ${columns.length}` };
  }
  const [, type = '', first = '', second = ''] = columns;
  if (type.trim() === '') return { problem: 'the relation type column is empty' };
  const subject = parseTypedEntity(first);
  const object = parseTypedEntity(second);
  if (!subject || !object) return { problem: `"${subject ? second : first}" is not "Type|identifier"` };
  return { type, subject, object };
}
