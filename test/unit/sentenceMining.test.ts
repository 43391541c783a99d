import { findAbbreviations } from '../../src/ingest/abbreviations';
import { evidenceLevelOf } from '../../src/ingest/evidence/evidenceLevel';
import { mineSentenceClaims } from '../../src/ingest/evidence/mine';
import { MINED_CONFIDENCE_MAX, readSentence } from '../../src/ingest/evidence/sentenceStance';
import { splitSentences } from '../../src/ingest/sentences';
import { MentionTagger } from '../../src/ingest/tagger';

const tagger = new MentionTagger([
  { id: 'mtor', label: 'Mechanism', names: ['mTOR', 'mammalian target of rapamycin'] },
  { id: 'gsk-3', label: 'Mechanism', names: ['GSK-3', 'glycogen synthase kinase-3'] },
  { id: 'gsk-3b', label: 'Mechanism', names: ['GSK-3β'] },
  { id: 'ketamine', label: 'Compound', names: ['ketamine'] },
  { id: 'nmda-receptor', label: 'Mechanism', names: ['NMDA receptor', 'NMDAR'] },
  { id: 'ampa-receptor', label: 'Mechanism', names: ['AMPA receptor', 'AMPAR'] },
  { id: 'major-depressive-disorder', label: 'Condition', names: ['major depressive disorder', 'MDD', 'depression'] },
  { id: 'bipolar-depression', label: 'Condition', names: ['bipolar depression'] },
  { id: 'esketamine', label: 'Compound', names: ['esketamine'] },
  { id: 'dissociative-symptoms', label: 'Condition', names: ['dissociative symptoms'] },
]);

/** Reads a sentence with the mentions the tagger finds in it. */
function read(sentence: string) {
  const mentions = tagger.tagAll({ abstract: sentence }).map((m) => ({ start: m.start, end: m.end, kind: m.label }));
  return readSentence(sentence, mentions);
}

describe('sentence splitting', () => {
  it('keeps "et al.", routes of administration, figures, decimals and units inside their sentence', () => {
    const text = 'Li et al. (2010) gave ketamine (10 mg/kg, i.p.) to rats. Levels rose 2.5-fold vs. saline (p < 0.05). In Fig. 2, 0.5 mg/kg i.v. worked. Why?';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'Li et al. (2010) gave ketamine (10 mg/kg, i.p.) to rats.',
      'Levels rose 2.5-fold vs. saline (p < 0.05).',
      'In Fig. 2, 0.5 mg/kg i.v. worked.',
      'Why?',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('tagging plurals, isoforms, homonyms and acronyms', () => {
  const tag = (abstract: string) => tagger.tagAll({ abstract }).map((m) => [m.text, m.entityId]);

  it('matches plurals of mechanisms and acronyms, and complexes of symbols, to their entity', () => {
    expect(tag('Ketamine acts on NMDA receptors and AMPARs through mTORC1.')).toEqual([
      ['Ketamine', 'ketamine'],
      ['NMDA receptors', 'nmda-receptor'],
      ['AMPARs', 'ampa-receptor'],
      ['mTORC1', 'mtor'],
    ]);
  });

  it('prefers an isoform the vocabulary names, and folds Greek letters to their names', () => {
    expect(tag('GSK-3β, GSK3beta and GSK-3 alpha with ketamine.')).toEqual([
      ['GSK-3β', 'gsk-3b'],
      ['GSK3beta', 'gsk-3b'],
      ['GSK-3 alpha', 'gsk-3'],
      ['ketamine', 'ketamine'],
    ]);
  });

  it('keeps the longest of overlapping names', () => {
    expect(tag('Ketamine in bipolar depression.')).toEqual([
      ['Ketamine', 'ketamine'],
      ['bipolar depression', 'bipolar-depression'],
    ]);
  });

  it('does not take a homonym for the condition', () => {
    expect(tag('Ketamine caused no respiratory depression or ST-segment depression, and blocked long-term depression.')).toEqual([['Ketamine', 'ketamine']]);
  });

  it('takes an acronym for the entity only when the text does not define it as something else', () => {
    expect(tag('Patients with major depressive disorder (MDD) received ketamine; MDD improved.').map(([text]) => text)).toEqual([
      'major depressive disorder',
      'MDD',
      'ketamine',
      'MDD',
    ]);
    expect(tag('Malate dehydrogenase deficiency (MDD) was treated with ketamine.')).toEqual([['ketamine', 'ketamine']]);
    // A bare acronym with nothing else of the field beside it may mean anything.
    expect(tag('MDD was measured.')).toEqual([]);
  });

  it('follows an abbreviation the text defines for a long form it knows', () => {
    expect(tag('Ketamine (KET) relieved depression; KET acted within hours.')).toEqual([
      ['Ketamine', 'ketamine'],
      ['KET', 'ketamine'],
      ['depression', 'major-depressive-disorder'],
      ['KET', 'ketamine'],
    ]);
  });

  it('finds definitions as Schwartz and Hearst do', () => {
    expect(findAbbreviations('the N-methyl-D-aspartate receptor (NMDAR) and brain-derived neurotrophic factor (BDNF)')).toEqual([
      { short: 'NMDAR', long: 'N-methyl-D-aspartate receptor' },
      { short: 'BDNF', long: 'brain-derived neurotrophic factor' },
    ]);
  });
});

describe('reading a sentence', () => {
  it('reads a reported finding as SUPPORTS with its direction', () => {
    expect(read('Ketamine rapidly increased mTOR signalling in the prefrontal cortex.')).toMatchObject({ stance: 'SUPPORTS', negated: false, hedged: false, direction: 'INCREASES' });
    expect(read('Ketamine reduced depression scores within 24 hours.')).toMatchObject({ stance: 'SUPPORTS', direction: 'DECREASES' });
  });

  it('reads the absence or failure of the link as CONTRADICTS and negated, naming the cue', () => {
    for (const sentence of [
      'Ketamine did not alter mTOR phosphorylation.',
      'Ketamine failed to activate mTOR in aged mice.',
      'Ketamine had no effect on GSK-3 activity.',
      'Memantine has largely failed in trials for depression.',
    ]) {
      const reading = read(sentence);
      expect([sentence, reading.stance, reading.negated]).toEqual([sentence, 'CONTRADICTS', true]);
      expect(reading.cues.length).toBeGreaterThan(0);
    }
  });

  it('reads aims, questions and open problems as MENTIONS', () => {
    for (const sentence of [
      'We investigated whether ketamine acts through mTOR.',
      'Whether mTOR mediates the effects of ketamine remains unknown.',
      'Does ketamine act on mTOR?',
    ]) expect([sentence, read(sentence).stance]).toEqual([sentence, 'MENTIONS']);
  });

  it('does not take a pseudo-negation for a negation', () => {
    expect(read('Ketamine not only activated mTOR but also increased synaptic proteins.')).toMatchObject({ stance: 'SUPPORTS', negated: false });
    // An eligibility rule that includes, and an alternative the authors set aside, negate no finding.
    expect(read('Patients with bipolar depression taking ketamine were not excluded from the study.').negated).toBe(false);
    expect(read('A high placebo response, rather than a lack of efficacy, may explain why esketamine failed in depression.').cues).not.toContain('lack of');
  });

  it('ends a negation at a clause break the words alone do not show, and lets the main clause decide over a concession', () => {
    for (const sentence of [
      'No serious adverse events occurred, and ketamine reduced depression scores within 24 hours.',
      'Although several patients had failed to respond to ketamine before, mTOR activation predicted the response in depression.',
      'Ketamine (KET; 0.5 mg/kg) increased mTOR signalling in the prefrontal cortex.',
      'The response to ketamine was not unrelated to mTOR activity in depression.',
    ]) expect([sentence, read(sentence).negated, read(sentence).stance]).toEqual([sentence, false, 'SUPPORTS']);
    // Within one clause the negation still holds, also across a parenthesis with a semicolon.
    expect(read('Ketamine (0.5 mg/kg; i.v.) did not alter mTOR phosphorylation in depression, and the effect was not dose dependent.')).toMatchObject({ stance: 'CONTRADICTS', negated: true });
  });

  it('leaves out negations that describe who was studied, what a relative clause says in passing, or a trailing concession', () => {
    for (const sentence of [
      'In adults with depression who had not responded to two antidepressants, esketamine activated mTOR signalling.',
      'Standard antidepressants, which leave many patients without benefit, act slowly, whereas ketamine reduced depression within hours.',
      'Ketamine increased mTOR signalling in depression, although the change in BDNF was not associated with response.',
    ]) expect([sentence, read(sentence).negated, read(sentence).stance]).toEqual([sentence, false, 'SUPPORTS']);
    // The same negation in the main clause still counts.
    expect(read('Esketamine did not activate mTOR signalling in adults with depression who had responded to two antidepressants.')).toMatchObject({ stance: 'CONTRADICTS', negated: true });
  });

  it('leaves out a negation of a harm no condition mention names, a subject "lacking" something, eligibility and an opening subordinate clause', () => {
    for (const sentence of [
      'Esketamine reduced depression within hours without ketamine-like side effects.',
      'Mice lacking mTOR in the cortex showed a reduced response of depression to ketamine.',
      'Because esketamine requires no titration, its effect on depression begins within hours.',
    ]) expect([sentence, read(sentence).negated, read(sentence).stance]).toEqual([sentence, false, 'SUPPORTS']);
    expect(read('Patients with bipolar depression were not eligible for ketamine in this trial.').negated).toBe(false);
    // A harm that is itself a condition mention is a negated finding.
    expect(read('Esketamine did not produce dissociative symptoms at 28 mg.')).toMatchObject({ negated: true });
  });

  it('reads "unchanged" and "unaffected" as null results, unless a main clause before them links two kinds', () => {
    expect(read('mTOR signalling in depression was unchanged after ketamine.')).toMatchObject({ stance: 'CONTRADICTS', negated: false });
    expect(read('Ketamine increased mTOR signalling in depression, whereas GSK-3 activity was unaffected.')).toMatchObject({ stance: 'SUPPORTS', negated: false });
  });

  it('reads "was independent of" as a null result without negation, and a longer negation around a pseudo one as a negation', () => {
    expect(read('The response of depression to ketamine was independent of mTOR activity.')).toMatchObject({ stance: 'CONTRADICTS', negated: false });
    expect(read('Ketamine reduced depression in mice regardless of mTOR activity.')).toMatchObject({ stance: 'SUPPORTS', negated: false });
    expect(read('The effect of ketamine on depression cannot be attributed to mTOR inhibition.')).toMatchObject({ stance: 'CONTRADICTS', negated: true });
    expect(read('An effect of ketamine on mTOR in depression cannot be excluded.').negated).toBe(false);
  });

  it('marks hedged findings and lowers their confidence, keeping every mined claim below curated ones', () => {
    const plain = read('Ketamine activates mTOR in depression.');
    const hedged = read('Ketamine may activate mTOR in depression.');
    expect(hedged).toMatchObject({ stance: 'SUPPORTS', hedged: true });
    expect(hedged.cues).toContain('may');
    expect(hedged.confidence).toBeLessThan(plain.confidence);
    for (const r of [plain, hedged]) expect(r.confidence).toBeLessThanOrEqual(MINED_CONFIDENCE_MAX);
  });

  it('lowers confidence when the mentions it links are far apart', () => {
    const near = read('Ketamine activated mTOR.');
    const far = read('Ketamine, given once to adult male rats kept in standard cages on a reversed light cycle for two weeks, activated mTOR.');
    expect(far.confidence).toBeLessThan(near.confidence);
  });
});

describe('mining the sentences of a paper', () => {
  const abstract = 'Ketamine is widely used. Ketamine activated mTOR. Ketamine did not alter GSK-3 in depression.';
  const mine = (text: string) => mineSentenceClaims('123', { abstract: text }, tagger.tagAll({ abstract: text }), 'PRECLINICAL');

  it('makes a claim of each sentence linking two kinds, quoting it at its offsets, at the paper\'s evidence level', () => {
    const claims = mine(abstract);
    expect(claims.map((c) => [c.quote, c.about, c.stance])).toEqual([
      ['Ketamine activated mTOR.', ['ketamine', 'mtor'], 'SUPPORTS'],
      ['Ketamine did not alter GSK-3 in depression.', ['gsk-3', 'ketamine', 'major-depressive-disorder'], 'CONTRADICTS'],
    ]);
    for (const c of claims) {
      expect(abstract.slice(c.start, c.end)).toBe(c.quote);
      expect(c.evidenceLevel).toBe('PRECLINICAL');
    }
  });

  it('keeps a claim\'s id when the text around its sentence changes, and changes it when the sentence does', () => {
    const [before] = mine(abstract);
    const moved = mine(`A new first sentence. ${abstract}`).find((c) => c.quote === before?.quote);
    expect(moved?.id).toBe(before?.id);
    expect(moved?.start).toBe((before?.start ?? 0) + 'A new first sentence. '.length);
    expect(mine('Ketamine activated mTOR strongly.')[0]?.id).not.toBe(before?.id);
  });
});

describe('evidence level from the paper', () => {
  it.each([
    [{ publicationTypes: ['Journal Article', 'Meta-Analysis', 'Review'] }, 'META_ANALYSIS'],
    [{ publicationTypes: ['Systematic Review'] }, 'META_ANALYSIS'],
    [{ publicationTypes: ['Randomized Controlled Trial', 'Multicenter Study'] }, 'RCT'],
    [{ publicationTypes: ['Clinical Trial', 'Journal Article'] }, 'OPEN_LABEL'],
    [{ publicationTypes: ['Observational Study'], meshTerms: ['Humans'] }, 'OBSERVATIONAL'],
    [{ publicationTypes: ['Case Reports'] }, 'CASE_REPORT'],
    [{ publicationTypes: ['Review'], meshTerms: ['Animals'] }, 'REVIEW'],
    [{ publicationTypes: ['Editorial'] }, 'EXPERT_OPINION'],
    [{ publicationTypes: ['Comment'] }, 'EXPERT_OPINION'],
    [{ publicationTypes: ['Journal Article', 'Comparative Study'], meshTerms: ['Animals', 'Rats', 'Male'] }, 'PRECLINICAL'],
    [{ publicationTypes: ['Journal Article'], meshTerms: ['Animals', 'Humans'] }, null],
    [{}, null],
  ])('%j is %s', (paper, level) => {
    expect(evidenceLevelOf(paper)).toBe(level);
  });
});
