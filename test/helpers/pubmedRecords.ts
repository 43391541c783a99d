import type { PaperRecord } from '../../src/graph/paperRecord';

/** What MEDLINE text can say of a record: the XML's MeSH UIs and concept types dropped. */
export function withoutXmlOnlyFields(record: PaperRecord): PaperRecord {
  return {
    ...record,
    mesh: record.mesh?.map(({ descriptor, majorTopic, qualifiers }) => ({
      descriptor,
      majorTopic,
      qualifiers: qualifiers.map(({ name, majorTopic: major }) => ({ name, majorTopic: major })),
    })),
    chemicals: record.chemicals?.map(({ name, registryNumber: number }) => ({ name, registryNumber: number })),
    supplementaryConcepts: record.supplementaryConcepts?.map(({ name }) => ({ name })),
  };
}
