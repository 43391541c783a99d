import type { PubtatorEntityRef } from './types';

// PubTator writes "-" for a mention it could not normalise (bioconcepts2pubtator3 and the API's
// pubtator export, e.g. NetMedEx tests/test_data/pubtator3.37026113_240614.pubtator); BioC-JSON
// from the API has "identifier": "-" or null, and some converters print that null as "None".
const NO_IDENTIFIER = new Set(['', '-', 'None', 'null']);

// Variant identifiers are one key made of ";"-joined facets, not a list of ids:
// "RS#:121908192;HGVS:c.581G>A;CorrespondingGene:2671" (relation2pubtator3, as quoted in the
// biothings pubtator3 plugin's uploader) or "tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0".
const VARIANT_TYPE = /Mutation|Variant|SNP|Allele|AcidChange/i;
const VARIANT_KEY = /(?:^|;)(?:tmVar|HGVS|RS#|CA#|VariantGroup|CorrespondingGene|CorrespondingSpecies):/;

// Lists of ids: PubTator3 joins them with ";" (e.g. Gene "5289;5290"); older PubTator exports
// used ","; the BioCreative V CDR corpus joins a composite mention's ids with "|" (its readme.txt).
export const LIST_SEPARATOR = /[;,|]/;

const CONCEPT_TYPE = /^[A-Za-z_]+$/;
const BARE_NUMBER = /^\d+$/;
// The CDR corpus writes MeSH ids bare ("D008750"); PubTator3 writes them as "MESH:D008750".
const BARE_MESH = /^[CD]\d{6}(?:\d{3})?$/;

/** Splits and prefixes the identifier column of one mention; empty when PubTator gave none. */
export function normaliseIdentifiers(type: string, raw: string | null | undefined): string[] {
  const value = (raw ?? '').trim();
  if (NO_IDENTIFIER.has(value)) return [];
  if (VARIANT_TYPE.test(type) || VARIANT_KEY.test(value)) return [value];
  const identifiers = value
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => !NO_IDENTIFIER.has(part))
    .map((part) => withPrefix(type, part));
  return [...new Set(identifiers)];
}

/** One relation end's identifier, normalised like a mention's; several ids stay together, ";"-joined. */
export function normaliseIdentifier(type: string, raw: string): string | undefined {
  const identifiers = normaliseIdentifiers(type, raw);
  return identifiers.length > 0 ? identifiers.join(';') : undefined;
}

/**
 * Reads a "Type|identifier" relation end, as relation2pubtator3 writes it
 * ("Chemical|MESH:D009828", "Gene|5289"); only the first "|" separates, since a tmVar key has more.
 */
export function parseTypedEntity(value: string): PubtatorEntityRef | undefined {
  const bar = value.indexOf('|');
  const type = value.slice(0, Math.max(bar, 0)).trim();
  // "tmVar:p|SUB|V|600|E" has a "|" too, but what comes before it is no type name.
  if (!CONCEPT_TYPE.test(type)) return undefined;
  const identifier = normaliseIdentifier(type, value.slice(bar + 1));
  return identifier === undefined ? undefined : { type, identifier };
}

function withPrefix(type: string, identifier: string): string {
  if (BARE_NUMBER.test(identifier)) {
    if (type === 'Gene') return `NCBIGene:${identifier}`;
    if (type === 'Species') return `NCBITaxon:${identifier}`;
  }
  if ((type === 'Chemical' || type === 'Disease') && BARE_MESH.test(identifier)) return `MESH:${identifier}`;
  return identifier;
}
