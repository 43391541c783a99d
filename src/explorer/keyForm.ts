/** The form that asks for an API key when the server needs one, and the header's "Forget key" once one is set. */
import { apiKey } from './api';
import { h } from './dom';
import { access } from './queries';

export interface KeyControls {
  /** Shown under the header while the server waits for a key. */
  form: HTMLElement;
  /** In the header while a key is set. */
  status: HTMLElement;
}

/** `after` takes the focus when the form closes, which would otherwise drop it on the page's body. */
export function keyControls(after: HTMLElement): KeyControls {
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'api-key-help api-key-problem',
  });
  const problem = h('p', { id: 'api-key-problem', class: 'key-problem', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'key-form',
      'aria-labelledby': 'api-key-heading',
      hidden: true,
      onsubmit: (event) => {
        event.preventDefault();
        apiKey.use(input.value);
        // Sent whether or not a view waits, so the form closes once the server takes the key.
        access().catch(() => undefined);
      },
    },
    h('h2', { id: 'api-key-heading' }, 'This server needs an API key'),
    h(
      'p',
      { id: 'api-key-help', class: 'hint' },
      'Whoever runs the server gives out keys. The explorer sends yours with every request and keeps it in this tab’s session storage: a reload keeps it, closing the browser forgets it. It never goes into the page’s address, so links you share do not carry it.',
    ),
    h('div', { class: 'key-row' }, h('label', { for: 'api-key' }, 'API key'), input, h('button', { type: 'submit' }, 'Use key')),
    problem,
  );
  const status = h(
    'div',
    { class: 'key-status', hidden: true },
    h('span', {}, 'API key set'),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          apiKey.forget();
          input.focus();
        },
      },
      'Forget key',
    ),
  );

  let shown: string | null = null;
  const render = () => {
    const closing = !form.hidden && !apiKey.asking;
    const focused = form.contains(document.activeElement);
    form.hidden = !apiKey.asking;
    status.hidden = apiKey.asking || apiKey.key === null;
    if (apiKey.problem !== shown) {
      shown = apiKey.problem;
      problem.textContent = shown ?? '';
      // A refused key is typed again: the field is selected, so typing replaces it.
      if (shown !== null && apiKey.asking) {
        input.focus();
        input.select();
      }
    }
    if (closing) {
      input.value = '';
      if (focused) after.focus();
    }
  };
  apiKey.onChange(render);
  render();
  return { form, status };
}
