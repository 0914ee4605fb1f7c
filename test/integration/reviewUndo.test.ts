// One user action, one undo step (STYLE.md): Accept all over several files is one WorkspaceEdit,
// so VS Code keeps it as one workspace-wide undo element, not one element per file; and the edit
// is built only when every file still holds what the decision expects, so a race writes nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { policyRules } from '../../src/core/policy/policyRules';
import { read, write } from './agentSupport';
import { endAttacksAfterEach, ownAgent } from './safetyHarness';

const FILES = ['src/undo/a.ts', 'src/undo/b.ts', 'src/undo/c.ts'];
const before = (f: string) => `export const file = '${f}';\nexport const n = 1;\n`;
const after = (f: string) => `export const file = '${f}';\nexport const n = 2;\n`;

describe('Review writes across files: one WorkspaceEdit', function () {
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

  it('the write port checks every file before it applies the edit: a changed second file writes nothing', async () => {
    const files = FILES.map((f) => f.replace('/undo/', '/undo-race/'));
    for (const f of files) write(f, before(f));
    const port = new VsCodeReviewWorkspace(new WorkspacePaths(policyRules));
    const resolved = await Promise.all(
      files.map(async (f) => {
        const r = await port.resolve(f);
        assert.ok(r.ok, r.ok ? '' : r.message);
        return r.value;
      }),
    );
    // The second file's expected text is not what it holds: another edit won the race.
    const edit = (expected: string) => ({
      kind: 'edit' as const,
      expected,
      edits: [{ startLine: 1, startCharacter: 17, endLine: 1, endCharacter: 18, newText: '2' }],
    });
    const written = await port.write(resolved.map((file, i) => ({ file, write: edit(i === 1 ? 'something else\n' : before(files[i]!)) })));
    assert.equal(written.ok, false, 'the batch was applied over a changed file');
    assert.match(written.ok ? '' : written.message, /^src\/undo-race\/b\.ts: /, 'the failure must name the file');
    for (const f of files) {
      assert.equal(read(f), before(f), `${f} was written on disk`);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath.endsWith(f));
      if (doc) assert.equal(doc.getText(), before(f), `${f} was edited in its document`);
    }
  });
});
