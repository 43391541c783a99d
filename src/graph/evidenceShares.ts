/**
 * Evidence counts kept on write. Every pair of entities that a live claim is ABOUT together (an
 * entity with itself included) has one `EvidenceCell` node holding what an evidence-map cell
 * shows; each paper adds to the cells of its own claims through one `CONTRIBUTES` relationship
 * per cell carrying its share and its place in the cell's ranking. A write that changes a
 * paper's claims, or what makes them live or ranks them (retraction, year), recounts that paper
 * in the same transaction (`recountPapersCypher`), so a reader never sees the counts behind
 * the claims. Only unfiltered questions read them; a filter is answered from the claims.
 */
import { assertVariable, liveClaimCypher, publicIdCypher } from './fragments';
import { nodeId } from './keys';
import { CLAIM_SOURCES, EVIDENCE_LEVELS, STANCES, type EntityLabel, type Stance } from './model';

export const CELL_LABEL = 'EvidenceCell';
export const CONTRIBUTES = 'CONTRIBUTES';

/** Between the two entity ids of a cell key and the parts of a rank key: below every character of an id or a PMID. */
const SEP = '\u001f';

/** The stored ranking of a stance among a paper's claims about one entity (the cell of the entity with itself). */
export const STANCE_RANK: Record<Stance, string> = { SUPPORTS: 'rankSupports', CONTRADICTS: 'rankContradicts', MENTIONS: 'rankMentions' };

/** The key of the cell of two entities (public ids), whichever is the row. */
export function cellKey(a: { label: EntityLabel; id: string }, b: { label: EntityLabel; id: string }): string {
  const [x, y] = [nodeId(a.label, a.id), nodeId(b.label, b.id)].sort();
  return `${x}${SEP}${y}`;
}

/** What starts every rank key of one cell, for a prefix seek in its index. */
export function rankPrefix(key: string): string {
  return `${key}${SEP}`;
}

/** The first text after every rank key of one cell: with `rankPrefix`, the bounds of a range seek over the cell alone. */
export function rankEnd(key: string): string {
  return `${key}${String.fromCharCode(SEP.charCodeAt(0) + 1)}`;
}

const list = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;
const zeros = (n: number) => `[${Array.from({ length: n }, () => '0').join(', ')}]`;

/**
 * A rank key sorting as the listings rank: most claims (`claims`, at most `cap` counted) first,
 * then newest (no year last), then PMID. Fixed-width numbers, so text order is rank order.
 */
function rankKeyCypher(prefix: string, claims: string, cap: number, p: string): string {
  return `${prefix} + '${SEP}' + right('00000' + toString(100000 - CASE WHEN ${claims} > ${cap} THEN ${cap} ELSE ${claims} END), 6)
          + '${SEP}' + right('000000' + toString(100000 - coalesce(${p}.year, -1)), 6) + '${SEP}' + ${p}.pmid`;
}

/** Adds (sign '+') or takes away ('-') the share `k` of a paper from its cell `cell`. */
function applyShare(cell: string, k: string, sign: '+' | '-'): string {
  const each = (prop: string, n: number) => `${cell}.${prop} = [i IN range(0, ${n - 1}) | ${cell}.${prop}[i] ${sign} ${k}.${prop}[i]]`;
  return `SET ${cell}.papers = ${cell}.papers ${sign} 1, ${cell}.claims = ${cell}.claims ${sign} ${k}.claims,
        ${each('byStance', STANCES.length)},
        ${cell}.papersByStance = [i IN range(0, ${STANCES.length - 1}) | ${cell}.papersByStance[i] ${sign} CASE WHEN ${k}.byStance[i] > 0 THEN 1 ELSE 0 END],
        ${each('byLevel', EVIDENCE_LEVELS.length)},
        ${each('bySource', CLAIM_SOURCES.length)}`;
}

/** Takes the shares of paper `p` out of their cells and removes them: before `p` is deleted or counted again. */
export function dropSharesCypher(p: string): string {
  assertVariable(p);
  return `CALL (${p}) {
         MATCH (${p})-[share:${CONTRIBUTES}]->(cell:${CELL_LABEL})
         ${applyShare('cell', 'share', '-')}
         DELETE share
       }`;
}

/**
 * Counts each paper of list variable `papers` again: its old shares out, then one share per pair
 * of entities its live claims are about together, created cells included. Text to embed in a
 * write query after its writes; runs once per paper whatever else the query returns.
 */
export function recountPapersCypher(papers: string): string {
  assertVariable(papers);
  const stanceRanks = STANCES.map(
    (s, i) => `share.${STANCE_RANK[s]} = CASE WHEN diagonal AND byStance[${i}] > 0 THEN ${rankKeyCypher('cell.key', `byStance[${i}]`, 100, 'paper')} END`,
  ).join(',\n              ');
  return `CALL (${papers}) {
         UNWIND ${papers} AS paper
         WITH DISTINCT paper
         ${dropSharesCypher('paper')}
         CALL (paper) {
           MATCH (paper)-[:ASSERTS]->(c:Claim)-[:ABOUT]->(a)
           WHERE ${liveClaimCypher('c')}
           MATCH (c)-[:ABOUT]->(b)
           WITH paper, c, ${publicIdCypher('a')} AS aId, ${publicIdCypher('b')} AS bId
           WHERE aId <= bId
           WITH paper, aId, bId, collect(DISTINCT c) AS claims
           MERGE (cell:${CELL_LABEL} {key: aId + '${SEP}' + bId})
             ON CREATE SET cell.a = aId, cell.b = bId, cell.papers = 0, cell.claims = 0,
                           cell.byStance = ${zeros(STANCES.length)}, cell.papersByStance = ${zeros(STANCES.length)},
                           cell.byLevel = ${zeros(EVIDENCE_LEVELS.length)}, cell.bySource = ${zeros(CLAIM_SOURCES.length)}
           WITH paper, cell, aId = bId AS diagonal, size(claims) AS n,
                [s IN ${list(STANCES)} | size([c IN claims WHERE c.stance = s])] AS byStance,
                [l IN ${list(EVIDENCE_LEVELS)} | size([c IN claims WHERE c.evidenceLevel = l])] AS byLevel,
                [s IN ${list(CLAIM_SOURCES)} | size([c IN claims WHERE c.source = s])] AS bySource
           CREATE (paper)-[share:${CONTRIBUTES} {claims: n, byStance: byStance, byLevel: byLevel, bySource: bySource}]->(cell)
           SET share.rank = ${rankKeyCypher('cell.key', 'n', 9999, 'paper')},
              ${stanceRanks}
           WITH cell, share
           ${applyShare('cell', 'share', '+')}
         }
       }`;
}
