import type { Stance } from '../../generated/schema';

/** The same blue and red as the map's stance balance, so a stance reads alike in every view. */
export const STANCE_COLOURS: Record<Stance, string> = { SUPPORTS: '#2166ac', CONTRADICTS: '#b2182b', MENTIONS: '#bdbdbd' };

/** Node types in the Okabe–Ito palette, told apart with the common colour-vision deficiencies. */
export const LABEL_COLOURS: Record<string, string> = {
  Paper: '#56b4e9',
  Claim: '#f0e442',
  Mechanism: '#d55e00',
  Compound: '#009e73',
  Condition: '#cc79a7',
  Biomarker: '#e69f00',
  ResearchAim: '#7851a9',
  Author: '#8c8c8c',
};

export const OTHER_COLOUR = '#cccccc';
