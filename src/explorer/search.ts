/** A search box with autocomplete over entities and papers (the API's full-text search), as an ARIA combobox. */
import { errorText, h } from './dom';
import { namedEntity, search, type Hit } from './queries';
import { suggestions } from './suggest';
import { labelWords } from './vocab';

export interface SearchBoxOptions {
  label: string;
  placeholder: string;
  onPick(hit: Hit): void;
  /** Leave papers out of the suggestions. */
  entitiesOnly?: boolean;
}

export function hitCaption(hit: Hit): string {
  return hit.node.name ?? hit.node.title ?? hit.node.id;
}

const DEBOUNCE_MS = 180;
/** Hits asked for: papers matching a word often outscore the entity of that name, so more are read than shown. */
const ASKED = 40;
let boxes = 0;

export function searchBox(options: SearchBoxOptions): HTMLElement {
  boxes += 1;
  const listId = `search-options-${boxes}`;
  const input = h('input', {
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-label': options.label,
    placeholder: options.placeholder,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'search-options', hidden: true, 'aria-label': `${options.label}: suggestions` });
  let hits: Hit[] = [];
  let active = -1;
  let timer: number | undefined;
  let pending: AbortController | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (hit: Hit) => {
    input.value = hitCaption(hit);
    close();
    options.onPick(hit);
  };
  const mark = (index: number) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    const li = list.children[index];
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    }
  };
  const show = (items: Hit[], text: string) => {
    hits = items;
    list.replaceChildren(
      ...(items.length > 0
        ? items.map((hit, i) =>
            h(
              'li',
              { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', onmousedown: (e) => e.preventDefault(), onclick: () => pick(hit) },
              h('span', { class: `kind kind-${hit.kind}` }, labelWords(hit.kind)),
              h('span', { class: 'caption' }, hitCaption(hit)),
              hit.node.year ? h('span', { class: 'year' }, hit.node.year) : null,
            ),
          )
        : [h('li', { class: 'search-empty', role: 'presentation' }, `Nothing matches “${text}”. Search matches names, aliases, titles and abstracts by whole words, and by the start of the last word.`)]),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const lookUp = async (text: string) => {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    try {
      // A text the API will not take as a reference still gets its search hits.
      const [named, found] = await Promise.all([namedEntity(text, controller.signal).catch(() => null), search(text, ASKED, controller.signal)]);
      if (controller.signal.aborted) return;
      show(suggestions(named, found, options.entitiesOnly === true), text);
    } catch (error) {
      if (controller.signal.aborted) return;
      list.replaceChildren(h('li', { class: 'search-empty', role: 'presentation' }, `Search failed: ${errorText(error)}`));
      list.hidden = false;
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      pending?.abort();
      close();
      return;
    }
    timer = window.setTimeout(() => void lookUp(text), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      mark(Math.min(active + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      mark(Math.max(active - 1, 0));
    } else if (event.key === 'Enter') {
      const hit = hits[active] ?? (list.hidden ? undefined : hits[0]);
      if (hit) {
        event.preventDefault();
        pick(hit);
      }
    } else if (event.key === 'Escape') close();
  });
  input.addEventListener('blur', close);

  return h('div', { class: 'search' }, input, list);
}
