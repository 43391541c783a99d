/**
 * Which claims count, as the API, the exports and the CLI ask it: stance, evidence level,
 * sources and a confidence floor for mined claims, checked once and turned into the store's
 * ClaimFilter.
 */
import { ErrorCode, EvmapError } from '../errors';
import { CLAIM_SOURCES, levelsAtLeast, type ClaimSource, type EvidenceLevel } from '../graph/model';
import type { ClaimFilter } from '../store/claimFilter';

export interface ClaimFilterArgs {
  stance?: string | null;
  minEvidenceLevel?: EvidenceLevel | null;
  sources?: readonly ClaimSource[] | null;
  minConfidence?: number | null;
}

/** Checks the arguments (pure); `prefix` names where they sit ("where." in an input object) in error messages. */
export function planClaimFilter(args: ClaimFilterArgs, prefix = ''): ClaimFilter {
  const { minConfidence = null, sources = null } = args;
  if (minConfidence !== null && !(Number.isFinite(minConfidence) && minConfidence >= 0 && minConfidence <= 1)) {
    throw new EvmapError(ErrorCode.BadUserInput, `"${prefix}minConfidence" must be between 0 and 1, got ${minConfidence}.`, { argumentName: `${prefix}minConfidence` });
  }
  if (sources !== null) {
    const unknown = sources.filter((s) => !CLAIM_SOURCES.includes(s));
    if (unknown.length > 0 || sources.length === 0) {
      throw new EvmapError(ErrorCode.BadUserInput, `"${prefix}sources" must list one or more of ${CLAIM_SOURCES.join(', ')}.`, { argumentName: `${prefix}sources` });
    }
  }
  return {
    stance: args.stance ?? null,
    levels: levelsAtLeast(args.minEvidenceLevel),
    // Sorted and distinct, so equal filters batch together in the loaders.
    sources: sources === null ? null : [...new Set(sources)].sort(),
    minConfidence,
  };
}
