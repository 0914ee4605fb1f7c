import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { rejectHunk } from '../../../../src/core/changeset/decisions';
import { decidedText } from '../../../../src/core/changeset/items';
import { rebaseFile } from '../../../../src/core/changeset/rebase';
import { contextLines, ReviewViewModel } from '../../../../src/core/review/viewModel';
import type { ChangesetEntry } from '../../../../src/core/review/changesetEntry';

const BASE = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');

function entryOf(proposed: string): ChangesetEntry {
  const made = createChangeset({ id: 'cs', title: 'T', source: 'agent', files: [{ path: 'a.txt', baseText: BASE, proposedText: proposed }] });
  assert.ok(made.ok, made.ok ? '' : made.message);
  return { changeset: made.value, files: new Map(), flags: new Map(), seen: new Map() };
}

describe('review/ReviewViewModel', () => {
  it('tells each hunk how many document lines follow it, as many as "more lines below" can fetch', () => {
    const entry = entryOf(BASE.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'LINE 20\n').replace('line 12\n', 'line 12\nadded\n'));
    const file = entry.changeset.files[0]!;
    const hunks = new ReviewViewModel().hunks(entry);
    assert.deepEqual(
      hunks.map((h) => h.linesAfter),
      [14, 5, 0],
      'lines after hunks ending at lines 6, 15 and 20 of 20',
    );
    for (const h of hunks) {
      const below = contextLines(file, h.oldStart, h.oldLines, 'below', 100);
      assert.equal(below.lines.length, h.linesAfter, `hunk at ${h.oldStart}: the count and the fetch disagree`);
    }
  });
});

describe('review/ReviewViewModel: decisions an edit detached', () => {
  it('keeps a rejected hunk, its reason and its lines after the user types next to it', () => {
    // Two insertions; the first is rejected with a reason, then the user types a line right where
    // it would have gone (a fix request typed into the editor by mistake does exactly this).
    const entry = entryOf(BASE.replace('line 3\n', 'line 3\ninserted\n').replace('line 12\n', 'line 12\nadded\n'));
    const [first, second] = entry.changeset.files[0]!.hunks;
    const rejected = rejectHunk(entry.changeset, first!.id, 'not this one');
    assert.ok(rejected.ok, rejected.ok ? '' : rejected.message);
    const file = rejected.value.files[0]!;
    const typed = rebaseFile(file, decidedText(file).replace('line 4\n', 'please fix the other hunk\nline 4\n'));
    assert.ok(typed.ok, typed.ok ? '' : typed.message);
    const after = { ...entry, changeset: { ...rejected.value, files: [typed.value] } };

    const hunks = new ReviewViewModel().hunks(after);
    assert.deepEqual(
      hunks.map((h) => [h.id, h.state]),
      [
        [first!.id, 'rejected'],
        [second!.id, 'pending'],
      ],
      'a decided hunk vanished from the review',
    );
    const shown = hunks[0]!;
    assert.equal(shown.reason, 'not this one', 'the rejection lost its reason');
    assert.deepEqual(shown.lines, [[2, 'inserted']], 'the rejected hunk does not show the lines it was about');
    assert.match(shown.staleReason ?? '', /edited/, 'the hunk does not say why it no longer sits in the file');
    assert.equal(shown.detached, true, 'the review cannot tell that the hunk has no place in the file (its header would read @@ -0,0 +0,0 @@)');
    assert.equal(hunks[1]!.detached, undefined);
  });
});
