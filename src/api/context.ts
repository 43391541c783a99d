import type { CypherLimits } from '../analyst/cypher';
import type { Viewer } from './auth';
import type { Executor } from '../db/executor';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets for one request. */
export interface Context {
  db: Executor;
  /** Time limit and row cap for analyst queries. */
  analyst: CypherLimits;
  loaders: Loaders;
  viewer: Viewer;
}

/** Builds the per-request context: fresh loaders each time, so no cached row outlives its request. */
export function createContext(db: Executor, viewer: Viewer, analyst: CypherLimits): Context {
  return { db, analyst, loaders: createLoaders(db), viewer };
}
