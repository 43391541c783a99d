/**
 * What resolvers return for the SDL's object types, where that is not the record itself
 * (codegen.ts maps each type here or to src/graph/records.ts).
 */
import type { ClaimRow, PaperReadRow, SupportingRow } from '../../graph/records';
import type { Connection } from '../connections';

/** Connection values; `totalCount` is a thunk run only when selected. */
export type PaperConnectionValue = Connection<{ node: PaperReadRow }>;
export type SimilarConnectionValue = Connection<{ node: PaperReadRow; rank: number | null }>;
export type ClaimConnectionValue = Connection<{ node: ClaimRow }>;
export type SupportingEdgeValue = SupportingRow & { cursor: string };
export type SupportingConnectionValue = Connection<SupportingRow>;
