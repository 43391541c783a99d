import { buildSchema, parse, validate } from 'graphql';
import { examples } from '../../src/api/playground/examples';
import { initScript } from '../../src/api/playground/init';
import { loadTypeDefs } from '../../src/api/schema';

describe('playground examples', () => {
  const schema = buildSchema(loadTypeDefs());

  it('covers mTOR evidence, the seed paper, research aims and graph stats', () => {
    const queries = examples.map((e) => e.query).join('\n');
    expect(queries).toContain('mechanism(id: "mTOR")');
    expect(queries).toContain('paper(pmid: "24392693")');
    expect(queries).toContain('researchAim(');
    expect(queries).toContain('stats');
  });

  it.each(examples.map((e) => [e.title, e.query]))('"%s" is valid against schema/*.graphql', (_title, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('gives every example one named operation, which GraphiQL uses as the tab title', () => {
    for (const { query } of examples) {
      const operations = parse(query).definitions.filter((d) => d.kind === 'OperationDefinition');
      expect(operations).toHaveLength(1);
      expect(operations[0]).toHaveProperty('name.value');
    }
  });

  it('embeds the endpoint and every example into the browser script', () => {
    const script = initScript('/graphql', examples);
    const embedded = /var config = (.*);\n/.exec(script)?.[1];
    expect(JSON.parse(embedded ?? 'null')).toEqual({ endpoint: '/graphql', tabs: examples.map(({ query }) => ({ query })) });
  });
});
