/** A publication date reduced to what a PaperRecord stores. */
export interface PubDate {
  year: number;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD), only as precise as the source text. */
  publishedOn: string;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/*
 * Year, then optionally a month (name or number), then optionally a day. Anything after the
 * match (a "-Feb" or "-1999 Jan" range end, a season's partner) is ignored: a range is dated
 * by its start. The lookaheads stop "2014 Jan15" or "20141" from passing as precise dates.
 */
const DATE_START = /^\s*(\d{4})(?!\d)(?:\s+([A-Za-z]+|\d{1,2})(?![A-Za-z\d])(?:\s+(\d{1,2})(?!\d))?)?/;

/**
 * Reads a PubMed date (MEDLINE DP, XML PubDate parts joined by spaces, or MedlineDate such as
 * "2014 Jan-Feb" or "1998 Dec-1999 Jan") into its year and the most precise ISO date it supports.
 */
export function parsePubDate(text: string): PubDate | undefined {
  const match = DATE_START.exec(text);
  if (!match) return undefined;
  const yearText = match[1]!;
  const year = Number(yearText);
  const month = match[2] === undefined ? undefined : monthNumber(match[2]);
  if (month === undefined) return { year, publishedOn: yearText };
  const yearMonth = `${yearText}-${pad(month)}`;
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (day === undefined || day < 1 || day > daysInMonth(year, month)) return { year, publishedOn: yearMonth };
  return { year, publishedOn: `${yearMonth}-${pad(day)}` };
}

/** Month 1–12 from "Jan", "Sept", "January" or "01"; seasons and other words give undefined. */
function monthNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) {
    const month = Number(token);
    return month >= 1 && month <= 12 ? month : undefined;
  }
  const lower = token.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one, leap years included.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
