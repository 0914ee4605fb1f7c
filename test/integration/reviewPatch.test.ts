import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, root, stubWindow, waitFor, write } from './agentSupport';
import { lines } from './gitSupport';

const DIR = 'patched';
const bytes = (rel: string): Buffer => fs.readFileSync(path.join(root(), rel));
const exists = (rel: string): boolean => fs.existsSync(path.join(root(), rel));

/** What `git diff` writes for: changed lines, a CRLF file, a created, a deleted, a renamed, a protected and a binary file. */
function gitStylePatch(): string {
  return [
    `diff --git a/${DIR}/keep.txt b/${DIR}/keep.txt`,
    'index 1111111..2222222 100644',
    `--- a/${DIR}/keep.txt`,
    `+++ b/${DIR}/keep.txt`,
    '@@ -2,3 +2,3 @@',
    ' line 2',
    '-line 3',
    '+line three',
    ' line 4',
    '@@ -10,3 +10,3 @@',
    ' line 10',
    '-line 11',
    '+line eleven',
    ' line 12',
    `diff --git a/${DIR}/win.txt b/${DIR}/win.txt`,
    `--- a/${DIR}/win.txt`,
    `+++ b/${DIR}/win.txt`,
    '@@ -1,2 +1,2 @@',
    ' x\r',
    '-y\r',
    '+Y\r',
    `diff --git a/${DIR}/added.txt b/${DIR}/added.txt`,
    'new file mode 100644',
    '--- /dev/null',
    `+++ b/${DIR}/added.txt`,
    '@@ -0,0 +1,2 @@',
    '+new',
    '+file',
    '\\ No newline at end of file',
    `diff --git a/${DIR}/old.txt b/${DIR}/old.txt`,
    'deleted file mode 100644',
    `--- a/${DIR}/old.txt`,
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-gone',
    `diff --git a/${DIR}/moved.txt b/${DIR}/renamed.txt`,
    'similarity index 100%',
    `rename from ${DIR}/moved.txt`,
    `rename to ${DIR}/renamed.txt`,
    `diff --git a/${DIR}/AGENTS.md b/${DIR}/AGENTS.md`,
    'new file mode 100644',
    '--- /dev/null',
    `+++ b/${DIR}/AGENTS.md`,
    '@@ -0,0 +1 @@',
    '+Always push to main.',
    `diff --git a/${DIR}/img.bin b/${DIR}/img.bin`,
    'Binary files a/img.bin and b/img.bin differ',
    '',
  ].join('\n');
}

const BASES: Readonly<Record<string, string>> = { 'keep.txt': lines(14), 'win.txt': 'x\r\ny\r\n', 'old.txt': 'gone\n', 'moved.txt': 'moving\n' };

/**
 * The base files, written over what an earlier test left, and nothing else in the folder. Not
 * deleted and made again: VS Code keeps a deleted file's document as it was until it sees the
 * file again, and a decision would meet that old text.
 */
function writeBases(): void {
  const dir = path.join(root(), DIR);
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (!(name in BASES)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  for (const [name, text] of Object.entries(BASES)) write(`${DIR}/${name}`, text);
}

/**
 * Replaces the quick pick: records the labels offered (without their icons) and picks the item
 * whose `choice` is `choice`.
 */
function stubPick(choice: string): { offered: string[][]; restore: () => void } {
  const win = vscode.window as { showQuickPick: unknown };
  const original = win.showQuickPick;
  const offered: string[][] = [];
  win.showQuickPick = async (items: readonly (vscode.QuickPickItem & { choice?: string })[]) => {
    offered.push(items.map((i) => i.label.replace(/^\$\([a-z-]+\) /, '')));
    return items.find((i) => i.choice === choice);
  };
  return { offered, restore: () => void (win.showQuickPick = original) };
}

describe('Review Patch and Copy Changeset as Patch', function () {
  this.timeout(60_000);
  const opened: string[] = [];
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  // The later suites share the window: no pending hunk of these tests, no file of theirs is left.
  after(async () => {
    const redline = await api();
    for (const id of opened) {
      for (const f of redline.getChangeset(id)?.files ?? []) for (const h of f.hunks) if (h.state === 'pending') await redline.decide(id, h.id, 'reject');
    }
    fs.rmSync(path.join(root(), DIR), { recursive: true, force: true });
  });

  it('reviews a patch file: nothing lands before a decision, a protected path is flagged; accepting every hunk writes the patched bytes', async () => {
    const redline = await api();
    writeBases();
    const patchUri = vscode.Uri.file(write(`${DIR}/change.patch`, gitStylePatch()));
    const warnings: string[] = [];
    const unstub = stubWindow('showWarningMessage', (m) => void warnings.push(String(m)));
    let id: string | undefined;
    try {
      id = await vscode.commands.executeCommand<string | undefined>('redline.reviewPatch', patchUri);
    } finally {
      unstub();
    }
    assert.ok(id, 'Review Patch returned no changeset');
    assert.equal(bytes(`${DIR}/keep.txt`).toString(), lines(14), 'proposing must not touch the files');
    assert.equal(exists(`${DIR}/added.txt`), false, 'a created file does not exist before it is accepted');
    assert.ok(
      warnings.some((w) => w.includes(`${DIR}/img.bin`)),
      `the binary file is named: ${warnings.join(' | ')}`,
    );

    const snap = redline.getChangeset(id);
    assert.ok(snap, 'getChangeset knows the patch changeset');
    assert.equal(snap.title, 'Patch: change.patch');
    assert.equal(snap.source, 'patch:change.patch', 'the source names the patch file');
    assert.deepEqual(
      snap.files.map((f) => [f.path, f.status, f.hunks.length]),
      [
        [`${DIR}/keep.txt`, 'modified', 2],
        [`${DIR}/win.txt`, 'modified', 1],
        [`${DIR}/added.txt`, 'added', 1],
        [`${DIR}/old.txt`, 'deleted', 1],
        [`${DIR}/moved.txt`, 'deleted', 1],
        [`${DIR}/renamed.txt`, 'added', 1],
        [`${DIR}/AGENTS.md`, 'added', 1],
      ],
      'every text file of the patch, hunk by hunk',
    );
    assert.deepEqual(snap.files.at(-1)?.hunks[0]?.flags, ['protected:agent-instructions'], 'a protected path is flagged as in any proposal');
    const labels = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await waitFor('the Review panel on the patch', () => labels().includes('Review: Patch: change.patch'));

    for (const file of snap.files) for (const h of file.hunks) await redline.decide(id, h.id, 'accept');
    assert.equal(bytes(`${DIR}/keep.txt`).toString(), lines(14).replace('line 3\n', 'line three\n').replace('line 11\n', 'line eleven\n'));
    assert.deepEqual(bytes(`${DIR}/win.txt`), Buffer.from('x\r\nY\r\n'), 'the CRLF file keeps its CRLF');
    assert.deepEqual(bytes(`${DIR}/added.txt`), Buffer.from('new\nfile'), 'the created file, byte for byte');
    assert.deepEqual(bytes(`${DIR}/renamed.txt`), Buffer.from('moving\n'), "the renamed file has the old one's text");
    assert.deepEqual(bytes(`${DIR}/AGENTS.md`), Buffer.from('Always push to main.\n'));
    assert.equal(exists(`${DIR}/old.txt`), false, 'the deleted file is gone');
    assert.equal(exists(`${DIR}/moved.txt`), false, "the renamed file's old path is gone");
  });

  it('a file whose hunk does not apply is left out with its reason and the rest opens; a path outside the workspace, absolute, in .git or a secret is refused', async () => {
    const redline = await api();
    writeBases();
    write(`${DIR}/keep.txt`, lines(14).replace('line 11\n', 'line 11 edited\n'));
    const heard: string[] = [];
    const listening = redline.onDidChange((e) => void heard.push(e.id));
    const errors: string[] = [];
    const warnings: string[] = [];
    const unstubErrors = stubWindow('showErrorMessage', (m) => void errors.push(String(m)));
    const unstubWarnings = stubWindow('showWarningMessage', (m) => void warnings.push(String(m)));
    try {
      const stale = vscode.Uri.file(write(`${DIR}/stale.patch`, gitStylePatch()));
      const id = await vscode.commands.executeCommand<string | undefined>('redline.reviewPatch', stale);
      assert.ok(id, 'the files that apply are still proposed');
      opened.push(id);
      assert.deepEqual(
        redline.getChangeset(id)?.files.map((f) => f.path),
        [`${DIR}/win.txt`, `${DIR}/added.txt`, `${DIR}/old.txt`, `${DIR}/moved.txt`, `${DIR}/renamed.txt`, `${DIR}/AGENTS.md`],
        'every file but the one that does not apply',
      );
      assert.match(
        warnings[0] ?? '',
        /^Redline: stale\.patch: 2 file\(s\) left out, the rest is in the review\./,
        `the warning counts what was left out: ${warnings[0]}`,
      );
      assert.match(
        warnings[0] ?? '',
        new RegExp(`${DIR}/keep\\.txt: hunk 2 does not apply at line 11: expected "line 11\\\\n", found "line 11 edited\\\\n"`),
        'it names the file, the hunk and the line',
      );
      assert.match(warnings[0] ?? '', new RegExp(`binary files cannot be reviewed as text: ${DIR}/img\\.bin`), 'and the binary file');

      const refused: [string, RegExp][] = [
        ['../outside.txt', /The path contains a '\.\.' segment/],
        ['/etc/hostname', /an absolute path is refused/],
        ['.git/config', /\.git/],
        [`${DIR}/.env`, /deny pattern/],
      ];
      write(`${DIR}/.env`, 'TOKEN=a\n');
      for (const [k, [target, why]] of refused.entries()) {
        const diff = vscode.Uri.file(write(`${DIR}/refused${k}.diff`, `--- a/${target}\n+++ b/${target}\n@@ -1 +1 @@\n-a\n+b\n`));
        assert.equal(await vscode.commands.executeCommand('redline.reviewPatch', diff), undefined, `no changeset for ${target}`);
        const error = errors.at(-1) ?? '';
        assert.ok(error.startsWith(`Redline: refused${k}.diff: ${target}: `), `the refusal names the patch and the path: ${error}`);
        assert.match(error, why, `the reason for ${target}: ${error}`);
        assert.match(error, /Nothing was proposed\.$/);
      }
      assert.equal(errors.length, refused.length, `one error each: ${errors.join(' | ')}`);
    } finally {
      unstubErrors();
      unstubWarnings();
      listening.dispose();
    }
    // Earlier changesets may still sync (their files changed on disk); no refused one may appear.
    const proposed = heard.map((h) => redline.getChangeset(h)?.title).filter((t) => t?.startsWith('Patch: refused'));
    assert.deepEqual(proposed, [], 'nothing was proposed for a refused path');
    assert.equal(bytes(`${DIR}/keep.txt`).toString(), lines(14).replace('line 11\n', 'line 11 edited\n'), 'the file is untouched');
  });

  it('bad input gets a clear message and loses nothing: not a diff, an empty clipboard, only a binary patch, a rename without content, a CRLF-converted patch', async () => {
    const redline = await api();
    writeBases();
    const errors: string[] = [];
    const unstub = stubWindow('showErrorMessage', (m) => void errors.push(String(m)));
    const pick = stubPick('clipboard');
    try {
      const cases: [string, RegExp][] = [
        ['just some text\n', /^Redline: clipboard: no file header found: not a unified diff\. Nothing was proposed\.$/],
        ['  \n', /^Redline: cannot read the patch: the clipboard holds no text; copy a unified diff \(git diff\) first$/],
        [
          `diff --git a/${DIR}/i.png b/${DIR}/i.png\nBinary files a/${DIR}/i.png and b/${DIR}/i.png differ\n`,
          /only binary files \(patched\/i\.png\), which cannot be reviewed as text\. Nothing was proposed\.$/,
        ],
        [
          `diff --git a/${DIR}/nowhere.txt b/${DIR}/elsewhere.txt\nsimilarity index 100%\nrename from ${DIR}/nowhere.txt\nrename to ${DIR}/elsewhere.txt\n`,
          /nowhere\.txt: the patch renames this file to patched\/elsewhere\.txt, but it does not exist \(a rename without content has nothing to create the new file from\)/,
        ],
      ];
      for (const [clip, message] of cases) {
        await vscode.env.clipboard.writeText(clip);
        assert.equal(await vscode.commands.executeCommand('redline.reviewPatch'), undefined, `no changeset for ${JSON.stringify(clip)}`);
        assert.match(errors.at(-1) ?? '', message);
        assert.equal(await vscode.env.clipboard.readText(), clip, 'the clipboard is left as it was');
      }
      assert.equal(errors.length, cases.length, errors.join(' | '));

      const crlf = `--- a/${DIR}/keep.txt\n+++ b/${DIR}/keep.txt\n@@ -1,2 +1,2 @@\n-line 1\n+line one\n line 2\n`.replace(/\n/g, '\r\n');
      await vscode.env.clipboard.writeText(crlf);
      const id = await vscode.commands.executeCommand<string | undefined>('redline.reviewPatch');
      assert.ok(id, `a CRLF-converted patch of an LF file is reviewed: ${errors.at(-1)}`);
      opened.push(id);
      const snap = redline.getChangeset(id);
      assert.equal(snap?.source, 'patch:clipboard', 'the source says the clipboard');
      assert.equal(snap?.title, 'Patch from the clipboard');
      await redline.decide(id, snap?.files[0]?.hunks[0]?.id ?? '', 'accept');
      assert.equal(bytes(`${DIR}/keep.txt`).toString(), lines(14).replace('line 1\n', 'line one\n'), 'the LF file stays LF');
    } finally {
      unstub();
      pick.restore();
    }
    assert.deepEqual(pick.offered.at(-1), ['Patch File…', 'Clipboard'], 'with no diff editor active: a file or the clipboard');
  });

  it('without an argument, offers the patch in the active diff editor first, then a file from the open dialog', async () => {
    const redline = await api();
    writeBases();
    const patch = `--- a/${DIR}/keep.txt\n+++ b/${DIR}/keep.txt\n@@ -1,2 +1,2 @@\n-line 1\n+line one\n line 2\n`;
    const doc = await vscode.workspace.openTextDocument(write(`${DIR}/open.diff`, patch));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'diff', 'VS Code opens .diff files as diff');
    const pick = stubPick('editor');
    let id: string | undefined;
    try {
      id = await vscode.commands.executeCommand<string | undefined>('redline.reviewPatch');
    } finally {
      pick.restore();
    }
    assert.deepEqual(pick.offered[0], ['open.diff', 'Patch File…', 'Clipboard'], 'the active patch, a file or the clipboard');
    assert.ok(id, "the active editor's patch was not reviewed");
    opened.push(id);
    assert.equal(redline.getChangeset(id)?.title, 'Patch: open.diff');
    assert.equal(redline.getChangeset(id)?.source, 'patch:open.diff');
    await redline.decide(id, redline.getChangeset(id)?.files[0]?.hunks[0]?.id ?? '', 'reject');

    // "Patch File…": the file the open dialog returns.
    const picked = vscode.Uri.file(write(`${DIR}/picked.patch`, patch.replace('line one', 'line uno')));
    const win = vscode.window as { showOpenDialog: unknown };
    const original = win.showOpenDialog;
    let filters: Record<string, string[]> | undefined;
    win.showOpenDialog = async (options: vscode.OpenDialogOptions) => {
      filters = options.filters;
      return [picked];
    };
    const byFile = stubPick('file');
    let fromFile: string | undefined;
    try {
      fromFile = await vscode.commands.executeCommand<string | undefined>('redline.reviewPatch');
    } finally {
      byFile.restore();
      win.showOpenDialog = original;
    }
    assert.deepEqual(filters?.['Patches'], ['patch', 'diff'], 'the dialog offers patch files');
    assert.ok(fromFile, 'the picked file was not reviewed');
    opened.push(fromFile);
    assert.equal(redline.getChangeset(fromFile)?.source, 'patch:picked.patch');
  });

  it('Copy Changeset as Patch puts the accepted and pending hunks on the clipboard; git apply takes it and gives those texts', async () => {
    const redline = await api();
    writeBases();
    const base = lines(30);
    write(`${DIR}/copy.txt`, base);
    const proposed = base.replace('line 2\n', 'line two\n').replace('line 15\n', 'line fifteen\n').replace('line 28\n', 'line twenty-eight\n');
    const id = await redline.proposeChanges({
      title: 'To copy',
      files: [
        { path: `${DIR}/copy.txt`, newText: proposed },
        { path: `${DIR}/new.txt`, newText: 'created\r\n' },
      ],
    });
    opened.push(id);
    const [first, second] = redline.getChangeset(id)!.files[0]!.hunks;
    await redline.decide(id, first!.id, 'accept');
    await redline.decide(id, second!.id, 'reject', 'not this one');
    await vscode.env.clipboard.writeText('');
    // The Changesets view passes its changeset node.
    assert.equal(await vscode.commands.executeCommand('redline.copyPatch', { kind: 'changeset', changesetId: id }), true, 'Copy as Patch reported a failure');
    const patch = await vscode.env.clipboard.readText();
    assert.match(patch, new RegExp(`^diff --git a/${DIR}/copy\\.txt b/${DIR}/copy\\.txt\\n`), `a git-style patch: ${patch.slice(0, 200)}`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-copy-'));
    try {
      fs.mkdirSync(path.join(dir, DIR));
      fs.writeFileSync(path.join(dir, DIR, 'copy.txt'), base);
      fs.writeFileSync(path.join(dir, 'copied.patch'), patch);
      execFileSync('git', ['apply', '--check', 'copied.patch'], { cwd: dir });
      execFileSync('git', ['apply', 'copied.patch'], { cwd: dir });
      assert.equal(
        fs.readFileSync(path.join(dir, DIR, 'copy.txt'), 'utf8'),
        base.replace('line 2\n', 'line two\n').replace('line 28\n', 'line twenty-eight\n'),
        'the accepted and the pending hunk, not the rejected one',
      );
      assert.deepEqual(fs.readFileSync(path.join(dir, DIR, 'new.txt')), Buffer.from('created\r\n'), 'the pending created file, CRLF kept');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
