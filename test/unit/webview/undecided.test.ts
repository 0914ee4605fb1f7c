import * as assert from 'node:assert/strict';
import type { ReviewHunk, ReviewHunkState, ReviewState } from '../../../src/shared/reviewProtocol';
import { ReviewModel } from '../../../webview-ui/review/model';
import { nextUndecided } from '../../../webview-ui/review/undecided';

const hunk = (id: string, state: ReviewHunkState, flags: string[] = [], seen?: 'seen' | 'changed'): ReviewHunk => ({
  id,
  file: 0,
  state,
  revision: 1,
  oldStart: 1,
  oldLines: 1,
  newStart: 1,
  newLines: 1,
  lines: [
    [1, 'a'],
    [2, 'b'],
  ],
  flags: flags.map((f) => ({ id: f, reason: f })),
  steps: [],
  ...(seen ? { seen } : {}),
});

function loaded(hunks: ReviewHunk[]): ReviewModel {
  const state: ReviewState = {
    changesetId: 'cs1',
    header: { title: 't', source: 'api', claimMismatches: [] },
    files: [{ path: 'a.ts', status: 'modified', language: 'ts' }],
    hunks,
    layout: 'unified',
  };
  const model = new ReviewModel();
  model.load(state);
  return model;
}

describe('review webview: what is left to decide', () => {
  const states: Record<string, ReviewHunkState> = { a: 'accepted', b: 'pending', c: 'rejected', d: 'stale', e: 'modified', f: 'pending' };
  const order = Object.keys(states);
  const open = (id: string) => states[id] === 'pending' || states[id] === 'stale';
  const walk = (from: string | undefined, direction: 1 | -1, times: number) => {
    const out: string[] = [];
    let at = from;
    for (let i = 0; i < times; i++) {
      const next = nextUndecided(order, at, direction, open);
      assert.ok(next, `no undecided hunk after ${at}`);
      out.push(`${next.id}${next.wrapped ? '↻' : ''}`);
      at = next.id;
    }
    return out.join(' ');
  };

  it('n walks the pending and stale hunks in display order and says when it goes round', () => {
    assert.equal(walk('a', 1, 4), 'b d f b↻');
    assert.equal(walk(undefined, 1, 1), 'b', 'from no focus, n starts at the first undecided hunk');
  });

  it('N walks them backwards, wrapping from the first to the last', () => {
    assert.equal(walk('e', -1, 4), 'd b f↻ d');
    assert.equal(walk(undefined, -1, 1), 'f', 'from no focus, N starts at the last undecided hunk');
  });

  it('a single undecided hunk is its own next one, and none is none', () => {
    assert.deepEqual(
      nextUndecided(['x', 'y'], 'y', 1, (id) => id === 'y'),
      { id: 'y', wrapped: true },
    );
    assert.equal(
      nextUndecided(['x', 'y'], 'x', 1, () => false),
      undefined,
    );
  });

  it('counts flagged hunks left (pending or stale, tripwire or protected path) and what Accept all writes', () => {
    const model = loaded([
      hunk('p1', 'pending'),
      hunk('p2', 'pending', ['tests-disabled']),
      hunk('p3', 'pending', ['protected:ci']),
      hunk('s1', 'stale', ['large-deletion']),
      hunk('a1', 'accepted', ['tests-disabled']),
      hunk('p4', 'pending'),
    ]);
    const p = model.progress();
    assert.equal(p.flaggedLeft, 3, 'flagged left counts pending and stale flagged hunks only');
    assert.equal(p.acceptAll, 3, 'Accept all writes the pending hunks outside protected paths');
    model.markInFlight('p2', 'accept', model.newRequest());
    assert.equal(model.progress().flaggedLeft, 2, 'a decision posted here still counts as left');
    assert.equal(model.progress().acceptAll, 2);
  });

  it("takes the host's seen marks, and a change to a seen hunk clears the panel's own mark", () => {
    const model = loaded([hunk('h1', 'pending', [], 'seen'), hunk('h2', 'pending', [], 'changed'), hunk('h3', 'pending')]);
    assert.ok(model.seen.has('h1') && !model.seen.has('h2') && model.changed.has('h2'));
    model.seen.add('h3');
    model.applyHunks({ type: 'hunks', hunks: [hunk('h3', 'pending', [], 'changed')], removed: [], header: model.header });
    assert.ok(!model.seen.has('h3') && model.changed.has('h3'), 'a hunk changed since it was seen still counts as seen');
  });
});
