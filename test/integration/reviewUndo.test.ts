// One user action, one undo step (STYLE.md): Accept all over several files is one WorkspaceEdit,
// so VS Code keeps it as one workspace-wide undo element, not one element per file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { read, write } from './agentSupport';
import { endAttacksAfterEach, ownAgent } from './safetyHarness';

const FILES = ['src/undo/a.ts', 'src/undo/b.ts', 'src/undo/c.ts'];
const before = (f: string) => `export const file = '${f}';\nexport const n = 1;\n`;
const after = (f: string) => `export const file = '${f}';\nexport const n = 2;\n`;

describe('Accept all across files is one undo step', function () {
  this.timeout(60_000);
  const live = endAttacksAfterEach();

  it('one undo after Accept all from the Review panel takes back all three files', async () => {
    for (const f of FILES) write(f, before(f));
    const own = (live.own = ownAgent());
    const id = await own.api.proposeChanges({ title: 'three files', files: FILES.map((path) => ({ path, newText: after(path) })) });
    const docs = await Promise.all(FILES.map((f) => vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, f))));
    const editor = await vscode.window.showTextDocument(docs[0]!, { preview: false });
    const { webview } = own.openPanel(id);
    await webview.send({ type: 'ready' });
    await webview.send({ type: 'decideAll', requestId: 4, decision: 'accept' });
    assert.deepEqual(webview.notices(), [], 'Accept all was refused');
    for (const f of FILES) assert.equal(read(f), after(f), `${f} was not accepted`);

    // One undo in the editor in front: the edit spans the three files, so VS Code keeps it as one
    // workspace undo element and takes back all of it (per-file edits would undo a.ts alone).
    await vscode.commands.executeCommand('undo', editor.document.uri);
    docs.forEach((doc, i) => assert.equal(doc.getText(), before(FILES[i]!), `${FILES[i]} is not back after one undo`));
  });
});
