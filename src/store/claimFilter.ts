import { liveClaimCypher } from '../graph/fragments';
import { MINED_SOURCES } from '../graph/model';

/** Which claims count as evidence: the one rule every evidence query applies. */
export interface ClaimFilter {
  /** Only this stance, or any. */
  stance: string | null;
  /** Only these evidence levels, or any (claims without a level then count too). */
  levels: string[] | null;
  /** Only claims from these sources, or any. */
  sources: string[] | null;
  /** Mined claims need at least this confidence; curated and seed claims always pass. */
  minConfidence: number | null;
}

export const ANY_CLAIM: ClaimFilter = { stance: null, levels: null, sources: null, minConfidence: null };

/**
 * The predicate on claim variable `v`: live (not retracted, not waiting for review after its
 * paper's text changed, not asserted by a paper PubMed marks retracted) and passing the filter. Parameters come from `claimFilterParams`.
 */
export function claimFilterCypher(v: string): string {
  return `${liveClaimCypher(v)}
       AND ($stance IS NULL OR ${v}.stance = $stance)
       AND ($levels IS NULL OR ${v}.evidenceLevel IN $levels)
       AND ($sources IS NULL OR ${v}.source IN $sources)
       AND ($minConfidence IS NULL OR NOT ${v}.source IN $minedSources OR ${v}.confidence >= $minConfidence)`;
}

export function claimFilterParams(f: ClaimFilter): Record<string, unknown> {
  return { stance: f.stance, levels: f.levels, sources: f.sources, minConfidence: f.minConfidence, minedSources: MINED_SOURCES };
}

/** Whether `f` asks for no more than liveness and a stance: what the evidence counts kept on write can answer. */
export function countedOnWrite(f: ClaimFilter): boolean {
  return f.levels === null && f.sources === null && f.minConfidence === null;
}
