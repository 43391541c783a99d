/**
 * The API key the explorer sends, and the requests a server that needs one refused: they wait
 * here until the researcher gives a key, then go again. Kept apart from the page so its rules
 * (which refusal drops a key, which one waits) are tested without a browser.
 */

/** Where the key lives between reloads: the tab's sessionStorage in the page, never the URL, which is shared. */
export interface KeyStore {
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
}

/** A store that forgets on reload, for a page whose storage the browser blocks. */
export function memoryStore(): KeyStore {
  const items = new Map<string, string>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  };
}

const ITEM = 'evmap.explorer.apiKey';

export class KeyGate {
  private current: string | null;
  private askingNow = false;
  private problemNow: string | null = null;
  private waiting: Array<() => void> = [];
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly store: KeyStore) {
    this.current = store.getItem(ITEM);
  }

  /** The key to send, or null for none. */
  get key(): string | null {
    return this.current;
  }

  /** Whether the page should show the key form. */
  get asking(): boolean {
    return this.askingNow;
  }

  /** Why the last key was refused, in the server's words. */
  get problem(): string | null {
    return this.problemNow;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Sets the key the researcher gave and sends every waiting request again with it. The form
   * stays until a request with this key is answered (`accepted`), so a wrong key never closes it.
   */
  use(key: string): void {
    const trimmed = key.trim();
    if (trimmed === '') return;
    this.current = trimmed;
    this.store.setItem(ITEM, trimmed);
    this.problemNow = null;
    const waiting = this.waiting;
    this.waiting = [];
    this.changed();
    for (const go of waiting) go();
  }

  /** Drops the key from the tab and asks for another: only a server that needed one had it set. */
  forget(): void {
    this.drop();
    this.problemNow = null;
    this.askingNow = true;
    this.changed();
  }

  /** A request sent with `sent` was answered: the server took that key. */
  accepted(sent: string | null): void {
    if (this.askingNow && sent !== null && sent === this.current) {
      this.askingNow = false;
      this.changed();
    }
  }

  /**
   * What a request the server answered UNAUTHENTICATED waits for before it goes again. A key
   * changed since the request left is tried at once. The key it carried, if still the one set,
   * is dropped (so no reload sends it again) and the request goes again without one: a server
   * that reads without a key answers it, one that needs a key asks, and the form then says why
   * the key was refused. Without a key, it waits for the researcher's; `signal` gives up waiting.
   */
  refused(sent: string | null, message: string, signal?: AbortSignal): Promise<void> {
    if (sent !== null && sent === this.current) {
      this.drop();
      this.problemNow = message;
      this.changed();
      return Promise.resolve();
    }
    if (sent !== this.current) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const stop = () => {
        this.waiting = this.waiting.filter((w) => w !== go);
        reject(signal?.reason);
      };
      const go = () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      signal?.addEventListener('abort', stop, { once: true });
      this.waiting.push(go);
      if (!this.askingNow) {
        this.askingNow = true;
        this.changed();
      }
    });
  }

  private drop(): void {
    this.current = null;
    this.store.removeItem(ITEM);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
