/**
 * Phrases in which an entity's name means something else: "depression" is the condition, but
 * "respiratory depression" is a side effect of anaesthetics and "long-term depression" a form of
 * synaptic plasticity. A mention inside one of these phrases is not a mention. Matched like
 * names, so hyphen and spacing variants ("ST-segment depression", "ST segment depression") are one.
 */
export const HOMONYM_PHRASES: readonly string[] = [
  'respiratory depression',
  'ventilatory depression',
  'cardiorespiratory depression',
  'cardiovascular depression',
  'myocardial depression',
  'cardiac depression',
  'ST-segment depression',
  'ST depression',
  'long-term depression',
  'short-term depression',
  'synaptic depression',
  'paired-pulse depression',
  'spreading depression',
  'cortical spreading depression',
  'CNS depression',
  'central nervous system depression',
  'bone marrow depression',
  'marrow depression',
  'immune depression',
  'depression of synaptic transmission',
  'depression of transmission',
  'freezing point depression',
  'inbreeding depression',
  'economic depression',
  'great depression',
  'tropical depression',
  // Rating scales name the condition they measure; a score on one is not a mention of it.
  'Depression Rating Scale',
  'Rating Scale for Depression',
  'Depression Inventory',
  'Depression Scale',
  'Inventory of Depressive Symptomatology',
];
