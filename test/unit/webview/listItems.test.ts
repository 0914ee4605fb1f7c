import * as assert from 'node:assert/strict';
import type { ReviewFile, ReviewHunk, ReviewState } from '../../../src/shared/reviewProtocol';
import { buildListItems, defaultOrder, type ListItem, type ListOptions } from '../../../webview-ui/review/listItems';
import { ReviewModel } from '../../../webview-ui/review/model';

const hunk = (id: string, file: number, extra: Partial<ReviewHunk> = {}): ReviewHunk => ({
  id,
  file,
  state: 'pending',
  revision: 1,
  oldStart: 1,
  oldLines: 1,
  newStart: 1,
  newLines: 2,
  lines: [
    [1, 'a'],
    [2, 'b'],
    [2, 'c'],
  ],
  flags: [],
  steps: [],
  ...extra,
});

function model(files: ReviewFile[], hunks: ReviewHunk[]): ReviewModel {
  const state: ReviewState = { changesetId: 'cs', header: { title: 't', source: 'api', claimMismatches: [] }, files, hunks, layout: 'unified' };
  const m = new ReviewModel();
  m.load(state);
  return m;
}

const file = (path: string, kind?: ReviewFile['kind']): ReviewFile => ({ path, status: 'modified', language: '', ...(kind ? { kind } : {}) });

/** The list as short strings: `# reason`, `F path`, `= path (lines)`, or a hunk id. */
function shape(m: ReviewModel, items: readonly ListItem[]): string[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'group':
        return `# ${item.intent ? `${item.intent}: ` : ''}${item.reason}`;
      case 'file':
        return `F ${m.files[item.file]?.path}`;
      case 'collapsed':
        return `= ${m.files[item.file]?.path} (${item.lines})${item.expanded ? ' open' : ''}`;
      case 'step':
        return `S ${item.step ?? '-'}`;
      case 'hunk':
        return item.id;
    }
  });
}

const reading = (over: Partial<ListOptions> = {}): ListOptions => ({
  groupByStep: false,
  stepFilter: undefined,
  order: 'reading',
  expanded: new Set(),
  ...over,
});

describe('review webview: the reading order list', () => {
  // package-lock.json first in file order, as paths sort: the order must not follow it.
  const files = [file('package-lock.json', 'lockfile'), file('src/a.ts'), file('src/a.test.ts', 'test')];
  const hunks = [hunk('lock', 0), hunk('src', 1), hunk('wire', 1, { flags: [{ id: 'skip-added', reason: 'a test is skipped' }] }), hunk('test', 2)];

  it('lists the tripwire hunk first, then source, tests, and the lockfile as one line', () => {
    const m = model(files, hunks);
    assert.deepEqual(shape(m, buildListItems(m, reading())), [
      '# flagged: 1 tripwire',
      'F src/a.ts',
      'wire',
      '# source',
      'F src/a.ts',
      'src',
      '# tests',
      'F src/a.test.ts',
      'test',
      '# generated, collapsed',
      '= package-lock.json (3)',
    ]);
  });

  it("lists an opened lockfile's hunks after its line; file order is as before", () => {
    const m = model(files, hunks);
    assert.deepEqual(shape(m, buildListItems(m, reading({ expanded: new Set([0]) }))).slice(-3), [
      '# generated, collapsed',
      '= package-lock.json (3) open',
      'lock',
    ]);
    assert.deepEqual(shape(m, buildListItems(m, reading({ order: 'file' }))), [
      'F package-lock.json',
      'lock',
      'F src/a.ts',
      'src',
      'wire',
      'F src/a.test.ts',
      'test',
    ]);
  });

  it('orders within each plan step when grouped by step, and groups by intent there, riskiest intent first', () => {
    const m = model(files, [
      hunk('lock', 0, { steps: ['s1'] }),
      hunk('src', 1, { steps: ['s1'], intent: 'add login' }),
      hunk('test', 2, { steps: ['s1'], intent: 'cover login' }),
      hunk('later', 1, { steps: ['s2'] }),
    ]);
    assert.deepEqual(shape(m, buildListItems(m, reading({ groupByStep: true }))), [
      'S s1',
      '# add login: source',
      'F src/a.ts',
      'src',
      '# cover login: tests',
      'F src/a.test.ts',
      'test',
      '# generated, collapsed',
      '= package-lock.json (3)',
      'S s2',
      '# source',
      'F src/a.ts',
      'later',
    ]);
  });

  it('is the default when the edits state more than one intent', () => {
    assert.equal(defaultOrder(model(files, [hunk('a', 1, { intent: 'add login' }), hunk('b', 2, { intent: 'cover login' })])), 'reading');
    assert.equal(defaultOrder(model(files, [hunk('a', 1), hunk('b', 2, { intent: 'cover login' })])), 'reading', 'no intent is one of the groups');
    assert.equal(defaultOrder(model(files, hunks)), 'file', 'a changeset that states no intent reads as a diff');
    assert.equal(defaultOrder(model(files, [hunk('a', 1, { intent: 'one' }), hunk('b', 0, { intent: 'one' })])), 'file');
  });
});
