// An accept writes the file and saves it; Undo in the editor right after takes the accept back
// completely: the document and the file on disk hold the text from before, nothing is left
// unsaved, and the hunk is pending again with its id. Redo accepts it again, on disk too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';
import { api, stubWindow, waitFor, write } from './agentSupport';
import { withoutAutoSave } from './editorSupport';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
const BASE = lines(30);
const PROPOSED = BASE.replace('line 3\n', 'line three\n').replace('line 20\n', 'line 20\nline 20b\n');
const FIRST_ACCEPTED = BASE.replace('line 3\n', 'line three\n');

async function proposeAndOpen(redline: RedlineApi, rel: string) {
  const abs = write(rel, BASE);
  const doc = await vscode.workspace.openTextDocument(abs);
  await vscode.window.showTextDocument(doc, { preview: false });
  const id = await redline.proposeChanges({ title: `Edit ${rel}`, files: [{ path: rel, newText: PROPOSED }] });
  const hunks = redline.getChangeset(id)!.files[0]!.hunks.map((h) => h.id);
  return { abs, doc, id, hunks };
}

const states = (redline: RedlineApi, id: string) => Object.fromEntries(redline.getChangeset(id)!.files[0]!.hunks.map((h) => [h.id, h.state]));

describe('Undo in the editor after an accept', function () {
  this.timeout(60_000);
  withoutAutoSave();
  const restore: (() => void)[] = [];
  afterEach(async () => {
    for (const r of restore.splice(0)) r();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('takes a CodeLens accept back on disk too, the hunk pending again with its id; Redo accepts it again, saved', async () => {
    const redline = await api();
    const { abs, doc, id, hunks } = await proposeAndOpen(redline, 'src/undoAccept/lens.ts');
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk', id, hunks[0]), true, 'the accept failed');
    assert.equal(fs.readFileSync(abs, 'utf8'), FIRST_ACCEPTED, 'the accept was not saved');

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), BASE, 'the undo did not restore the document');
    await waitFor('the file on disk to be as before the accept', () => fs.readFileSync(abs, 'utf8') === BASE && !doc.isDirty);
    await waitFor('the hunk to be pending again', () => states(redline, id)[hunks[0]!] === 'pending');
    assert.deepEqual(
      redline.getChangeset(id)!.files[0]!.hunks.map((h) => [h.id, h.state]),
      [
        [hunks[0], 'pending'],
        [hunks[1], 'pending'],
      ],
      'the hunks keep their ids and are both pending',
    );

    await vscode.commands.executeCommand('redo');
    assert.equal(doc.getText(), FIRST_ACCEPTED, 'the redo did not put the accept back');
    await waitFor('the file on disk to hold the accept again', () => fs.readFileSync(abs, 'utf8') === FIRST_ACCEPTED && !doc.isDirty);
    await waitFor('the hunk to be accepted again', () => states(redline, id)[hunks[0]!] === 'accepted');
    assert.equal(states(redline, id)[hunks[1]!], 'pending', 'the other hunk stays pending');
  });

  it('takes an Accept file back on disk too: one undo, every hunk of the file pending again', async () => {
    const redline = await api();
    const { abs, doc, id, hunks } = await proposeAndOpen(redline, 'src/undoAccept/file.ts');
    assert.equal(await vscode.commands.executeCommand('redline.acceptFile', id, 'src/undoAccept/file.ts'), true, 'Accept file failed');
    assert.equal(fs.readFileSync(abs, 'utf8'), PROPOSED, 'Accept file was not saved');

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), BASE, 'one undo did not take the whole file back');
    await waitFor('the file on disk to be as before the accept', () => fs.readFileSync(abs, 'utf8') === BASE && !doc.isDirty);
    await waitFor('both hunks to be pending again', () => hunks.every((h) => states(redline, id)[h] === 'pending'));
  });

  it('an undo after typing that was never saved is not saved: the file stays as the user left it', async () => {
    const redline = await api();
    const { abs, doc, id, hunks } = await proposeAndOpen(redline, 'src/undoAccept/typed.ts');
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) => b.insert(new vscode.Position(29, 0), '// mine\n'));
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk', id, hunks[0]), true, 'the accept failed');
    assert.equal(fs.readFileSync(abs, 'utf8'), BASE, 'an accept into a document with unsaved typing must not save it');
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /^line 3$/m, 'the undo did not take the accept back');
    assert.ok(doc.isDirty, 'the undo must not save the unsaved typing');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(fs.readFileSync(abs, 'utf8'), BASE, 'the file on disk changed');
  });

  it('an undo that cannot be saved says why and what the file on disk holds', async () => {
    const redline = await api();
    const rel = 'src/undoAccept/unsaveable.ts';
    const { abs, doc, id, hunks } = await proposeAndOpen(redline, rel);
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk', id, hunks[0]), true, 'the accept failed');
    const warnings: string[] = [];
    restore.push(stubWindow('showWarningMessage', async (m: unknown) => void warnings.push(String(m))));
    // A folder takes the file's name: no save can write there.
    fs.rmSync(abs);
    fs.mkdirSync(abs);
    restore.push(() => fs.rmSync(abs, { recursive: true, force: true }));

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), BASE, 'the undo did not restore the document');
    const said = await waitFor('a warning', () => warnings[0]);
    assert.match(said, new RegExp(`${rel.replace(/\./g, '\\.')} could not be saved`), `the warning must name the file: ${said}`);
    assert.match(said, /still holds the accepted text/, `the warning must say what is on disk: ${said}`);
    assert.ok(doc.isDirty, 'the document keeps the undone text, unsaved');
    assert.ok(states(redline, id)[hunks[0]!] !== undefined, 'the hunk was lost from the changeset');
  });
});
