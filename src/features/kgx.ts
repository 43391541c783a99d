/**
 * A subgraph as KGX JSON Lines (nodes and edges files), the exchange format of Biolink
 * knowledge graphs (KGX, Translator, Monarch). Biolink has no node for a claim, so each claim
 * becomes edges: its paper mentions each entity it is about, and, when it supports or
 * contradicts, a statement between its entities with the paper as publication. Authors have no
 * Biolink predicate from a publication, so they and their bylines are left out.
 */
import { parseNodeId } from '../graph/keys';
import type { ClaimSource, NodeLabel } from '../graph/model';
import type { ExportEdge, ExportGraph, ExportNode } from './formats';

export const KGX_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';
export const PRIMARY_KNOWLEDGE_SOURCE = 'infores:evmap';

export interface KgxNode {
  id: string;
  category: string[];
  name: string | null;
  xref?: string[];
  provided_by: string[];
}

export interface KgxEdge {
  id: string;
  subject: string;
  predicate: string;
  object: string;
  negated?: boolean;
  knowledge_level: 'knowledge_assertion' | 'not_provided';
  agent_type: 'manual_agent' | 'text_mining_agent' | 'computational_model';
  publications?: string[];
  original_predicate?: string;
  primary_knowledge_source: string;
}

const CURIE = /^[A-Za-z][A-Za-z0-9_.]*:[^\s:][^\s]*$/;

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The labels KGX gets as nodes; claims become edges, and authors are left out. */
type KgxLabel = Exclude<NodeLabel, 'Claim' | 'Author'>;

/**
 * Conditions are biolink:DiseaseOrPhenotypicFeature, since evmap's include symptoms (anhedonia,
 * suicidal ideation) as well as diseases; biomarkers are biolink:ClinicalAttribute, a measured
 * attribute of a patient; research aims are biolink:InformationContentEntity.
 */
const CATEGORIES: Record<Exclude<KgxLabel, 'Mechanism'>, string> = {
  Paper: 'biolink:Publication',
  Compound: 'biolink:ChemicalEntity',
  Condition: 'biolink:DiseaseOrPhenotypicFeature',
  Biomarker: 'biolink:ClinicalAttribute',
  ResearchAim: 'biolink:InformationContentEntity',
};

/**
 * Mechanisms by kind: a pathway is a biolink:Pathway; a target or receptor is a biolink:Gene
 * when a gene (NCBIGene, HGNC) identifies it, otherwise a biolink:Protein.
 */
function categoryOf(label: KgxLabel, properties: Record<string, unknown>): string {
  if (label !== 'Mechanism') return CATEGORIES[label];
  if (properties.kind === 'PATHWAY') return 'biolink:Pathway';
  return stringsOf(properties.xrefs).some((x) => /^(NCBIGene|HGNC):/.test(x)) ? 'biolink:Gene' : 'biolink:Protein';
}

/**
 * KGX ids for the exported nodes: PMID:<pmid> for papers, an entity's first CURIE xref, else
 * evmap:<label>:<id>. A CURIE another node of the export already took falls back to the evmap
 * id, so that two entities sharing an xref (an isoform and its family) stay two nodes.
 */
function kgxIds(nodes: readonly ExportNode[]): Map<string, { id: string; label: KgxLabel }> {
  const ids = new Map<string, { id: string; label: KgxLabel }>();
  const taken = new Set<string>();
  for (const node of nodes) {
    const parsed = parseNodeId(node.id);
    if (!parsed || parsed.label === 'Claim' || parsed.label === 'Author') continue;
    // A synthetic paper's key is evmap's own, not a PubMed id.
    const curie =
      parsed.label === 'Paper'
        ? node.properties.synthetic === true
          ? undefined
          : `PMID:${parsed.key}`
        : stringsOf(node.properties.xrefs).find((x) => CURIE.test(x) && !taken.has(x));
    const id = curie ?? `evmap:${parsed.label}:${parsed.key}`;
    taken.add(id);
    ids.set(node.id, { id, label: parsed.label });
  }
  return ids;
}

function kgxNode(node: ExportNode, { id, label }: { id: string; label: KgxLabel }): KgxNode {
  const evmapId = `evmap:${node.id}`;
  const xref = [...new Set([...stringsOf(node.properties.xrefs), evmapId])].filter((x) => x !== id);
  return { id, category: [categoryOf(label, node.properties)], name: node.name, ...(xref.length > 0 ? { xref } : {}), provided_by: [PRIMARY_KNOWLEDGE_SOURCE] };
}

/** Who made a claim: curators and the seed are people; TEXT_MINED and PUBTATOR are text mining. */
function provenance(source: ClaimSource | undefined): Pick<KgxEdge, 'knowledge_level' | 'agent_type'> {
  return source === 'TEXT_MINED' || source === 'PUBTATOR'
    ? { knowledge_level: 'not_provided', agent_type: 'text_mining_agent' }
    : { knowledge_level: 'knowledge_assertion', agent_type: 'manual_agent' };
}

/** PubTator's relation types (a claim's `predicate`) as Biolink predicates. */
const CLAIM_PREDICATES: Readonly<Record<string, string>> = {
  treat: 'biolink:treats_or_applied_or_studied_to_treat',
  prevent: 'biolink:preventative_for_condition',
  cause: 'biolink:causes',
  inhibit: 'biolink:affects',
  stimulate: 'biolink:affects',
  positive_correlate: 'biolink:positively_correlated_with',
  negative_correlate: 'biolink:negatively_correlated_with',
  associate: 'biolink:associated_with',
  bind: 'biolink:physically_interacts_with',
};

/** Subjects come before objects in this order, so a compound affects a mechanism and not the reverse. */
const SUBJECT_ORDER: readonly KgxLabel[] = ['Compound', 'Mechanism', 'Biomarker', 'Condition', 'ResearchAim', 'Paper'];

/** What a supporting claim between two kinds of entity states, when it names no predicate of its own. */
function pairPredicate(subject: KgxLabel, object: KgxLabel): string {
  if (subject === 'Compound' && object === 'Condition') return 'biolink:treats_or_applied_or_studied_to_treat';
  if (subject === 'Compound' && (object === 'Mechanism' || object === 'Biomarker')) return 'biolink:affects';
  if (object === 'Condition' && (subject === 'Mechanism' || subject === 'Biomarker')) return 'biolink:associated_with';
  return 'biolink:related_to';
}

/**
 * Predicates of the relationships that are not claims. Biolink has none for citing or for
 * errata and comments, so those are related_to, with evmap's type kept as original_predicate.
 */
const RELATIONSHIP_PREDICATES: Readonly<Record<string, string>> = {
  CITES: 'biolink:related_to',
  SIMILAR_TO: 'biolink:similar_to',
  PART_OF: 'biolink:part_of',
  CONCERNS: 'biolink:related_to',
  CORRECTED_BY: 'biolink:related_to',
  RETRACTED_BY: 'biolink:related_to',
  COMMENTS_ON: 'biolink:related_to',
  UPDATED_BY: 'biolink:related_to',
};

type KgxIds = Map<string, { id: string; label: KgxLabel }>;

interface ClaimParts {
  paper?: string;
  entities: string[];
  source?: ClaimSource;
  stance?: string;
}

/** The subgraph as KGX nodes and edges; every edge's subject and object is among the nodes. */
export function subgraphToKgx(graph: ExportGraph): { nodes: KgxNode[]; edges: KgxEdge[] } {
  const ids = kgxIds(graph.nodes);
  const claims = new Map<string, ClaimParts>();
  const edges: KgxEdge[] = [];
  for (const edge of graph.edges) {
    const claimId = typeof edge.properties.claim === 'string' ? edge.properties.claim : undefined;
    const [subject, object, predicate] = [ids.get(edge.source)?.id, ids.get(edge.target)?.id, RELATIONSHIP_PREDICATES[edge.type]];
    if (claimId) addClaimEdge(claims, claimId, edge, ids);
    else if (subject && object && predicate) {
      // Citations and links are what the papers themselves print; similar articles are PubMed's computation.
      const agent = edge.type === 'SIMILAR_TO' ? { knowledge_level: 'not_provided' as const, agent_type: 'computational_model' as const } : provenance('CURATED');
      edges.push({ id: `evmap:${edge.id}`, subject, predicate, object, original_predicate: `evmap:${edge.type}`, ...agent, primary_knowledge_source: PRIMARY_KNOWLEDGE_SOURCE });
    }
  }
  const claimProperties = new Map(graph.nodes.map((n) => [n.id, n.properties]));
  for (const [claimId, parts] of claims) edges.push(...claimEdges(claimId, parts, claimProperties.get(claimId) ?? {}, ids));
  return { nodes: graph.nodes.flatMap((n) => { const id = ids.get(n.id); return id ? [kgxNode(n, id)] : []; }), edges };
}

/** Gathers a claim's paper (ASSERTS) and entities (ABOUT) from its edges in the subgraph. */
function addClaimEdge(claims: Map<string, ClaimParts>, claimId: string, edge: ExportEdge, ids: KgxIds): void {
  const parts = claims.get(claimId) ?? { entities: [] };
  parts.source ??= edge.properties.claimSource as ClaimSource | undefined;
  parts.stance ??= edge.properties.stance as string | undefined;
  if (edge.type === 'ASSERTS' && ids.has(edge.source)) parts.paper = edge.source;
  if (edge.type === 'ABOUT' && ids.has(edge.target) && !parts.entities.includes(edge.target)) parts.entities.push(edge.target);
  claims.set(claimId, parts);
}

/**
 * A claim's edges: its paper mentions each of its entities; a supporting or contradicting claim
 * also states something between each pair of them, a contradicted one marked `negated`.
 */
function claimEdges(claimId: string, parts: ClaimParts, claim: Record<string, unknown>, ids: KgxIds): KgxEdge[] {
  const paper = parts.paper ? ids.get(parts.paper)?.id : undefined;
  const base = { ...provenance(parts.source), ...(paper ? { publications: [paper] } : {}), primary_knowledge_source: PRIMARY_KNOWLEDGE_SOURCE };
  const key = claimId.replace(/^Claim:/, '');
  const entities = parts.entities.flatMap((e) => { const id = ids.get(e); return id ? [id] : []; });
  const out: KgxEdge[] = paper ? entities.map((e) => ({ id: `evmap:claim:${key}:mentions:${e.id}`, subject: paper, predicate: 'biolink:mentions', object: e.id, ...base })) : [];
  if (parts.stance !== 'SUPPORTS' && parts.stance !== 'CONTRADICTS') return out;
  const ordered = [...entities].sort((a, b) => SUBJECT_ORDER.indexOf(a.label) - SUBJECT_ORDER.indexOf(b.label));
  const named = typeof claim.predicate === 'string' ? CLAIM_PREDICATES[claim.predicate] : undefined;
  ordered.forEach((s, i) => {
    for (const o of ordered.slice(i + 1)) {
      out.push({
        id: `evmap:claim:${key}:${s.id}:${o.id}`,
        subject: s.id,
        predicate: named ?? pairPredicate(s.label, o.label),
        object: o.id,
        ...(parts.stance === 'CONTRADICTS' ? { negated: true } : {}),
        ...base,
      });
    }
  });
  return out;
}

/** One part of the KGX export as JSON Lines: one object per line, each line ending with a newline. */
export function kgxLines(items: readonly object[]): string {
  return items.map((item) => `${JSON.stringify(item)}\n`).join('');
}
