/**
 * The value for each key, in the order of `keys`, from rows that may come in any order and
 * miss some keys: the shape a DataLoader batch function must return.
 */
export function inKeyOrder<R, V>(keys: readonly string[], rows: readonly R[], keyOf: (row: R) => string, valueOf: (row: R) => V, missing: V): V[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), valueOf(row)]));
  return keys.map((key) => (byKey.has(key) ? (byKey.get(key) as V) : missing));
}
