// Runs right after the activation suite (files run in name order), while the window holds no
// changeset yet: the editor and git reviews and the policy rules are bundles of their own, loaded on
// first use (src/vscode/bundles.json).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import table from '../../src/vscode/bundles.json';
import { api, write } from './agentSupport';
import { stubWindow } from './editorSupport';
import { hunksOf, lines, WorkspaceRepo } from './gitSupport';

/** Whether the extension host has loaded a bundle of dist/ (the bundles are CommonJS, loaded with require). */
function loaded(bundle: string): boolean {
  const ext = vscode.extensions.getExtension('redline.redline');
  assert.ok(ext, 'extension missing');
  return require.cache[path.join(ext.extensionPath, 'dist', bundle)] !== undefined;
}

describe('bundles loaded on first use (editor review, git review, policy rules)', function () {
  this.timeout(60_000);
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('activation loads neither; the first changeset loads the editor review, which decorates the open document', async () => {
    const redline = await api();
    assert.ok(loaded('extension.js'), 'the check must see the bundle activation loads');
    assert.equal(loaded('editor.js'), false, 'the editor review must not load before there is a changeset');
    assert.equal(loaded('git.js'), false, 'the git review must not load before its command runs');
    assert.equal(loaded('policy.js'), false, 'the policy rules (tripwires, protected paths, the deny list with its glob matcher) must not load at activation');
    assert.equal(loaded('agent.js') || loaded('model.js'), false, 'the agent and the model client must not load before a run');
    // Their commands are proxies from activation, made from the manifest, before their code loads.
    const registered = new Set(await vscode.commands.getCommands(true));
    const proxied = [...table.editor.commands, ...table.git.commands];
    assert.deepEqual(
      proxied.filter((id) => !registered.has(id)),
      [],
      'a command of the editor or git bundle has no proxy at activation',
    );
    assert.equal(loaded('editor.js') || loaded('git.js'), false, 'listing the commands must not load their bundles');

    const base = lines(12);
    const rel = 'src/lazy/editor.txt';
    const doc = await vscode.workspace.openTextDocument(write(rel, base));
    await vscode.window.showTextDocument(doc, { preview: false });
    const id = await redline.proposeChanges({ title: 'Lazy editor', files: [{ path: rel, newText: base.replace('line 4\n', 'line four\n') }] });
    assert.ok(loaded('editor.js'), 'the first changeset must load the editor review');
    assert.ok(loaded('policy.js'), 'the first proposal must load the policy rules');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [3, 'Accept'],
        [3, 'Reject'],
        [3, 'Ask fix'],
        [3, 'Review'],
      ],
      'the document opened before the load gets its lenses',
    );

    // The command registered at activation runs the real one from the bundle.
    const hunk = redline.getChangeset(id)!.files[0]!.hunks[0]!;
    assert.equal(await vscode.commands.executeCommand('redline.acceptHunk', id, hunk.id), true, 'accept through the proxy reported a failure');
    assert.equal(doc.getText(), base.replace('line 4\n', 'line four\n'));
    assert.equal(loaded('git.js'), false, 'the editor review does not load the git review');

    // The rules run through the port the composition root filled with the policy bundle.
    const skipped = await redline.proposeChanges({
      title: 'Lazy tripwires',
      files: [{ path: 'test/lazy.test.js', newText: "describe('lazy', () => {\n  it.skip('adds', () => {});\n});\n" }],
    });
    assert.deepEqual(redline.getChangeset(skipped)!.files[0]!.hunks[0]!.flags, ['tests-disabled']);
  });

  it('Review Working Tree loads the git review on its first run; the API reads, decides and relays its changesets', async () => {
    assert.equal(loaded('git.js'), false, 'the git review must not load before its command runs');
    const redline = await api();
    // Subscribed before the git session exists: it must still hear of working-tree changesets.
    const heard: string[] = [];
    const listening = redline.onDidChange((e) => e.kind === 'changeset' && heard.push(e.id));
    const repo = new WorkspaceRepo('lazy-bundle');
    repo.write('a.txt', lines(20));
    repo.commitAll();
    repo.write('a.txt', lines(20).replace('line 5\n', 'line five\n'));
    const unstub = stubWindow('showInformationMessage', () => Promise.resolve(undefined));
    const cs = await repo.review().finally(() => {
      unstub();
      listening.dispose();
    });
    assert.ok(loaded('git.js'), 'the command must load the git review');
    assert.equal(cs.source, 'git');
    assert.ok(heard.includes(cs.id), `onDidChange did not relay the working-tree changeset: ${heard.join(', ')}`);
    const [hunk] = hunksOf(cs, repo.display('a.txt'));
    assert.ok(hunk, `no hunk in ${JSON.stringify(cs.files)}`);
    await redline.decide(cs.id, hunk.id, 'accept');
    assert.match(repo.staged(), /^\+line five$/m, 'accepting through the API stages the hunk');
  });
});
