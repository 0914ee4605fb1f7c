// Runs in the Restricted Mode window (scripts/test-integration.mjs): a terminal agent's hook is
// answered, and its answer is a denial that says why; nothing is proposed or written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { shellQuote } from '../../src/node/terminalAgents/hookStorage';
import { api, root } from './agentSupport';
import { hookInput, reasonOf, runHook } from './terminalAgentSupport';

describe('Restricted Mode: terminal agents', function () {
  this.timeout(60_000);

  it('Connect is refused, and a hook call reaching this window is denied as "workspace not trusted", nothing proposed or written', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    const redline = await api();
    await assert.rejects(redline.connectAgent('claude-code'), /Restricted Mode/);
    assert.equal(fs.existsSync(path.join(root(), '.claude', 'settings.local.json')), false, 'a refused Connect writes nothing');

    // The loopback server still serves this window (MCP starts it): the launcher beside the MCP one.
    const win = vscode.window as unknown as { showQuickPick: (items: readonly { label: string }[]) => Promise<unknown> };
    const original = win.showQuickPick;
    win.showQuickPick = async (items) => items.find((i) => i.label === 'Claude Code');
    try {
      await vscode.commands.executeCommand('redline.copyMcpConfiguration');
    } finally {
      win.showQuickPick = original;
    }
    const config = JSON.parse(await vscode.env.clipboard.readText()) as { mcpServers: { redline: { command: string } } };
    const launcher = path.join(path.dirname(config.mcpServers.redline.command), 'redline-hook');
    assert.ok(fs.existsSync(launcher), `no hook launcher at ${launcher}`);

    const target = path.join(root(), 'src', 'untrusted-hook.ts');
    const proposed: string[] = [];
    const sub = redline.onDidChange((e) => {
      if (e.kind === 'changeset') proposed.push(e.id);
    });
    const answer = await runHook(`${shellQuote(launcher)} claude-code`, hookInput('Write', { file_path: target, content: 'export const x = 1;\n' }));
    assert.equal(answer.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(reasonOf(answer), /^Redline refused this edit: workspace not trusted: .*Nothing was written\.$/);
    assert.equal(fs.existsSync(target), false);
    sub.dispose();
    assert.deepEqual(proposed, [], 'nothing proposed');
  });
});
