import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyFilePatch, parsePatch, wholeFilePatch, type FilePatch } from '../../../../src/core/terminalAgents/applyPatch';
import { proposedText } from '../../../../src/core/terminalAgents/toolEdits';

const patch = (...lines: string[]): string => ['*** Begin Patch', ...lines, '*** End Patch', ''].join('\n');

function parsed(text: string): FilePatch {
  const r = parsePatch(text);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function applied(text: string, current: string | null): string {
  const r = applyFilePatch(parsed(text), current);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function refusal(r: { ok: true } | { ok: false; message: string }): string {
  assert.equal(r.ok, false, 'refused');
  return r.ok ? '' : r.message;
}

describe('terminalAgents/applyPatch', () => {
  it('updates a file as Codex does: context and removed lines found in order, added lines in their place', () => {
    const text = patch('*** Update File: src/a.txt', '@@', ' one', '-two', '+TWO', ' three', '@@ five', '-six', '+SIX', '+6');
    assert.equal(applied(text, 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n'), 'one\nTWO\nthree\nfour\nfive\nSIX\n6\nseven\n');
  });

  it('finds an @@ context line first, so a repeated line changes after it, not before', () => {
    const text = patch('*** Update File: a', '@@ def b():', '-    return 1', '+    return 2');
    assert.equal(applied(text, 'def a():\n    return 1\ndef b():\n    return 1\n'), 'def a():\n    return 1\ndef b():\n    return 2\n');
  });

  it('matches lines with other trailing or surrounding whitespace, and typographic punctuation, as Codex does', () => {
    assert.equal(applied(patch('*** Update File: a', '@@', '-x = 1', '+x = 2'), 'x = 1   \n'), 'x = 2\n');
    assert.equal(applied(patch('*** Update File: a', '@@', '-x = 1', '+x = 2'), '   x = 1\n'), 'x = 2\n');
    assert.equal(applied(patch('*** Update File: a', '@@', '-say "a-b"', '+ok'), 'say \u201Ca\u2013b\u201D\n'), 'ok\n');
  });

  it('always ends the result with a newline, keeps CRLF line ends, and places *** End of File hunks at the end', () => {
    assert.equal(applied(patch('*** Update File: a', '@@', '-b', '+B'), 'a\nb'), 'a\nB\n');
    assert.equal(applied(patch('*** Update File: a', '@@', ' a', '-b', '+B'), 'a\r\nb\r\nc\r\n'), 'a\r\nB\r\nc\r\n');
    assert.equal(applied(patch('*** Update File: a', '@@', '-x', '+y', '*** End of File'), 'x\nm\nx\n'), 'x\nm\ny\n');
    assert.equal(applied(patch('*** Update File: a', '@@', '+tail'), 'a\n'), 'a\ntail\n');
    assert.equal(applied(patch('*** Update File: a', '@@', '-a', '+A'), 'a\nb\n\n'), 'A\nb\n\n', 'a last empty line stays');
    assert.equal(applied(patch('*** Update File: a', '@@', '-b', '+B'), 'a\r\nb\nc'), 'a\r\nB\r\nc\r\n', 'each untouched line keeps its own end');
  });

  it('adds a file with its "+" lines (over any text there), and reads an indented or CRLF patch', () => {
    assert.equal(applied(patch('*** Add File: n.txt', '+one', '+', '+two'), null), 'one\n\ntwo\n');
    assert.equal(applied(patch('*** Add File: n.txt', '+x'), 'old\n'), 'x\n');
    assert.equal(applied(`  ${patch('*** Update File: a', '@@', '-a', '+b').replace(/\n/g, '\r\n')}  `, 'a\n'), 'b\n');
    assert.deepEqual(parsed(patch('*** Update File: dir/my file.ts  ', '@@', '-a', '+b')).path, 'dir/my file.ts');
  });

  it('refuses lines or a context that are not in the file, and an update of a missing file, saying what to do', () => {
    assert.match(
      refusal(applyFilePatch(parsed(patch('*** Update File: a', '@@', '-zzz', '+y')), 'a\n')),
      /these lines were not found in a; read the file again:\nzzz/,
    );
    assert.match(refusal(applyFilePatch(parsed(patch('*** Update File: a', '@@ nowhere', '-a', '+b')), 'a\n')), /the line "nowhere" was not found in a/);
    assert.match(refusal(applyFilePatch(parsed(patch('*** Update File: a', '@@', '-a', '+b')), null)), /a does not exist; create it with "\*\*\* Add File: a"/);
  });

  it('refuses a patch of several files, a delete, a move, and one that is not a patch, never applying part of it', () => {
    const two = patch('*** Update File: a', '@@', '-a', '+b', '*** Add File: b', '+x');
    assert.match(refusal(parsePatch(two)), /one file per apply_patch call, and this patch has 2 file sections \(a, b\); send one patch for each file/);
    assert.match(refusal(parsePatch(patch('*** Delete File: a'))), /cannot review deleting a file \(a\)/);
    assert.match(refusal(parsePatch(patch('*** Update File: a', '*** Move to: b', '@@', '-a', '+b'))), /cannot review moving a to b/);
    assert.match(refusal(parsePatch('--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n')), /must start with "\*\*\* Begin Patch"/);
    assert.match(refusal(parsePatch('*** Begin Patch\n*** Update File: a\n@@\n-a\n+b\n')), /must end with "\*\*\* End Patch"/);
    assert.match(refusal(parsePatch(patch())), /changes no file/);
    assert.match(refusal(parsePatch(patch('*** Update File: a'))), /section for a has no changes/);
    assert.match(refusal(parsePatch(patch('*** Update File: a', '@@', '-a', 'oops'))), /in a, a hunk must start with "@@", got "oops"/);
    assert.match(refusal(parsePatch(patch('*** Add File: b', '+x', 'junk'))), /"junk" is not a file header/);
    assert.match(refusal(parsePatch(patch('*** Update File: a', '@@', '-a', '@x', '-b'))), /a hunk must start with "@@", got "@x"/);
    assert.match(refusal(parsePatch(patch('*** Update File: a', 'x'))), /"x" is not a hunk line/);
    assert.match(refusal(parsePatch(patch('*** Frobnicate: a'))), /not a file header/);
    assert.match(refusal(parsePatch(patch('*** Add File: '))), /"\*\*\* Add File:" is not a file header/);
    assert.match(refusal(parsePatch(patch('*** Add File: a\0b', '+x'))), /contains a NUL character/);
  });

  it('proposedText applies an ApplyPatch edit the same way', () => {
    const p = parsed(patch('*** Update File: a', '@@', '-a', '+b'));
    assert.deepEqual(proposedText({ tool: 'ApplyPatch', filePath: '/w/a', patchPath: 'a', patch: p }, 'a\n'), { ok: true, value: 'b\n' });
  });

  it('wholeFilePatch turns any before into any after (with the final newline Codex adds), and a new file into an Add', () => {
    const line = fc.stringMatching(/^[ -~]{0,6}$/);
    const text = fc
      .array(line, { maxLength: 8 })
      .chain((lines) => fc.boolean().map((newline) => (lines.length === 0 ? '' : lines.join('\n') + (newline ? '\n' : ''))));
    fc.assert(
      fc.property(text, text, (before, after) => {
        // Both empty: no change, which the review refuses before any answer.
        fc.pre(before !== '' || after !== '');
        const want = after === '' || after.endsWith('\n') ? after : `${after}\n`;
        const r = applyFilePatch(parsed(wholeFilePatch('dir/a b.txt', before, after)), before);
        assert.deepEqual(r, { ok: true, value: want }, `before ${JSON.stringify(before)} after ${JSON.stringify(after)}`);
      }),
      { numRuns: 500 },
    );
    assert.equal(wholeFilePatch('n.txt', null, 'x\ny\n'), patch('*** Add File: n.txt', '+x', '+y'));
    assert.equal(wholeFilePatch('a', 'a\n', 'b\n'), patch('*** Update File: a', '@@', '-a', '+b'));
  });
});
