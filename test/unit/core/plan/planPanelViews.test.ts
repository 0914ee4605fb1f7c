import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { decideHunk } from '../../../../src/core/changeset/decisions';
import { MAX_PROPOSAL_LINES, proposalView } from '../../../../src/core/plan/proposalView';
import { RunLog } from '../../../../src/core/runs/runLog';
import { wrap } from '../../../../webview-ui/plan/wrap';

const plan = (steps: string[]) => `---\ntitle: T\nstatus: draft\n---\n\n## Goal\n\nG\n\n## Steps\n\n${steps.map((s) => `- [ ] ${s}`).join('\n')}\n`;

function changeset(before: string, after: string) {
  const cs = createChangeset({ id: 'cs1', title: 'draft', source: 'agent', files: [{ path: '.redline/plans/t.md', baseText: before, proposedText: after }] });
  assert.ok(cs.ok, 'the fixture changeset was not built');
  return cs.value;
}

describe('plan panel: the draft as a diff', () => {
  it('shows the waiting lines, numbered as the plan reads once kept', () => {
    const view = proposalView(changeset(plan(['one', 'two']), plan(['uno', 'two'])));
    assert.ok(view, 'a waiting draft gave no view');
    assert.equal(view.added, 1);
    assert.equal(view.removed, 1);
    const lines = view.hunks.flat();
    assert.deepEqual(
      lines.find((l) => l.kind === 'removed'),
      { kind: 'removed', text: '- [ ] one' },
      'the removed step is not shown, or has a number',
    );
    assert.deepEqual(
      lines.find((l) => l.kind === 'added'),
      { kind: 'added', text: '- [ ] uno', line: 12 },
      'the added step is not on line 12 of the kept plan',
    );
    assert.deepEqual(
      lines.find((l) => l.text === '- [ ] two'),
      { kind: 'context', text: '- [ ] two', line: 13 },
      'the context after the change is misnumbered',
    );
  });

  it('drops decided hunks and gives nothing once all are decided', () => {
    const cs = changeset(plan(['one']), plan(['uno']));
    const hunk = cs.files[0]?.hunks[0]?.id ?? '';
    const decided = decideHunk(cs, hunk, 'accept');
    assert.ok(decided.ok);
    assert.equal(proposalView(decided.value), undefined, 'a kept draft is still shown as waiting');
  });

  it('cuts a very long draft and says how much is left out', () => {
    const many = Array.from({ length: MAX_PROPOSAL_LINES + 50 }, (_, i) => `step ${i}`);
    const view = proposalView(changeset(plan(['one']), plan(many)));
    assert.ok(view);
    assert.equal(view.hunks.flat().length, MAX_PROPOSAL_LINES);
    assert.ok(view.moreLines > 50, `only ${view.moreLines} lines are said to be left out`);
    assert.equal(view.added, MAX_PROPOSAL_LINES + 50, 'the counts do not cover the lines left out');
  });
});

describe('plan panel: run log text', () => {
  it('says in words what the row icon shows', () => {
    const log = new RunLog();
    log.apply({ type: 'tool_call', id: 't1', name: 'read_file', input: { path: 'a.ts' } });
    log.apply({ type: 'tool_result', id: 't1', name: 'read_file', isError: true, content: 'no such file' });
    log.apply({ type: 'check', name: 'npm test', outcome: { exitCode: 1, timedOut: false, output: 'fail' } });
    assert.deepEqual(
      log.all().map((e) => e.text),
      ['Read `a.ts` — failed', 'read_file failed: no such file', 'Check `npm test` failed (exit 1)\nfail'],
    );
  });

  it('wraps a long line after a word, and the rows join back into the line', () => {
    const line = 'Explaining the parser at length. '.repeat(4);
    const rows = wrap(line, 40);
    assert.ok(
      rows.every((r) => r.length <= 40),
      `a row is longer than 40: ${JSON.stringify(rows)}`,
    );
    assert.equal(rows.join(''), line);
    assert.ok(
      rows.slice(0, -1).every((r) => r.endsWith(' ')),
      `a word was split: ${JSON.stringify(rows)}`,
    );
    assert.deepEqual(wrap('x'.repeat(50), 20), ['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)], 'a word longer than a row is not cut');
    assert.deepEqual(wrap('', 20), [''], 'an empty line has no row');
  });
});
