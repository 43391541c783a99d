import type { Connection } from '../paging';
import type { ClaimRow, SupportingRow } from '../queries/claims';
import type { PaperReadRow } from '../queries/papers';

/** The values resolvers return for connection types; `totalCount` is a thunk run only when selected. */
export type PaperConnectionValue = Connection<{ node: PaperReadRow }>;
export type SimilarConnectionValue = Connection<{ node: PaperReadRow; rank: number | null }>;
export type ClaimConnectionValue = Connection<{ node: ClaimRow }>;
export type SupportingEdgeValue = SupportingRow & { cursor: string };
export type SupportingConnectionValue = Connection<SupportingRow>;
