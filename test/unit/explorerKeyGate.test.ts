import { KeyGate, memoryStore, type KeyStore } from '../../src/explorer/keyGate';

const NOT_VALID = 'The API key is not valid.';
const NEEDED = 'This server needs an API key: send "Authorization: Bearer <key>".';

/** Whether a promise has settled by the time queued callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let state: 'resolved' | 'rejected' | 'pending' = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
}

describe('the explorer’s API key gate', () => {
  let store: KeyStore;
  let gate: KeyGate;
  beforeEach(() => {
    store = memoryStore();
    gate = new KeyGate(store);
  });

  it('asks nothing of a server that never refuses', () => {
    expect([gate.key, gate.asking, gate.problem]).toEqual([null, false, null]);
    gate.accepted(null);
    expect(gate.asking).toBe(false);
  });

  it('holds a refused request until a key is given, keeps the key in the store, and closes once the server takes it', async () => {
    const changes = jest.fn();
    gate.onChange(changes);
    const waiting = gate.refused(null, NEEDED);
    expect(await settled(waiting)).toBe('pending');
    expect([gate.asking, gate.problem]).toEqual([true, null]);
    expect(changes).toHaveBeenCalledTimes(1);

    gate.use('  reader-key-0001 ');
    expect(await settled(waiting)).toBe('resolved');
    expect(gate.key).toBe('reader-key-0001');
    expect(new KeyGate(store).key).toBe('reader-key-0001');
    // Until an answer comes back with it, a key is only being tried.
    expect(gate.asking).toBe(true);
    gate.accepted('reader-key-0001');
    expect(gate.asking).toBe(false);
  });

  it('drops a wrong key, sends again without one, and keeps the server’s reason while it waits for another', async () => {
    const first = gate.refused(null, NEEDED);
    const second = gate.refused(null, NEEDED);
    gate.use('wrong-key-0001');
    expect(await settled(Promise.all([first, second]))).toBe('resolved');

    // Both retries come back refused; the first drops the key, the second was sent with the dropped key.
    expect(await settled(gate.refused('wrong-key-0001', NOT_VALID))).toBe('resolved');
    expect(await settled(gate.refused('wrong-key-0001', NOT_VALID))).toBe('resolved');
    expect([gate.key, gate.problem, gate.asking]).toEqual([null, NOT_VALID, true]);
    expect(new KeyGate(store).key).toBeNull();

    // Without a key, they wait again, and the reason stays on the form.
    const again = gate.refused(null, NEEDED);
    expect(await settled(again)).toBe('pending');
    expect(gate.problem).toBe(NOT_VALID);
    gate.use('reader-key-0001');
    expect(await settled(again)).toBe('resolved');
    expect(gate.problem).toBeNull();
  });

  it('sends at once with a key set while a request was out, and ignores an answer to a key no longer set', async () => {
    gate.use('reader-key-0001');
    expect(await settled(gate.refused(null, NEEDED))).toBe('resolved');
    gate.accepted('older-key-0001');
    expect(gate.key).toBe('reader-key-0001');
  });

  it('lets a server that reads without a key answer a tab holding a stale one, without showing the form', async () => {
    store.setItem('evmap.explorer.apiKey', 'stale-key-0001');
    gate = new KeyGate(store);
    expect(await settled(gate.refused('stale-key-0001', NOT_VALID))).toBe('resolved');
    expect([gate.key, gate.asking]).toEqual([null, false]);
  });

  it('forgets the key from the store and asks for another', () => {
    gate.use('reader-key-0001');
    gate.accepted('reader-key-0001');
    gate.forget();
    expect([gate.key, gate.asking, gate.problem]).toEqual([null, true, null]);
    expect(new KeyGate(store).key).toBeNull();
  });

  it('stops waiting when the request is aborted, and a blank key changes nothing', async () => {
    const controller = new AbortController();
    const waiting = gate.refused(null, NEEDED, controller.signal);
    controller.abort();
    expect(await settled(waiting)).toBe('rejected');
    expect(await settled(gate.refused(null, NEEDED, controller.signal))).toBe('rejected');
    gate.use('   ');
    expect([gate.key, gate.asking]).toEqual([null, true]);
  });
});
