import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, root, waitFor, write } from './agentSupport';
import { lines } from './gitSupport';

const DIR = 'patchout';
const FILES = ['a.txt', 'win.txt', 'new.txt', 'gone.txt'].map((f) => `${DIR}/${f}`);
const bytes = (rel: string): Buffer | null => (fs.existsSync(path.join(root(), rel)) ? fs.readFileSync(path.join(root(), rel)) : null);

const base = lines(30);
const BASES: Record<string, string | null> = {
  [`${DIR}/a.txt`]: base,
  [`${DIR}/win.txt`]: 'one\r\ntwo\r\nthree\r\n',
  [`${DIR}/new.txt`]: null,
  [`${DIR}/gone.txt`]: 'bye\n',
};

/** Three hunks in a.txt, one in a CRLF file, a created and a deleted file. */
const PATCH = [
  `diff --git a/${DIR}/a.txt b/${DIR}/a.txt`,
  `--- a/${DIR}/a.txt`,
  `+++ b/${DIR}/a.txt`,
  '@@ -1,4 +1,4 @@',
  ' line 1',
  '-line 2',
  '+line two',
  ' line 3',
  ' line 4',
  '@@ -13,5 +13,5 @@',
  ' line 13',
  ' line 14',
  '-line 15',
  '+line fifteen',
  ' line 16',
  ' line 17',
  '@@ -27,4 +27,4 @@',
  ' line 27',
  ' line 28',
  '-line 29',
  '+line twenty-nine',
  ' line 30',
  `diff --git a/${DIR}/win.txt b/${DIR}/win.txt`,
  `--- a/${DIR}/win.txt`,
  `+++ b/${DIR}/win.txt`,
  '@@ -1,3 +1,3 @@',
  ' one\r',
  '-two\r',
  '+TWO\r',
  ' three\r',
  `diff --git a/${DIR}/new.txt b/${DIR}/new.txt`,
  'new file mode 100644',
  '--- /dev/null',
  `+++ b/${DIR}/new.txt`,
  '@@ -0,0 +1,2 @@',
  '+created',
  '+file',
  `diff --git a/${DIR}/gone.txt b/${DIR}/gone.txt`,
  'deleted file mode 100644',
  `--- a/${DIR}/gone.txt`,
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  '',
].join('\n');

/** `git apply` with `args` on `patch` in `cwd` (not a repository: the files there); throws git's message when it refuses. */
function gitApply(cwd: string, patch: string, ...args: string[]): void {
  const file = path.join(os.tmpdir(), `redline-${process.pid}-${Math.random().toString(36).slice(2)}.patch`);
  fs.writeFileSync(file, patch);
  try {
    execFileSync('git', ['apply', ...args, file], {
      cwd,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd) },
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** A folder outside the workspace holding `files` (null: absent) at their workspace paths. */
function copyOf(files: Record<string, Buffer | string | null>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-patchout-'));
  for (const [rel, text] of Object.entries(files)) {
    if (text === null) continue;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const contents = (dir: string): Record<string, Buffer | null> =>
  Object.fromEntries(FILES.map((f) => [f, fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f)) : null]));

describe('Review Patch, then Copy Accepted as Patch and Save Open Hunks as Patch', function () {
  this.timeout(60_000);
  let id: string | undefined;
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(async () => {
    const redline = await api();
    for (const f of (id && redline.getChangeset(id)?.files) || [])
      for (const h of f.hunks) if (h.state === 'pending') await redline.decide(id ?? '', h.id, 'reject');
    fs.rmSync(path.join(root(), DIR), { recursive: true, force: true });
  });

  it('decides some hunks of a patch file (bytes on disk), and both patches pass git apply --check where they apply', async () => {
    const redline = await api();
    fs.rmSync(path.join(root(), DIR), { recursive: true, force: true });
    for (const [rel, text] of Object.entries(BASES)) if (text !== null) write(rel, text);
    id = await vscode.commands.executeCommand<string | undefined>('redline.reviewPatch', vscode.Uri.file(write(`${DIR}/fix.diff`, PATCH)));
    assert.ok(id, 'Review Patch opened no changeset');
    const snap = redline.getChangeset(id);
    assert.equal(snap?.source, 'patch:fix.diff');
    const [a, win, created, gone] = snap?.files ?? [];
    assert.equal(a?.hunks.length, 3, 'a.txt has its three hunks');

    // a.txt: accept, reject, leave pending; win.txt pending; the created file accepted; the deletion pending.
    await redline.decide(id, a?.hunks[0]?.id ?? '', 'accept');
    await redline.decide(id, a?.hunks[1]?.id ?? '', 'reject', 'not this one');
    await redline.decide(id, created?.hunks[0]?.id ?? '', 'accept');
    assert.equal(win?.hunks[0]?.state, 'pending');
    assert.equal(gone?.hunks[0]?.state, 'pending');
    const decided = base.replace('line 2\n', 'line two\n');
    assert.deepEqual(bytes(`${DIR}/a.txt`), Buffer.from(decided), 'a.txt holds exactly the accepted hunk');
    assert.deepEqual(bytes(`${DIR}/win.txt`), Buffer.from('one\r\ntwo\r\nthree\r\n'), 'the pending CRLF file is untouched');
    assert.deepEqual(bytes(`${DIR}/new.txt`), Buffer.from('created\nfile\n'), 'the accepted created file');
    assert.deepEqual(bytes(`${DIR}/gone.txt`), Buffer.from('bye\n'), 'the pending deletion has not happened');
    const now = contents(root());

    // Copy Accepted as Patch, from the Changesets view's node.
    await vscode.env.clipboard.writeText('');
    assert.equal(await vscode.commands.executeCommand('redline.copyAcceptedPatch', { kind: 'changeset', changesetId: id }), true);
    const accepted = await vscode.env.clipboard.readText();
    assert.doesNotMatch(accepted, /fifteen|twenty-nine|TWO|gone\.txt/, `only accepted hunks: ${accepted}`);
    // Where it applies: the base the changeset was built on (a copy of it), and reversed, the workspace now.
    const atBase = copyOf(BASES);
    try {
      gitApply(atBase, accepted, '--check');
      gitApply(atBase, accepted);
      assert.deepEqual(contents(atBase), now, 'the accepted patch on the base gives the files as they are now');
    } finally {
      fs.rmSync(atBase, { recursive: true, force: true });
    }
    gitApply(root(), accepted, '-R', '--check');

    // Save Open Hunks as Patch…, from the Review panel in front.
    await vscode.commands.executeCommand('redline.reviewHunk', id, a?.hunks[2]?.id);
    await waitFor('the Review panel in front', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Review: Patch: fix.diff');
    const target = vscode.Uri.file(path.join(root(), DIR, 'open.patch'));
    const win2 = vscode.window as { showSaveDialog: unknown };
    const original = win2.showSaveDialog;
    let suggested: vscode.Uri | undefined;
    win2.showSaveDialog = async (options: vscode.SaveDialogOptions) => {
      suggested = options.defaultUri;
      return target;
    };
    let saved: vscode.Uri | undefined;
    try {
      saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('redline.saveOpenHunksPatch');
    } finally {
      win2.showSaveDialog = original;
    }
    assert.equal(saved?.fsPath, target.fsPath, 'the open hunks were saved where the user chose');
    assert.equal(suggested && path.basename(suggested.fsPath), 'patch-fix.diff-open.patch', 'a file name from the title is suggested');
    const open = fs.readFileSync(target.fsPath, 'utf8');
    assert.doesNotMatch(open, /line two|fifteen|new\.txt/, `only open hunks: ${open}`);
    gitApply(root(), open, '--check');
    const here = copyOf(now);
    try {
      gitApply(here, open);
      assert.deepEqual(
        contents(here),
        {
          [`${DIR}/a.txt`]: Buffer.from(decided.replace('line 29\n', 'line twenty-nine\n')),
          [`${DIR}/win.txt`]: Buffer.from('one\r\nTWO\r\nthree\r\n'),
          [`${DIR}/new.txt`]: Buffer.from('created\nfile\n'),
          [`${DIR}/gone.txt`]: null,
        },
        'the open patch on the files now gives every undecided hunk, none of the rejected one',
      );
    } finally {
      fs.rmSync(here, { recursive: true, force: true });
    }
  });
});
