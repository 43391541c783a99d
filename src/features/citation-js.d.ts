// citation-js ships no types; evmap uses Cite and its format(), with plugins registered by import, and one plugin setting.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(style: string, options?: { format?: 'text' | 'object' }): unknown;
  }
  export const plugins: { config: { get(plugin: string): unknown } };
}
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
