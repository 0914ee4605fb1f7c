import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { contextLines, ReviewViewModel } from '../../../../src/core/review/viewModel';
import type { ChangesetEntry } from '../../../../src/core/review/changesetEntry';

const BASE = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');

function entryOf(proposed: string): ChangesetEntry {
  const made = createChangeset({ id: 'cs', title: 'T', source: 'agent', files: [{ path: 'a.txt', baseText: BASE, proposedText: proposed }] });
  assert.ok(made.ok, made.ok ? '' : made.message);
  return { changeset: made.value, files: new Map(), flags: new Map(), seen: new Set() };
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
