// Adversarial suite, forged webview messages: a compromised Review webview posts messages the
// real panel never sends. Each enters the host exactly where a webview's message does (the
// panel's validated channel) and must change nothing: dropped by the schema, or refused because
// it names an id the host does not hold.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { read, write } from './agentSupport';
import { ownAgent, type OwnAgent } from './safetyHarness';
import { newLedger } from './safetySupport';

const ledger = newLedger('integration-messages');

describe('safety: forged messages from the Review webview', function () {
  this.timeout(60_000);
  let own: OwnAgent | undefined;

  afterEach(async () => {
    own?.dispose();
    own = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => ledger.write());

  it('drops what does not match the protocol and refuses ids the host does not hold', async () => {
    write('src/forged.ts', 'export const forged = 1;\n');
    own = ownAgent();
    const changesetId = await own.api.proposeChanges({ title: 'forged', files: [{ path: 'src/forged.ts', newText: 'export const forged = 2;\n' }] });
    const { webview } = own.openPanel(changesetId);
    await webview.send({ type: 'ready' });
    const hunkId = webview.hunks()[0]!.id;
    const state = (): string => JSON.stringify(own!.api.getChangeset(changesetId)) + read('src/forged.ts');
    const pollution = JSON.parse('{"type":"undo","requestId":1,"__proto__":{"polluted":true}}') as unknown;
    const forged: [string, unknown, 'dropped' | 'refused'][] = [
      [
        'unknown type { type: "runCommand", command: "workbench.action.terminal.new" }',
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        'dropped',
      ],
      ['a bare string "decideAll"', 'decideAll', 'dropped'],
      [
        'decide with an extra path field { path: "/etc/passwd" }',
        { type: 'decide', requestId: 11, hunkId, decision: 'accept', path: '/etc/passwd' },
        'dropped',
      ],
      [
        'decide with an extra url field { url: "http://127.0.0.1:9/x" }',
        { type: 'decide', requestId: 12, hunkId, decision: 'accept', url: 'http://127.0.0.1:9/x' },
        'dropped',
      ],
      ['decide with a command as the decision', { type: 'decide', requestId: 13, hunkId, decision: 'workbench.action.files.save' }, 'dropped'],
      ['decide with a hunk id the host does not hold', { type: 'decide', requestId: 14, hunkId: 'h-forged-0000', decision: 'accept' }, 'refused'],
      ['decide with a path as the hunk id (../../etc/passwd)', { type: 'decide', requestId: 15, hunkId: '../../etc/passwd', decision: 'accept' }, 'refused'],
      ['decide with a 100,000-character hunk id', { type: 'decide', requestId: 16, hunkId: 'x'.repeat(100_000), decision: 'accept' }, 'dropped'],
      ['decideFile with a file index the changeset does not have', { type: 'decideFile', requestId: 17, file: 99, decision: 'accept' }, 'refused'],
      ['decideFile with a path instead of an index', { type: 'decideFile', requestId: 18, file: 'src/forged.ts', decision: 'accept' }, 'dropped'],
      ['decideLines with a negative line index', { type: 'decideLines', requestId: 19, hunkId, lines: [-1], decision: 'accept' }, 'dropped'],
      ['expandContext asking for 10^9 lines', { type: 'expandContext', hunkId, direction: 'above', count: 1_000_000_000 }, 'dropped'],
      ['requestFix with a 20,000-character comment', { type: 'requestFix', requestId: 20, hunkId, comment: 'x'.repeat(20_000) }, 'dropped'],
      ['setLayout "javascript:alert(1)"', { type: 'setLayout', layout: 'javascript:alert(1)' }, 'dropped'],
      ['a __proto__ key (prototype pollution)', pollution, 'dropped'],
      ['decide without a request id', { type: 'decide', hunkId, decision: 'accept' }, 'dropped'],
      ['decide with a string as the request id', { type: 'decide', requestId: 'r1', hunkId, decision: 'accept' }, 'dropped'],
    ];
    for (const [label, message, expected] of forged) {
      const before = state();
      const logged = own.logged.length;
      const notices = webview.notices().length;
      await webview.send(message, expected === 'refused');
      const dropped = own.logged.slice(logged).some((l) => /dropped a message that does not validate/.test(l));
      const notice = webview.notices().slice(notices)[0];
      const unchanged = state() === before && ({} as Record<string, unknown>).polluted === undefined;
      const how = expected === 'dropped' ? (dropped ? 'dropped by the message schema (logged)' : 'NOT DROPPED') : notice ? `refused: ${notice}` : 'NOT REFUSED';
      const blocked = ledger.record(
        'forged webview message',
        `Review: ${label}`,
        unchanged && (expected === 'dropped' ? dropped : notice !== undefined),
        unchanged ? how : `STATE CHANGED; ${how}`,
      );
      assert.ok(blocked, `${label}: ${how}`);
    }
    await webview.send({ type: 'decide', requestId: 21, hunkId, decision: 'accept' });
    assert.equal(read('src/forged.ts'), 'export const forged = 2;\n', 'the real message must still work (the channel is live)');
  });
});
