import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TextSearchQuery } from '../../../../src/core/agent/textSearch';
import { createDiskSearch } from '../../../../src/node/search/diskSearch';
import type { SearchScope } from '../../../../src/node/search/scope';
import { timedSearch } from '../../../../src/node/search/timedSearch';
import { generateRepo, type GeneratedRepo, NEEDLE } from '../../../fixtures/search/generatedRepo';

const query = (pattern: string, more: Partial<TextSearchQuery> = {}): TextSearchQuery => ({
  pattern,
  isRegex: false,
  ignoreCase: false,
  context: 0,
  maxHits: 200,
  skip: new Set(),
  ...more,
});
const scopeOf = (root: string, more: Partial<SearchScope> = {}): SearchScope => ({
  roots: [{ absolute: root, prefix: '' }],
  excludes: [],
  searchable: () => true,
  ...more,
});

function writeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-search-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('disk search without ripgrep (the JavaScript fallback)', () => {
  // 2,000 files keep the unit suite quick; the extension-host test runs rg over the full 20,000.
  describe('a generated repository of 2,000 files', () => {
    let repo: GeneratedRepo;
    before(function () {
      this.timeout(120_000);
      repo = generateRepo({ count: 2000, needleAt: 1900 });
    });
    after(() => repo.remove());

    it('finds the needle in file 1,900 and not under the gitignored dist/', async function () {
      this.timeout(120_000);
      const search = createDiskSearch({ patterns: timedSearch(), timeLimitMs: 100_000 });
      const found = await search.searchText(scopeOf(repo.root), query(NEEDLE));
      assert.ok(found.ok, found.ok ? '' : found.message);
      assert.deepEqual(
        found.value,
        {
          files: [{ path: repo.needleFile, matches: 1, lines: [{ line: repo.needleLine, text: `  const ${NEEDLE} = input.id * ${1900 % 13};`, match: true }] }],
        },
        'one hit, in file 1,900; dist/bundle.js and debug.log are ignored',
      );
      const listed = await search.findFiles(scopeOf(repo.root), { glob: '{dist/**,*.log}', limit: 10, sort: 'path' });
      assert.deepEqual(listed, { ok: true, value: { paths: [] } }, 'find_files leaves ignored files out too');
    });
  });

  it('says when it was cut: by hits (only when there are more), by its file limit, by time', async () => {
    const root = writeTree({ 'a.txt': 'hit\nhit\n', 'b.txt': 'hit\n', 'c.txt': 'miss\n' });
    try {
      const search = createDiskSearch({ patterns: timedSearch(), maxFiles: 2 });
      const files = await search.searchText(scopeOf(root), query('hit'));
      assert.deepEqual(files.ok && files.value.cut, { by: 'files', limit: 2 });
      const wide = createDiskSearch({ patterns: timedSearch() });
      const hits = await wide.searchText(scopeOf(root), query('hit', { maxHits: 2 }));
      assert.deepEqual(hits.ok && hits.value, {
        files: [
          {
            path: 'a.txt',
            matches: 2,
            lines: [
              { line: 1, text: 'hit', match: true },
              { line: 2, text: 'hit', match: true },
            ],
          },
        ],
        cut: { by: 'hits', limit: 2 },
      });
      const exact = await wide.searchText(scopeOf(root), query('hit', { maxHits: 3 }));
      assert.equal(exact.ok && exact.value.cut, undefined, 'exactly the limit is all there is');
      const slow = createDiskSearch({ patterns: timedSearch(), timeLimitMs: -1 });
      const time = await slow.searchText(scopeOf(root), query('hit'));
      assert.deepEqual(time.ok && time.value.cut, { by: 'time', limit: -1 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('honours nested .gitignore files (a deeper !rule re-includes), files.exclude, the deny list and skip', async () => {
    const root = writeTree({
      '.gitignore': '*.gen.ts\nbuild/\n',
      'src/.gitignore': '!keep.gen.ts\n',
      'src/keep.gen.ts': 'x\n',
      'src/drop.gen.ts': 'x\n',
      'lib/other.gen.ts': 'x\n',
      'build/out.ts': 'x\n',
      'node_modules/dep/index.ts': 'x\n',
      'out/excluded.ts': 'x\n',
      'secret.env.ts': 'x\n',
      'src/proposed.ts': 'x\n',
      'src/plain.ts': 'x\n',
      '.github/workflow.ts': 'x\n',
    });
    try {
      const search = createDiskSearch({ patterns: timedSearch() });
      const scope = scopeOf(root, { excludes: ['**/out'], searchable: (p) => !p.includes('secret') });
      const found = await search.searchText(scope, query('x', { skip: new Set(['src/proposed.ts']) }));
      assert.ok(found.ok);
      assert.deepEqual(
        found.value.files.map((f) => f.path),
        ['.github/workflow.ts', 'src/keep.gen.ts', 'src/plain.ts'],
      );
      const listed = await search.findFiles(scope, { glob: '*.ts', limit: 10, sort: 'path' });
      assert.deepEqual(listed.ok && listed.value.paths, ['.github/workflow.ts', 'src/keep.gen.ts', 'src/plain.ts', 'src/proposed.ts']);
      const cut = await search.findFiles(scope, { glob: '*.ts', limit: 2, sort: 'path' });
      assert.deepEqual(cut.ok && cut.value, { paths: ['.github/workflow.ts', 'src/keep.gen.ts'], cut: { by: 'hits', limit: 2 } });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps the regular expression time limit', async () => {
    const root = writeTree({ 'a.txt': `${'a'.repeat(40)}b\n` });
    try {
      const search = createDiskSearch({ patterns: timedSearch(150) });
      const found = await search.searchText(scopeOf(root), query('^(a+)+$', { isRegex: true }));
      assert.equal(!found.ok && found.code, 'E_REGEX_TIMEOUT');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
