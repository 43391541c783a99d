import type { Executor } from './db/executor';

/** What every resolver gets for one request. */
export interface Context {
  db: Executor;
}

/** Builds the per-request context; request-scoped state (loaders, auth) belongs here, not in module globals. */
export function createContext(db: Executor): Context {
  return { db };
}
