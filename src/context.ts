import type { Viewer } from './auth';
import type { Executor } from './db/executor';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets for one request. */
export interface Context {
  db: Executor;
  loaders: Loaders;
  viewer: Viewer;
}

/** Builds the per-request context: fresh loaders each time, so no cached row outlives its request. */
export function createContext(db: Executor, viewer: Viewer): Context {
  return { db, loaders: createLoaders(db), viewer };
}
