/**
 * What resolvers return for the SDL's object types, where that is not the record itself
 * (codegen.ts maps each type here or to src/graph/records.ts).
 */
import type { EvidenceCellRow } from '../../features/evidenceMap';
import type { PathRow } from '../../features/paths';
import type { SubgraphResult } from '../../features/subgraph';
import type { ClaimRow, EntityReadRow, EvidenceCellPaperRow, PaperReadRow, SupportingRow } from '../../graph/records';
import type { Connection } from '../connections';

/** Connection values; `totalCount` is a thunk run only when selected. */
export type PaperConnectionValue = Connection<{ node: PaperReadRow }>;
export type SimilarConnectionValue = Connection<{ node: PaperReadRow; rank: number | null }>;
export type ClaimConnectionValue = Connection<{ node: ClaimRow }>;
export type SupportingEdgeValue = SupportingRow & { cursor: string };
/** Whether totalCount is exact comes with it from the one count query. */
export type SupportingConnectionValue = Connection<SupportingRow> & { totalCountIsExact: () => Promise<boolean> };
export type EvidenceCellEdgeValue = EvidenceCellPaperRow & { cursor: string };
/** The cell's counts are one query, run only when a count field or totalCount is selected. */
export type EvidenceCellConnectionValue = Connection<EvidenceCellPaperRow> & { row: EntityReadRow; column: EntityReadRow; counts: () => Promise<EvidenceCellRow> };
/** Nodes of a subgraph or path are read as GraphNodeRows and filled in through the loaders when selected. */
export type SubgraphValue = SubgraphResult;
export type PathValue = PathRow;
