// The Changesets tree's data provider over a review session of its own (the extension's session
// is not reachable from a test), with the real workspace adapter and the real reject command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ReviewSession } from '../../src/core/review/reviewSession';
import { ChangesetTree, CHANGESETS_VIEW, type TreeNode } from '../../src/vscode/editor/changesetTree';
import { DocumentHunks } from '../../src/vscode/editor/documentHunks';
import { RejectHunkCommand } from '../../src/vscode/editor/hunkCommands';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { api, read, write } from './agentSupport';
import { stubWindow, withoutAutoSave } from './editorSupport';
import { policyRules } from '../../src/core/policy/policyRules';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
const BASE = lines(30);

describe('Changesets tree', () => {
  withoutAutoSave();
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("is contributed to Redline's sidebar", async () => {
    await api();
    // The id the adapter creates its tree view with is the one the manifest puts in Redline's
    // view container, and nowhere else.
    const ext = vscode.extensions.getExtension('redline.redline');
    const views = (ext?.packageJSON.contributes.views ?? {}) as Record<string, { id: string }[]>;
    const containers = Object.entries(views)
      .filter(([, list]) => list.some((v) => v.id === CHANGESETS_VIEW))
      .map(([container]) => container);
    assert.deepEqual(containers, ['redline'], `the ${CHANGESETS_VIEW} view is contributed to [${containers.join(', ')}], not to Redline's sidebar`);
    const focus = `${CHANGESETS_VIEW}.focus`;
    assert.ok((await vscode.commands.getCommands(true)).includes(focus), `the workbench has no ${focus}: the view is not there`);
    await vscode.commands.executeCommand(focus);
  });

  it('lists changesets, files with pending counts and hunks with their state and reason, and refreshes on decisions', async () => {
    write('src/tree/a.ts', BASE);
    write('src/tree/b.ts', BASE);
    const session = new ReviewSession(new VsCodeReviewWorkspace(new WorkspacePaths(policyRules)), workspaceTrust, policyRules);
    const hunks = new DocumentHunks(session);
    const tree = new ChangesetTree(session);
    const proposed = await session.propose({
      title: 'Tree test',
      source: 'api',
      files: [
        { path: 'src/tree/a.ts', newText: BASE.replace('line 3\n', 'three\n').replace('line 20\n', 'line 20\nline 20b\n') },
        { path: 'src/tree/b.ts', newText: BASE.replace('line 9\n', 'nine\n') },
      ],
    });
    assert.ok(proposed.ok, proposed.ok ? '' : proposed.message);
    const id = proposed.value;
    const item = (n: TreeNode) => tree.getTreeItem(n);
    const labelOf = (n: TreeNode) => {
      const label = item(n).label;
      return typeof label === 'string' ? label : label?.label;
    };

    const [root, ...others] = tree.getChildren();
    assert.deepEqual(root, { kind: 'changeset', changesetId: id });
    assert.deepEqual(others, []);
    assert.deepEqual([labelOf(root!), item(root!).description], ['Tree test', '3 pending']);
    const files = tree.getChildren(root);
    assert.deepEqual(
      files.map((f) => [labelOf(f), item(f).description, item(f).contextValue]),
      [
        ['a.ts', 'src/tree · 2 pending', 'file.pending'],
        ['b.ts', 'src/tree · 1 pending', 'file.pending'],
      ],
    );
    assert.equal(item(files[0]!).command?.command, 'vscode.open', 'clicking a file opens it');
    const [h1, h2] = tree.getChildren(files[0]);
    assert.deepEqual(
      [h1, h2].map((h) => [labelOf(h!), item(h!).description, item(h!).contextValue]),
      [
        ['Line 3', 'pending', 'hunk.pending'],
        ['Line 21', 'pending', 'hunk.pending'],
      ],
    );
    assert.equal(tree.getParent(h1!)?.kind, 'file');

    const changed = new Promise<void>((resolve) => {
      const sub = tree.onDidChangeTreeData(() => {
        sub.dispose();
        resolve();
      });
    });
    const restore = stubWindow('showInputBox', async () => 'keep digits');
    try {
      const reject = new RejectHunkCommand({ session, hunks, askFix: async () => undefined, review: () => undefined });
      assert.equal(await reject.execute(h1), true, 'the reject command takes a tree node');
    } finally {
      restore();
    }
    const decided = await session.decideFile(id, 'src/tree/b.ts', 'accept');
    assert.ok(decided.ok, decided.ok ? '' : decided.message);
    await changed;

    assert.deepEqual([item(h1!).description, item(h1!).contextValue], ['rejected: keep digits', 'hunk.rejected'], 'a rejected hunk shows its reason');
    assert.deepEqual(
      files.map((f) => [item(f).description, item(f).contextValue]),
      [
        ['src/tree · 1 pending', 'file.pending'],
        ['src/tree · decided', 'file'],
      ],
    );
    assert.equal(item(root!).description, '1 pending');
    assert.equal(read('src/tree/b.ts'), BASE.replace('line 9\n', 'nine\n'), 'accepting the file wrote it');
    tree.dispose();
    hunks.dispose();
  });
});
