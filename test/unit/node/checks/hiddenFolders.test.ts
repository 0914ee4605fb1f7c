import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hiddenPaths } from '../../../../src/node/checks/hiddenPaths';

describe("checks/hidden paths: the window's other workspace folders", () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redline-hidden-others-'));
    for (const rel of ['home/.keep', 'ws/a.txt', 'api/.env', 'web/.env']) {
      await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await fs.writeFile(path.join(dir, rel), 'x');
    }
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('hides every other folder that exists, and never one holding the home folder, the copy or everything', async () => {
    const home = path.join(dir, 'home');
    const hidden = await hiddenPaths({
      root: path.join(dir, 'ws'),
      home,
      copyDir: path.join(dir, 'copy'),
      refersTo: [],
      env: {},
      hostEnv: {},
      hide: [path.join(dir, 'api'), path.join(dir, 'web'), path.join(dir, 'missing'), '/', dir, path.join(dir, 'copy')],
    });
    const under = hidden.dirs.filter((d) => d.startsWith(dir)).sort();
    assert.deepEqual(under, [path.join(dir, 'api'), home, path.join(dir, 'web'), path.join(dir, 'ws')]);
    assert.ok(!hidden.dirs.includes('/'), 'the whole file system was hidden');
  });
});
