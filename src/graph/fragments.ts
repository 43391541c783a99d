/**
 * Cypher fragments shared by the store's queries: projections of records and the
 * expressions that name nodes by public id. Every fragment is built from the model's constants
 * and the variable names the store passes in; user input only ever reaches Cypher as
 * parameters, which `assertVariable` enforces for the names.
 */
import Cypher from '@neo4j/cypher-builder';
import { ENTITY_LABELS, NODE_KEYS, NODE_LABELS, type NodeLabel } from './model';
import { parseNodeId } from './keys';

const VARIABLE = /^[a-z][A-Za-z0-9]*$/;

/** Variable names are the store's own words; anything else in Cypher text is a bug. */
export function assertVariable(v: string): string {
  if (!VARIABLE.test(v)) throw new Error(`not a Cypher variable name: ${JSON.stringify(v)}`);
  return v;
}

/** The `PaperReadRow` map of node variable `v`. */
export function paperProjection(v: string): string {
  assertVariable(v);
  return `${v} {__typename: 'Paper', .pmid, .doi, .pmcid, .title, .abstract, .journal, .year, .publishedOn,
  publicationTypes: coalesce(${v}.publicationTypes, []), meshTerms: coalesce(${v}.meshTerms, []), meshIds: coalesce(${v}.meshIds, []),
  majorTopics: coalesce(${v}.meshMajor, []), checkTags: coalesce(${v}.checkTags, []), chemicals: coalesce(${v}.chemicals, []),
  chemicalIds: coalesce(${v}.chemicalIds, []), supplementaryConcepts: coalesce(${v}.supplementaryConcepts, []),
  keywords: coalesce(${v}.keywords, []), synthetic: coalesce(${v}.synthetic, false),
  abstractSections: [i IN range(0, size(coalesce(${v}.abstractSections, [])) - 1) | {label: ${v}.abstractSections[i], start: ${v}.abstractSectionStarts[i]}],
  languages: coalesce(${v}.languages, []), grants: coalesce(${v}.grants, []), retracted: coalesce(${v}.retracted, false), stub: coalesce(${v}.stub, false)}`;
}

/**
 * Sets paper `v`'s stored citation count from its CITES degree (the other end has no label, so
 * Neo4j reads the degree instead of visiting each citation). Run after a CITES write that
 * created or removed a link to `v`: that write holds `v`'s lock until commit, so the count is
 * right whichever writes run beside it, and counting again rather than adding one cannot drift.
 */
export function refreshCitedByCount(v: string): string {
  assertVariable(v);
  return `SET ${v}.citedByCount = COUNT { (${v})<-[:CITES]-() }`;
}

/** What a paper node gets when a write creates it, so listings by citation count read it from their index. */
export function newPaperCounts(v: string): string {
  assertVariable(v);
  return `${v}.citedByCount = 0`;
}

/** Whether claim variable `v` is live: not retracted, not waiting for review, not asserted by a paper PubMed marks retracted. */
export function liveClaimCypher(v: string): string {
  assertVariable(v);
  return `${v}.retractedAt IS NULL AND ${v}.needsReview IS NULL
       AND NOT EXISTS { (:Paper {retracted: true})-[:ASSERTS]->(${v}) }`;
}

/** The `AuthorRow` map of node variable `v`. */
export function authorProjection(v: string): string {
  assertVariable(v);
  // Authors stored before ORCIDs keyed them kept theirs as \`identifier\`.
  return `${v} {__typename: 'Author', .id, .name, .fullName, orcid: coalesce(${v}.orcid, ${v}.identifier)}`;
}

/** The `ClaimRow` map of node variable `v`. */
export function claimProjection(v: string): string {
  assertVariable(v);
  return `${v} {__typename: 'Claim', .id, .stance, .statement, .quote, .field, .quoteStart, .quoteEnd, .evidenceLevel,
  .confidence, .source, .curator, .occurrences, .negated, .hedged, .direction, .predicate, cues: coalesce(${v}.cues, []),
  needsReview: coalesce(${v}.needsReview, false), .retractionReason, createdAt: toString(${v}.createdAt), retractedAt: toString(${v}.retractedAt)}`;
}

/** The entity label of node variable `v`; the list is the model's, never input. */
export function entityLabelOf(v: string): string {
  assertVariable(v);
  return `[l IN labels(${v}) WHERE l IN [${ENTITY_LABELS.map((l) => `'${l}'`).join(', ')}]][0]`;
}

/** The `EntityReadRow` map of node variable `v`. */
export function entityProjection(v: string): string {
  assertVariable(v);
  return `${v} {__typename: ${entityLabelOf(v)}, .id, .name, aliases: coalesce(${v}.aliases, []), xrefs: coalesce(${v}.xrefs, []), .description, .kind, .role, .marker}`;
}

/** An expression built with cypher-builder, as text to embed in a query. */
function expressionText(expression: Cypher.Expr): string {
  return new Cypher.Return(expression).build().cypher.replace(/^RETURN /, '');
}

/** A CASE choosing a value per model label of node variable `v`; null for a node of no model label. */
function byLabel(v: string, value: (node: Cypher.Node, label: NodeLabel) => Cypher.Expr): string {
  const node = new Cypher.NamedNode(assertVariable(v));
  const choice = NODE_LABELS.reduce((c, label) => c.when(node.hasLabel(label)).then(value(node, label)), new Cypher.Case());
  return expressionText(choice);
}

/** The public id ("Paper:24392693") of node variable `v`. */
export function publicIdCypher(v: string): string {
  return byLabel(v, (node, label) => Cypher.plus(new Cypher.Literal(`${label}:`), node.property(NODE_KEYS[label])));
}

/** The model label of node variable `v`, as text; null for a node of no model label. */
export function labelCypher(v: string): string {
  return byLabel(v, (_node, label) => new Cypher.Literal(label));
}

/**
 * The `EdgeClaimRow` of a relationship whose two ends are the list expression `ends` (the
 * store's own text, such as `[s, t]`), or null when neither end is a claim: a claim's
 * relationships (ASSERTS, ABOUT) carry what the claim says.
 */
export function edgeClaimCypher(ends: string): string {
  return `head([c IN ${ends} WHERE c:Claim | c {.id, .stance, .evidenceLevel, .source, .confidence}])`;
}

/** The `GraphNodeRow` map of node variable `v`. */
export function graphNodeCypher(v: string): string {
  const name = (node: Cypher.Node, label: NodeLabel): Cypher.Expr => {
    if (label === 'Paper') return node.property('title');
    if (label === 'Claim') return Cypher.coalesce(node.property('statement'), node.property('quote'));
    return node.property('name');
  };
  return `{id: ${publicIdCypher(v)}, label: ${labelCypher(v)}, name: ${byLabel(v, name)}}`;
}

/**
 * The label expression matching any entity, for a node pattern: `(e:${ANY_ENTITY} {id: $id})`
 * reads `(e:(Mechanism|ResearchAim|…) {id: $id})`.
 */
export const ANY_ENTITY = new Cypher.Match(new Cypher.Pattern(new Cypher.NamedNode('e'), { labels: Cypher.labelExpr.or(...ENTITY_LABELS) }))
  .build()
  .cypher.replace(/^MATCH \(e:(.*)\)$/, '$1');

/** Public node ids grouped by label, as the `nodesByKeysCypher` parameter wants them. */
export type KeysByLabel = Record<NodeLabel, string[]>;

export function keysByLabel(ids: Iterable<string>): KeysByLabel {
  const out = Object.fromEntries(NODE_LABELS.map((label) => [label, [] as string[]])) as KeysByLabel;
  for (const id of ids) {
    const parsed = parseNodeId(id);
    if (parsed) out[parsed.label].push(parsed.key);
  }
  return out;
}

/**
 * A subquery yielding `n` for every node whose key is listed under its label in map parameter
 * `param` (see keysByLabel): one UNION branch per label, each an index lookup per key, never a scan.
 */
export function nodesByKeysCypher(param: string): string {
  const n = new Cypher.NamedNode('n');
  const key = new Cypher.NamedVariable('key');
  const keys = new Cypher.NamedParam(assertVariable(param));
  const branches = NODE_LABELS.map((label) =>
    new Cypher.Unwind([Cypher.coalesce(keys.property(label), new Cypher.List([])), key])
      .match(new Cypher.Pattern(n, { labels: [label], properties: { [NODE_KEYS[label]]: key } }))
      .return(n),
  );
  return new Cypher.Call(new Cypher.Union(...branches)).build().cypher;
}
