import * as assert from 'node:assert/strict';
import { DisposableBase, DisposableStore, toDisposable } from '../../../src/core/dispose';

/** A subclass that exposes what the base keeps protected, as a real owner would use it. */
class Owner extends DisposableBase {
  register<T extends { dispose(): void }>(item: T): T {
    return this._register(item);
  }
  get disposed(): boolean {
    return this.isDisposed;
  }
}

function recorder(log: string[], name: string): { dispose(): void } {
  return { dispose: () => void log.push(name) };
}

describe('vscode/dispose', () => {
  it('disposes what was registered in reverse order, once however often dispose is called', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(recorder(log, 'emitter'));
    owner.register(recorder(log, 'subscription'));
    owner.register(recorder(log, 'timer'));
    assert.equal(owner.disposed, false, 'a fresh owner must not say it is disposed');
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['timer', 'subscription', 'emitter'], 'items must be disposed newest first, each exactly once');
    assert.equal(owner.disposed, true, 'isDisposed must be true after dispose');
  });

  it('disposes at once what is registered after dispose (a subscription made after an await)', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    const late = owner.register(recorder(log, 'late'));
    assert.deepEqual(log, ['late'], 'a late registration must not be leaked');
    assert.equal(typeof late.dispose, 'function', '_register must return the item it was given');
    owner.dispose();
    assert.deepEqual(log, ['late'], 'the late item must not be disposed a second time');
  });

  it('is not disposed twice when an item disposes its owner (a panel whose onDidDispose disposes the panel object)', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(recorder(log, 'first'));
    owner.register({ dispose: () => owner.dispose() });
    owner.dispose();
    assert.deepEqual(log, ['first'], 're-entrant dispose must neither recurse nor dispose an item twice');
  });

  it('disposes the other items when one throws, then rethrows', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(recorder(log, 'a'));
    owner.register({
      dispose: () => {
        throw new Error('boom');
      },
    });
    owner.register(recorder(log, 'c'));
    assert.throws(() => owner.dispose(), /boom/, 'the failure must not be swallowed');
    assert.deepEqual(log, ['c', 'a'], 'items around the one that threw must still be disposed');
  });

  it('a store is cleared and refilled, deletes one item, and disposes late additions once disposed', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(recorder(log, 'run 1 events'));
    store.add(recorder(log, 'run 1 changes'));
    store.clear();
    assert.deepEqual(log, ['run 1 changes', 'run 1 events'], 'clear must dispose what the store holds');
    const panel = store.add(recorder(log, 'panel'));
    store.add(recorder(log, 'run 2'));
    store.delete(panel);
    store.delete(panel);
    assert.deepEqual(log.slice(2), ['panel'], 'delete must dispose that item once');
    store.dispose();
    assert.deepEqual(log.slice(3), ['run 2'], 'dispose must dispose what is left, not the deleted item');
    store.add(recorder(log, 'late'));
    assert.deepEqual(log.slice(4), ['late'], 'a disposed store must dispose an added item at once');
    assert.equal(store.isDisposed, true);
  });

  it('toDisposable runs its callback once', () => {
    let runs = 0;
    const timer = toDisposable(() => runs++);
    timer.dispose();
    timer.dispose();
    assert.equal(runs, 1, 'the callback must run exactly once');
  });
});
