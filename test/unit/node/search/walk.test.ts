import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { walkable } from '../../../../src/node/search/walk';

describe('walkable: whether a search may start in a folder (rg searches a folder it is given, ignored or not)', () => {
  it('refuses a folder that is ignored, under an ignored one, always excluded, in files.exclude or denied', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-walkable-'));
    try {
      fs.writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
      fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
      fs.writeFileSync(path.join(root, 'pkg', '.gitignore'), 'gen/\n');
      const scope = { roots: [], excludes: ['**/out'], searchable: (p: string) => !p.startsWith('.aws') };
      const at = (folder: string) => walkable({ absolute: root, prefix: '' }, scope, folder);
      assert.equal(await at('.'), true);
      assert.equal(await at('src/deep'), true);
      assert.equal(await at('dist'), false, 'ignored by the root .gitignore');
      assert.equal(await at('dist/sub'), false, 'under an ignored folder');
      assert.equal(await at('pkg/gen/x'), false, 'ignored by a nested .gitignore');
      assert.equal(await at('gen'), true, 'a nested .gitignore rules only under its folder');
      assert.equal(await at('a/node_modules/b'), false);
      assert.equal(await at('x/out'), false);
      assert.equal(await at('.aws'), false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
