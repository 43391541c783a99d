import { ConfigError, loadConfig } from '../../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.source).toBe('auto');
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.neo4j.local.boltPort).toBe(7687);
  });

  it('names each bad variable, what is wrong, and the value', () => {
    const found = problems({ PORT: 'eighty', NEO4J_URI: 'http://localhost:7474', EVMAP_NEO4J_SOURCE: 'podman' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT must be a number \(got "eighty"\)$/),
        expect.stringMatching(/^NEO4J_URI must be a neo4j:\/\/ or bolt:\/\/ URI.*\(got "http:\/\/localhost:7474"\)$/),
        expect.stringMatching(/^EVMAP_NEO4J_SOURCE must be auto, uri, docker or local/),
      ]),
    );
  });

  it('rejects a short Neo4j password without echoing it', () => {
    const [problem] = problems({ NEO4J_PASSWORD: 'short' });
    expect(problem).toMatch(/^NEO4J_PASSWORD must be at least 8 characters/);
    expect(problem).not.toContain('short"');
  });

  it('requires NEO4J_URI when the source is pinned to uri', () => {
    expect(problems({ EVMAP_NEO4J_SOURCE: 'uri' })).toEqual(['NEO4J_URI must be set when EVMAP_NEO4J_SOURCE=uri']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', NEO4J_URI: '' }).neo4j.uri).toBeUndefined();
  });

  it('allows no other origin unless EVMAP_CORS_ORIGINS lists it, and * only alone', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ EVMAP_CORS_ORIGINS: 'http://localhost:5173, https://app.example.org' }).corsOrigins).toEqual(['http://localhost:5173', 'https://app.example.org']);
    expect(loadConfig({ EVMAP_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(problems({ EVMAP_CORS_ORIGINS: '*,https://app.example.org' })).toEqual([expect.stringMatching(/^EVMAP_CORS_ORIGINS is either \* alone or a list of origins/)]);
    expect(problems({ EVMAP_CORS_ORIGINS: 'https://app.example.org/' })).toEqual([expect.stringMatching(/^EVMAP_CORS_ORIGINS entries must be origins .*got "https:\/\/app.example.org\/"/)]);
    expect(problems({ EVMAP_CORS_ORIGINS: 'app.example.org' })).toHaveLength(1);
  });

  it('keeps stack traces out of errors unless EVMAP_DEBUG_ERRORS asks, in development too', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).debugErrors).toBe(false);
    expect(loadConfig({ EVMAP_DEBUG_ERRORS: 'true' }).debugErrors).toBe(true);
  });

  it('serves the playground outside production only, and refuses to turn it on where introspection is off', () => {
    expect(loadConfig({}).playground).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).playground).toBe(false);
    expect(loadConfig({ EVMAP_PLAYGROUND: 'false' }).playground).toBe(false);
    expect(problems({ NODE_ENV: 'production', EVMAP_PLAYGROUND: 'true' })).toEqual([expect.stringMatching(/^EVMAP_PLAYGROUND=true needs introspection/)]);
  });
});
