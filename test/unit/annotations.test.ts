import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { slugify } from '../../src/graph/keys';
import { loadAnnotationFiles, loadAnnotations, type AnnotatedEntity, type PaperTexts } from '../../src/ingest/annotations';
import { parseSeedPage } from '../../src/ingest/seedPage';

const SEED_DIR = path.join(__dirname, '../../seed');
const annotationsText = readFileSync(path.join(SEED_DIR, 'annotations.yaml'), 'utf8');
const seedPaper = parseSeedPage(readFileSync(path.join(SEED_DIR, 'pubmed-24392693.txt'), 'utf8')).paper;
const texts: PaperTexts = new Map([[seedPaper.pmid, { title: seedPaper.title, abstract: seedPaper.abstract }]]);

interface RawFile {
  entities: Record<string, Array<Record<string, unknown>>>;
  claims: Array<Record<string, unknown>>;
}

/** Loads the real annotation file after applying `change` to its parsed form. */
function loadChanged(change: (file: RawFile) => void) {
  const file = YAML.parse(annotationsText) as RawFile;
  change(file);
  return () => loadAnnotations(YAML.stringify(file), texts);
}

function claimIndex(file: RawFile, id: string): number {
  const index = file.claims.findIndex((claim) => claim.id === id);
  if (index < 0) throw new Error(`fixture has no claim ${id}`);
  return index;
}

describe('loadAnnotations on seed/annotations.yaml', () => {
  const annotations = loadAnnotations(annotationsText, texts);
  const byId = new Map<string, AnnotatedEntity>(annotations.entities.map((entity) => [entity.id, entity]));

  it('slices every quote back out of its field at the computed offsets', () => {
    expect(annotations.claims.length).toBeGreaterThanOrEqual(12);
    for (const claim of annotations.claims) {
      const text = texts.get(claim.paper)![claim.field]!;
      expect(text.slice(claim.start, claim.end)).toBe(claim.quote);
      expect(claim.end - claim.start).toBe(claim.quote.length);
    }
  });

  it('locates a known quote at its true offset', () => {
    const claim = annotations.claims.find((c) => c.id === '24392693-mtor-target')!;
    expect(claim.start).toBe(seedPaper.abstract!.indexOf('mammalian target of rapamycin (mTOR)'));
    expect(claim).toMatchObject({ paper: '24392693', field: 'abstract', stance: 'SUPPORTS', evidenceLevel: 'REVIEW', source: 'SEED', curator: 'evmap-seed' });
  });

  it('declares the three targets with their aliases and kinds', () => {
    expect(byId.get('mtor')).toMatchObject({ entityKind: 'MECHANISM', kind: 'TARGET', name: 'mTOR' });
    expect(byId.get('mtor')!.aliases).toEqual(expect.arrayContaining(['mammalian target of rapamycin', 'MTOR']));
    expect(byId.get('eef2')!.aliases).toEqual(expect.arrayContaining(['eukaryotic elongation factor 2', 'EEF2']));
    expect(byId.get('gsk-3')!.aliases).toEqual(expect.arrayContaining(['GSK3', 'glycogen synthase kinase-3', 'glycogen synthase kinase 3']));
    expect(byId.get('nmda-receptor')).toMatchObject({ entityKind: 'MECHANISM', kind: 'RECEPTOR' });
  });

  it('has one claim per target, each about ketamine, the target and major depressive disorder', () => {
    for (const target of ['mtor', 'eef2', 'gsk-3']) {
      const claims = annotations.claims.filter((claim) => claim.about.includes(target));
      expect(claims).toHaveLength(1);
      expect(claims[0]!.about).toEqual(expect.arrayContaining(['ketamine', target, 'major-depressive-disorder']));
    }
  });

  it('declares biomarkers in all three roles and the three research aims', () => {
    const roles = annotations.entities.flatMap((entity) => (entity.entityKind === 'BIOMARKER' ? [entity.role] : []));
    expect(roles.sort()).toEqual(['MEDIATOR_MODERATOR', 'PREDICTOR', 'TREATMENT_RESPONSE']);
    const aims = annotations.entities.flatMap((entity) => (entity.entityKind === 'RESEARCH_AIM' ? [entity] : []));
    expect(aims.map((aim) => aim.marker)).toEqual(['a', 'b', 'c']);
    expect(byId.get('ketamine-biomarkers')).toMatchObject({ concerns: expect.arrayContaining(['predictor-biomarkers', 'ketamine']) });
  });

  it('reads a bare numeric PMID as the paper key', () => {
    const load = loadChanged((file) => {
      file.claims[0]!.paper = 24392693;
    });
    expect(load().claims[0]!.paper).toBe('24392693');
  });
});

describe('loadAnnotations rejects', () => {
  it('a quote that is not verbatim in its field, naming the claim and field', () => {
    const load = loadChanged((file) => {
      file.claims[claimIndex(file, '24392693-mtor-target')]!.quote = 'mammalian target of rapamycin (MTOR)';
    });
    expect(load).toThrow('claim "24392693-mtor-target": quote not found in abstract of paper 24392693: "mammalian target of rapamycin (MTOR)"');
    expect(load).toThrow('only its first 31 characters match');
  });

  it('a quote taken from the abstract but labelled as title', () => {
    const load = loadChanged((file) => {
      file.claims[claimIndex(file, '24392693-eef2-target')]!.field = 'title';
    });
    expect(load).toThrow('claim "24392693-eef2-target": quote not found in title of paper 24392693');
  });

  it('a claim on a paper with no text', () => {
    const load = loadChanged((file) => {
      file.claims[0]!.paper = '999';
    });
    expect(load).toThrow(/claim "[^"]+": no title text for paper 999/);
  });

  it('an unknown entity in about, suggesting the id an alias belongs to', () => {
    const load = loadChanged((file) => {
      const index = claimIndex(file, '24392693-gsk-3-target');
      file.claims[index]!.about = ['ketamine', 'GSK3', 'no-such-thing'];
    });
    expect(load).toThrow(/claims\[\d+\]\.about\[1\] \(claim "24392693-gsk-3-target"\): unknown entity "GSK3" \(did you mean "gsk-3"\?\)/);
    expect(load).toThrow(/claims\[\d+\]\.about\[2\] \(claim "24392693-gsk-3-target"\): unknown entity "no-such-thing"/);
  });

  it('an unknown entity in a research aim', () => {
    const load = loadChanged((file) => {
      file.entities.researchAims![0]!.concerns = ['ketamine', 'lithium'];
    });
    expect(load).toThrow('entities.researchAims[0].concerns[1]: unknown entity "lithium"');
  });

  it('a bad stance, naming its path and the allowed values', () => {
    const load = loadChanged((file) => {
      file.claims[3]!.stance = 'AGREES';
    });
    expect(load).toThrow('claims[3].stance: expected one of SUPPORTS, CONTRADICTS, MENTIONS');
  });

  it('missing fields, misspelt keys, out-of-range confidence and non-slug ids', () => {
    const load = loadChanged((file) => {
      const claim = file.claims[2]!;
      delete claim.curator;
      claim.abuot = claim.about;
      claim.confidence = 1.5;
      claim.id = 'Mtor Target';
    });
    expect(load).toThrow('claims[2].curator: required');
    expect(load).toThrow(/claims\[2\]: Unrecognized key: "abuot"/);
    expect(load).toThrow('claims[2].confidence: must be between 0 and 1');
    expect(load).toThrow('claims[2].id: "Mtor Target" is not a slug (lowercase letters and digits in words joined by single hyphens); try "mtor-target"');
  });

  it('a bad mechanism kind', () => {
    const load = loadChanged((file) => {
      file.entities.mechanisms![1]!.kind = 'ENZYME';
    });
    expect(load).toThrow('entities.mechanisms[1].kind: expected one of TARGET, RECEPTOR, PATHWAY');
  });

  it('duplicate entity ids across kinds and duplicate claim ids', () => {
    const load = loadChanged((file) => {
      file.entities.compounds![0]!.id = 'mtor';
      file.claims[1]!.id = file.claims[0]!.id;
    });
    expect(load).toThrow('entities.compounds[0].id: duplicate entity id "mtor", first declared at entities.mechanisms[0]');
    expect(load).toThrow(/claims\[1\]\.id: duplicate claim id/);
  });

  it('an alias that names another entity, ignoring case', () => {
    const load = loadChanged((file) => {
      (file.entities.conditions![0]!.aliases as string[]).push('gsk3');
    });
    expect(load).toThrow(/entities\.conditions\[0\]\.aliases\[\d+\]: "gsk3" already names entity "gsk-3"/);
  });

  it('two entities whose names differ only in spacing or punctuation, naming both, both names and the folded key', () => {
    let at = -1;
    const load = loadChanged((file) => {
      at = file.entities.mechanisms!.push({ id: 'gsk-3-pathway', name: 'GSK 3', kind: 'PATHWAY' }) - 1;
    });
    expect(load).toThrow(
      `entities.mechanisms[${at}].name: "GSK 3" already names entity "gsk-3" as "GSK-3" (entities.mechanisms[2].name); both fold to the lookup key "gsk3", so a lookup could not tell "gsk-3-pathway" from "gsk-3"`,
    );
  });

  it("an alias that folds like another entity's alias", () => {
    const load = loadChanged((file) => {
      (file.entities.conditions![0]!.aliases as string[]).push('Mammalian-Target-of-Rapamycin');
    });
    expect(load).toThrow(
      /entities\.conditions\[0\]\.aliases\[\d+\]: "Mammalian-Target-of-Rapamycin" already names entity "mtor" as "mammalian target of rapamycin" \(entities\.mechanisms\[0\]\.aliases\[0\]\); both fold to the lookup key "mammaliantargetofrapamycin", so a lookup could not tell "treatment-resistant-major-depressive-disorder" from "mtor"/,
    );
  });

  it("an id that folds like another entity's alias, since the API looks entities up by their ids too", () => {
    const load = loadChanged((file) => {
      (file.entities.compounds![0]!.aliases as string[]).push('Ketamine biomarkers');
    });
    expect(load).toThrow(
      /entities\.researchAims\[\d+\]\.id: "ketamine-biomarkers" already names entity "ketamine" as "Ketamine biomarkers" \(entities\.compounds\[0\]\.aliases\[\d+\]\); both fold to the lookup key "ketaminebiomarkers"/,
    );
  });

  it('an unknown entity in about, suggesting the id a name folds to', () => {
    const load = loadChanged((file) => {
      file.claims[claimIndex(file, '24392693-gsk-3-target')]!.about = ['ketamine', 'GSK 3'];
    });
    expect(load).toThrow(/unknown entity "GSK 3" \(did you mean "gsk-3"\?\)/);
  });

  it('text that is not YAML', () => {
    expect(() => loadAnnotations('claims: [1', texts)).toThrow(/^annotations are not valid YAML/);
  });
});

describe('loadAnnotations accepts', () => {
  it("an alias that folds like the entity's own name, keeping it", () => {
    const load = loadChanged((file) => {
      (file.entities.mechanisms![2]!.aliases as string[]).push('gsk 3', 'G.S.K.-3');
    });
    const gsk3 = load().entities.find((entity) => entity.id === 'gsk-3')!;
    expect(gsk3.aliases).toEqual(expect.arrayContaining(['gsk 3', 'G.S.K.-3']));
  });
});

describe('entity ids', () => {
  it('default to the slug of the name', () => {
    const yaml = 'entities:\n  compounds:\n    - name: Esketamine (S-ketamine)\nclaims: []\n';
    expect(loadAnnotations(yaml, texts).entities).toEqual([{ entityKind: 'COMPOUND', id: 'esketamine-s-ketamine', name: 'Esketamine (S-ketamine)', aliases: [], xrefs: [] }]);
  });

  it('take identifiers as CURIEs and a parent that must be declared, in any of the files loaded together', () => {
    const vocabulary = 'entities:\n  mechanisms:\n    - { id: gsk-3b, name: GSK-3β, kind: TARGET, parent: gsk-3, xrefs: ["NCBIGene:2932"] }\n';
    const seed = 'entities:\n  mechanisms:\n    - { id: gsk-3, name: GSK-3, kind: TARGET, xrefs: ["MESH:D038362"] }\n';
    const loaded = loadAnnotationFiles([{ name: 'seed.yaml', text: seed }, { name: 'vocabulary.yaml', text: vocabulary }], texts);
    expect(loaded.entities.map((e) => [e.id, e.xrefs, e.parent])).toEqual([
      ['gsk-3', ['MESH:D038362'], undefined],
      ['gsk-3b', ['NCBIGene:2932'], 'gsk-3'],
    ]);
    expect(() => loadAnnotationFiles([{ name: 'vocabulary.yaml', text: vocabulary }], texts)).toThrow(/vocabulary\.yaml: entities\.mechanisms\[0\]\.parent: unknown entity "gsk-3"/);
    expect(() => loadAnnotations('entities:\n  compounds:\n    - { name: ketamine, xrefs: ["D007649"] }\n', texts)).toThrow(/xrefs\[0\]: must be a CURIE/);
  });

  it('refuse two files naming one thing alike, naming both places', () => {
    const a = 'entities:\n  compounds:\n    - { name: GSK 3 inhibitor }\n';
    const b = 'entities:\n  compounds:\n    - { id: other, name: GSK-3 inhibitor }\n';
    expect(() => loadAnnotationFiles([{ name: 'a.yaml', text: a }, { name: 'b.yaml', text: b }], texts)).toThrow(/b\.yaml: entities\.compounds\[0\]\.name: "GSK-3 inhibitor" already names entity "gsk-3-inhibitor".*\(a\.yaml: entities\.compounds\[0\]\.name\)/);
  });

  it('slugify lowercases, folds accents and joins words with single hyphens', () => {
    expect(slugify('GSK-3')).toBe('gsk-3');
    expect(slugify('NMDA receptor')).toBe('nmda-receptor');
    expect(slugify('  mediator/moderator  biomarkers ')).toBe('mediator-moderator-biomarkers');
    expect(slugify('Café Agonist')).toBe('cafe-agonist');
  });
});

describe('the seed vocabulary as YAML reads it', () => {
  it('keeps every name and alias whole: none is split at a comma of an unquoted flow list, as "(2R,6R)-HNK" once was', () => {
    const broken: string[] = [];
    for (const file of ['annotations.yaml', 'vocabulary.yaml']) {
      const doc = YAML.parse(readFileSync(path.join(SEED_DIR, file), 'utf8')) as RawFile;
      for (const list of Object.values(doc.entities)) {
        for (const entity of list) {
          for (const name of [entity.name, ...((entity.aliases as unknown[] | undefined) ?? [])].map(String)) {
            const depth = [...name].reduce((d, ch) => d + (ch === '(' || ch === '[' ? 1 : ch === ')' || ch === ']' ? -1 : 0), 0);
            if (depth !== 0 || /^[)\]]/.test(name)) broken.push(`${file} ${String(entity.id)}: "${name}"`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
