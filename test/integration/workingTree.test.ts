import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findScopes } from '../../src/vscode/git/scopes';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { textReply, toolReply, turnOf } from '../double/script';
import { api, resetSettings, startDouble, stubWindow, waitFor } from './agentSupport';
import { hunksOf, lines, waitForChangeset, WorkspaceRepo } from './gitSupport';
import { policyRules } from '../../src/core/policy/policyRules';

const base = lines(40);
const three = base.replace('line 2\n', 'line two\n').replace('line 20\n', 'line twenty\n').replace('line 38\n', 'line thirty-eight\n');

describe('Review Working Tree (git) in the extension host', function () {
  this.timeout(60_000);
  let restore: (() => void) | undefined;
  let infos: string[] = [];
  beforeEach(() => {
    infos = [];
    restore = stubWindow('showInformationMessage', (message: unknown) => {
      infos.push(String(message));
      return Promise.resolve(undefined);
    });
  });
  afterEach(async () => {
    restore?.();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('accepting one hunk of three stages exactly that hunk', async () => {
    const repo = new WorkspaceRepo('stage-one');
    repo.write('src/a.txt', base);
    repo.commitAll();
    repo.write('src/a.txt', three);
    const cs = await repo.review();
    assert.equal(cs.source, 'git');
    const hunks = hunksOf(cs, repo.display('src/a.txt'));
    assert.equal(hunks.length, 3, `expected three hunks, got ${JSON.stringify(cs.files)}`);
    await (await api()).decide(cs.id, hunks[1]!.id, 'accept');
    assert.equal(
      repo.staged(),
      [
        'diff --git a/src/a.txt b/src/a.txt',
        '--- a/src/a.txt',
        '+++ b/src/a.txt',
        '@@ -17,7 +17,7 @@ line 16',
        ' line 17',
        ' line 18',
        ' line 19',
        '-line 20',
        '+line twenty',
        ' line 21',
        ' line 22',
        ' line 23',
        '',
      ].join('\n'),
      'the index must hold exactly the accepted hunk',
    );
    assert.equal(repo.read('src/a.txt'), three, 'staging must not touch the working tree');
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await waitFor('the review panel', () => labels().includes('Review: Working tree')).catch(() => undefined);
    assert.ok(labels().includes('Review: Working tree'), `the review panel did not open: ${labels().join(', ')}`);
  });

  it('rejecting reverts the hunk in the working tree as one undoable edit; undo brings it back for review', async () => {
    const repo = new WorkspaceRepo('revert');
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('a.txt', three);
    const cs = await repo.review();
    const shown = repo.display('a.txt');
    const first = hunksOf(cs, shown)[0]!;
    await (await api()).decide(cs.id, first.id, 'reject', 'keep the digits');
    assert.equal(repo.read('a.txt'), three.replace('line two\n', 'line 2\n'), 'the working tree must lose exactly that hunk (and be saved)');
    assert.equal(repo.staged(), '', 'a rejection stages nothing');
    const doc = await vscode.workspace.openTextDocument(repo.abs('a.txt'));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), three, 'one undo must bring the reverted hunk back');
    await doc.save();
    const back = await waitForChangeset(
      cs.id,
      'the undone hunk to be pending again',
      (c) => hunksOf(c, shown).find((h) => h.id === first.id)?.state === 'pending',
    );
    assert.deepEqual(
      hunksOf(back, shown).map((h) => h.state),
      ['pending', 'pending', 'pending'],
    );
  });

  it('follows a file changed underneath: decisions on unchanged hunks stay, the changed hunk is marked as its next revision', async () => {
    const repo = new WorkspaceRepo('underneath');
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('a.txt', three);
    const cs = await repo.review();
    const shown = repo.display('a.txt');
    const [first, second, third] = hunksOf(cs, shown);
    const redline = await api();
    await redline.decide(cs.id, first!.id, 'accept');
    // The agent in the terminal keeps working on the middle of the file.
    fs.writeFileSync(repo.abs('a.txt'), three.replace('line twenty\n', 'line TWENTY\n'));
    const after = await waitForChangeset(cs.id, 'the changed hunk to become revision 2', (c) =>
      hunksOf(c, shown).some((h) => h.id === second!.id && h.revision === 2),
    );
    assert.deepEqual(
      hunksOf(after, shown).map((h) => [h.id, h.state, h.revision]),
      [
        [first!.id, 'accepted', 1],
        [second!.id, 'pending', 2],
        [third!.id, 'pending', 1],
      ],
    );
    await redline.decide(cs.id, second!.id, 'accept');
    assert.match(repo.staged(), /^\+line TWENTY$/m, 'accepting the new revision stages what is in the working tree now');
    assert.match(repo.staged(), /^\+line two$/m, 'the earlier accept is still staged');
  });

  it('an untracked file is a whole-file addition that accepting stages', async () => {
    const repo = new WorkspaceRepo('untracked');
    repo.write('README.md', 'hi\n');
    repo.commitAll();
    repo.write('src/new.ts', 'export const x = 1;\n');
    const cs = await repo.review();
    const file = cs.files.find((f) => f.path === repo.display('src/new.ts'));
    assert.deepEqual([file?.status, file?.hunks.length], ['added', 1]);
    await (await api()).decide(cs.id, file!.hunks[0]!.id, 'accept');
    assert.equal(repo.git('status', '--porcelain'), 'A  src/new.ts\n');
  });

  it('against HEAD, a rename shows as one renamed file and accepting stages its hunk', async () => {
    const repo = new WorkspaceRepo('rename');
    repo.write('old.txt', base);
    repo.commitAll();
    repo.git('mv', 'old.txt', 'new.txt');
    repo.write('new.txt', base.replace('line 9\n', 'line nine\n'));
    const cs = await repo.review('HEAD');
    assert.deepEqual(
      cs.files.map((f) => [f.path, f.status]),
      [[repo.display('new.txt'), 'renamed']],
    );
    await (await api()).decide(cs.id, cs.files[0]!.hunks[0]!.id, 'accept');
    assert.match(repo.git('diff', '--cached', '-M', '--name-status'), /^R\d+\told\.txt\tnew\.txt$/m);
    assert.match(repo.staged('-M'), /^\+line nine$/m);
  });

  it('a binary file is listed, not diffed, and the text beside it is reviewed', async () => {
    const repo = new WorkspaceRepo('binary');
    repo.write('img.bin', new Uint8Array([0, 1, 2, 3, 4]));
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('img.bin', new Uint8Array([0, 9, 9, 9, 9]));
    repo.write('a.txt', three);
    const cs = await repo.review();
    assert.deepEqual(
      cs.files.map((f) => f.path),
      [repo.display('a.txt')],
      'the binary file must not become hunks',
    );
  });

  it('a CRLF file keeps its line endings when a hunk is staged', async () => {
    const repo = new WorkspaceRepo('crlf');
    const crlf = base.replace(/\n/g, '\r\n');
    repo.write('win.txt', crlf);
    repo.commitAll();
    repo.write('win.txt', crlf.replace('line 3\r\n', 'line three\r\n').replace('line 33\r\n', 'line thirty-three\r\n'));
    const cs = await repo.review();
    const hunks = hunksOf(cs, repo.display('win.txt'));
    assert.equal(hunks.length, 2, 'only the changed lines are hunks, not every CRLF line');
    await (await api()).decide(cs.id, hunks[0]!.id, 'accept');
    assert.equal(repo.git('show', ':win.txt'), crlf.replace('line 3\r\n', 'line three\r\n'), 'the index holds CRLF lines with only the accepted change');
  });

  it('a file with conflict markers is refused with a message; a folder that is not a repository says so', async () => {
    const repo = new WorkspaceRepo('conflict');
    repo.write('m.txt', 'a\n');
    repo.write('ok.txt', base);
    repo.commitAll();
    repo.write('m.txt', '<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n');
    repo.write('ok.txt', three);
    const cs = await repo.review();
    assert.deepEqual(
      cs.files.map((f) => f.path),
      [repo.display('ok.txt')],
    );
    assert.ok(
      infos.some((m) => /resolve the conflicts first: .*m\.txt/.test(m)),
      `no conflict message among ${JSON.stringify(infos)}`,
    );
    fs.mkdirSync(`${repo.dir}-plain`, { recursive: true });
    const none = await vscode.commands.executeCommand('redline.reviewWorkingTree', { root: `${repo.dir}-plain` });
    assert.equal(none, undefined);
    assert.ok(
      infos.some((m) => /'repo-conflict-plain' is not a git repository/.test(m)),
      `no message for the plain folder among ${JSON.stringify(infos)}`,
    );
  });

  it('in a multi-root workspace, every folder is scanned and a folder that is not a repository says so', async () => {
    const repo = new WorkspaceRepo('multi');
    repo.write('a.txt', base);
    repo.commitAll();
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-plain-'));
    const folders = [...(vscode.workspace.workspaceFolders ?? []), { name: 'plain', uri: vscode.Uri.file(plain) }];
    const found = await findScopes('git', new WorkspacePaths(policyRules), undefined, folders);
    assert.ok(found.ok, found.ok ? '' : found.message);
    assert.deepEqual(found.value.notes, ["folder 'plain' is not a git repository"]);
    assert.ok(
      found.value.scopes.some((s) => s.repo.root === fs.realpathSync(repo.dir)),
      'a repository inside a folder is found',
    );
    fs.rmSync(plain, { recursive: true, force: true });
  });

  it('ask fix: the agent revises the hunk, the revision arrives as revision 2 in the working tree, and accepting stages it', async () => {
    const repo = new WorkspaceRepo('fix');
    repo.write('a.txt', base);
    repo.commitAll();
    repo.write('a.txt', three);
    const cs = await repo.review();
    const shown = repo.display('a.txt');
    const middle = hunksOf(cs, shown)[1]!;
    const double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([{ name: 'propose_edit', input: { path: shown, old_string: 'line twenty', new_string: 'line TWENTY', step: 'none' } }])
        : textReply('Louder.'),
    );
    try {
      const redline = await api();
      await redline.requestFix(cs.id, middle.id, 'make it louder');
      const after = hunksOf(redline.getChangeset(cs.id)!, shown).find((h) => h.id === middle.id);
      assert.deepEqual([after?.revision, after?.state], [2, 'pending']);
      assert.equal(repo.read('a.txt'), three.replace('line twenty\n', 'line TWENTY\n'), 'the revision is written into the working tree, nothing else');
      assert.equal(repo.staged(), '', 'a revision is not staged until it is accepted');
      await redline.decide(cs.id, middle.id, 'accept');
      assert.match(repo.staged(), /^\+line TWENTY$/m);
    } finally {
      await double.close();
      await resetSettings();
    }
  });
});
