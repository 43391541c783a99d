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
});
