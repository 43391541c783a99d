import { MentionTagger } from '../../src/ingest/tagger';

const tagger = new MentionTagger([
  { id: 'mtor', label: 'Mechanism', names: ['mTOR', 'mammalian target of rapamycin'] },
  { id: 'gsk-3', label: 'Mechanism', names: ['GSK-3', 'glycogen synthase kinase-3'] },
  { id: 'ketamine', label: 'Compound', names: ['ketamine'] },
  { id: 'nmda-receptor', label: 'Mechanism', names: ['NMDA receptor', 'N-methyl-D-aspartate (NMDA) receptor'] },
  { id: 'tiny', label: 'Compound', names: ['a'] },
]);

describe('mention tagger', () => {
  it('finds names case-insensitively with offsets into the original text', () => {
    const title = 'Ketamine acts through MTOR signalling';
    const mentions = tagger.tag({ title });
    expect(mentions.map((m) => [m.entityId, m.text])).toEqual([
      ['ketamine', 'Ketamine'],
      ['mtor', 'MTOR'],
    ]);
    for (const m of mentions) expect(title.slice(m.start, m.end)).toBe(m.text);
  });

  it('treats hyphen and spacing variants as the same name', () => {
    for (const variant of ['GSK3', 'GSK-3', 'GSK 3', 'gsk‐3', 'Glycogen Synthase Kinase 3']) {
      const [mention] = tagger.tag({ abstract: `Inhibition of ${variant} was seen.` });
      expect(mention).toMatchObject({ entityId: 'gsk-3', text: variant });
    }
  });

  it('respects word boundaries and does not match across a sentence break', () => {
    expect(tagger.tag({ abstract: 'Esketamine and ketamines differ.' })).toEqual([]);
    expect(tagger.tag({ abstract: 'We used GSK. 3 patients responded.' })).toEqual([]);
  });

  it('ignores names too short to be told from ordinary words', () => {
    expect(tagger.tag({ abstract: 'a b c' })).toEqual([]);
  });

  it('reports the first mention per field and counts non-overlapping occurrences', () => {
    const abstract = 'The N-methyl-D-aspartate (NMDA) receptor matters; NMDA receptor blockade by ketamine, and ketamine again.';
    const mentions = tagger.tag({ title: 'Ketamine', abstract });
    const nmda = mentions.find((m) => m.entityId === 'nmda-receptor');
    expect(nmda).toMatchObject({ field: 'abstract', text: 'N-methyl-D-aspartate (NMDA) receptor', occurrences: 2 });
    expect(mentions.filter((m) => m.entityId === 'ketamine').map((m) => [m.field, m.occurrences])).toEqual([
      ['title', 1],
      ['abstract', 2],
    ]);
  });
});
