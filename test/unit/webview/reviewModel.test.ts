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
