import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'redline.redline';

describe('activation', () => {
  it('activates in the extension host and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
    await ext.activate();
    assert.equal(ext.isActive, true, 'extension did not activate');
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed commands with no handler: ${missing.join(', ')}`);
  });

  it('contributes the Redline view container with the Plan webview view, the Changesets tree and the Agents tree', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const views = ext?.packageJSON.contributes.views.redline as { id: string; type?: string }[];
    assert.deepEqual(
      views.map((v) => [v.id, v.type ?? 'tree']),
      [
        ['redline.plan', 'webview'],
        ['redline.changesets', 'tree'],
        ['redline.agents', 'tree'],
      ],
    );
    // Focusing the view resolves the webview view provider; it must not throw.
    await vscode.commands.executeCommand('redline.focusPlan');
  });

  it('creates a plan file under .redline/plans with the New Plan command', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is not open');
    const original = vscode.window.showInputBox;
    (vscode.window as { showInputBox: typeof vscode.window.showInputBox }).showInputBox = async () => 'Add a parser';
    try {
      const uri = (await vscode.commands.executeCommand('redline.newPlan')) as vscode.Uri | undefined;
      assert.ok(uri, 'New Plan returned no file');
      assert.equal(vscode.workspace.asRelativePath(uri), '.redline/plans/add-a-parser.md');
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      assert.match(text, /^---\ntitle: Add a parser\nstatus: draft\n/, `unexpected plan text:\n${text}`);
      await vscode.workspace.fs.delete(uri);
    } finally {
      (vscode.window as { showInputBox: typeof vscode.window.showInputBox }).showInputBox = original;
    }
  });
});
