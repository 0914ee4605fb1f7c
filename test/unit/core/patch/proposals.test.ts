import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChangeset } from '../../../../src/core/changeset/build';
import { formatChangesetPatch } from '../../../../src/core/patch/format';
import { proposalsFromPatch, type PatchProposals, type PatchReadText } from '../../../../src/core/patch/fromPatch';
import { createDenyPolicy } from '../../../../src/core/policy/denyList';
import { resolveWorkspacePath } from '../../../../src/core/policy/workspacePath';
import { fail, ok, type Result } from '../../../../src/core/result';
import { FakeFileSystem } from '../policy/fakeFileSystem';

const FIXTURE = join(__dirname, '../../../fixtures/diff/git-working-tree.diff');

/** The files on "disk": a path not listed does not exist. Records what was read. */
function disk(files: Record<string, string>): PatchReadText & { reads: string[] } {
  const reads: string[] = [];
  const read = async (path: string): Promise<Result<string | null>> => {
    reads.push(path);
    return ok(Object.hasOwn(files, path) ? (files[path] ?? null) : null);
  };
  return Object.assign(read, { reads });
}

async function proposals(patch: string, files: Record<string, string>): Promise<PatchProposals> {
  const r = await proposalsFromPatch(patch, disk(files));
  assert.ok(r.ok, r.ok ? '' : `expected the patch to apply, got ${r.code}: ${r.message}`);
  return r.value;
}

async function refusal(patch: string, files: Record<string, string> | PatchReadText): Promise<{ code: string; message: string }> {
  const r = await proposalsFromPatch(patch, typeof files === 'function' ? files : disk(files));
  assert.ok(!r.ok, `expected the patch to be refused, got ${JSON.stringify(r.ok && r.value)}`);
  return r;
}

const twenty = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join('');

describe('core/patch/proposalsFromPatch', () => {
  it('applies real git diff output: modified, created, deleted, renamed, CRLF, no final newline; binary named, not applied', async () => {
    const patch = readFileSync(FIXTURE, 'utf8');
    const bases = { 'keep.txt': 'a\nb\nc\n', 'old.txt': 'gone\n', 'win.txt': 'x\r\ny\r\n', 'moved.txt': twenty, 'img.bin': 'ignored' };
    const { files, binary } = await proposals(patch, bases);
    assert.deepEqual(binary, ['img.bin'], 'the binary file is named');
    assert.deepEqual(
      files,
      [
        { path: 'added.txt', newText: 'new file\n' },
        { path: 'keep.txt', newText: 'a\nB\nc' },
        { path: 'old.txt', newText: null },
        { path: 'moved.txt', newText: null },
        { path: 'renamed.txt', newText: twenty.replace('5\n', 'five\n') },
        { path: 'win.txt', newText: 'x\r\nY\r\n' },
      ],
      'each file: its new text (null deletes; a rename deletes the old path and creates the new one; CRLF and a missing final newline kept)',
    );
  });

  it('leaves out a file whose hunk does not apply, naming the file and the line, and proposes the rest', async () => {
    const patch = readFileSync(FIXTURE, 'utf8');
    const bases = { 'keep.txt': 'a\nX\nc\n', 'old.txt': 'gone\n', 'win.txt': 'x\r\ny\r\n', 'moved.txt': twenty };
    const { files, failures } = await proposals(patch, bases);
    assert.deepEqual(
      failures,
      [{ path: 'keep.txt', code: 'E_PATCH_DOES_NOT_APPLY', message: 'keep.txt: hunk 1 does not apply at line 2: expected "b\\n", found "X\\n"' }],
      'the failure names the file, the hunk and the line',
    );
    assert.deepEqual(
      files.map((f) => f.path),
      ['added.txt', 'old.txt', 'moved.txt', 'renamed.txt', 'win.txt'],
      'every other file is still proposed',
    );

    const beyond = '--- a/short.txt\n+++ b/short.txt\n@@ -4,2 +4,2 @@\n d\n-e\n+E\n';
    const past = await refusal(beyond, { 'short.txt': 'a\nb\nc\n' });
    assert.match(past.message, /^short\.txt: hunk 1 does not apply at line 4: the file has 3 lines/, 'a hunk past the end names its line');
    const two = `${beyond}--- a/other.txt\n+++ b/other.txt\n@@ -1 +1 @@\n-a\n+b\n`;
    const both = await refusal(two, { 'short.txt': 'a\nb\nc\n', 'other.txt': 'z\n' });
    assert.match(both.message, /^short\.txt: hunk 1 .*; other\.txt: hunk 1 does not apply at line 1/, 'when no file applies, every reason is given');
  });

  it('keeps CRLF: a CRLF patch applies to a CRLF file; an LF patch does not, and no fuzz makes it', async () => {
    const crlf = '--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,3 @@\n one\r\n-two\r\n+TWO\r\n three\r\n';
    const { files } = await proposals(crlf, { 'w.txt': 'one\r\ntwo\r\nthree\r\n' });
    assert.deepEqual(files, [{ path: 'w.txt', newText: 'one\r\nTWO\r\nthree\r\n' }], 'the CRLF of every line is kept');
    const lf = await refusal(crlf.replace(/\r/g, ''), { 'w.txt': 'one\r\ntwo\r\nthree\r\n' });
    assert.match(
      lf.message,
      /w\.txt: hunk 1 does not apply at line 1: expected "one\\n", found "one\\r\\n" \(only the line endings differ\)$/,
      'the line ending difference is shown and named',
    );
  });

  it('reads a patch that was converted to CRLF as a whole (a Windows clipboard): LF files and CRLF files both take it', async () => {
    const lf = 'diff --git a/u.txt b/u.txt\n--- a/u.txt\n+++ b/u.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n\n';
    const converted = lf.replace(/\n/g, '\r\n');
    assert.deepEqual((await proposals(converted, { 'u.txt': 'one\ntwo\n\n' })).files, [{ path: 'u.txt', newText: 'one\nTWO\n\n' }], 'an LF file gets LF lines');
    assert.deepEqual(
      (await proposals(converted, { 'u.txt': 'one\r\ntwo\r\n\r\n' })).files,
      [{ path: 'u.txt', newText: 'one\r\nTWO\r\n\r\n' }],
      'a CRLF file keeps its CRLF',
    );
    const neither = await refusal(converted, { 'u.txt': 'one\nthree\n' });
    assert.match(neither.message, /^u\.txt: hunk 1 does not apply at line 2: .*\(the patch has CRLF line endings; it applies neither with nor without them\)$/);
  });

  it('refuses an absolute path and a rename without content whose file is missing, each with its reason', async () => {
    for (const path of ['/etc/passwd', 'C:/Windows/win.ini', '\\\\server\\share\\x']) {
      const r = await refusal(`--- ${path}\n+++ ${path}\n@@ -1 +1 @@\n-a\n+b\n`, { [path]: 'a\n' });
      assert.equal(r.code, 'E_PATCH_ABSOLUTE_PATH', `${path} is refused as absolute`);
      assert.equal(r.message, `${path}: a patch names paths relative to the workspace; an absolute path is refused`);
    }
    const rename = 'diff --git a/x.txt b/y.txt\nsimilarity index 100%\nrename from x.txt\nrename to y.txt\n';
    assert.equal(
      (await refusal(rename, {})).message,
      'x.txt: the patch renames this file to y.txt, but it does not exist (a rename without content has nothing to create the new file from)',
    );
  });

  it('refuses what git apply refuses: creating a file that exists, changing or deleting one that does not, renaming onto one, a deletion that leaves lines', async () => {
    const create = 'diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+new\n';
    assert.match((await refusal(create, { 'n.txt': 'old\n' })).message, /^n\.txt: the patch creates this file, but it exists already$/);
    const change = '--- a/m.txt\n+++ b/m.txt\n@@ -1 +1 @@\n-a\n+b\n';
    assert.match((await refusal(change, {})).message, /^m\.txt: the patch changes this file, but it does not exist$/);
    const remove = 'diff --git a/d.txt b/d.txt\ndeleted file mode 100644\n--- a/d.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n';
    assert.match((await refusal(remove, {})).message, /^d\.txt: the patch changes this file, but it does not exist$/);
    assert.match((await refusal(remove, { 'd.txt': 'a\nb\n' })).message, /^d\.txt: the patch deletes this file, but 1 of its lines are not in the patch$/);
    const rename = 'diff --git a/x.txt b/y.txt\nsimilarity index 100%\nrename from x.txt\nrename to y.txt\n';
    assert.match((await refusal(rename, { 'x.txt': 'x\n', 'y.txt': 'y\n' })).message, /^y\.txt: the patch renames x\.txt to this file, but it exists already$/);
    assert.deepEqual(
      (await proposals(rename, { 'x.txt': 'x\n' })).files,
      [
        { path: 'x.txt', newText: null },
        { path: 'y.txt', newText: 'x\n' },
      ],
      'a pure rename moves the text',
    );
  });

  it('leaves out a file whose path the path policy refuses (outside the workspace, .git, a secret), with the refusal', async () => {
    const fs = new FakeFileSystem().file('/ws/src/a.ts').file('/ws/.env').file('/outside.txt');
    const texts: Record<string, string> = { 'src/a.ts': 'a\n' };
    const readText: PatchReadText = async (raw) => {
      const resolved = await resolveWorkspacePath(raw, 'write', {
        folders: [{ name: 'ws', path: '/ws' }],
        fs,
        caseInsensitive: false,
        deny: createDenyPolicy(),
      });
      if (!resolved.ok) return fail(resolved.code, resolved.message);
      return ok(texts[resolved.value.relativePath] ?? null);
    };
    const patchOf = (path: string): string =>
      `diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+A\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-x\n+y\n`;
    for (const [path, code] of [
      ['../outside.txt', 'parent-segment'],
      ['/outside.txt', 'E_PATCH_ABSOLUTE_PATH'],
      ['.git/config', 'git-internals'],
      ['.env', 'denied'],
    ] as const) {
      const r = await proposalsFromPatch(patchOf(path), readText);
      assert.ok(r.ok, r.ok ? '' : `the allowed file is still proposed: ${r.message}`);
      assert.deepEqual(r.value.files, [{ path: 'src/a.ts', newText: 'A\n' }], `only the allowed file (${path})`);
      const [refused] = r.value.failures;
      assert.equal(refused?.code, code, `${path} must be refused by the policy`);
      assert.ok(refused?.message.startsWith(`${path}: `), `the refusal names the path: ${refused?.message}`);
    }
  });

  it('applies git format-patch output, a series touching one file twice in order', async () => {
    const mail = (subject: string, body: string): string =>
      `From 1234567890abcdef Mon Sep 17 00:00:00 2001\nFrom: A U Thor <a@example.com>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: [PATCH] ${subject}\n\n---\n f.txt | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n${body}-- \n2.43.0\n\n`;
    const series =
      mail('first', 'diff --git a/f.txt b/f.txt\nindex 1..2 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n') +
      mail('second', 'diff --git a/f.txt b/f.txt\nindex 2..3 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\n B\n-c\n+C\n');
    const read = disk({ 'f.txt': 'a\nb\nc\n' });
    const r = await proposalsFromPatch(series, read);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual(r.value.files, [{ path: 'f.txt', newText: 'a\nB\nC\n' }], 'the second patch applies on top of the first');
    assert.deepEqual(read.reads, ['f.txt'], 'the file is read once');
  });

  it('refuses a patch with nothing to review: no text change, only binary files, not a patch', async () => {
    const mode = 'diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\n';
    assert.equal((await refusal(mode, { 's.sh': 'echo\n' })).code, 'E_PATCH_EMPTY');
    const bin = 'diff --git a/i.png b/i.png\nindex 1..2 100644\nBinary files a/i.png and b/i.png differ\n';
    assert.match((await refusal(bin, {})).message, /only binary files \(i\.png\)/);
    assert.equal((await refusal('hello\n', {})).code, 'E_PATCH_SYNTAX');
    assert.equal((await refusal('', {})).code, 'E_PATCH_EMPTY');
  });

  it('round-trips a changeset: formatChangesetPatch, then proposalsFromPatch on its base, gives its proposals', async () => {
    const bases = { 'm.txt': twenty, 'gone.txt': 'bye\r\nnow', 'old name.txt': 'same\ncontent\nhere\n', 'tab\tname.txt': 'x\n' };
    const cs = createChangeset({
      id: 'cs',
      title: 't',
      source: 'api',
      files: [
        { path: 'm.txt', baseText: twenty, proposedText: twenty.replace('3\n', 'three\n').replace('18\n', 'eighteen\n') },
        { path: 'dir/created.txt', baseText: null, proposedText: 'new\r\nfile' },
        { path: 'gone.txt', baseText: 'bye\r\nnow', proposedText: null },
        { path: 'new name.txt', oldPath: 'old name.txt', baseText: 'same\ncontent\nhere\n', proposedText: 'same\ncontent\nthere\n' },
        { path: 'tab\tname.txt', baseText: 'x\n', proposedText: 'y\n' },
      ],
    });
    assert.ok(cs.ok, cs.ok ? '' : cs.message);
    const { files } = await proposals(formatChangesetPatch(cs.value), bases);
    assert.deepEqual(files, [
      { path: 'm.txt', newText: twenty.replace('3\n', 'three\n').replace('18\n', 'eighteen\n') },
      { path: 'dir/created.txt', newText: 'new\r\nfile' },
      { path: 'gone.txt', newText: null },
      { path: 'old name.txt', newText: null },
      { path: 'new name.txt', newText: 'same\ncontent\nthere\n' },
      { path: 'tab\tname.txt', newText: 'y\n' },
    ]);
  });
});
