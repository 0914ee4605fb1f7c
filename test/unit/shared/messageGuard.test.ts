import * as assert from 'node:assert/strict';
import { isFromPlanWebview } from '../../../src/shared/planProtocol';
import { isFromReviewWebview } from '../../../src/shared/reviewProtocol';
import { isNatural, isString, messageGuard } from '../../../src/shared/messageGuard';
import { isToPlanWebview } from '../../../webview-ui/plan/inbound';

describe('shared/message guards', () => {
  it('drop a message with a key the protocol does not declare, inherited names included', () => {
    for (const extra of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'path']) {
      const message = JSON.parse(`{"type":"undo","requestId":1,"${extra}":{"polluted":true}}`) as unknown;
      assert.equal(isFromReviewWebview(message), false, `a review message with "${extra}" passed`);
      const plan = JSON.parse(`{"type":"closePlan","${extra}":"x"}`) as unknown;
      assert.equal(isFromPlanWebview(plan), false, `a plan message with "${extra}" passed`);
    }
    assert.equal(isFromReviewWebview({ type: 'undo', requestId: 1 }), true, 'the plain message passes');
  });

  it("take the run card's Select Model only for a build or plan model, never a model id or a command", () => {
    assert.equal(isFromPlanWebview({ type: 'selectModel', mode: 'build' }), true);
    assert.equal(isFromPlanWebview({ type: 'selectModel', mode: 'plan' }), true);
    assert.equal(isFromPlanWebview({ type: 'selectModel', mode: 'claude-opus-5-5' }), false);
    assert.equal(isFromPlanWebview({ type: 'selectModel', mode: 'build', model: 'claude-opus-5-5' }), false);
  });

  it("take the run card's queued messages only with their text in bounds, and Continue Run with an empty message", () => {
    assert.equal(isFromPlanWebview({ type: 'queueMessage', runId: 'run-1', text: 'Use the helper.' }), true);
    assert.equal(isFromPlanWebview({ type: 'queueMessage', runId: 'run-1', text: 'x'.repeat(20_000) }), true, 'a message at the limit');
    assert.equal(isFromPlanWebview({ type: 'queueMessage', runId: 'run-1', text: 'x'.repeat(20_001) }), false, 'a message over the limit');
    assert.equal(isFromPlanWebview({ type: 'queueMessage', runId: 'run-1', text: ' \n ' }), false, 'a blank message');
    assert.equal(isFromPlanWebview({ type: 'queueMessage', runId: '../run-1', text: 'hi' }), false, 'a path for a run id');
    assert.equal(isFromPlanWebview({ type: 'editQueued', runId: 'run-1', messageId: 'm1', text: 'Use it.' }), true);
    assert.equal(isFromPlanWebview({ type: 'editQueued', runId: 'run-1', messageId: 'm1', text: '' }), false, 'an edit to nothing');
    assert.equal(isFromPlanWebview({ type: 'withdrawQueued', runId: 'run-1', messageId: 'm1' }), true);
    assert.equal(isFromPlanWebview({ type: 'withdrawQueued', runId: 'run-1', messageId: 'm1', text: 'x' }), false);
    assert.equal(isFromPlanWebview({ type: 'continueRun', runId: 'run-1', message: '' }), true, 'Continue Run with only the queued messages');
  });

  it('do not take an inherited property for a required field', () => {
    const decide = Object.create({ requestId: 1, hunkId: 'h1', decision: 'accept' }) as Record<string, unknown>;
    decide.type = 'decide';
    assert.equal(isFromReviewWebview(decide), false, "fields must be the message's own");
  });

  it('take an action of the review only with a request id, a non-negative integer', () => {
    const actions = [
      { type: 'decide', hunkId: 'h1', decision: 'accept' },
      { type: 'decideMoved', hunkId: 'h1', decision: 'reject', reason: 'keep it where it was' },
      { type: 'decideLines', hunkId: 'h1', lines: [0], decision: 'reject' },
      { type: 'decideFile', file: 0, decision: 'accept' },
      { type: 'decideAll', decision: 'accept' },
      { type: 'split', hunkId: 'h1' },
      { type: 'refresh', hunkId: 'h1' },
      { type: 'undo' },
      { type: 'requestFix', hunkId: 'h1', comment: 'louder' },
      { type: 'acceptEdited', hunkId: 'h1', revision: 1, text: '' },
    ];
    for (const action of actions) {
      assert.equal(isFromReviewWebview(action), false, `${action.type} without a request id passed`);
      assert.equal(isFromReviewWebview({ ...action, requestId: 7 }), true, `${action.type} with a request id was dropped`);
      for (const bad of [-1, 1.5, '7', null, Number.MAX_SAFE_INTEGER + 2]) {
        assert.equal(isFromReviewWebview({ ...action, requestId: bad }), false, `${action.type} with request id ${String(bad)} passed`);
      }
    }
  });

  it('take the hunks paged through with a focus only as a list of hunk ids', () => {
    assert.equal(isFromReviewWebview({ type: 'focus', hunkId: 'h2' }), true, 'a plain focus was dropped');
    assert.equal(isFromReviewWebview({ type: 'focus', hunkId: 'h2', seen: ['h0', 'h1'] }), true, 'a focus with the hunks paged through was dropped');
    for (const seen of ['h0', [''], [7], ['x'.repeat(201)], Array.from({ length: 10_001 }, (_, i) => `h${i}`)]) {
      assert.equal(isFromReviewWebview({ type: 'focus', hunkId: 'h2', seen }), false, `seen ${JSON.stringify(seen).slice(0, 40)} passed`);
    }
  });

  it('take an edited accept only with a revision of at least 1 and the text as a string', () => {
    const edit = { type: 'acceptEdited', requestId: 1, hunkId: 'h1', revision: 2, text: 'mine\n' };
    assert.equal(isFromReviewWebview(edit), true, 'a plain edited accept was dropped');
    for (const revision of [0, -1, 1.5, '2']) assert.equal(isFromReviewWebview({ ...edit, revision }), false, `revision ${String(revision)} passed`);
    for (const text of [undefined, 7, null]) assert.equal(isFromReviewWebview({ ...edit, text }), false, `text ${String(text)} passed`);
  });
});

describe('shared/messageGuard: one guard for both directions', () => {
  type Ping = { readonly type: 'ping'; readonly n: number; readonly note?: string };
  const specs = { ping: { fields: { n: isNatural, note: isString }, optional: ['note'] } };

  it('strict (webview to host) refuses an undeclared field; tolerant (host to webview) lets it through', () => {
    const strict = messageGuard<Ping>(specs, 'strict');
    const tolerant = messageGuard<Ping>(specs, 'tolerant');
    assert.equal(strict({ type: 'ping', n: 1 }), true, 'a plain message is refused');
    assert.equal(strict({ type: 'ping', n: 1, extra: true }), false, 'strict took an undeclared field');
    assert.equal(tolerant({ type: 'ping', n: 1, extra: true }), true, "tolerant refused a newer host's extra field");
    for (const guard of [strict, tolerant]) {
      assert.equal(guard({ type: 'ping', n: -1 }), false, 'a declared field that fails its check passed');
      assert.equal(guard({ type: 'ping' }), false, 'a required field may not be absent');
      assert.equal(guard({ type: 'ping', n: 1, note: 7 }), false, 'an optional field, when present, is checked');
      assert.equal(guard({ type: 'pong', n: 1 }), false, 'an unknown type passed');
      assert.equal(guard({ type: 'toString', n: 1 }), false, 'an inherited name passed as a message type');
    }
  });

  it('the Plan webview drops a host message of another shape instead of rendering it', () => {
    assert.equal(isToPlanWebview({ type: 'log', runId: 'run-1', from: 0, entries: [] }), true);
    assert.equal(isToPlanWebview({ type: 'log', runId: 'run-1', from: -3, entries: [] }), false, 'a negative log offset passed');
    assert.equal(isToPlanWebview({ type: 'doc', doc: 'text' }), false, 'a doc that is not an object passed');
    assert.equal(isToPlanWebview({ type: 'saved', id: 'p', ok: 'yes' }), false, 'a saved answer without a boolean passed');
  });
});
