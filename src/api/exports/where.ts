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
import type { EvidenceMapFilter, PaperFilter, PaperOrder } from '../../generated/schema';
import { loadTypeDefs } from '../schema';

/*
 * GraphQL input objects (EvidenceMapFilter, PaperFilter, PaperOrder) for callers that get them as
 * JSON outside GraphQL (the export routes' `where=` and `orderBy=`), coerced by graphql-js against
 * the schema's own type, so a filter the API refuses is refused here too and one it accepts means
 * the same; only the messages are ours.
 */

type InputObjectName = 'EvidenceMapFilter' | 'PaperFilter' | 'PaperOrder';

let schema: ReturnType<typeof buildSchema> | undefined;

/** Built on first use: the export routes need the types, the server's start-up does not. */
function inputObjectType(name: InputObjectName): GraphQLInputObjectType {
  schema ??= buildSchema(loadTypeDefs());
  return schema.getType(name) as GraphQLInputObjectType;
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
 * `value` as the input object `typeName` (null when absent), or BAD_USER_INPUT whose message
 * names the first bad field as `<argumentName>.<field>`, and whose `argumentName` extension is that path.
 */
function parseInputObject<T>(typeName: InputObjectName, value: unknown, argumentName: string): T | null {
  if (value === null || value === undefined) return null;
  const type = inputObjectType(typeName);
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
  return coerced as T;
}

export function parseEvidenceMapFilter(value: unknown, argumentName: string): EvidenceMapFilter | null {
  return parseInputObject<EvidenceMapFilter>('EvidenceMapFilter', value, argumentName);
}

export function parsePaperFilter(value: unknown, argumentName: string): PaperFilter | null {
  return parseInputObject<PaperFilter>('PaperFilter', value, argumentName);
}

export function parsePaperOrder(value: unknown, argumentName: string): PaperOrder | null {
  return parseInputObject<PaperOrder>('PaperOrder', value, argumentName);
}
