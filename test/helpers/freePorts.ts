import { createServer, type Server } from 'node:net';

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * `count` distinct ports on 127.0.0.1 that the OS reports free, for tests that start their own
 * Neo4j: fixed numbers collide with other test runs on a shared machine. All are held open until
 * the last is chosen, so the OS cannot hand out one twice. Another process may still take a port
 * between this returning and Neo4j binding it; the launcher then exits saying the port is in use.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i += 1) servers.push(await listen());
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
