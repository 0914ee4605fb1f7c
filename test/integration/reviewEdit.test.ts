// Edit a proposal before accepting it, through the Review panel's host in the extension host:
// the real WorkspaceEdit writes exactly the reviewer's lines as one undo step, the public API
// calls the hunk 'modified', and an edit of a hunk the user typed over since writes nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { read, write } from './agentSupport';
import { endAttacksAfterEach, ownAgent } from './safetyHarness';

const BASE = 'export const RATE = 0.2;\nexport const NAME = "cart";\n';
const PROPOSED = 'export const RATE = 0.21;\nexport const NAME = "cart";\n';
const MINE = 'export const RATE = 0.25; // from finance\nexport const NAME = "cart";\n';

describe('Review panel: accept an edited hunk', function () {
  this.timeout(60_000);
  const live = endAttacksAfterEach();
  const uri = (f: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, f);

  it('writes the edited lines as one undo step, and the API shows the hunk as modified', async () => {
    const file = 'src/edit/rate.ts';
    write(file, BASE);
    const own = (live.own = ownAgent());
    const id = await own.api.proposeChanges({ title: 'rate', files: [{ path: file, newText: PROPOSED }] });
    const hunkId = own.api.getChangeset(id)!.files[0]!.hunks[0]!.id;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(file)), { preview: false });
    const { webview } = own.openPanel(id);
    await webview.send({ type: 'ready' });
    await webview.send({ type: 'acceptEdited', requestId: 3, hunkId, revision: 1, text: 'export const RATE = 0.25; // from finance' });
    assert.deepEqual(webview.notices(), [], 'the edited accept was refused');
    assert.equal(editor.document.getText(), MINE, 'the document must hold exactly the edited line');
    assert.equal(read(file), MINE, 'the accept saves the file');
    assert.equal(own.api.getChangeset(id)!.files[0]!.hunks[0]!.state, 'modified');

    await vscode.commands.executeCommand('undo', editor.document.uri);
    assert.equal(editor.document.getText(), BASE, 'one undo must take the whole edited accept back');
  });

  it('refuses an edit of a hunk the user has typed over since: stale, nothing written', async () => {
    const file = 'src/edit/typed.ts';
    write(file, BASE);
    const own = (live.own = ownAgent());
    const id = await own.api.proposeChanges({ title: 'typed', files: [{ path: file, newText: PROPOSED }] });
    const hunkId = own.api.getChangeset(id)!.files[0]!.hunks[0]!.id;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri(file)), { preview: false });
    await editor.edit((e) => e.replace(new vscode.Range(0, 20, 0, 23), '0.3'));
    const typed = editor.document.getText();
    const { webview } = own.openPanel(id);
    await webview.send({ type: 'ready' });
    await webview.send({ type: 'acceptEdited', requestId: 5, hunkId, revision: 1, text: 'export const RATE = 0.25;' });
    assert.match(webview.notices().join('\n'), /stale/, 'the refusal must say the hunk is stale');
    assert.equal(editor.document.getText(), typed, "the user's text must stay as typed");
    assert.equal(read(file), BASE, 'nothing may be written to disk');
    assert.equal(own.api.getChangeset(id)!.files[0]!.hunks[0]!.state, 'stale');
  });
});
