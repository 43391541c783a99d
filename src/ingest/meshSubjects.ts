/**
 * MeSH conventions both PubMed formats share, so that XML and MEDLINE imports of one paper agree
 * on its check tags and chemicals.
 */
import type { MeshHeadingRecord } from '../graph/paperRecord';

/**
 * NLM's check tags: headings indexers consider for every article (species, sex, human age
 * groups, pregnancy, historical periods), per the MEDLINE indexing training course. Descriptor
 * names, since MEDLINE text has no UIs to match on.
 */
const CHECK_TAGS: ReadonlySet<string> = new Set([
  'Humans',
  'Animals',
  'Male',
  'Female',
  'Pregnancy',
  'Infant, Newborn',
  'Infant',
  'Child, Preschool',
  'Child',
  'Adolescent',
  'Young Adult',
  'Adult',
  'Middle Aged',
  'Aged',
  'Aged, 80 and over',
  'Cats',
  'Cattle',
  'Chick Embryo',
  'Cricetinae',
  'Dogs',
  'Guinea Pigs',
  'Mice',
  'Rabbits',
  'Rats',
  'History, Ancient',
  'History, Medieval',
  'History, 15th Century',
  'History, 16th Century',
  'History, 17th Century',
  'History, 18th Century',
  'History, 19th Century',
  'History, 20th Century',
  'History, 21st Century',
]);

/**
 * The check-tag headings of a paper. Indexers may also use Pregnancy or an animal as a main
 * heading ("*Pregnancy", "Mice/genetics"); a starred or qualified heading is a subject, so it is
 * not counted as a tag.
 */
export function checkTagsOf(headings: readonly MeshHeadingRecord[]): string[] {
  return headings
    .filter((h) => CHECK_TAGS.has(h.descriptor) && !h.majorTopic && h.qualifiers.length === 0)
    .map((h) => h.descriptor);
}

/** PubMed writes "0" for a substance that has no registry number. */
export function registryNumber(text: string): string | undefined {
  return text === '0' ? undefined : text;
}
