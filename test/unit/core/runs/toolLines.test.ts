import * as assert from 'node:assert/strict';
import { layoutInput, toolLine } from '../../../../src/core/runs/toolLines';

const ok = (content: string) => ({ isError: false, content });

describe('runs: a tool call in one line', () => {
  it('tells every tool of the registry in words, with what its result says', () => {
    const cases: [string, Parameters<typeof toolLine>, string][] = [
      ['read_file, whole file', ['read_file', { path: 'src/truncate.ts' }, ok('[src/truncate.ts: lines 1-80 of 80]\n 1\tx')], 'Read `src/truncate.ts` 1–80'],
      ['read_file, part', ['read_file', { path: 'a.ts', start_line: 5 }, ok('[a.ts: lines 5-9 of 120]\n5\tx')], 'Read `a.ts` 5–9 of 120'],
      ['read_file, before its result', ['read_file', { path: 'a.ts', start_line: 5, end_line: 9 }], 'Read `a.ts` 5–9'],
      ['list_dir', ['list_dir', { path: 'src' }, ok('a.ts\nlib/')], 'Listed `src` (2 entries)'],
      ['find_files', ['find_files', { glob: 'src/**/*.ts' }, ok('src/a.ts\nsrc/b.ts\nsrc/c.ts')], 'Found files matching `src/**/*.ts` (3)'],
      ['find_files, none', ['find_files', { glob: '*.rs' }, ok('no files match *.rs')], 'Found files matching `*.rs` (none)'],
      [
        'search_text',
        ['search_text', { pattern: 'foo', glob: 'src/**' }, ok('src/a.ts:3: foo()\nsrc/a.ts-4- bar\n--\nsrc/b.ts:9: foo')],
        'Searched for `foo` in `src/**` (2 hits)',
      ],
      [
        'search_text, cut',
        ['search_text', { pattern: 'x' }, ok('a:1: x\n[cut: stopped at the limit of 1 matching lines; there are more.]')],
        'Searched for `x` in the workspace (1 hit+)',
      ],
      ['search_text, nothing', ['search_text', { pattern: 'zz' }, ok('no matches for zz')], 'Searched for `zz` in the workspace (no hits)'],
      [
        'search_text, count mode',
        ['search_text', { pattern: 'x', output_mode: 'count' }, ok('a:3\nb:4\n7 matching lines in 2 files')],
        'Searched for `x` in the workspace (7 hits)',
      ],
      ['ask_user', ['ask_user', { question: 'Keep the old name?' }, ok('The user answered: yes')], 'Asked: Keep the old name? (answered)'],
      ['view_changeset', ['view_changeset', {}, ok('diff')], 'Viewed the proposed changes'],
      [
        'propose_edit',
        ['propose_edit', { path: 'src/slugify.ts', old_string: 'a\nb\nc', new_string: 'a\nB\nx\ny\nc', step: 's2' }],
        'Edited `src/slugify.ts` (+3 −1), step s2',
      ],
      [
        'propose_edits',
        [
          'propose_edits',
          {
            path: 'a.ts',
            edits: [
              { old_string: 'x', new_string: 'y' },
              { old_string: 'p\nq', new_string: '' },
            ],
            step: 's1',
          },
        ],
        'Edited `a.ts` (+1 −3, 2 edits), step s1',
      ],
      ['create_file', ['create_file', { path: 'b.ts', content: 'one\ntwo\n', step: 's1' }], 'Created `b.ts` (+2), step s1'],
      ['write_file', ['write_file', { path: 'b.ts', content: 'one', step: 's1' }], 'Wrote `b.ts` (1 line), step s1'],
      ['delete_file', ['delete_file', { path: 'old.ts', step: 's3' }], 'Deleted `old.ts`, step s3'],
      ['rename_file', ['rename_file', { from: 'a.ts', to: 'b.ts', step: 's1' }], 'Moved `a.ts` to `b.ts`, step s1'],
      ['set_step_status', ['set_step_status', { step: 's1', status: 'done' }], 'Set step s1 done'],
      ['set_step_status, note', ['set_step_status', { step: 's2', status: 'in_progress', note: 'half way' }], 'Set step s2 in progress — half way'],
      [
        'run_check by number',
        [
          'run_check',
          { check: '1' },
          ok('npm test (npm test): exit code 0\nok'),
          { name: 'npm test', outcome: { exitCode: 0, output: 'ok', timedOut: false, durationMs: 4_200 } },
        ],
        'Ran check 1 `npm test`: exit 0 (4.2 s)',
      ],
      [
        'run_check timed out',
        ['run_check', { check: 'npm test' }, ok('…'), { name: 'npm test', outcome: { exitCode: null, output: '', timedOut: true } }],
        'Ran check `npm test`: timed out',
      ],
      ['run_command', ['run_command', { command: 'git log -1' }, ok('$ git log -1\nexit code 0, 0.3 s\nabc')], 'Ran `git log -1`: exit 0 (0.3 s)'],
      [
        'a failure',
        ['propose_edit', { path: 'a.ts', old_string: 'x', new_string: 'y', step: 's1' }, { isError: true, content: 'no match' }],
        'Edited `a.ts` (+1 −1), step s1 — failed',
      ],
      ['an unknown tool', ['mystery', { a: 1 }], 'mystery {"a":1}'],
    ];
    for (const [what, args, expected] of cases) assert.equal(toolLine(...args), expected, what);
  });

  it('keeps the line one line and its code spans closed, whatever the input holds', () => {
    const line = toolLine('search_text', { pattern: 'a`b\nsecond line', glob: 'x' }, ok('no matches'));
    assert.ok(!line.includes('\n'), `the line has a newline: ${line}`);
    assert.equal(line.split('`').length % 2, 1, `a backtick in the input leaves a span open: ${line}`);
  });

  it('lays the input out with real newlines, a long string under its key and a list numbered', () => {
    assert.deepEqual(layoutInput({ path: 'a.ts', old_string: 'one\ntwo', edits: [{ new_string: 'x' }], replace_all: true }), [
      'path: a.ts',
      'old_string:',
      '  one',
      '  two',
      'edits:',
      '  1.',
      '    new_string: x',
      'replace_all: true',
    ]);
  });
});
