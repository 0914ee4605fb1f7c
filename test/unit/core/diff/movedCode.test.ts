import * as assert from 'node:assert/strict';
import { findMoves, packMoveInput, packMoves, unpackMoves } from '../../../../src/core/diff/movedCode';
import { isWhitespaceOnly } from '../../../../src/core/diff/whitespaceOnly';
import { hunksOf, moves } from './moveHunks';

const body = ['function parse(input: string) {', '  const parts = input.split(",");', '  return parts.map((p) => p.trim());', '}'];
const lines = (xs: readonly string[]): string => xs.map((l) => `${l}\n`).join('');

describe('moved code', () => {
  it('finds a function cut from one file and pasted in another, as one whole move with its source line', () => {
    const a = ['// a', 'export const one = 1;', ...body, 'export const two = 2;'];
    const b = ['// b', 'export const three = 3;'];
    const hunks = hunksOf([
      { path: 'a.ts', base: lines(a), proposed: lines(a.filter((l) => !body.includes(l))) },
      { path: 'b.ts', base: lines(b), proposed: lines([...b, ...body]) },
    ]);
    const found = moves(hunks);
    assert.equal(found.length, 1, `one move expected, got ${JSON.stringify(found)}`);
    const [m] = found;
    assert.deepEqual(
      { from: m?.from, to: m?.to, reindented: m?.reindented, whole: m?.whole },
      { from: { hunk: 0, file: 0, line: 3, count: 4 }, to: { hunk: 1, file: 1, line: 3, count: 4 }, reindented: false, whole: true },
    );
  });

  it('marks a re-indented move and finds moves within one file', () => {
    const indented = body.map((l) => `  ${l}`);
    const text = ['class A {', '  x = 1;', '}', ...body, '// end'];
    const moved = ['class A {', '  x = 1;', ...indented, '}', '// end'];
    const found = moves(hunksOf([{ path: 'a.ts', base: lines(text), proposed: lines(moved) }]));
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]?.reindented, true, 'the block gained two spaces of indentation');
    assert.equal(found[0]?.from.file, found[0]?.to.file, 'a move within one file');
  });

  it('does not report fewer than three non-blank lines, nor three lines of punctuation', () => {
    const short = ['alpha = computeAlpha(1);', 'beta = computeBeta(2);'];
    const braces = ['}', '}', '}', '});'];
    for (const block of [short, braces]) {
      const found = moves(
        hunksOf([
          { path: 'a.ts', base: lines(['keep a', ...block, 'keep b']), proposed: lines(['keep a', 'keep b']) },
          { path: 'b.ts', base: lines(['keep c']), proposed: lines(['keep c', ...block]) },
        ]),
      );
      assert.deepEqual(found, [], `${JSON.stringify(block)} is too small to be a move`);
    }
  });

  it('marks a move that is only part of a hunk as not whole', () => {
    const a = ['// a', ...body, 'export const two = 2;'];
    const hunks = hunksOf([
      { path: 'a.ts', base: lines(a), proposed: lines(['// a', 'export const changed = 2;']) },
      { path: 'b.ts', base: lines(['// b']), proposed: lines(['// b', ...body]) },
    ]);
    const found = moves(hunks);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]?.whole, false, 'the removing hunk also changes another line');
  });

  it('counts a move whole when only blank lines around it differ between the two sides', () => {
    const found = moves(
      hunksOf([
        { path: 'a.ts', base: lines(['// a', ...body, '', '// end']), proposed: lines(['// a', '// end']) },
        { path: 'b.ts', base: lines(['// b']), proposed: lines(['// b', '', ...body]) },
      ]),
    );
    assert.deepEqual(
      found.map((m) => [m.from.line, m.to.line, m.whole]),
      [[2, 3, true]],
    );
  });

  it('round-trips moves through the packed form the worker answers with', () => {
    const input = packMoveInput(
      hunksOf([
        { path: 'a.ts', base: lines(['x', ...body]), proposed: lines(['x']) },
        { path: 'b.ts', base: null, proposed: lines(body) },
      ]),
    );
    const found = findMoves(input);
    assert.equal(found.length, 1);
    assert.deepEqual(unpackMoves(packMoves(found), input.hunkFiles), found);
  });

  it('keeps line numbers right when a line holds a stray newline', () => {
    const input = packMoveInput([{ file: 0, oldStart: 1, newStart: 1, lines: [[1, 'a\nb'], ...body.map((l) => [1, l] as const)] }]);
    assert.equal(input.texts.join('\n').split('\n').length, input.lines.length / 3, 'one packed text line per changed line');
  });
});

describe('whitespace-only hunks', () => {
  it('are hunks whose lines differ only in indentation or runs of spaces', () => {
    assert.equal(
      isWhitespaceOnly([
        [0, 'x'],
        [1, 'a  =  1;'],
        [1, '\tb();'],
        [2, '  a = 1;'],
        [2, 'b();  '],
      ]),
      true,
    );
  });
  it('are not hunks that remove whitespace inside a line, change a word, or only add', () => {
    assert.equal(
      isWhitespaceOnly([
        [1, 'say("a b")'],
        [2, 'say("ab")'],
      ]),
      false,
      'whitespace removed inside a line may change a string',
    );
    assert.equal(
      isWhitespaceOnly([
        [1, 'a = 1;'],
        [2, 'a = 2;'],
      ]),
      false,
    );
    assert.equal(isWhitespaceOnly([[2, '   ']]), false, 'an added blank line is a change');
    assert.equal(
      isWhitespaceOnly([
        [1, 'a'],
        [2, 'a'],
        [2, 'a'],
      ]),
      false,
      'a line added is a change',
    );
  });
});
