// citation-js ships no types; evmap uses only Cite and its format(), with plugins registered by import.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(style: string, options?: { format?: 'text' | 'object' }): unknown;
  }
}
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
