/**
 * Trigger lists in the manner of NegEx and ConText (Chapman et al. 2001, Harkema et al. 2009):
 * a cue phrase, what it signals, and which way its scope runs. The lists are adapted from
 * clinical notes to biomedical abstracts: findings are about compounds, targets and conditions,
 * not about a patient's symptoms, so "failed to", "was not associated" and (as null results)
 * "independent of" matter more than "denies". Phrases are matched on whole words, case-insensitively, each kind
 * on its own; within a kind the longest phrase starting at a word wins ("no significant" beats
 * "no"), and a pseudo trigger ("not only") hides the negations and hedges inside it.
 */
export type TriggerKind =
  /** The finding about the entities is absent or failed. */
  | 'negation'
  /** Looks like a negation or hedge but is none ("not only", "no longer"); it blocks the shorter trigger inside it. */
  | 'pseudo'
  /** The finding is stated with uncertainty. */
  | 'hedge'
  /** Ends the scope of a negation ("but", "however", "whereas"). */
  | 'termination'
  /** The sentence states an aim, a question, a hypothesis or what is unknown. */
  | 'aim'
  /** The sentence describes what was done (design, dosing, measures), not what came of it. */
  | 'method'
  /** Words that report a result ("we found", "showed", "these findings"). */
  | 'report'
  /** Words of an effect or a link ("produced", "was associated", "mediated", "antagonist"). */
  | 'finding'
  /** A null result stated without a negation ("were unrelated to", "a negative trial"). */
  | 'null-result'
  /** A link that has no direction of its own: association, prediction, requirement. */
  | 'undirected'
  /** An effect on a condition that lowers its severity ("improved", "antidepressant effects"). */
  | 'relief'
  | 'increase'
  | 'decrease';

/** Forward: the scope runs to the right of the trigger; backward: to the left ("X was unaffected"). */
export type ScopeDirection = 'forward' | 'backward';

export interface Trigger {
  phrase: string;
  kind: TriggerKind;
  direction?: ScopeDirection;
}

const forward = (kind: TriggerKind, phrases: string[]): Trigger[] => phrases.map((phrase) => ({ phrase, kind, direction: 'forward' as const }));
const backward = (kind: TriggerKind, phrases: string[]): Trigger[] => phrases.map((phrase) => ({ phrase, kind, direction: 'backward' as const }));
const plain = (kind: TriggerKind, phrases: string[]): Trigger[] => phrases.map((phrase) => ({ phrase, kind }));

export const TRIGGERS: readonly Trigger[] = [
  ...forward('negation', [
    'no', 'not', 'nor', 'neither', 'without', 'none', 'cannot', 'can not', 'never',
    "didn't", "don't", "doesn't", "wasn't", "weren't", "isn't", "aren't", "hasn't", "haven't",
    'absence of', 'absent', 'lack of', 'lacked', 'lacks', 'lacking', 'devoid of',
    'failed to', 'fails to', 'fail to', 'failure of', 'unable to', 'did not', 'does not', 'do not', 'was not', 'were not',
    'is not', 'are not', 'had no', 'has no', 'have no', 'could not', 'no evidence', 'no significant', 'no effect', 'no effects',
    'no difference', 'no differences', 'no change', 'no changes', 'no association', 'no correlation', 'no relationship',
    'not associated', 'not correlated', 'not related', 'not significantly', 'nonsignificant', 'non-significant', 'insignificant',
    'did not differ', 'ineffective', 'inefficacious', 'failed in', 'cannot be attributed', 'could not be attributed', 'cannot be explained by',
  ]),
  ...backward('negation', [
    'was not observed', 'were not observed', 'was not found', 'were not found', 'was not detected', 'were not detected',
    'did not change', 'was absent', 'were absent', 'was ruled out', 'were ruled out', 'not significant', 'did not reach significance',
  ]),
  ...plain('pseudo', [
    'not only', 'not just', 'not unrelated', 'not unlike', 'not uncommon', 'not insignificant', 'not inconsistent', 'not limited to', 'not necessarily', 'no longer', 'no doubt', 'not yet', 'nothing but',
    'whether or not', 'not clear', 'absent in', 'was absent in', 'were absent in', 'cannot be', 'could not be', 'not by', 'not well understood', 'not fully understood', 'not known', 'not been', 'not been studied',
    'not been investigated', 'not been examined', 'not been determined', 'not been established', 'not been explored',
    'no studies', 'no study', 'few studies', 'no prior', 'not previously', 'not well characterized', 'not well established',
    'not eligible', 'ineligible', 'not excluded', 'were not excluded', 'was not excluded',
    // The alternative an author sets aside is not a finding: "a high placebo response, rather than a lack of efficacy".
    'rather than a lack', 'rather than lack', 'rather than an absence', 'rather than a failure',
    'but not', 'if not', 'not surprisingly', 'gram negative', 'no more than', 'no less than', 'not all', 'not always',
  ]),
  ...plain('hedge', [
    'may', 'might', 'could', 'possibly', 'possible', 'possibility', 'potential', 'potentially', 'perhaps', 'likely', 'unlikely',
    'suggest', 'suggests', 'suggested', 'suggesting', 'suggestive', 'suggestion', 'appear to', 'appears to', 'appeared to',
    'seem to', 'seems to', 'seemed to', 'putative', 'putatively', 'presumably', 'presumed', 'probable', 'probably',
    'speculate', 'speculated', 'tentative', 'tentatively', 'plausible', 'conceivably', 'hint', 'hints', 'raises the possibility',
    'may be', 'might be', 'could be used', 'is thought to', 'are thought to', 'is believed to', 'are believed to',
  ]),
  ...plain('termination', [
    'but', 'however', 'whereas', 'while', 'although', 'though', 'yet', 'except', 'which', 'who', 'nevertheless', 'nonetheless',
    'in contrast', 'instead', 'apart from', 'aside from', 'other than', 'unlike', ';', ':',
  ]),
  ...plain('aim', [
    'we investigated', 'we examined', 'we assessed', 'we evaluated', 'we tested', 'we explored', 'we studied', 'we sought',
    'we aimed', 'we hypothesized', 'we hypothesised', 'we asked', 'we compared', 'we measured', 'we review', 'we discuss',
    'we summarize', 'we summarise', 'we describe', 'we propose', 'we report on', 'here we review', 'this review', 'in this review',
    'the aim', 'the aims', 'the objective', 'the objectives', 'the purpose', 'the goal', 'aimed to', 'aims to', 'aim to',
    'to investigate', 'to determine', 'to examine', 'to evaluate', 'to assess', 'to explore', 'to test', 'to compare',
    'to characterize', 'to characterise', 'to clarify', 'to elucidate', 'to identify', 'whether', 'hypothesis', 'hypothesized',
    'hypothesised', 'remains unknown', 'remain unknown', 'is unknown', 'are unknown', 'remains unclear', 'remain unclear',
    'is unclear', 'are unclear', 'unclear', 'unknown', 'poorly understood', 'little is known', 'not well understood',
    'not fully understood', 'not known', 'is not clear', 'are not clear', 'not been studied', 'not been investigated',
    'not been examined', 'not been determined', 'not been established', 'not been explored', 'few studies', 'no studies',
    'is needed', 'are needed', 'warrants', 'warrant', 'further research', 'future studies', 'future research',
    'remains to be', 'remain to be', 'open question', 'matter of debate', 'is debated', 'controversial', 'has been proposed',
    'have been proposed', 'it has been proposed', 'has been suggested', 'have been suggested', 'have argued', 'has argued',
    'hypotheses', 'the mechanisms by which', 'the mechanism by which', 'the role of', 'a systematic review', 'a review',
    'a critical review', 'a meta-analysis', 'systematic review and meta-analysis', 'a randomized trial', 'a randomised trial',
    'a pilot study', 'a study protocol', 'study protocol', 'cost-effectiveness analysis', 'a cost-effectiveness analysis',
    'this study assessed', 'this study examined', 'this study evaluated', 'this study investigated', 'the present study',
    'here we investigated', 'here we examined', 'here we tested', 'we therefore sought',
  ]),
  ...plain('method', [
    'were randomized', 'were randomised', 'randomly assigned', 'were randomly', 'were assigned', 'received', 'were administered',
    'was administered', 'were treated with', 'were given', 'was given', 'were recruited', 'were enrolled', 'enrolled',
    'double-blind', 'placebo-controlled', 'crossover', 'were included', 'were measured', 'was measured', 'were assessed',
    'was assessed', 'were evaluated', 'was evaluated', 'were examined', 'were collected', 'rated', 'using', 'is discussed',
    'are discussed', 'are reviewed', 'is reviewed', 'overview', 'objective', 'objectives', 'background', 'methods', 'design',
    'was recorded', 'were recorded', 'was drawn', 'were drawn', 'was used', 'were used', 'was performed', 'were performed',
    'were excluded', 'was excluded', 'will enroll', 'will be', 'primary outcome', 'secondary outcome', 'outcome was',
    'met criteria', 'eligible', 'inclusion criteria', 'exclusion criteria', 'were obtained', 'was obtained', 'were scanned',
    'underwent', 'were genotyped', 'genotyping', 'was quantified', 'were quantified', 'to quantify', 'were randomly allocated',
    'were allocated', 'was conducted', 'were conducted',
  ]),
  ...plain('report', [
    'we found', 'we show', 'we showed', 'we demonstrate', 'we demonstrated', 'we report', 'we observed', 'we identified',
    'found', 'showed', 'shown', 'shows', 'demonstrated', 'demonstrates', 'revealed', 'reveals', 'observed', 'confirmed',
    'results', 'conclusions', 'in conclusion', 'these findings', 'these results', 'our findings', 'our results', 'indicate',
    'indicates', 'indicated',
  ]),
  ...plain('finding', [
    'resulted in', 'results in', 'produced', 'produces', 'led to', 'leads to', 'caused', 'causes', 'elicited', 'exerted',
    'was associated', 'were associated', 'is associated', 'are associated', 'correlated', 'correlates', 'predicted', 'predicts',
    'mediated', 'mediates', 'mediate', 'required', 'requires', 'is required', 'are required', 'depends on', 'dependent', 'underlies',
    'underlie', 'contributes', 'contributed', 'significantly', 'significant', 'effective', 'efficacy', 'efficacious',
    'rapid', 'robust', 'has rapid', 'have rapid', 'had rapid', 'response', 'responded', 'remission', 'improved', 'improvement', 'improves',
    'antagonist', 'agonist', 'inhibitor', 'blocker', 'acts', 'acting', 'act', 'binds', 'targets', 'via', 'through',
  ]),
  ...plain('null-result', [
    'unrelated to', 'was unrelated', 'were unrelated', 'negative trial', 'a negative trial', 'no better than',
    'no more effective', 'not superior', 'not more effective', 'similar in responders', 'comparable between',
    // Like "unrelated": the link is absent, but nothing in the sentence is negated. "X reduced Y regardless of Z" is no null result.
    'was independent of', 'were independent of', 'is independent of', 'are independent of', 'remained independent of',
    'was unaffected', 'were unaffected', 'remained unaffected', 'was unchanged', 'were unchanged', 'remained unchanged',
  ]),
  ...plain('undirected', [
    'associated', 'association', 'correlated', 'correlates', 'correlation', 'predicted', 'predicts', 'predict', 'predictor',
    'predictors', 'predictive', 'required', 'requires', 'require', 'requirement', 'necessary', 'depends on', 'depend on',
    'dependent on', 'relapse', 'superior to', 'noninferior', 'non-inferior', 'response rates', 'binding to', 'bind to', 'binds to',
    'identify',
  ]),
  ...plain('relief', [
    'improved', 'improves', 'improve', 'improvement', 'improvements', 'antidepressant effect', 'antidepressant effects',
    'antidepressant response', 'antidepressant responses', 'antidepressant action', 'antidepressant actions',
    'antidepressant efficacy', 'antidepressant properties', 'relieved', 'relief', 'remission',
  ]),
  ...plain('increase', [
    'increased', 'increase', 'increases', 'increasing', 'elevated', 'elevates', 'enhanced', 'enhances', 'enhance',
    'upregulated', 'up-regulated', 'upregulates', 'up-regulates', 'activated',
    'activates', 'activate', 'stimulated', 'stimulates', 'induced', 'induces', 'induce', 'promoted', 'promotes', 'raised', 'raises', 'potentiated', 'potentiates', 'augmented', 'augments', 'boosted', 'rose',
    'restored', 'restores', 'triggered', 'triggers', 'facilitated', 'facilitates', 'worsened', 'exacerbated',
  ]),
  ...plain('decrease', [
    'decreased', 'decrease', 'decreases', 'decreasing', 'reduced', 'reduces', 'reduce', 'lowered',
    'lowers', 'attenuated', 'attenuates', 'attenuate', 'inhibited', 'inhibits', 'inhibit', 'blocked',
    'blocks', 'block', 'blocking', 'suppressed', 'suppresses', 'downregulated', 'down-regulated',
    'downregulates', 'diminished', 'diminishes', 'alleviated', 'alleviates', 'ameliorated', 'relieved', 'relieves',
    'ameliorates', 'abolished', 'abolishes', 'prevented', 'prevents', 'prevent', 'impaired', 'impairs',
    'antagonized', 'antagonizes', 'declined',
  ]),
];
