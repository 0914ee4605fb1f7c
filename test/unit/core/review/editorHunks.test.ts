import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { acceptHunk, rejectHunk } from '../../../../src/core/changeset/decisions';
import type { Changeset, FileChange } from '../../../../src/core/changeset/types';
import { viewHunks } from '../../../../src/core/changeset/view';
import {
  editorHunks,
  fileCounts,
  changesetLabel,
  ghostContent,
  ghostTexts,
  hunkAtLine,
  overlapLabels,
  hunkDocumentLine,
  modelForDocument,
  pendingAppliedText,
  type EditorHunk,
} from '../../../../src/core/review/editorHunks';
import type { Result } from '../../../../src/core/result';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');
const BASE = lines(30);

function make(proposed: string | null, base: string | null = BASE): Changeset {
  const r = createChangeset({ id: 'cs1', title: 'T', source: 'api', files: [{ path: 'a.ts', baseText: base, proposedText: proposed }] });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function value<T>(r: Result<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}

const file = (cs: Changeset): FileChange => cs.files[0]!;
/** The parts a decoration is drawn from, without ids (they are content hashes). */
const shape = (h: EditorHunk) => ({ state: h.state, removed: h.removed, added: h.added, first: h.first, last: h.last });

describe('review/editorHunks: decorations of open hunks in document lines', () => {
  it('a replaced line is removed in place with its replacement going right below; an insertion has no removed line', () => {
    const cs = make(BASE.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'line 20\nadded 20b\n'));
    assert.deepEqual(editorHunks(file(cs)).map(shape), [
      { state: 'pending', removed: [2], added: [{ at: 3, lines: ['LINE 3'] }], first: 2, last: 2 },
      { state: 'pending', removed: [], added: [{ at: 20, lines: ['added 20b'] }], first: 19, last: 19 },
    ]);
  });

  it('one hunk with context between its changes spans from its first to its last change', () => {
    const cs = make(BASE.replace('line 3\n', 'three\n').replace('line 6\n', 'six\nsix b\n'));
    const [h] = editorHunks(file(cs));
    assert.equal(editorHunks(file(cs)).length, 1, 'changes two lines apart share a hunk');
    assert.deepEqual(shape(h!), {
      state: 'pending',
      removed: [2, 5],
      added: [
        { at: 3, lines: ['three'] },
        { at: 6, lines: ['six', 'six b'] },
      ],
      first: 2,
      last: 5,
    });
  });

  it('after an accept the document holds the accepted lines: later hunks move down, the decided one is gone', () => {
    const cs = make('top 1\ntop 2\n' + BASE.replace('line 20\n', 'line twenty\n'));
    const [top, later] = editorHunks(file(cs));
    assert.deepEqual([top!.added, later!.removed], [[{ at: 0, lines: ['top 1', 'top 2'] }], [19]]);
    assert.deepEqual(ghostTexts(top!), [{ line: 0, text: 'top 1 (+1 more line)', before: true }], 'lines above the first line are drawn before it');
    const accepted = value(acceptHunk(cs, top!.id));
    const after = editorHunks(file(accepted));
    assert.deepEqual(
      after.map((h) => [h.id, h.removed, h.added]),
      [[later!.id, [21], [{ at: 22, lines: ['line twenty'] }]]],
      'the accepted hunk must disappear and the next move down by two',
    );
    const rejected = value(rejectHunk(accepted, later!.id));
    assert.deepEqual(editorHunks(file(rejected)), [], 'a rejected hunk is not drawn');
  });

  it("follows the user's typing before the session folds it in: untouched hunks move, a hunk typed over is stale", () => {
    const cs = make(BASE.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'line twenty\n'));
    const [h3, h20] = editorHunks(file(cs));
    const typedAbove = 'import x;\nimport y;\n' + BASE;
    const moved = editorHunks(value(modelForDocument(file(cs), typedAbove)));
    assert.deepEqual(
      moved.map((h) => [h.id, h.state, h.removed]),
      [
        [h3!.id, 'pending', [4]],
        [h20!.id, 'pending', [21]],
      ],
      'both hunks move down by the two typed lines',
    );
    const typedInside = BASE.replace('line 20\n', 'line 20 // mine\n');
    const stale = editorHunks(value(modelForDocument(file(cs), typedInside)));
    assert.deepEqual(
      stale.map((h) => h.state),
      ['pending', 'stale'],
      'the hunk whose line the user changed must be stale',
    );
    assert.deepEqual(stale[1]!.removed, [19], "the stale hunk sits on the user's line");
  });

  it('a document without the BOM the file has on disk is the same text, not an edit', () => {
    const base = '\uFEFF' + BASE;
    const cs = make(base.replace('line 1\n', 'first\n'), base);
    const f = file(cs);
    assert.equal(value(modelForDocument(f, BASE)), f, 'a missing BOM must not rebase the model');
    assert.deepEqual(ghostTexts(editorHunks(f)[0]!), [{ line: 0, text: 'first' }]);
  });

  it("a ghost shows an added block's first line with content, not its leading blank line", () => {
    const hunk: EditorHunk = {
      id: 'h',
      state: 'pending',
      first: 4,
      last: 4,
      removed: [],
      added: [{ at: 5, lines: ['', 'export function x() {}', ''] }],
      flags: [],
    };
    assert.deepEqual(ghostTexts(hunk), [{ line: 4, text: 'export function x() {} (+2 more lines)' }]);
    const blank: EditorHunk = { ...hunk, added: [{ at: 5, lines: ['', ''] }] };
    assert.deepEqual(ghostTexts(blank), [{ line: 4, text: '(2 blank lines)' }]);
  });

  it('a deleted file removes every line', () => {
    const cs = make(null, lines(3));
    assert.deepEqual(editorHunks(file(cs)).map(shape), [{ state: 'pending', removed: [0, 1, 2], added: [], first: 0, last: 2 }]);
  });

  it('finds the hunk under a line and nothing between hunks', () => {
    const cs = make(BASE.replace('line 3\n', 'three\n').replace('line 6\n', 'six\n').replace('line 25\n', 'x\n'));
    const hunks = editorHunks(file(cs));
    assert.equal(hunkAtLine(hunks, 2)?.id, hunks[0]!.id);
    assert.equal(hunkAtLine(hunks, 4)?.id, hunks[0]!.id, 'a context line inside a hunk belongs to it');
    assert.equal(hunkAtLine(hunks, 24)?.id, hunks[1]!.id);
    assert.equal(hunkAtLine(hunks, 10), undefined, 'no hunk between hunks');
    assert.equal(hunkAtLine(hunks, 6), undefined, 'no hunk right below one');
  });

  it('ghost text pairs replaced lines, puts the rest on the last one with a count, and clips long lines', () => {
    const three = editorHunks(file(make(BASE.replace('line 2\nline 3\nline 4\n', 'two\nthree\nfour\n'))))[0]!;
    assert.deepEqual(ghostTexts(three), [
      { line: 1, text: 'two' },
      { line: 2, text: 'three' },
      { line: 3, text: 'four' },
    ]);
    const grows = editorHunks(file(make(BASE.replace('line 2\n', 'a\nb\nc\n'))))[0]!;
    assert.deepEqual(ghostTexts(grows), [{ line: 1, text: 'a (+2 more lines)' }]);
    const long = editorHunks(file(make(BASE.replace('line 2\n', `${'x'.repeat(100)}\n\tz\n`))))[0]!;
    assert.deepEqual(ghostTexts(long, 10), [{ line: 1, text: `${'x'.repeat(9)}… (+1 more line)` }]);
  });

  it('the proposed side of the diff applies the pending hunks only', () => {
    const proposed = BASE.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'line twenty\n');
    const cs = make(proposed);
    assert.equal(pendingAppliedText(file(cs)), proposed);
    const rejected = value(rejectHunk(cs, editorHunks(file(cs))[0]!.id));
    assert.equal(pendingAppliedText(file(rejected)), BASE.replace('line 20\n', 'line twenty\n'), 'a rejected hunk is not in the proposed side');
  });

  it("a hunk's first changed line in the document, decided or not", () => {
    const cs = make('top\n' + BASE.replace('line 10\n', 'ten\n').replace('line 20\n', 'line 20\nafter 20\n'));
    const lineOf = (c: Changeset) => viewHunks(file(c), { emphasis: false }).map(hunkDocumentLine);
    assert.deepEqual(lineOf(cs), [0, 9, 20], 'pending: where the change is in the document');
    const [top, ten] = viewHunks(file(cs), { emphasis: false });
    const accepted = value(acceptHunk(cs, top!.id));
    assert.deepEqual(lineOf(accepted), [0, 10, 21], 'the accepted line at the top moves the others down by one');
    assert.deepEqual(lineOf(value(rejectHunk(accepted, ten!.id))), [0, 10, 21], 'a rejected hunk stays where its lines are');
  });

  it('counts pending, stale and decided hunks of a file', () => {
    const cs = make(BASE.replace('line 3\n', 'three\n').replace('line 12\n', 'twelve\n').replace('line 25\n', 'x\n'));
    const [a, b] = editorHunks(file(cs));
    const decided = value(acceptHunk(cs, a!.id));
    const staled = value(modelForDocument(file(decided), BASE.replace('line 3\n', 'three\n').replace('line 12\n', 'mine\n')));
    assert.equal(editorHunks(staled).find((h) => h.id === b!.id)?.state, 'stale');
    assert.deepEqual(fileCounts(staled), { pending: 1, stale: 1, decided: 1 });
  });
});

describe('review/editorHunks: ghost text of overlapping changesets', () => {
  it('names the changeset a ghost belongs to when asked, short and on one line', () => {
    const ghost = { line: 3, text: 'sum += item.price * item.quantity;' };
    assert.equal(ghostContent(ghost, false), '→ sum += item.price * item.quantity;');
    assert.equal(ghostContent(ghost, false, 'Build: Cart totals'), '→ [Build: Cart totals] sum += item.price * item.quantity;');
    assert.equal(ghostContent({ ...ghost, before: true }, true, 'Second look'), '⚠ [Second look] sum += item.price * item.quantity;');
    const long = changesetLabel(`Build: ${'a very long title '.repeat(5)}\n$(zap)`);
    assert.ok(long.length === 40 && long.endsWith('…') && !long.includes('\n'), `label "${long}"`);
    assert.equal(changesetLabel('Fix $(zap) it'), 'Fix $\u200b(zap) it', 'a title cannot draw an icon');
  });

  it('names each changeset of a shared file, numbering two that share a title in the order they were made', () => {
    assert.equal(overlapLabels([{ id: 'cs1', title: 'Build: Report' }]), undefined, 'one changeset needs no name');
    const labels = overlapLabels([
      { id: 'cs1', title: 'Build: Report' },
      { id: 'cs2', title: 'Second look' },
      { id: 'cs3', title: 'Build: Report' },
    ]);
    assert.deepEqual(
      [...(labels ?? [])],
      [
        ['cs1', 'Build: Report (1)'],
        ['cs2', 'Second look'],
        ['cs3', 'Build: Report (2)'],
      ],
    );
  });
});
