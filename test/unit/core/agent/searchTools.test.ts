import * as assert from 'node:assert/strict';
import { tools } from './toolCalls';

describe('agent tools: search_text and find_files', () => {
  it('searches the proposals as proposed: a changed file in its new text, a deleted one not at all, a created one', async () => {
    const t = tools({ 'src/a.ts': 'const needle = 1;\n', 'src/b.ts': 'needle in b\n', 'src/c.ts': 'nothing here\n' });
    assert.equal((await t.call('propose_edit', { path: 'src/a.ts', old_string: 'needle', new_string: 'thread', step: 's1' })).isError, false);
    assert.equal((await t.call('delete_file', { path: 'src/b.ts', step: 's1' })).isError, false);
    assert.equal((await t.call('create_file', { path: 'src/new.ts', content: 'export const needle = 2;\n', step: 's1' })).isError, false);
    assert.equal((await t.call('propose_edit', { path: 'src/c.ts', old_string: 'nothing', new_string: 'a needle', step: 's1' })).isError, false);
    const found = await t.call('search_text', { pattern: 'needle' });
    assert.equal(found.isError, false, found.content);
    assert.equal(found.content, 'src/c.ts:1: a needle here\nsrc/new.ts:1: export const needle = 2;', 'the overlay is what is searched');
    assert.deepEqual(
      [...(t.files.searches[0]?.skip ?? [])].sort(),
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/new.ts'],
      'the disk is not searched for proposed files',
    );
    const thread = await t.call('search_text', { pattern: 'THREAD', ignore_case: true });
    assert.equal(thread.content, 'src/a.ts:1: const thread = 1;');
    // Even a port that searched a proposed file on disk anyway does not bring its stale text back.
    t.files.searchText = async () => ({
      ok: true,
      value: { files: [{ path: 'src/b.ts', matches: 1, lines: [{ line: 1, text: 'needle in b', match: true }] }] },
    });
    assert.equal((await t.call('search_text', { pattern: 'needle', glob: 'src/b.ts' })).content, 'no matches for needle');
  });

  it('says when the result was cut by the hit limit, and not when it was not', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `hit ${i}`).join('\n');
    const t = tools({ 'a.txt': many, 'b.txt': 'hit b\n' });
    const cut = await t.call('search_text', { pattern: 'hit', head_limit: 10 });
    assert.equal(cut.content.split('\n').filter((l) => l.startsWith('a.txt:')).length, 10);
    assert.match(cut.content, /\[cut: stopped at the limit of 10 matching lines; there are more/);
    const exact = await t.call('search_text', { pattern: 'hit', head_limit: 31 });
    assert.doesNotMatch(exact.content, /cut/, 'exactly the limit is not a cut');
    const files = await t.call('search_text', { pattern: 'hit', output_mode: 'files_with_matches', head_limit: 1 });
    assert.equal(files.content, 'a.txt\n[cut: stopped at the limit of 1 files; there are more. Narrow the pattern or the glob, or raise head_limit]');
    const count = await t.call('search_text', { pattern: 'hit', output_mode: 'count' });
    assert.equal(count.content, 'a.txt:30\nb.txt:1\n31 matching lines in 2 files');
  });

  it('says when the disk search was cut by time or by its file limit', async () => {
    const t = tools({ 'a.txt': 'x\n' });
    t.files.searchText = async () => ({ ok: true, value: { files: [], cut: { by: 'time', limit: 5000 } } });
    assert.match((await t.call('search_text', { pattern: 'x' })).content, /^no matches for x\n\[cut: the search stopped after 5000 ms/);
    t.files.searchText = async () => ({ ok: true, value: { files: [], cut: { by: 'files', limit: 50000 } } });
    assert.match((await t.call('search_text', { pattern: 'x' })).content, /\[cut: searched only the first 50000 files/);
  });

  it('shows context lines in ripgrep layout and filters by a glob at any depth', async () => {
    const t = tools({ 'src/deep/a.ts': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n', 'a.md': 'three\n' });
    const found = await t.call('search_text', { pattern: 't(wo|hree)|six', is_regex: true, context: 1, glob: '*.ts' });
    assert.equal(
      found.content,
      [
        'src/deep/a.ts-1- one',
        'src/deep/a.ts:2: two',
        'src/deep/a.ts:3: three',
        'src/deep/a.ts-4- four',
        'src/deep/a.ts-5- five',
        'src/deep/a.ts:6: six',
        'src/deep/a.ts-7- seven',
      ].join('\n'),
    );
    const gap = await t.call('search_text', { pattern: 'one|seven', is_regex: true, glob: 'src/**/*.ts' });
    assert.equal(gap.content, 'src/deep/a.ts:1: one\n--\nsrc/deep/a.ts:7: seven', 'a gap between groups is marked');
  });

  it('find_files: proposals in, deleted files out, cut said', async () => {
    const t = tools({ 'src/a.ts': '', 'src/b.ts': '', 'src/c.ts': '', 'README.md': '' });
    await t.call('delete_file', { path: 'src/b.ts', step: 's1' });
    await t.call('create_file', { path: 'src/d/new.ts', content: 'x\n', step: 's1' });
    assert.equal((await t.call('find_files', { glob: '*.ts' })).content, 'src/a.ts\nsrc/c.ts\nsrc/d/new.ts');
    assert.equal((await t.call('find_files', { glob: '*.ts', sort: 'mtime' })).content.split('\n')[0], 'src/d/new.ts', 'a proposal is the newest file');
    assert.equal(
      (await t.call('find_files', { glob: 'src/**', limit: 2 })).content,
      'src/a.ts\nsrc/c.ts\n[cut: stopped at the limit of 2 files; there are more. Narrow the pattern or the glob, or raise limit]',
    );
  });
});

describe('agent tools: read_file', () => {
  it('numbers lines, gives the length, reads a range, and says how to read on when it stops short', async () => {
    const long = Array.from({ length: 2500 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const t = tools({ 'a.txt': 'alpha\r\nbeta\r\n', 'long.txt': long });
    assert.equal((await t.call('read_file', { path: 'a.txt' })).content, '[a.txt: lines 1-2 of 2]\n1\talpha\n2\tbeta');
    assert.equal(
      (await t.call('read_file', { path: 'long.txt', start_line: 9, end_line: 10 })).content,
      '[long.txt: lines 9-10 of 2500]\n 9\tline 9\n10\tline 10',
    );
    const first = await t.call('read_file', { path: 'long.txt' });
    assert.match(first.content, /^\[long\.txt: lines 1-2000 of 2500; the read stopped at line 2000, read on with start_line=2001\]\n   1\tline 1\n/);
    const rest = await t.call('read_file', { path: 'long.txt', start_line: 2001 });
    assert.match(rest.content, /^\[long\.txt: lines 2001-2500 of 2500\]\n2001\tline 2001\n/);
    assert.match((await t.call('read_file', { path: 'long.txt', start_line: 2501 })).content, /has 2500 lines; start_line 2501 is past the end/);
  });
});
