import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createDenyPolicy } from '../../../src/core/policy/denyList';
import { segmentsBelow, splitAbsolute } from '../../../src/core/policy/fileSystemPort';
import { createNodeFileSystem } from '../../../src/node/nodeFileSystem';
import { resolveWorkspacePath, type PathPolicyContext } from '../../../src/core/policy/workspacePath';

/**
 * The same policy against a real disk: a temp dir holding the workspace `ws`, a sibling
 * `ws-evil` (the prefix-check trap) and `outside`, with real symlinks between them.
 */
describe('node/nodeFileSystem under core/policy/workspacePath: real symlinks in a temp dir', () => {
  let base = '';
  let ctx: PathPolicyContext;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'redline-policy-')));
    const ws = join(base, 'ws');
    await mkdir(join(ws, 'src'), { recursive: true });
    await mkdir(join(ws, '.git'), { recursive: true });
    await mkdir(join(base, 'ws-evil'), { recursive: true });
    await mkdir(join(base, 'outside'), { recursive: true });
    await writeFile(join(ws, 'src', 'a.ts'), 'export {};\n');
    await writeFile(join(ws, '.env'), 'ANTHROPIC_API_KEY=canary\n');
    await writeFile(join(ws, '.git', 'config'), '[core]\n');
    await writeFile(join(base, 'outside', 'secret.txt'), 'canary\n');
    await writeFile(join(base, 'ws-evil', 'x.ts'), 'evil\n');
    await symlink(join(base, 'outside'), join(ws, 'out-dir'));
    await symlink(join(base, 'outside', 'secret.txt'), join(ws, 'src', 'secret-link.txt'));
    await symlink('../../outside/secret.txt', join(ws, 'src', 'relative-link.txt'));
    await symlink(join(base, 'ws-evil'), join(ws, 'evil-prefix'));
    await symlink(join(ws, '.env'), join(ws, 'innocent.txt'));
    await symlink(join(ws, '.git'), join(ws, 'gitdir'));
    await symlink(join(base, 'outside', 'will-be-created.txt'), join(ws, 'src', 'dangling.txt'));
    await symlink(join(ws, 'src'), join(ws, 'src-alias'));
    // The workspace root itself reached through a symlink, as on macOS (/tmp -> /private/tmp).
    await symlink(ws, join(base, 'ws-link'));
    ctx = { folders: [{ name: 'ws', path: join(base, 'ws-link') }], fs: createNodeFileSystem(), caseInsensitive: false, deny: createDenyPolicy() };
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const refusals: [string, string][] = [
    ['out-dir/secret.txt', 'symlink-escape'],
    ['out-dir/new.txt', 'symlink-escape'],
    ['out-dir/deeper/new.txt', 'symlink-escape'],
    ['src/secret-link.txt', 'symlink-escape'],
    ['src/relative-link.txt', 'symlink-escape'],
    ['evil-prefix/x.ts', 'symlink-escape'],
    ['innocent.txt', 'denied'],
    ['gitdir/config', 'git-internals'],
    ['src/dangling.txt', 'dangling-symlink'],
  ];
  for (const [raw, code] of refusals) {
    it(`refuses ${raw} as ${code}`, async () => {
      const result = await resolveWorkspacePath(raw, 'write', ctx);
      assert.equal(result.ok ? `accepted as ${result.value.realPath}` : result.code, code);
    });
  }

  it('refuses an absolute path into the prefix-sharing sibling ws-evil', async () => {
    const result = await resolveWorkspacePath(join(base, 'ws-link-evil', 'x.ts'), 'read', ctx);
    assert.equal(result.ok ? 'accepted' : result.code, 'outside-workspace');
  });

  it('accepts an inside alias and a new file, reporting real paths inside the real root', async () => {
    const alias = await resolveWorkspacePath('src-alias/a.ts', 'read', ctx);
    assert.ok(alias.ok, 'a symlink that stays inside must be accepted');
    assert.equal(alias.value.realPath, join(base, 'ws', 'src', 'a.ts'));
    assert.equal(alias.value.absolutePath, join(base, 'ws-link', 'src-alias', 'a.ts'), 'absolutePath keeps the folder as opened');
    const created = await resolveWorkspacePath('src/new/dir/file.ts', 'write', ctx);
    assert.ok(created.ok, 'a file that does not exist yet must be writable');
    assert.equal(created.value.realPath, join(base, 'ws', 'src', 'new', 'dir', 'file.ts'));
  });

  it('property: whatever the input, an accepted path resolves inside the real root and never into .git', async () => {
    const rootSegments = splitAbsolute(join(base, 'ws'));
    const segment = fc.constantFrom(
      'src',
      'a.ts',
      '..',
      '.',
      '',
      'out-dir',
      'evil-prefix',
      'src-alias',
      'gitdir',
      '.git',
      'x',
      '%2e%2e',
      '~',
      'C:',
      '\\..',
      'innocent.txt',
      'secret.txt',
      'new',
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(segment, { maxLength: 6 }), async (absolute, segments) => {
        const raw = (absolute ? `${join(base, 'ws-link')}/` : '') + segments.join('/');
        const result = await resolveWorkspacePath(raw, 'write', ctx);
        if (!result.ok) return;
        const below = segmentsBelow(rootSegments, splitAbsolute(result.value.realPath), false);
        assert.ok(below !== undefined, `${raw} resolved outside: ${result.value.realPath}`);
        assert.ok(!below.some((s) => s.toLowerCase() === '.git'), `${raw} resolved into .git`);
        assert.ok(!result.value.relativePath.split('/').includes('..'), `${raw} kept a '..'`);
      }),
      { numRuns: 300 },
    );
  });
});
