import { examples } from '../../src/api/playground/examples';
import { startTestServer, type TestServer } from '../helpers/server';

describe('GraphiQL playground examples', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each(examples.map((e) => [e.title, e.query]))('runs example "%s" against the seed without errors', async (_title, query) => {
    const res = await server.gql(query);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toBeTruthy();
  });
});
