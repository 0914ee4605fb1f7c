import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeHunks, type DiffHunk } from '../../../fixtures/computeHunks';
import { splitLines } from '../../../../src/core/text/lines';

const FIXTURES = join(__dirname, '../../../fixtures/diff');

function fixture(name: string): { base: string; proposed: string } {
  return { base: readFileSync(join(FIXTURES, name, 'base.txt'), 'utf8'), proposed: readFileSync(join(FIXTURES, name, 'proposed.txt'), 'utf8') };
}

function hunks(base: string, proposed: string, context = 3): DiffHunk[] {
  const r = computeHunks(base, proposed, { context, path: 'f' });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

/** Applies hunks by their headers alone, checking each old side against the base. */
function apply(base: string, hs: readonly DiffHunk[]): string {
  const lines = splitLines(base);
  const out: string[] = [];
  let at = 0;
  for (const h of hs) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    out.push(...lines.slice(at, start));
    assert.deepEqual(
      h.lines.filter((l) => l.kind !== 'added').map((l) => l.text + l.eol),
      lines.slice(start, start + h.oldLines),
      `old side of ${h.id} must match the base`,
    );
    out.push(...h.lines.filter((l) => l.kind !== 'removed').map((l) => l.text + l.eol));
    at = start + h.oldLines;
  }
  return [...out, ...lines.slice(at)].join('');
}

function gitHeaders(base: string, proposed: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'redline-diff-'));
  try {
    writeFileSync(join(dir, 'a'), base);
    writeFileSync(join(dir, 'b'), proposed);
    let out = '';
    try {
      execFileSync('git', ['diff', '--no-index', '--no-color', '-U3', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      // git diff --no-index exits 1 when the files differ; its stdout is the diff.
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    return out
      .split('\n')
      .filter((l) => l.startsWith('@@'))
      .map((l) => l.replace(/ @@.*$/, ' @@'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function header(h: DiffHunk): string {
  const range = (s: number, n: number): string => (n === 1 ? `${s}` : `${s},${n}`);
  return `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`;
}

describe('core/changeset computeHunks', () => {
  for (const name of readdirSync(FIXTURES).filter((n) => !n.includes('.'))) {
    it(`fixture '${name}': the hunks turn base into proposed, byte for byte`, () => {
      const { base, proposed } = fixture(name);
      assert.equal(apply(base, hunks(base, proposed)), proposed, `${name}: applying the hunks must give the proposed text`);
    });
  }

  for (const name of ['crlf', 'no-final-newline', 'bom', 'tabs', 'long-lines', 'mixed-eol', 'to-no-newline']) {
    it(`fixture '${name}': same hunk headers as git diff`, () => {
      const { base, proposed } = fixture(name);
      assert.deepEqual(hunks(base, proposed).map(header), gitHeaders(base, proposed), `${name}: headers differ from git's`);
    });
  }

  it('keeps CR, tabs and a missing final newline in the lines', () => {
    const [crlf] = hunks(fixture('crlf').base, fixture('crlf').proposed);
    assert.ok(
      crlf?.lines.every((l) => l.eol === '\r\n'),
      'every CRLF line keeps \\r\\n',
    );
    const [nfn] = hunks('a\nb', 'a\nc');
    assert.deepEqual(
      nfn?.lines.map((l) => [l.kind, l.text, l.eol]),
      [
        ['context', 'a', '\n'],
        ['removed', 'b', ''],
        ['added', 'c', ''],
      ],
      'last line without newline',
    );
  });

  it('ids are stable: the same change keeps its id when other hunks change', () => {
    const base = Array.from({ length: 40 }, (_, i) => `l${i}\n`).join('');
    const one = base.replace('l5\n', 'L5\n').replace('l30\n', 'L30\n');
    const two = base.replace('l5\n', 'X5\n').replace('l30\n', 'L30\n').replace('l0\n', 'l0\nnew\n');
    const a = hunks(base, one);
    const b = hunks(base, two);
    assert.equal(a.length, 2, 'two separate hunks');
    assert.equal(a[1]?.id, b[b.length - 1]?.id, 'the unchanged l30 hunk keeps its id although it moved and its neighbour changed');
    assert.notEqual(a[0]?.id, b[0]?.id, 'a different change gets a different id');
    const twins = hunks('x\n' + 'k\n'.repeat(10) + 'x\n', 'y\n' + 'k\n'.repeat(10) + 'y\n');
    assert.equal(new Set(twins.map((h) => h.id)).size, 2, 'identical changes get distinct ids');
  });

  it('marks changed words on the most similar pair of lines', () => {
    const [h] = hunks('const total = price * count;\nunrelated line here\n', 'completely different text\nconst total = price * amount;\n');
    const removed = h?.lines.find((l) => l.text.startsWith('const'));
    const added = h?.lines.find((l) => l.kind === 'added' && l.text.startsWith('const'));
    assert.deepEqual(removed?.emphasis, [[22, 27]], "the removed line emphasises 'count'");
    assert.deepEqual(added?.emphasis, [[22, 28]], "the paired added line emphasises 'amount'");
    assert.equal(h?.lines.find((l) => l.text.startsWith('completely'))?.emphasis, undefined, 'an unpaired line has no emphasis');
  });

  it('refuses binary text', () => {
    const r = computeHunks('a\0b', 'a');
    assert.ok(!r.ok && r.code === 'E_BINARY' && /base text/.test(r.message), 'NUL in the base is refused, naming the base');
  });

  it('computes a 10,000-line file with 1,000 scattered changes exactly, each changed line one removal and one addition', () => {
    // Speed is measured by `npm run bench`, never here; this checks the large case is exact and as
    // small as the changes allow.
    const base = Array.from({ length: 10_000 }, (_, i) => `line ${i}: value = compute(${i * 7}, "${i % 13}");\n`);
    const proposed = base.slice();
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const touched = new Set<number>();
    while (touched.size < 1000) touched.add(Math.floor(rnd() * base.length));
    for (const i of touched) proposed[i] = `line ${i}: value = compute(${i * 7} + 1, "${i % 13}");\n`;
    const b = base.join('');
    const p = proposed.join('');
    const result = hunks(b, p);
    assert.equal(apply(b, result), p, 'the big diff must still be exact');
    const removed = result.reduce((n, h) => n + h.lines.filter((l) => l.kind === 'removed').length, 0);
    const added = result.reduce((n, h) => n + h.lines.filter((l) => l.kind === 'added').length, 0);
    assert.deepEqual([removed, added], [1000, 1000], 'each changed line is one removal and one addition, nothing more');
  });
});
