// The deny list is built once and kept until the settings or the folders change: a glob the user
// adds applies to the very next proposal, and one taken out stops applying, without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, write } from './agentSupport';

describe('the deny list follows a changed setting at once', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('redline');
  after(() => config().update('deny.globs', undefined, vscode.ConfigurationTarget.Global));

  it('refuses a path once its glob is added, and takes it again once the glob is removed', async () => {
    const redline = await api();
    write('notes/plans.md', 'one\n');
    const propose = () => redline.proposeChanges({ title: 'Notes', files: [{ path: 'notes/plans.md', newText: 'two\n' }] });
    // Built and kept before the change: the first proposal reads the settings.
    assert.ok(await propose(), 'the path is proposable before the glob is added');
    await config().update('deny.globs', ['notes/**'], vscode.ConfigurationTarget.Global);
    await assert.rejects(propose(), /deny pattern 'notes\/\*\*'/, 'the added glob applies to the next proposal');
    await config().update('deny.globs', undefined, vscode.ConfigurationTarget.Global);
    assert.ok(await propose(), 'the removed glob no longer applies');
  });
});
