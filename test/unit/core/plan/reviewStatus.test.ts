import * as assert from 'node:assert/strict';
import { applyChanges } from '../../../../src/core/plan/editPlan';
import { parsePlan } from '../../../../src/core/plan/parsePlan';
import { reviewStatusEdit } from '../../../../src/core/plan/transitions';

const plan = (status: string) => `---\nstatus: ${status}\n---\n# Cap\n\n## Steps\n- [x] Cap it <!-- id: s1 -->\n`;

function after(status: string, complete: boolean): string {
  const edit = reviewStatusEdit(plan(status), complete);
  assert.ok(edit.ok, edit.ok ? '' : edit.message);
  return parsePlan(applyChanges(plan(status), edit.value.changes)).status;
}

describe('plan/reviewStatusEdit', () => {
  it('moves a plan in review to done when the last hunk is decided, and back when a decision is undone', () => {
    assert.equal(after('in review', true), 'done');
    assert.equal(after('in review', false), 'in review');
    assert.equal(after('done', false), 'in review');
    assert.equal(after('done', true), 'done');
  });

  it("leaves any other status alone: it is the user's or a run's", () => {
    for (const status of ['draft', 'approved', 'building']) {
      for (const complete of [true, false]) {
        const edit = reviewStatusEdit(plan(status), complete);
        assert.ok(edit.ok);
        assert.deepEqual(edit.value.changes, [], `${status} changed with the review ${complete ? 'complete' : 'open'}`);
      }
    }
  });
});
