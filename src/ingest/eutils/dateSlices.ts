/** A closed range of days as E-utilities takes them in mindate/maxdate: YYYY/MM/DD. */
export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function toDay(date: string): number {
  const [y, m, d] = date.split('/').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDay(day: number): string {
  const date = new Date(day * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}`;
}

/** An ISO day (YYYY-MM-DD) as E-utilities writes it. */
export function eutilsDate(isoDay: string): string {
  return isoDay.replaceAll('-', '/');
}

/** Today (UTC) as E-utilities writes it. */
export function today(now = new Date()): string {
  return fromDay(Math.floor(now.getTime() / DAY_MS));
}

/**
 * The two halves of a range, or undefined for a single day, which cannot be split: each day
 * lands in exactly one half, so searching both halves finds what searching the range finds.
 */
export function splitRange(range: DateRange): [DateRange, DateRange] | undefined {
  const from = toDay(range.from);
  const to = toDay(range.to);
  if (to <= from) return undefined;
  const middle = Math.floor((from + to) / 2);
  return [
    { from: range.from, to: fromDay(middle) },
    { from: fromDay(middle + 1), to: range.to },
  ];
}
