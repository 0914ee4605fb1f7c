import * as assert from 'node:assert/strict';
import { isFromPlanWebview } from '../../../src/shared/planProtocol';
import { isFromReviewWebview } from '../../../src/shared/reviewProtocol';

describe('shared/message guards', () => {
  it('drop a message with a key the protocol does not declare, inherited names included', () => {
    for (const extra of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'path']) {
      const message = JSON.parse(`{"type":"undo","${extra}":{"polluted":true}}`) as unknown;
      assert.equal(isFromReviewWebview(message), false, `a review message with "${extra}" passed`);
      const plan = JSON.parse(`{"type":"closePlan","${extra}":"x"}`) as unknown;
      assert.equal(isFromPlanWebview(plan), false, `a plan message with "${extra}" passed`);
    }
    assert.equal(isFromReviewWebview({ type: 'undo' }), true, 'the plain message passes');
  });

  it('do not take an inherited property for a required field', () => {
    const decide = Object.create({ hunkId: 'h1', decision: 'accept' }) as Record<string, unknown>;
    decide.type = 'decide';
    assert.equal(isFromReviewWebview(decide), false, 'fields must be the message\'s own');
  });
});
