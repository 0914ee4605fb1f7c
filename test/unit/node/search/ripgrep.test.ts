import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TextSearchQuery } from '../../../../src/core/agent/textSearch';
import { ripgrepText } from '../../../../src/node/search/ripgrep';

/**
 * A stand-in for rg that prints canned `--json` lines (then, optionally, hangs): the parsing, the
 * hit count across files and the time limit, without the binary. The real rg runs in the
 * extension-host suite (agentSearch.test.ts).
 */
function fakeRg(dir: string, lines: object[], hang: boolean): string {
  const file = path.join(dir, 'rg');
  const out = lines.map((l) => JSON.stringify(l)).join('\n');
  fs.writeFileSync(file, `#!/bin/sh\ncat <<'EOF'\n${out}\nEOF\n${hang ? 'exec sleep 30\n' : ''}`, { mode: 0o755 });
  return file;
}

const match = (p: string, line: number, text: string) => ({
  type: 'match',
  data: { path: { text: `./${p}` }, lines: { text: `${text}\n` }, line_number: line },
});
const context = (p: string, line: number, text: string) => ({
  type: 'context',
  data: { path: { text: `./${p}` }, lines: { text: `${text}\r\n` }, line_number: line },
});
const begin = (p: string) => ({ type: 'begin', data: { path: { text: `./${p}` } } });
const end = (p: string) => ({ type: 'end', data: { path: { text: `./${p}` } } });

const query = (more: Partial<TextSearchQuery> = {}): TextSearchQuery => ({
  pattern: 'x',
  isRegex: false,
  ignoreCase: false,
  context: 1,
  maxHits: 200,
  skip: new Set(),
  ...more,
});

describe('ripgrepText: reading rg --json', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-fake-rg-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stream = [
    begin('b.ts'),
    context('b.ts', 1, 'before'),
    match('b.ts', 2, 'x one'),
    context('b.ts', 3, 'after'),
    end('b.ts'),
    begin('.env'),
    match('.env', 1, 'x secret'),
    end('.env'),
    begin('a.ts'),
    match('a.ts', 5, 'x two'),
    context('a.ts', 6, 'between'),
    match('a.ts', 7, 'x three'),
    end('a.ts'),
  ];
  const scope = (searchable = (p: string) => !p.endsWith('/.env')) => ({ roots: [{ absolute: dir, prefix: 'ws/' }], excludes: [], searchable });

  it('groups lines by file, drops denied and skipped files, sorts by path, and is not cut when all came', async () => {
    const found = await ripgrepText(fakeRg(dir, stream, false), scope(), query({ skip: new Set(['ws/b.ts']) }), 10_000);
    assert.deepEqual(found, {
      ok: true,
      value: {
        files: [
          {
            path: 'ws/a.ts',
            matches: 2,
            lines: [
              { line: 5, text: 'x two', match: true },
              { line: 6, text: 'between', match: false },
              { line: 7, text: 'x three', match: true },
            ],
          },
        ],
      },
    });
  });

  it('stops at the match one past the limit and says the result was cut, keeping whole matches', async () => {
    const found = await ripgrepText(fakeRg(dir, stream, true), scope(), query({ maxHits: 2 }), 10_000);
    assert.ok(found.ok);
    assert.deepEqual(found.value.cut, { by: 'hits', limit: 2 });
    assert.deepEqual(
      found.value.files.map((f) => [f.path, f.matches, f.lines.map((l) => l.line)]),
      [
        ['ws/a.ts', 1, [5, 6]],
        ['ws/b.ts', 1, [1, 2, 3]],
      ],
      'the denied .env counts for nothing; a.ts keeps its first match and the context after it',
    );
  });

  it('says it was cut by time when rg runs past the limit, with what it had', async () => {
    const started = Date.now();
    const found = await ripgrepText(fakeRg(dir, stream.slice(0, 5), true), scope(), query(), 300);
    assert.ok(Date.now() - started < 5000, 'the hanging rg was stopped');
    assert.ok(found.ok);
    assert.deepEqual(found.value.cut, { by: 'time', limit: 300 });
    assert.deepEqual(
      found.value.files.map((f) => f.path),
      ['ws/b.ts'],
    );
  });
});
