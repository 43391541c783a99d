import {
  buildSchema,
  coerceInputValue,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import { ErrorCode, EvmapError, quoteInput } from '../../errors';
import type { EvidenceMapFilter } from '../../generated/schema';
import { loadTypeDefs } from '../schema';

/*
 * The GraphQL input EvidenceMapFilter for callers that get it as JSON outside GraphQL (the
 * export routes' `where=`), coerced by graphql-js against the schema's own type, so a filter the
 * API refuses is refused here too and one it accepts means the same; only the messages are ours.
 */

let filterType: GraphQLInputObjectType | undefined;

/** Built on first use: the export routes need the type, the server's start-up does not. */
function evidenceMapFilterType(): GraphQLInputObjectType {
  filterType ??= buildSchema(loadTypeDefs()).getType('EvidenceMapFilter') as GraphQLInputObjectType;
  return filterType;
}

/** What the caller sent, for a message: text quoted and cut short, structures by kind only. */
function got(input: unknown): string {
  if (typeof input === 'string') return quoteInput(input);
  if (Array.isArray(input)) return 'a list';
  return input !== null && typeof input === 'object' ? 'an object' : String(input);
}

/** The input type that stands at `path` (field names and list indexes) below `root`. */
function typeAt(root: GraphQLInputType, path: ReadonlyArray<string | number>): GraphQLInputType {
  let type = root;
  for (const step of path) {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (typeof step === 'number' && isListType(inner)) type = inner.ofType;
    else if (typeof step === 'string' && isInputObjectType(inner)) type = inner.getFields()[step]?.type ?? type;
  }
  return type;
}

/** What a value of `type` must be, in a user's words. */
function expected(type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (named instanceof GraphQLEnumType) return `must be one of ${named.getValues().map((v) => v.name).join(', ')} (${named.name})`;
  if (named.name === 'Int') return 'must be an Int (a whole number from -2147483648 to 2147483647)';
  if (named.name === 'ID') return 'must be an ID (a string)';
  if (isInputObjectType(named)) return `must be an ${named.name} object`;
  return `must be a ${named.name}`;
}

/**
 * `value` as an EvidenceMapFilter (null when absent), or BAD_USER_INPUT whose message names the
 * first bad field as `<argumentName>.<field>`, and whose `argumentName` extension is that path.
 */
export function parseEvidenceMapFilter(value: unknown, argumentName: string): EvidenceMapFilter | null {
  if (value === null || value === undefined) return null;
  const type = evidenceMapFilterType();
  let problem: EvmapError | undefined;
  const coerced = coerceInputValue(value, type, (path, invalid, error) => {
    if (problem) return;
    // graphql-js reports an unknown field on the object that holds it, naming it only in its message.
    const unknown = /^Field "([^"]+)" is not defined by type/.exec(error.message)?.[1];
    const field = [argumentName, ...path, ...(unknown === undefined ? [] : [unknown])].join('.');
    const message =
      unknown === undefined
        ? `${field} ${expected(typeAt(type, path))}, got ${got(invalid)}`
        : `${field} is not a field of ${type.name}, which has ${Object.keys(type.getFields()).join(', ')}`;
    problem = new EvmapError(ErrorCode.BadUserInput, message, { argumentName: field });
  });
  if (problem) throw problem;
  return coerced as EvidenceMapFilter;
}
