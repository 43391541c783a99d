import type { Executor } from './db/executor';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets for one request. */
export interface Context {
  db: Executor;
  loaders: Loaders;
}

/** Builds the per-request context: fresh loaders each time, so no cached row outlives its request. */
export function createContext(db: Executor): Context {
  return { db, loaders: createLoaders(db) };
}
