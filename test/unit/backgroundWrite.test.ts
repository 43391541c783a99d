import { BackgroundWrite } from '../../src/ingest/backgroundWrite';

describe('BackgroundWrite', () => {
  it('holds a failure until the next settle, throws it once, and is usable again after', async () => {
    const stage = new BackgroundWrite();
    stage.start(() => Promise.reject(new Error('Neo4j went away')));
    // Nothing awaits the write yet: the rejection must not escape as an unhandled one.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(stage.settle()).rejects.toThrow('Neo4j went away');
    await expect(stage.settle()).resolves.toBeUndefined();
    const done: number[] = [];
    stage.start(async () => {
      done.push(1);
    });
    await stage.settle();
    expect(done).toEqual([1]);
  });

  it('refuses to start a second write before the first is settled, so at most one is in flight', async () => {
    const stage = new BackgroundWrite();
    let release!: () => void;
    stage.start(() => new Promise<void>((resolve) => (release = resolve)));
    expect(() => stage.start(() => Promise.resolve())).toThrow('the previous write has not been settled');
    release();
    await stage.settle();
  });
});
