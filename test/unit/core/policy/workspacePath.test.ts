import * as assert from 'node:assert/strict';
import { createDenyPolicy } from '../../../../src/core/policy/denyList';
import { locateWorkspacePath, resolveWorkspacePath, type PathPolicyContext, type PathRefusal } from '../../../../src/core/policy/workspacePath';
import { FakeFileSystem } from './fakeFileSystem';

function context(fs: FakeFileSystem, options: Partial<PathPolicyContext> = {}): PathPolicyContext {
  return { folders: [{ name: 'ws', path: '/ws' }], fs, caseInsensitive: false, deny: createDenyPolicy(), ...options };
}

function workspace(): FakeFileSystem {
  return new FakeFileSystem()
    .file('/ws/src/a.ts')
    .file('/ws/.env')
    .file('/ws/.git/config')
    .file('/ws-evil/payload.ts')
    .file('/etc/passwd')
    .link('/ws/escape', '/etc')
    .link('/ws/src/passwd-link', '/etc/passwd')
    .link('/ws/notes.txt', '/ws/.env')
    .link('/ws/gitlink', '.git')
    .link('/ws/dangling', '/tmp/not-yet-there')
    .link('/ws/loop-a', '/ws/loop-b')
    .link('/ws/loop-b', '/ws/loop-a')
    .link('/ws/src/inside-link', '/ws/src/a.ts');
}

describe('core/policy/workspacePath: accepted paths', () => {
  const cases: [string, string][] = [
    ['src/a.ts', 'src/a.ts'],
    ['./src/a.ts', 'src/a.ts'],
    ['src//a.ts', 'src/a.ts'],
    ['src/./a.ts', 'src/a.ts'],
    ['/ws/src/a.ts', 'src/a.ts'],
    ['src/new/file.ts', 'src/new/file.ts'],
    ['src/inside-link', 'src/inside-link'],
    ['.gitignore', '.gitignore'],
    ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
    ['report-100%.txt', 'report-100%.txt'],
    ['file~', 'file~'],
  ];
  for (const [raw, relative] of cases) {
    it(`resolves ${JSON.stringify(raw)} to ${relative}`, async () => {
      const result = await resolveWorkspacePath(raw, 'write', context(workspace()));
      assert.ok(result.ok, `expected ${raw} to be accepted, got ${result.ok ? '' : result.message}`);
      assert.equal(result.value.relativePath, relative);
      assert.equal(result.value.absolutePath, `/ws/${relative}`);
      assert.equal(result.value.folder.name, 'ws');
    });
  }

  it('reports the symlink-resolved path of an inside link as realPath', async () => {
    const result = await resolveWorkspacePath('src/inside-link', 'read', context(workspace()));
    assert.ok(result.ok);
    assert.equal(result.value.realPath, '/ws/src/a.ts', 'the reader must open the checked target');
  });

  it('lists the workspace folder itself but refuses to read or write it', async () => {
    const listed = await resolveWorkspacePath('.', 'list', context(workspace()));
    assert.ok(listed.ok && listed.value.relativePath === '', 'listing "." must resolve to the folder');
    const read = await resolveWorkspacePath('/ws', 'read', context(workspace()));
    assert.equal(read.ok ? 'accepted' : read.code, 'workspace-root');
  });
});

/** [attack input, expected refusal code]: every one of these must be refused for every intent. */
export const PATH_ATTACKS: readonly [string, PathRefusal][] = [
  ['../etc/passwd', 'parent-segment'],
  ['src/../../etc/passwd', 'parent-segment'],
  ['src/../a.ts', 'parent-segment'],
  ['/etc/passwd', 'outside-workspace'],
  ['/ws-evil/payload.ts', 'outside-workspace'],
  ['/ws/../etc/passwd', 'parent-segment'],
  ['~/.ssh/id_rsa', 'home-relative'],
  ['~root/.bashrc', 'home-relative'],
  ['~', 'home-relative'],
  ['C:\\Windows\\system.ini', 'drive-letter'],
  ['c:/Windows/system.ini', 'drive-letter'],
  ['C:relative.txt', 'drive-letter'],
  ['\\\\server\\share\\secret.txt', 'unc-path'],
  ['//server/share/secret.txt', 'unc-path'],
  ['\\\\?\\C:\\secret.txt', 'unc-path'],
  ['src\\..\\..\\etc\\passwd', 'backslash'],
  ['..\\etc\\passwd', 'backslash'],
  ['src/a.ts\0.png', 'nul-byte'],
  ['src/a.ts\n../../etc/passwd', 'control-character'],
  ['%2e%2e/etc/passwd', 'percent-encoded'],
  ['%2E%2E%2Fetc%2Fpasswd', 'percent-encoded'],
  ['src%2f..%2f..%2fetc%2fpasswd', 'percent-encoded'],
  ['%252e%252e/etc/passwd', 'percent-encoded'],
  ['..%c0%af..%c0%afetc/passwd', 'percent-encoded'],
  ['file:///etc/passwd', 'uri-scheme'],
  ['\uff0e\uff0e/etc/passwd', 'unicode-lookalike'],
  ['src\u2215..\u2215secret', 'unicode-lookalike'],
  ['escape/passwd', 'symlink-escape'],
  ['src/passwd-link', 'symlink-escape'],
  ['escape/new-file.txt', 'symlink-escape'],
  ['dangling', 'dangling-symlink'],
  ['loop-a/x', 'fs-error'],
  ['notes.txt', 'denied'],
  ['.git/config', 'git-internals'],
  ['.GIT/config', 'git-internals'],
  ['.Git/HEAD', 'git-internals'],
  ['sub/module/.git/hooks/pre-commit', 'git-internals'],
  ['.git', 'git-internals'],
  ['.git./config', 'git-internals'],
  ['.git::$INDEX_ALLOCATION/config', 'git-internals'],
  ['GIT~1/config', 'git-internals'],
  ['.g\u200cit/config', 'git-internals'],
  ['gitlink/config', 'git-internals'],
  ['/ws/.git/config', 'git-internals'],
  ['.env', 'denied'],
  ['.ENV', 'denied'],
  ['config/.env.production', 'denied'],
  ['deploy/server.pem', 'denied'],
  ['keys/id_rsa', 'denied'],
  ['home/.ssh/id_ed25519.pub', 'denied'],
  ['.aws/credentials', 'denied'],
  ['.npmrc', 'denied'],
  ['.docker/config.json', 'denied'],
  ['certs/client.P12', 'denied'],
  ['credentials/prod.json', 'denied'],
  ['', 'empty'],
];

describe('core/policy/workspacePath: attacks (fake file system)', () => {
  for (const [raw, code] of PATH_ATTACKS) {
    it(`refuses ${JSON.stringify(raw)} as ${code}`, async () => {
      for (const intent of ['read', 'write', 'list'] as const) {
        const result = await resolveWorkspacePath(raw, intent, context(workspace()));
        assert.equal(result.ok ? `accepted as ${result.value.relativePath}` : result.code, code, `${intent} of ${JSON.stringify(raw)}`);
        if (!result.ok) assert.ok(result.message.length > 10, 'the refusal must say why');
      }
    });
  }
});

describe('core/policy/workspacePath: case-insensitive volumes', () => {
  const ci = () => new FakeFileSystem(true).file('/Users/me/WS/src/a.ts').file('/Users/me/WS-evil/x.ts').link('/Users/me/WS/up', '/Users/me/WS-evil');

  it('accepts an absolute path that differs from the root only in case', async () => {
    const ctx = context(ci(), { folders: [{ name: 'WS', path: '/Users/me/WS' }], caseInsensitive: true });
    const result = await resolveWorkspacePath('/users/ME/ws/src/a.ts', 'read', ctx);
    assert.ok(result.ok, 'same folder in another case must be inside on a case-insensitive volume');
    assert.equal(result.value.relativePath, 'src/a.ts');
  });

  it('refuses the same path on a case-sensitive volume', async () => {
    const ctx = context(new FakeFileSystem().file('/Users/me/WS/src/a.ts'), { folders: [{ name: 'WS', path: '/Users/me/WS' }] });
    const result = await resolveWorkspacePath('/users/ME/ws/src/a.ts', 'read', ctx);
    assert.equal(result.ok ? 'accepted' : result.code, 'outside-workspace');
  });

  it('still refuses a sibling whose name extends the root (no prefix check)', async () => {
    const ctx = context(ci(), { folders: [{ name: 'WS', path: '/Users/me/WS' }], caseInsensitive: true });
    const direct = await resolveWorkspacePath('/users/me/ws-EVIL/x.ts', 'read', ctx);
    assert.equal(direct.ok ? 'accepted' : direct.code, 'outside-workspace');
    const viaLink = await resolveWorkspacePath('up/x.ts', 'read', ctx);
    assert.equal(viaLink.ok ? 'accepted' : viaLink.code, 'symlink-escape');
  });
});

describe('core/policy/workspacePath: multi-root', () => {
  const fs = () => new FakeFileSystem().file('/a/src/x.ts').file('/b/lib/y.ts').file('/a/b/z.ts');
  const ctx = (f: FakeFileSystem) =>
    context(f, {
      folders: [
        { name: 'a', path: '/a' },
        { name: 'b', path: '/b' },
      ],
    });

  it('selects a folder by its name as first segment, otherwise the first folder', async () => {
    const named = await resolveWorkspacePath('b/lib/y.ts', 'read', ctx(fs()));
    assert.ok(named.ok && named.value.folder.name === 'b' && named.value.relativePath === 'lib/y.ts', 'b/… must go to folder b');
    const plain = await resolveWorkspacePath('src/x.ts', 'read', ctx(fs()));
    assert.ok(plain.ok && plain.value.folder.name === 'a', 'an unprefixed path goes to the first folder');
  });

  it('picks the deepest folder for a nested absolute path', async () => {
    const nested = context(new FakeFileSystem().file('/a/inner/q.ts'), {
      folders: [
        { name: 'a', path: '/a' },
        { name: 'inner', path: '/a/inner' },
      ],
    });
    const result = await resolveWorkspacePath('/a/inner/q.ts', 'read', nested);
    assert.ok(result.ok && result.value.folder.name === 'inner' && result.value.relativePath === 'q.ts');
  });

  it('refuses everything when no folder is open', async () => {
    const result = await resolveWorkspacePath('src/a.ts', 'read', context(workspace(), { folders: [] }));
    assert.equal(result.ok ? 'accepted' : result.code, 'no-workspace');
  });
});

describe('core/policy/workspacePath: the lexical half (locateWorkspacePath)', () => {
  it('names the same file as the full resolution wherever the full resolution accepts a path', async () => {
    for (const raw of ['src/a.ts', './src/a.ts', '/ws/src/a.ts', 'src//a.ts', 'src/new/file.ts', 'src/inside-link']) {
      const full = await resolveWorkspacePath(raw, 'write', context(workspace()));
      const lexical = locateWorkspacePath(raw, 'write', context(workspace()));
      assert.ok(full.ok && lexical.ok, `${raw}: ${JSON.stringify(full.ok ? lexical : full)}`);
      assert.deepEqual({ ...lexical.value }, { folder: full.value.folder, relativePath: full.value.relativePath, absolutePath: full.value.absolutePath });
    }
  });

  it("refuses as written with the full resolution's own reason, and leaves only what a symlink hides to the full check", async () => {
    for (const [raw] of PATH_ATTACKS) {
      const lexical = locateWorkspacePath(raw, 'write', context(workspace()));
      const full = await resolveWorkspacePath(raw, 'write', context(workspace()));
      assert.ok(!full.ok, `${raw} is an attack`);
      if (!lexical.ok) assert.equal(lexical.code, full.code, JSON.stringify(raw));
      // Through a symlink the path reads as fine; only the file system shows where it goes.
      else
        assert.ok(
          /escape|passwd-link|notes\.txt|gitlink|dangling|loop-/.test(raw),
          `${raw} passed as written, yet no symlink of the workspace is on its way (${full.code})`,
        );
    }
  });
});
