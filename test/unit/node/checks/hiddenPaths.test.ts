import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hiddenPaths } from '../../../../src/node/checks/hiddenPaths';

describe('checks/hidden paths', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'redline-hidden-'));
    for (const rel of ['home/.ssh/id_rsa', 'home/.npmrc', 'ws/node_modules/x/index.js']) {
      await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await fs.writeFile(path.join(dir, rel), 'x');
    }
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('hides the workspace and the credentials that exist, and lets the copy reach what it links to', async () => {
    const home = path.join(dir, 'home');
    const ws = path.join(dir, 'ws');
    const hidden = await hiddenPaths({
      root: ws,
      home,
      copyDir: path.join(dir, 'copy'),
      refersTo: [path.join(ws, 'node_modules'), path.join(ws, 'gone'), path.join(dir, 'elsewhere')],
    });
    assert.deepEqual(hidden.dirs, [ws, path.join(home, '.ssh')]);
    assert.deepEqual(hidden.files, [path.join(home, '.npmrc')]);
    assert.deepEqual(hidden.readOnly, [path.join(ws, 'node_modules')], 'only existing references inside the hidden workspace');
  });

  it('leaves the workspace visible when hiding it would hide the home folder, the copy or everything', async () => {
    const home = path.join(dir, 'home');
    for (const root of ['/', dir, home]) {
      const hidden = await hiddenPaths({ root, home, copyDir: path.join(dir, 'copy'), refersTo: [] });
      assert.ok(!hidden.dirs.includes(root), `${root} was hidden`);
    }
    const copyInside = await hiddenPaths({ root: path.join(dir, 'ws'), home, copyDir: path.join(dir, 'ws', 'tmp', 'copy'), refersTo: [] });
    assert.ok(!copyInside.dirs.includes(path.join(dir, 'ws')), 'the copy lives inside the workspace: hiding it would hide the copy');
  });
});
