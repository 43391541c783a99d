/**
 * The peer of issue 12's P column: @neo4j/graphql, a generated GraphQL-to-Cypher layer, serving
 * the benchmark's Neo4j through type definitions of the same model, and the questions of the
 * benchmark it can express, written in its own dialect.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';

const TYPE_DEFS = `#graphql
  type Paper @node {
    pmid: String!
    title: String
    year: Int
    authors: [Author!]! @relationship(type: "AUTHORED_BY", direction: OUT)
    cites: [Paper!]! @relationship(type: "CITES", direction: OUT)
    claims: [Claim!]! @relationship(type: "ASSERTS", direction: OUT)
  }
  type Author @node {
    id: String!
    name: String
  }
  type Claim @node {
    id: String!
    stance: String
    source: String
    about: [Mechanism!]! @relationship(type: "ABOUT", direction: OUT)
  }
  type Mechanism @node {
    id: String!
    name: String
  }
`;

/** A question in the peer's dialect, under the benchmark query's name. */
export interface PeerQuery {
  graphql: string;
  variables?: Record<string, unknown>;
}

/**
 * Q1 (a paper, its authors and 10 citations), Q2 (mTOR's supporting papers, 50 with the total)
 * and Q7 (100 papers newest first with authors). The peer has no notion of live claims, so its Q2
 * counts every SUPPORTS claim: it does less than evmap, not more.
 */
export function peerQueries(listedPaper: string): Record<string, PeerQuery> {
  const supports = '{ claims: { some: { stance: { eq: "SUPPORTS" }, about: { some: { id: { eq: "mtor" } } } } } }';
  return {
    Q1: {
      graphql: 'query($pmid: String!) { papers(where: { pmid: { eq: $pmid } }) { pmid title year authors { name } cites(limit: 10) { pmid title year } } }',
      variables: { pmid: listedPaper },
    },
    Q2: {
      graphql: `{ papersConnection(first: 50, where: ${supports}, sort: [{ year: DESC }]) {
          totalCount edges { node { pmid title year claims(where: { stance: { eq: "SUPPORTS" } }) { id stance source } } } pageInfo { hasNextPage endCursor } } }`,
    },
    Q7: { graphql: '{ papers(limit: 100, sort: [{ year: DESC }]) { pmid title year authors { name } } }' },
  };
}

/** Serves the peer on a free loopback port until `stop`. */
export async function startPeer(driver: Driver, database: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => ({ sessionConfig: { database } }),
  });
  return { url, stop: () => server.stop() };
}
