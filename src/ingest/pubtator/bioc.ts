import { normaliseIdentifier, normaliseIdentifiers, parseTypedEntity } from './identifiers';
import { sliceBack } from './offsets';
import { checkPmid, rejectedItem } from './records';
import type { PubtatorAnnotation, PubtatorDocument, PubtatorDropped, PubtatorEntityRef, PubtatorItem, PubtatorRelation } from './types';

/**
 * One BioC document as read from XML or JSON, before any checking. The shape follows the BioC
 * DTD: passage (infon*, offset, ((text?, annotation*) | sentence*), relation*); annotation id
 * (infon*, location*, text); location offset length; relation id (infon*, node*); node refid role.
 * JSON infons can hold any value (PubTator3 writes relation roles as objects), so they are unknown.
 */
export interface BiocDocumentDraft {
  id: unknown;
  passages: BiocPassageDraft[];
  relations: BiocRelationDraft[];
}

export interface BiocPassageDraft {
  infons: Record<string, unknown>;
  offset: unknown;
  text: string;
  annotations: BiocAnnotationDraft[];
  relations: BiocRelationDraft[];
}

export interface BiocAnnotationDraft {
  id: unknown;
  infons: Record<string, unknown>;
  text: string;
  locations: { offset: unknown; length: unknown }[];
}

export interface BiocRelationDraft {
  id: unknown;
  infons: Record<string, unknown>;
  nodes: { refid: unknown; role: unknown }[];
}

type Field = 'title' | 'abstract';

/** A passage placed in its field: where its text begins in the field's text. */
interface PlacedPassage {
  passage: BiocPassageDraft;
  field: Field;
  position: number;
}

/** The document, or a rejection when it has no usable PMID. */
export function biocToItem(draft: BiocDocumentDraft, recordNumber: number): PubtatorItem {
  const rawId = asText(draft.id) ?? '';
  const checked = checkPmid(rawId);
  if ('reason' in checked) return rejectedItem(recordNumber, rawId, checked.reason);
  return { kind: 'document', document: toDocument(checked.pmid, draft), recordNumber };
}

function toDocument(pmid: string, draft: BiocDocumentDraft): PubtatorDocument {
  const { placed, texts } = placePassages(draft.passages);
  const dropped: PubtatorDropped[] = [];
  const annotations: PubtatorAnnotation[] = [];
  const byId = new Map<string, PubtatorAnnotation>();
  for (const { passage, field, position } of placed) {
    for (const annotation of passage.annotations) {
      const read = readAnnotation(annotation, passage, field, position);
      if ('reason' in read) {
        dropped.push({ kind: 'mention', text: annotation.text, reason: read.reason });
        continue;
      }
      annotations.push(read.annotation);
      const id = asText(annotation.id);
      if (id !== undefined) byId.set(id, read.annotation);
    }
  }
  const relations: PubtatorRelation[] = [];
  for (const relation of [...draft.relations, ...draft.passages.flatMap((passage) => passage.relations)]) {
    const read = readRelation(relation, byId);
    if ('reason' in read) dropped.push({ kind: 'relation', text: asText(relation.id) ?? '', reason: read.reason });
    else relations.push(read.relation);
  }
  return { pmid, ...texts, annotations, relations, dropped };
}

/**
 * Finds the title and abstract passages. PubTator3 abstracts mark them with infon type "title" /
 * "abstract"; its full texts add section_type "TITLE" / "ABSTRACT" (NetMedEx
 * netmedex/biocjson_parser.py reads them this way). Other passages (full-text body) are not read.
 * A field made of several passages is their texts joined by one space.
 */
function placePassages(passages: BiocPassageDraft[]): { placed: PlacedPassage[]; texts: { title?: string; abstract?: string } } {
  const placed: PlacedPassage[] = [];
  const texts: { title?: string; abstract?: string } = {};
  for (const passage of passages) {
    const field = fieldOf(passage);
    if (field === undefined) continue;
    const before = texts[field];
    const position = before === undefined ? 0 : before.length + 1;
    texts[field] = before === undefined ? passage.text : `${before} ${passage.text}`;
    placed.push({ passage, field, position });
  }
  return { placed, texts };
}

function fieldOf(passage: BiocPassageDraft): Field | undefined {
  const kind = (asText(passage.infons.section_type) ?? asText(passage.infons.type) ?? '').toLowerCase();
  return kind === 'title' || kind === 'abstract' ? kind : undefined;
}

function readAnnotation(annotation: BiocAnnotationDraft, passage: BiocPassageDraft, field: Field, position: number): { annotation: PubtatorAnnotation } | { reason: string } {
  const label = `annotation ${asText(annotation.id) ?? '(no id)'}`;
  const type = asText(annotation.infons.type);
  if (type === undefined) return { reason: `${label} has no type infon` };
  // PubTator3 gives each mention one location; a discontinuous mention has no single span to check.
  if (annotation.locations.length !== 1) return { reason: `${label} has ${annotation.locations.length} locations, not one` };
  const location = annotation.locations[0]!;
  const offset = asNumber(location.offset);
  const length = asNumber(location.length);
  const passageOffset = asNumber(passage.offset);
  if (offset === undefined || length === undefined || passageOffset === undefined) {
    return { reason: `${label}: location offset "${String(location.offset)}", length "${String(location.length)}" or passage offset "${String(passage.offset)}" is not a number` };
  }
  // Locations count from the document start; the passage's offset says where its text begins.
  const local = offset - passageOffset;
  const span = sliceBack(passage.text, local, local + length, annotation.text);
  if (!span) return { reason: `${label}: offset ${offset}, length ${length} does not slice back to "${annotation.text}" in the ${field}` };
  const identifiers = normaliseIdentifiers(type, asText(annotation.infons.identifier));
  return { annotation: { type, identifiers, text: annotation.text, field, start: position + span.start, end: position + span.end } };
}

function readRelation(relation: BiocRelationDraft, byId: Map<string, PubtatorAnnotation>): { relation: PubtatorRelation } | { reason: string } {
  const type = asText(relation.infons.type);
  if (type === undefined) return { reason: 'relation has no type infon' };
  const ends = roleEnds(relation) ?? nodeEnds(relation, byId);
  if (ends === undefined) return { reason: 'relation has neither role1/role2 infons nor two nodes naming annotations with identifiers' };
  const score = asNumber(relation.infons.score);
  const read: PubtatorRelation = { type, subject: ends[0], object: ends[1] };
  return { relation: score === undefined ? read : { ...read, score } };
}

/**
 * PubTator3 names the related concepts in role1 / role2 infons: in BioC-JSON an object with
 * identifier and type (NetMedEx tests/test_data/pubtator3.37026113_240614.json), in BioC-XML,
 * where an infon can only be text, "Type|identifier" as in relation2pubtator3.
 */
function roleEnds(relation: BiocRelationDraft): [PubtatorEntityRef, PubtatorEntityRef] | undefined {
  const subject = roleEnd(relation.infons.role1);
  const object = roleEnd(relation.infons.role2);
  return subject && object ? [subject, object] : undefined;
}

function roleEnd(role: unknown): PubtatorEntityRef | undefined {
  if (typeof role === 'string') return parseTypedEntity(role);
  if (typeof role !== 'object' || role === null) return undefined;
  const { identifier, type } = role as Record<string, unknown>;
  const typeText = asText(type);
  const identifierText = typeText === undefined ? undefined : normaliseIdentifier(typeText, asText(identifier) ?? '');
  return typeText === undefined || identifierText === undefined ? undefined : { type: typeText, identifier: identifierText };
}

/** Plain BioC relates annotations through nodes; the first node is taken as the subject. */
function nodeEnds(relation: BiocRelationDraft, byId: Map<string, PubtatorAnnotation>): [PubtatorEntityRef, PubtatorEntityRef] | undefined {
  const ends = relation.nodes.slice(0, 2).map((node) => {
    const annotation = byId.get(asText(node.refid) ?? '');
    return annotation && annotation.identifiers.length > 0 ? { type: annotation.type, identifier: annotation.identifiers.join(';') } : undefined;
  });
  const [subject, object] = ends;
  return relation.nodes.length === 2 && subject && object ? [subject, object] : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function asNumber(value: unknown): number | undefined {
  const text = asText(value);
  if (text === undefined) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}
