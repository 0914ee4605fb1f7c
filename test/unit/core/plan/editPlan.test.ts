import * as assert from 'node:assert/strict';
import { applyChanges, assignStepIds, replaceSection, setStatus, setStepStatus, setTitle, type PlanEditResult } from '../../../../src/core/plan/editPlan';
import { parsePlan, serializePlan } from '../../../../src/core/plan/parsePlan';
import type { ParsedPlan } from '../../../../src/core/plan/types';
import { fixture } from './fixtures';

/** The text after an edit, checked against the changes the edit reports. */
function textAfter(before: ParsedPlan, result: PlanEditResult): string {
  assert.ok(result.ok, `the edit failed: ${result.ok ? '' : result.message}`);
  const text = serializePlan(result.value.plan);
  assert.equal(applyChanges(serializePlan(before), result.value.changes), text, 'the reported changes do not produce the new text');
  return text;
}

function failure(result: PlanEditResult): string {
  assert.ok(!result.ok, 'the edit should have been refused');
  return result.code;
}

describe('core/plan edits', () => {
  describe('setStatus', () => {
    it('replaces only the value, in the quoting style it had', () => {
      const plan = parsePlan('---\ntitle: T\nstatus: "draft"  # set by Redline\n---\nbody\n');
      assert.equal(textAfter(plan, setStatus(plan, 'in review')), '---\ntitle: T\nstatus: "in review"  # set by Redline\n---\nbody\n');
    });

    it('adds a missing key before the closing fence, with the file line breaks', () => {
      const plan = parsePlan('---\r\ntitle: T\r\n---\r\n');
      assert.equal(textAfter(plan, setStatus(plan, 'approved')), '---\r\ntitle: T\r\nstatus: approved\r\n---\r\n');
    });

    it('adds front matter to a plan without one, after a BOM', () => {
      const plan = parsePlan('\uFEFF# Title\n');
      assert.equal(textAfter(plan, setStatus(plan, 'building')), '\uFEFF---\nstatus: building\n---\n# Title\n');
    });

    it('changes nothing when the status is already set, even written leniently', () => {
      const plan = parsePlan('---\nstatus: In-Review\n---\n');
      const result = setStatus(plan, 'in review');
      assert.ok(result.ok && result.value.changes.length === 0, 'an equal status must not rewrite the value');
    });

    it('refuses an unclosed front matter and an unknown status', () => {
      assert.equal(failure(setStatus(parsePlan(fixture('brokenFrontMatter.md')), 'done')), 'front-matter-unclosed');
      assert.equal(failure(setStatus(parsePlan(''), 'finished' as 'done')), 'invalid-status');
    });
  });

  describe('setStepStatus', () => {
    const plan = parsePlan(fixture('wellFormed.md'));

    it('changes the one mark character of that step', () => {
      const before = serializePlan(plan);
      const after = textAfter(plan, setStepStatus(plan, 's3', 'in progress'));
      assert.equal(after, before.replace('- [ ] Wire', '- [/] Wire'));
    });

    it('writes every status with its mark and reads it back', () => {
      for (const status of ['pending', 'in progress', 'done', 'skipped'] as const) {
        const result = setStepStatus(plan, 's1', status);
        assert.ok(result.ok);
        assert.equal(result.value.plan.steps[0]?.status, status, `step s1 did not read back as ${status}`);
      }
    });

    it('normalizes [X] to [x] only when the status changes', () => {
      const upper = parsePlan('## Steps\n- [X] a\n');
      const same = setStepStatus(upper, '#1', 'done');
      assert.ok(same.ok && same.value.changes.length === 0, '[X] is already done and must stay [X]');
      const back = setStepStatus(upper, '#1', 'pending');
      assert.ok(back.ok);
      assert.equal(textAfter(back.value.plan, setStepStatus(back.value.plan, '#1', 'done')), '## Steps\n- [x] a\n');
    });

    it('refuses a step id the plan does not have', () => {
      assert.equal(failure(setStepStatus(plan, 's9', 'done')), 'unknown-step');
    });
  });

  describe('setTitle', () => {
    it('updates the front matter title, quoting it when YAML needs quotes', () => {
      const plan = parsePlan('---\ntitle: Old\n---\n');
      assert.equal(textAfter(plan, setTitle(plan, 'Fix: the #1 bug')), '---\ntitle: "Fix: the #1 bug"\n---\n');
    });

    it('updates a # heading that shows the same title, and leaves a different one alone', () => {
      const same = parsePlan('---\ntitle: Old\n---\n# Old #\n');
      assert.equal(textAfter(same, setTitle(same, 'New')), '---\ntitle: New\n---\n# New #\n');
      const other = parsePlan('---\ntitle: Old\n---\n# A heading of its own\n');
      assert.equal(textAfter(other, setTitle(other, 'New')), '---\ntitle: New\n---\n# A heading of its own\n');
    });

    it('updates the heading when it is the only title, and adds front matter when there is none', () => {
      const heading = parsePlan('# Old\n\n## Goal\n');
      assert.equal(textAfter(heading, setTitle(heading, 'New')), '# New\n\n## Goal\n');
      const none = parsePlan('## Goal\n');
      assert.equal(textAfter(none, setTitle(none, 'New')), '---\ntitle: New\n---\n## Goal\n');
    });

    it('fills an empty "title:" with a space before the value', () => {
      const plan = parsePlan('---\ntitle:\n---\n');
      assert.equal(textAfter(plan, setTitle(plan, 'New')), '---\ntitle: New\n---\n');
    });

    it('makes a title one line and refuses an empty one', () => {
      const plan = parsePlan('---\ntitle: Old\n---\n');
      assert.equal(textAfter(plan, setTitle(plan, ' Two\nlines ')), '---\ntitle: Two lines\n---\n');
      assert.equal(failure(setTitle(plan, ' \n ')), 'invalid-title');
    });
  });

  describe('replaceSection', () => {
    it('replaces the content and keeps the heading and blank lines around it', () => {
      const plan = parsePlan('## Goal\n\nOld goal.\n\n## Steps\n');
      assert.equal(textAfter(plan, replaceSection(plan, 'goal', 'New goal.\nSecond line.\n\n')), '## Goal\n\nNew goal.\nSecond line.\n\n## Steps\n');
    });

    it('fills an empty section, also one at the end without a line break', () => {
      const empty = parsePlan('## Goal\n## Steps\n');
      assert.equal(textAfter(empty, replaceSection(empty, 'Goal', 'G')), '## Goal\n\nG\n## Steps\n');
      const last = parsePlan('## Goal');
      assert.equal(textAfter(last, replaceSection(last, 'Goal', 'G')), '## Goal\n\nG');
    });

    it('writes the body with the file line breaks', () => {
      const plan = parsePlan('## Goal\r\n\r\nOld\r\n');
      assert.equal(textAfter(plan, replaceSection(plan, 'Goal', 'a\nb')), '## Goal\r\n\r\na\r\nb\r\n');
    });

    it('adds a missing known section before the sections that follow it, and others at the end', () => {
      const plan = parsePlan('## Goal\n\nG\n\n## Steps\n\n- [ ] s\n');
      const withContext = textAfter(plan, replaceSection(plan, 'context', '- `src/a.ts`'));
      assert.equal(withContext, '## Goal\n\nG\n\n## Context\n\n- `src/a.ts`\n\n## Steps\n\n- [ ] s\n');
      const withNotes = textAfter(plan, replaceSection(plan, 'Notes', 'n'));
      assert.equal(withNotes, '## Goal\n\nG\n\n## Steps\n\n- [ ] s\n\n## Notes\n\nn\n');
    });

    it('replaces the first of duplicate sections, the one the model reads', () => {
      const plan = parsePlan(fixture('duplicateSections.md'));
      const result = replaceSection(plan, 'Goal', 'Replaced.');
      assert.ok(result.ok);
      assert.equal(result.value.plan.goal, 'Replaced.');
      assert.match(serializePlan(result.value.plan), /The second goal is kept but not read\./);
    });

    it('refuses content that would start or swallow sections', () => {
      const plan = parsePlan('## Goal\n');
      assert.equal(failure(replaceSection(plan, 'Goal', 'a\n## Steps\n')), 'section-body-has-heading');
      assert.equal(failure(replaceSection(plan, 'Goal', '```\ncode')), 'section-body-unclosed');
      assert.equal(failure(replaceSection(plan, 'Two\nlines', 'x')), 'invalid-section-name');
      const fenced = replaceSection(plan, 'Goal', '```\n## in a fence\n```');
      assert.ok(fenced.ok, 'a ## line inside a fence is content, not a heading');
    });
  });

  describe('assignStepIds', () => {
    it('gives steps without an id a marker, skipping ids already taken', () => {
      const plan = parsePlan('## Steps\n- [ ] a\n- [ ] b <!-- id: s1 -->\n- [x] c\n');
      const text = textAfter(plan, assignStepIds(plan));
      assert.equal(text, '## Steps\n- [ ] a <!-- id: s2 -->\n- [ ] b <!-- id: s1 -->\n- [x] c <!-- id: s3 -->\n');
      const again = assignStepIds(parsePlan(text));
      assert.ok(again.ok && again.value.changes.length === 0, 'assigning ids twice must change nothing');
    });

    it('gives a step with a repeated id a new one in place', () => {
      const plan = parsePlan('## Steps\n- [ ] a <!-- id: s1 -->\n- [ ] b <!-- id: s1 -->\n');
      const text = textAfter(plan, assignStepIds(plan));
      assert.equal(text, '## Steps\n- [ ] a <!-- id: s1 -->\n- [ ] b <!-- id: s2 -->\n');
      assert.deepEqual(parsePlan(text).warnings, []);
    });
  });
});
