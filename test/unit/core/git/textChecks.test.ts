import * as assert from 'node:assert/strict';
import { needsFilters, parseCheckAttr } from '../../../../src/core/git/filters';
import { conflictMarkerLine } from '../../../../src/core/git/textChecks';

describe('conflict markers', () => {
  it('finds a complete conflict block, with LF or CRLF', () => {
    assert.equal(conflictMarkerLine('a\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\nb\n'), 2);
    assert.equal(conflictMarkerLine('<<<<<<< HEAD\r\nours\r\n=======\r\ntheirs\r\n>>>>>>> b\r\n'), 1);
    assert.equal(conflictMarkerLine('<<<<<<<\nx\n=======\ny\n>>>>>>>'), 1, 'bare markers, no final newline');
  });

  it('ignores lone or out-of-order markers (a Markdown rule, a diff in a test fixture)', () => {
    assert.equal(conflictMarkerLine('title\n=======\n'), undefined);
    assert.equal(conflictMarkerLine('>>>>>>> x\n=======\n<<<<<<< y\n'), undefined);
    assert.equal(conflictMarkerLine('  <<<<<<< indented\n=======\n>>>>>>> x\n'), undefined);
    assert.equal(conflictMarkerLine('<<<<<<<< eight\n=======\n>>>>>>> x\n'), undefined);
  });
});

describe('which index texts need git filters', () => {
  const lf = { nativeEol: 'lf' as const };
  const attrs = (o: Record<string, string>) => new Map(Object.entries(o));

  it('plain files on a default configuration are read raw', () => {
    assert.equal(needsFilters(attrs({ filter: 'unspecified', text: 'unspecified', eol: 'unspecified' }), lf), false);
  });

  it('autocrlf, eol=crlf, a filter, ident or an encoding need the filtered read', () => {
    assert.equal(needsFilters(attrs({}), { ...lf, autocrlf: 'true' }), true);
    assert.equal(needsFilters(attrs({ eol: 'crlf' }), lf), true);
    assert.equal(needsFilters(attrs({ filter: 'lfs' }), lf), true);
    assert.equal(needsFilters(attrs({ ident: 'set' }), lf), true);
    assert.equal(needsFilters(attrs({ 'working-tree-encoding': 'UTF-16' }), lf), true);
    assert.equal(needsFilters(attrs({ text: 'auto' }), { ...lf, eol: 'crlf' }), true);
    assert.equal(needsFilters(attrs({ text: 'set' }), { nativeEol: 'crlf', eol: 'native' }), true);
  });

  it('-text turns line-ending conversion off', () => {
    assert.equal(needsFilters(attrs({ text: 'unset' }), { ...lf, autocrlf: 'true' }), false);
  });

  it('parses check-attr -z output', () => {
    const parsed = parseCheckAttr('a b.txt\0filter\0unspecified\0a b.txt\0text\0set\0c\0eol\0crlf\0');
    assert.deepEqual(
      [...parsed.get('a b.txt')!],
      [
        ['filter', 'unspecified'],
        ['text', 'set'],
      ],
    );
    assert.equal(parsed.get('c')?.get('eol'), 'crlf');
  });
});
