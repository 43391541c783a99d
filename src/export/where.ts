import { z } from 'zod';
import { ErrorCode, EvmapError, quoteInput } from '../errors';
import type { EvidenceMapFilter } from '../generated/graphql';
import { EVIDENCE_LEVELS, STANCES } from '../graph/model';

/*
 * The GraphQL input EvidenceMapFilter for callers that get it as JSON outside GraphQL (the
 * export routes' `where=`), checked by the same rules graphql-js applies to a variable of that
 * type, so a filter the API refuses is refused here too and one it accepts means the same.
 */

/** What the caller sent, for a message: text quoted and cut short, structures by kind only. */
function got(input: unknown): string {
  if (typeof input === 'string') return quoteInput(input);
  if (Array.isArray(input)) return 'a list';
  return input !== null && typeof input === 'object' ? 'an object' : String(input);
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

const intRule = { error: (issue: { input?: unknown }) => `must be an Int (a whole number from ${INT_MIN} to ${INT_MAX}), got ${got(issue.input)}` };

/** GraphQL's Int: a whole number that fits in 32 signed bits; a string of digits is not one. */
const graphqlInt = z.int(intRule).min(INT_MIN, intRule).max(INT_MAX, intRule);

/** GraphQL's ID: a string, or an integer that becomes its decimal string. */
const graphqlId = z
  .union([z.string(), z.int()], { error: (issue) => `must be an ID (a string), got ${got(issue.input)}` })
  .transform(String);

/** A list input; like graphql-js, a single value stands for a list of one. */
function list<T>(item: z.ZodType<T>) {
  return z.preprocess((v) => (v === null || v === undefined || Array.isArray(v) ? v : [v]), z.array(item));
}

function graphqlEnum<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  return z.enum(values, { error: (issue) => `must be one of ${values.join(', ')} (${name}), got ${got(issue.input)}` });
}

const evidenceMapFilter = z.strictObject(
  {
    rowIds: list(graphqlId).nullish(),
    columnIds: list(graphqlId).nullish(),
    stance: graphqlEnum('Stance', STANCES).nullish(),
    minEvidenceLevel: graphqlEnum('EvidenceLevel', EVIDENCE_LEVELS).nullish(),
    yearFrom: graphqlInt.nullish(),
    yearTo: graphqlInt.nullish(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `must be an EvidenceMapFilter object, got ${got(issue.input)}` : undefined) },
) satisfies z.ZodType<EvidenceMapFilter>;

/** The fields of EvidenceMapFilter, for messages and for the test that keeps them in step with the schema. */
export const EVIDENCE_MAP_FILTER_FIELDS = Object.keys(evidenceMapFilter.shape);

/**
 * `value` as an EvidenceMapFilter (null when absent), or BAD_USER_INPUT whose message names the
 * first bad field as `<argumentName>.<field>`, and whose `argumentName` extension is that path.
 */
export function parseEvidenceMapFilter(value: unknown, argumentName: string): EvidenceMapFilter | null {
  const result = evidenceMapFilter.nullish().safeParse(value);
  if (result.success) return result.data ?? null;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  if (issue.code === 'unrecognized_keys') {
    const field = [argumentName, ...issue.path, issue.keys[0]].join('.');
    throw new EvmapError(ErrorCode.BadUserInput, `${field} is not a field of EvidenceMapFilter, which has ${EVIDENCE_MAP_FILTER_FIELDS.join(', ')}`, {
      argumentName: field,
    });
  }
  const field = [argumentName, ...issue.path].join('.');
  throw new EvmapError(ErrorCode.BadUserInput, `${field} ${issue.message}`, { argumentName: field });
}
