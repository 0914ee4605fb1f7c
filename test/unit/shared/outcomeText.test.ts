import * as assert from 'node:assert/strict';
import { outcomeSentence } from '../../../src/shared/outcomeText';
import type { ReviewOutcomeView } from '../../../src/shared/planProtocol';

const outcome = (over: Partial<ReviewOutcomeView>): ReviewOutcomeView => ({
  hunks: 7,
  accepted: 5,
  files: 4,
  added: 40,
  removed: 12,
  rejected: [{ path: 'a.ts', reason: 'no' }, { path: 'b.ts' }],
  checks: [{ name: 'npm test', passed: true }],
  ...over,
});

describe('shared/outcomeSentence', () => {
  it('says what landed, how much was rejected and what the checks said', () => {
    assert.equal(outcomeSentence(outcome({})), '5 hunks accepted in 4 files (+40 −12), 2 rejected. The check passed.');
    assert.equal(outcomeSentence(outcome({ accepted: 1, files: 1, rejected: [], checks: [] })), '1 hunk accepted in 1 file (+40 −12). No check ran.');
    assert.equal(
      outcomeSentence(
        outcome({
          accepted: 0,
          checks: [
            { name: 'npm test', passed: false },
            { name: 'npm run lint', passed: true },
          ],
        }),
      ),
      'Nothing accepted, 2 rejected. Failing: npm test.',
    );
    assert.match(
      outcomeSentence(
        outcome({
          checks: [
            { name: 'a', passed: true },
            { name: 'b', passed: true },
          ],
        }),
      ),
      /All 2 checks passed\.$/,
    );
  });
});
