import * as assert from 'node:assert/strict';
import type { ReviewHunk, ReviewState } from '../../../src/shared/reviewProtocol';
import { ReviewModel } from '../../../webview-ui/review/model';

const hunk = (id: string, file: number): ReviewHunk => ({
  id,
  file,
  state: 'pending',
  revision: 1,
  oldStart: 1,
  oldLines: 1,
  newStart: 1,
  newLines: 1,
  lines: [
    [1, 'a'],
    [2, 'b'],
  ],
  flags: [],
  steps: [],
});

function loaded(): ReviewModel {
  const state: ReviewState = {
    changesetId: 'cs1',
    header: { title: 't', source: 'api', claimMismatches: [] },
    files: [
      { path: 'a.ts', status: 'modified', language: 'ts' },
      { path: 'b.ts', status: 'modified', language: 'ts' },
    ],
    hunks: [hunk('h0', 0), hunk('h1', 0), hunk('h2', 1)],
    layout: 'unified',
  };
  const model = new ReviewModel();
  model.load(state);
  return model;
}

describe('review webview: a refusal answers its own request', () => {
  it("an error for request A lands A's hunks and leaves request B in flight", () => {
    const model = loaded();
    const a = model.newRequest();
    const b = model.newRequest();
    assert.notEqual(a, b, 'two requests got the same id');
    model.markInFlight('h0', 'accept', a);
    // Accept file of a.ts: one request marks both of its hunks that were not in flight yet.
    model.markInFlight('h1', 'accept', b);
    model.markInFlight('h2', 'fix', b);
    assert.deepEqual(model.refused(a), ['h0'], "the refusal of A must land exactly A's hunk");
    assert.equal(model.inFlight('h0'), undefined, "A's hunk is still in flight after its refusal");
    assert.equal(model.inFlight('h1'), 'accept', "B's hunk stopped waiting on A's refusal");
    assert.equal(model.inFlight('h2'), 'fix', "B's fix stopped waiting on A's refusal");
    assert.deepEqual(model.refused(a), [], 'a second refusal of A changes nothing');
    assert.deepEqual(model.refused(b).sort(), ['h1', 'h2']);
  });

  it("the host's update of a hunk ends its wait, whatever request it was", () => {
    const model = loaded();
    const a = model.newRequest();
    model.markInFlight('h0', 'reject', a);
    model.applyHunks({ type: 'hunks', hunks: [{ ...hunk('h0', 0), state: 'rejected' }], removed: [], header: model.header });
    assert.equal(model.inFlight('h0'), undefined);
    assert.deepEqual(model.refused(a), [], 'a late refusal must not touch a hunk the host has answered for');
  });
});

describe('review webview model: plan steps', () => {
  const stepped = (id: string, steps: string[]): ReviewHunk => ({ ...hunk(id, 0), steps });

  it('orders steps as the plan does and names them by title; an unknown step comes last, by its id', () => {
    const model = new ReviewModel();
    model.load({
      changesetId: 'cs-steps',
      header: { title: 't', source: 'agent', claimMismatches: [] },
      steps: [
        { id: 's1', title: 'Multiply prices' },
        { id: 's2', title: 'Raise the tax' },
        { id: 's3', title: 'Format money' },
      ],
      files: [{ path: 'a.ts', status: 'modified', language: 'ts' }],
      hunks: [stepped('h0', ['s3']), stepped('h1', ['s9']), stepped('h2', ['s1'])],
      layout: 'unified',
    });
    assert.deepEqual(model.steps(), ['s1', 's3', 's9']);
    assert.equal(model.stepTitle('s3'), 'Format money');
    assert.equal(model.stepTitle('s9'), 's9');
  });

  it('remembers the hunks rejected while the page is up, and forgets one taken back', () => {
    const model = loaded();
    const header = { title: 't', source: 'api', claimMismatches: [] };
    model.applyHunks({ type: 'hunks', hunks: [{ ...hunk('h1', 0), state: 'rejected', reason: 'no' }], removed: [], header });
    assert.deepEqual([...model.rejectedNow], ['h1']);
    model.applyHunks({ type: 'hunks', hunks: [{ ...hunk('h1', 0), state: 'pending' }], removed: [], header });
    assert.deepEqual([...model.rejectedNow], []);
  });
});
