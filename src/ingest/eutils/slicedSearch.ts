import { ErrorCode, EvmapError } from '../../errors';
import { splitRange, type DateRange } from './dateSlices';
import { esearch, type DateType } from './esearch';
import type { EutilsHttp } from './http';

/** A date range whose every id one esearch listed. */
export interface Slice {
  range: DateRange;
  ids: string[];
}

/**
 * Searches the ranges of `pending` in order and yields each whose ids one esearch could list
 * whole, with the ranges still to search after it (what a resumable fetch saves). A range
 * with more ids than esearch lists is replaced by its two halves, so the slices yielded
 * divide the ranges given and each id of the search is in exactly one of them.
 */
export async function* slicedSearch(http: EutilsHttp, term: string, dateType: DateType, pending: readonly DateRange[]): AsyncGenerator<{ slice: Slice; pending: DateRange[] }> {
  const queue = [...pending];
  for (let range = queue.shift(); range !== undefined; range = queue.shift()) {
    const answer = await esearch(http, term, dateType, range);
    if (answer.ids.length >= answer.count) {
      yield { slice: { range, ids: answer.ids }, pending: [...queue] };
      continue;
    }
    const halves = splitRange(range);
    if (!halves) {
      throw new EvmapError(ErrorCode.ResourceLimit, `${answer.count} records have the ${dateType} ${range.from}, more than one esearch lists (${answer.ids.length}); narrow the query`, {
        limit: 'esearchIds',
        range,
      });
    }
    queue.unshift(...halves);
  }
}
