// Rewind Accepted Hunks: three files accepted, one of them edited by the user since. The rewind
// takes the other two back byte for byte in one WorkspaceEdit (one undo in the editor puts them
// back), leaves the edited file exactly as the user left it with its hunk stale, and says so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, read, stubWindow, waitFor, write } from './agentSupport';
import { withoutAutoSave } from './editorSupport';

const FILES = ['src/rewind/a.ts', 'src/rewind/b.ts', 'src/rewind/c.ts'];
const before = (f: string) => `export const file = '${f}';\nexport const n = 1;\nexport const end = true;\n`;
const after = (f: string) => before(f).replace('n = 1', 'n = 2');

describe('Rewind Accepted Hunks', function () {
  this.timeout(60_000);
  withoutAutoSave();
  const restore: (() => void)[] = [];
  afterEach(async () => {
    for (const r of restore.splice(0)) r();
    await vscode.commands.executeCommand('workbench.action.files.revertAll').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('one step: two files back byte for byte, the file edited since untouched and stale, one undo puts the accepts back', async () => {
    const redline = await api();
    for (const f of FILES) write(f, before(f));
    const id = await redline.proposeChanges({ title: 'three files', files: FILES.map((path) => ({ path, newText: after(path) })) });
    const docs = await Promise.all(FILES.map((f) => vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, f))));
    for (const f of FILES) assert.equal(await vscode.commands.executeCommand('redline.acceptFile', id, f), true, `accepting ${f} failed`);
    for (const f of FILES) await waitFor(`${f} accepted on disk`, () => read(f) === after(f));

    // The user types in b.ts after accepting it (and saves).
    const edited = await vscode.window.showTextDocument(docs[1]!, { preview: false });
    await edited.edit((b) => b.insert(new vscode.Position(2, 0), '// mine\n'));
    await docs[1]!.save();
    const typed = docs[1]!.getText();

    const warnings: string[] = [];
    restore.push(stubWindow('showWarningMessage', async (m: unknown) => void warnings.push(String(m))));
    const editor = await vscode.window.showTextDocument(docs[0]!, { preview: false });
    assert.equal(await vscode.commands.executeCommand('redline.rewindAccepted', id, 0), true, 'the rewind failed');

    assert.equal(docs[0]!.getText(), before(FILES[0]!), 'a.ts is not back');
    assert.equal(docs[2]!.getText(), before(FILES[2]!), 'c.ts is not back');
    await waitFor('a.ts and c.ts back on disk, byte for byte', () => read(FILES[0]!) === before(FILES[0]!) && read(FILES[2]!) === before(FILES[2]!));
    assert.equal(docs[1]!.getText(), typed, 'the edited file must be left as the user left it');
    assert.equal(read(FILES[1]!), typed);
    const states = () => redline.getChangeset(id)!.files.map((f) => f.hunks.map((h) => h.state).join());
    assert.deepEqual(states(), ['pending', 'stale', 'pending']);
    const said = await waitFor('the message', () => warnings[0]);
    assert.match(said, /took back 2 accepted hunks/, said);
    assert.match(said, /Left src\/rewind\/b\.ts .*you edited it after accepting/, `the message must name the file left: ${said}`);

    // One undo in the editor in front takes the whole rewind back: it was one WorkspaceEdit.
    await vscode.commands.executeCommand('undo', editor.document.uri);
    assert.equal(docs[0]!.getText(), after(FILES[0]!), 'one undo did not bring a.ts back');
    assert.equal(docs[2]!.getText(), after(FILES[2]!), 'one undo did not bring c.ts back too');
    assert.equal(docs[1]!.getText(), typed, 'the undo must not touch the file the rewind left');
    await waitFor('the accepts to stand again', () => states().join('|') === 'accepted|stale|accepted');
  });
});
