import type { PaperRecord } from '../graph/paperRecord';

/**
 * A record's MeSH and keyword fields as Paper node properties. Neo4j properties cannot hold
 * maps, so the headings are flattened into lists of strings; a list the record cannot fill
 * (MEDLINE text has no MeSH UIs) is left out rather than written empty, so it never blanks what
 * another import stored.
 */
export function subjectProperties(record: PaperRecord): Record<string, string[] | undefined> {
  const mesh = record.mesh ?? [];
  const concepts = [...(record.chemicals ?? []), ...(record.supplementaryConcepts ?? [])];
  return {
    meshIds: distinct(mesh.map((h) => meshCurie(h.ui))),
    // PubMed's [majr]: a descriptor is a main point when it or any of its qualifiers is starred.
    meshMajor: distinct(mesh.filter((h) => h.majorTopic || h.qualifiers.some((q) => q.majorTopic)).map((h) => h.descriptor)),
    checkTags: distinct(record.checkTags ?? []),
    chemicals: distinct((record.chemicals ?? []).map((c) => c.name)),
    chemicalIds: distinct(concepts.map((c) => meshCurie(c.ui))),
    supplementaryConcepts: distinct((record.supplementaryConcepts ?? []).map((c) => c.name)),
    keywords: distinct(record.keywords ?? []),
  };
}

function meshCurie(ui: string | undefined): string | undefined {
  return ui === undefined ? undefined : `MESH:${ui}`;
}

/** The values in first-seen order without repeats, or undefined when there are none. */
function distinct(values: ReadonlyArray<string | undefined>): string[] | undefined {
  const unique = [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
  return unique.length > 0 ? unique : undefined;
}
