import { entityRef } from '../../src/graph/keys';
import { ENTITY_LABELS, type EntityLabel } from '../../src/graph/model';
import type { EntityInput } from '../../src/graph/records';
import {
  concernsOfAimsQuery,
  entitiesByIdsQuery,
  entitiesOfLabelQuery,
  findEntitiesQuery,
  labelOfEntityQuery,
  nameClashesQuery,
  taggableEntitiesQuery,
  upsertEntitiesQueries,
} from '../../src/store/entities';
import { checkBuilders, expectInputOnlyInParams, hostile, type BuilderCase, type Built } from './queryChecks';

/** Mechanisms, a biomarker and a research aim that concerns two of them; no compound and no condition. */
const MIX: EntityInput[] = [
  { entityKind: 'MECHANISM', id: 'mtor', name: 'mTOR', aliases: ['mTORC1', 'M-TOR'], kind: 'PATHWAY' },
  { entityKind: 'BIOMARKER', id: 'bdnf-serum', name: 'Serum BDNF', aliases: [], role: 'TREATMENT_RESPONSE', marker: 'BDNF' },
  { entityKind: 'RESEARCH_AIM', id: 'rapid-action', name: 'Rapid action', aliases: ['fast onset'], description: 'Why ketamine acts in hours', concerns: ['mtor', 'nmda-receptor'] },
  { entityKind: 'MECHANISM', id: 'nmda-receptor', name: 'NMDA receptor', aliases: ['NMDAR'], kind: 'RECEPTOR' },
];

const REFS = [entityRef('Mechanism:mtor'), entityRef('ketamine'), entityRef('GSK-3')];

const cases: Record<string, BuilderCase | (() => Built)> = {
  'upsertEntitiesQueries, mechanisms, a biomarker and an aim with concerns': () => upsertEntitiesQueries(MIX),
  'upsertEntitiesQueries, compounds and conditions, no concerns': () =>
    upsertEntitiesQueries([
      { entityKind: 'CONDITION', id: 'trd', name: 'Treatment-resistant depression', aliases: ['TRD'] },
      { entityKind: 'COMPOUND', id: 'ketamine', name: 'Ketamine', aliases: ['CI-581'] },
    ]),
  'taggableEntitiesQuery, default bound': () => taggableEntitiesQuery(),
  'taggableEntitiesQuery, given bound': () => taggableEntitiesQuery(10),
  'findEntitiesQuery, preferring compounds': () => findEntitiesQuery(REFS, 'Compound'),
  'findEntitiesQuery, no preference': () => findEntitiesQuery(REFS, null),
  entitiesByIdsQuery: () => entitiesByIdsQuery(['mtor', 'ketamine']),
  concernsOfAimsQuery: () => concernsOfAimsQuery(['rapid-action']),
  labelOfEntityQuery: () => labelOfEntityQuery('mtor'),
  nameClashesQuery: () => nameClashesQuery('mtor', ['mtorc1', 'mtor', 'mtorc1']),
  ...Object.fromEntries(ENTITY_LABELS.map((label) => [`entitiesOfLabelQuery ${label}`, () => entitiesOfLabelQuery(label, 2000)])),
};

describe('entities store queries', () => {
  checkBuilders(cases);

  it('upserts one query per label present, in a fixed order, then the concerns; none for absent kinds', () => {
    const queries = upsertEntitiesQueries(MIX);
    expect(queries.map((q) => q.tag)).toEqual(['entities:upsert-Mechanism', 'entities:upsert-Biomarker', 'entities:upsert-ResearchAim', 'entities:upsert-concerns']);
    const [mechanisms, biomarkers, aims, concerns] = queries;
    expect(mechanisms?.cypher).toContain('MERGE (e:Mechanism {id: row.id})');
    expect((mechanisms?.params.rows as Array<{ id: string }>).map((r) => r.id)).toEqual(['mtor', 'nmda-receptor']);
    expect((biomarkers?.params.rows as unknown[]).length).toBe(1);
    expect((aims?.params.rows as unknown[]).length).toBe(1);
    expect(concerns?.params.concerns).toEqual([
      { aim: 'rapid-action', target: 'mtor' },
      { aim: 'rapid-action', target: 'nmda-receptor' },
    ]);
    for (const query of queries) expect(query.cypher).not.toMatch(/:(Compound|Condition)\b/);
  });

  it('writes the folded match keys and nulls for the fields an entity lacks', () => {
    const [mechanisms] = upsertEntitiesQueries(MIX);
    const [mtor] = mechanisms?.params.rows as Array<{ props: Record<string, unknown>; xrefs: string[] }>;
    expect(mtor?.props).toEqual({ name: 'mTOR', aliases: ['mTORC1', 'M-TOR'], matchKeys: ['mtor', 'mtorc1'], description: null, kind: 'PATHWAY', role: null, marker: null });
    expect(mtor?.xrefs).toEqual([]);
  });

  it('builds no query for no entities, and no concerns query when no aim concerns anything', () => {
    expect(upsertEntitiesQueries([])).toEqual([]);
    const queries = upsertEntitiesQueries([{ entityKind: 'RESEARCH_AIM', id: 'aim', name: 'Aim', aliases: [], concerns: [] }]);
    expect(queries.map((q) => q.tag)).toEqual(['entities:upsert-ResearchAim']);
  });

  it('finds entities through one UNION branch per entity label, each entered only for references that may be of it', () => {
    const { cypher } = findEntitiesQuery(REFS, null);
    for (const label of ENTITY_LABELS) {
      expect(cypher).toContain(`WHERE '${label}' IN ref.labels\n         MATCH (e:${label})`);
    }
    expect(cypher.match(/\bUNION\b/g)).toHaveLength(ENTITY_LABELS.length - 1);
    expect(cypher).not.toMatch(/:Paper|:Claim|:Author/);
  });

  it('scopes a prefixed reference to its label', () => {
    expect(entityRef('Mechanism:mtor')).toEqual({ ref: 'Mechanism:mtor', key: 'mtor', folded: 'mtor', labels: ['Mechanism'] });
    expect(entityRef('GSK-3').labels).toEqual([...ENTITY_LABELS]);
  });

  it('passes name clashes each folded name once', () => {
    expect(nameClashesQuery('mtor', ['mtorc1', 'mtor', 'mtorc1']).params.keys).toEqual(['mtorc1', 'mtor']);
  });

  it.each(['Paper', 'Author', 'Claim', 'mechanism', 'Mechanism) DETACH DELETE (x', ''])('refuses to list entities of the non-entity label %j', (label) => {
    expect(() => entitiesOfLabelQuery(label as EntityLabel, 10)).toThrow(/not an entity label/);
  });

  it('keeps client strings out of the text', () => {
    const evil = hostile();
    expectInputOnlyInParams(upsertEntitiesQueries([{ entityKind: 'RESEARCH_AIM', id: evil, name: evil, aliases: [evil], description: evil, concerns: [evil] }]));
    expectInputOnlyInParams(findEntitiesQuery([entityRef(evil), entityRef(`Compound:${evil}`)], null));
    expectInputOnlyInParams(entitiesByIdsQuery([evil]));
    expectInputOnlyInParams(concernsOfAimsQuery([evil]));
    expectInputOnlyInParams(labelOfEntityQuery(evil));
    expectInputOnlyInParams(nameClashesQuery(evil, [evil]));
  });
});
