// The agent's own command (run_command) through the real agent, the real SDK, the real isolated
// copy and sandbox: allowed by a user rule, asked and allowed once, asked and denied with a reason,
// and unable to reach the network while it sees the proposals, not the disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { CommandAnswer, CommandQuestion } from '../../src/core/agent/commandTool';
import type { AskCommand } from '../../src/vscode/checks/commandApprovals';
import { ReviewSession } from '../../src/core/review/reviewSession';
import type { Runs } from '../../src/core/runs/runs';
import { createAgentRuns } from '../../src/vscode/agent/createAgentRuns';
import type { Logger } from '../../src/vscode/log';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { policyRules } from '../../src/core/policy/policyRules';
import { Bundles } from '../../src/vscode/bundles';
import { lastToolResults, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { CANARIES, FAKE_KEY, MemoryMemento, resetSettings, root, startDouble, waitFor, write, writePlan } from './agentSupport';
import { plantSecrets } from './safetySupport';

const log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
type Call = { name: string; input: Record<string, string | number> };

describe('agent: run_command in the sandboxed copy', function () {
  this.timeout(90_000);
  let double: MessagesDouble | undefined;
  let runs: Runs | undefined;
  let asked: CommandQuestion[] = [];
  let answers: CommandAnswer[] = [];

  before(() => {
    plantSecrets();
    write('cmd-hello.js', "console.log('hello from the copy ' + process.argv.slice(2).join(' '));\n");
  });
  /** The agent's runs as the extension composes them; `ask` replaces the modal when given. */
  function openRuns(ask: AskCommand | undefined): Runs {
    const paths = new WorkspacePaths(policyRules);
    const ext = vscode.extensions.getExtension('redline.redline')!;
    return createAgentRuns({
      model: () => new Bundles(ext.extensionPath).get('model'),
      context: { storageUri: undefined, workspaceState: new MemoryMemento(), globalState: new MemoryMemento(), extensionMode: vscode.ExtensionMode.Test },
      session: new ReviewSession(new VsCodeReviewWorkspace(paths), workspaceTrust, policyRules),
      keys: { get: async () => FAKE_KEY },
      paths,
      log,
      ...(ask === undefined ? {} : { askCommand: ask }),
    });
  }

  beforeEach(() => {
    asked = [];
    answers = [];
    runs = openRuns(async (question) => {
      asked.push(question);
      return answers.shift() ?? { kind: 'dismissed' };
    });
  });
  afterEach(async () => {
    runs?.dispose();
    await double?.close();
    double = undefined;
    await vscode.workspace.getConfiguration('redline').update('commands.allow', undefined, vscode.ConfigurationTarget.Global);
  });
  after(() => resetSettings());

  const allow = (rules: string[]): Thenable<void> =>
    vscode.workspace.getConfiguration('redline').update('commands.allow', rules, vscode.ConfigurationTarget.Global);

  /** A build run whose first turn makes `calls`; resolves with the tool results the model got back. */
  async function build(name: string, calls: (port: number) => Call[]) {
    const plan = writePlan(name, { steps: ['Probe'] });
    double = await startDouble(({ body }) => (turnOf(body) < 1 ? toolReply(calls(Number(new URL(double!.url).port))) : textReply('Done.')));
    const started = await runs!.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const run = await waitFor('the run to end', () => runs!.get(started.value)?.state !== 'running' && runs!.get(started.value), 60_000);
    assert.equal(run.state, 'done', run.error);
    // What the model received: the second request carries the results of the first turn's calls.
    return lastToolResults(double.messageRequests()[1]!.body);
  }

  it('runs a command a user rule allows, without asking, and its output reaches the model', async () => {
    await allow(['node cmd-hello.js *']);
    const [result] = await build('cmd-allowed', () => [{ name: 'run_command', input: { command: 'node cmd-hello.js by rule' } }]);
    assert.deepEqual(asked, [], 'an allowed command is not asked');
    assert.ok(result && !result.isError, JSON.stringify(result));
    assert.match(result.text, /^\$ node cmd-hello\.js by rule\nexit code 0, \d+\.\d s\nhello from the copy by rule$/, result.text);
  });

  it('asks for a command no rule allows, and runs it when the user allows it once', async () => {
    await allow(['node cmd-hello.js *']);
    answers = [{ kind: 'once' }];
    const command = 'node cmd-hello.js once && node cmd-hello.js chained';
    const [result] = await build('cmd-once', () => [{ name: 'run_command', input: { command, purpose: 'check the greeting' } }]);
    assert.deepEqual(
      asked.map((q) => [q.command, q.purpose, q.canRemember]),
      [[command, 'check the greeting', true]],
      'a chained command is asked, whatever the rule for its first part',
    );
    assert.ok(result && !result.isError, JSON.stringify(result));
    assert.match(result.text, /hello from the copy once\nhello from the copy chained/, result.text);
  });

  // Two locks: VS Code drops an application setting from a workspace, and the adapter reads the user
  // value only, which holds even with the setting's scope changed to "window" by mistake.
  it("ignores allow rules a cloned repository's .vscode/settings.json sets: the command is asked", async () => {
    const settingsFile = write('.vscode/settings.json', '{\n  "redline.commands.allow": ["*", "node cmd-hello.js *"]\n}\n');
    try {
      await waitFor(
        'the workspace settings to load',
        () => vscode.workspace.getConfiguration('redline').inspect('commands.allow')?.workspaceValue !== undefined || undefined,
        5000,
      ).catch(
        () => undefined, // VS Code may drop an application setting from a workspace before anyone reads it
      );
      const [result] = await build('cmd-workspace-rule', () => [{ name: 'run_command', input: { command: 'node cmd-hello.js from a repo rule' } }]);
      assert.deepEqual(
        asked.map((q) => q.command),
        ['node cmd-hello.js from a repo rule'],
        'a rule from the workspace must not allow anything',
      );
      assert.ok(result?.isError && /not approved/.test(result.text), JSON.stringify(result));
    } finally {
      fs.rmSync(settingsFile);
    }
  });

  it('asks, and a denial with a reason reaches the model instead of a result', async () => {
    answers = [{ kind: 'deny', reason: 'run only the unit tests of the file you changed' }];
    const [result] = await build('cmd-denied', () => [{ name: 'run_command', input: { command: 'node cmd-hello.js denied' } }]);
    assert.equal(asked.length, 1);
    assert.ok(result?.isError, JSON.stringify(result));
    assert.match(result.text, /the user denied "node cmd-hello\.js denied" and said: run only the unit tests of the file you changed/);
    assert.doesNotMatch(result.text, /hello from the copy/, 'a denied command never runs');
  });

  it("the modal: Deny… with a reason typed in goes to the model, a closed question is 'not approved', and the run goes on", async () => {
    runs?.dispose();
    runs = openRuns(undefined);
    const win = vscode.window as unknown as Record<string, unknown>;
    const originals = { warning: win.showWarningMessage, input: win.showInputBox };
    const shown: { message: string; modal: boolean; items: string[] }[] = [];
    win.showWarningMessage = async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
      shown.push({ message, modal: options.modal === true, items });
      // The first question is denied with a reason; the second is closed without an answer.
      return shown.length === 1 ? 'Deny…' : undefined;
    };
    win.showInputBox = async () => 'use the unit tests instead';
    try {
      const [denied, dismissed] = await build('cmd-modal', () => [
        { name: 'run_command', input: { command: 'node cmd-hello.js first' } },
        { name: 'run_command', input: { command: 'node cmd-hello.js second' } },
      ]);
      assert.deepEqual(
        shown.map((q) => [q.message.includes('node cmd-hello.js first') || q.message.includes('node cmd-hello.js second'), q.modal]),
        [
          [true, true],
          [true, true],
        ],
        'each command is asked in a modal that shows it',
      );
      assert.deepEqual(shown[0]?.items, ['Allow Once', 'Always Allow in This Workspace', 'Deny…']);
      assert.ok(denied?.isError && /and said: use the unit tests instead/.test(denied.text), JSON.stringify(denied));
      assert.ok(dismissed?.isError && /not run \(not approved\)/.test(dismissed.text), JSON.stringify(dismissed));
      assert.ok(![denied, dismissed].some((r) => r?.text.includes('hello from the copy')), 'neither command ran');
    } finally {
      win.showWarningMessage = originals.warning;
      win.showInputBox = originals.input;
    }
  });

  it('cannot reach the network, sees the proposals rather than the disk, and no secret file', async () => {
    write('cmd-data.txt', 'on disk\n');
    const probe = [
      "const fs = require('fs'), net = require('net');",
      "const readOr = (p) => { try { return 'READ ' + fs.readFileSync(p, 'utf8').trim(); } catch (e) { return 'refused ' + e.code; } };",
      "console.log('data: ' + fs.readFileSync('cmd-data.txt', 'utf8').trim());",
      "console.log('copy env: ' + readOr('.env'));",
      `console.log('workspace env: ' + readOr(${JSON.stringify(`${root()}/.env`)}));`,
      "const socket = net.connect(Number(process.argv[2]), '127.0.0.1');",
      "socket.on('connect', () => { console.log('tcp: CONNECTED'); socket.destroy(); }).on('error', (e) => console.log('tcp: blocked ' + e.code));",
    ].join('\n');
    await allow(['node cmd-probe.js *']);
    const results = await build('cmd-network', (port): Call[] => [
      { name: 'create_file', input: { path: 'cmd-probe.js', content: probe, step: 's1' } },
      { name: 'propose_edit', input: { path: 'cmd-data.txt', old_string: 'on disk', new_string: 'as proposed', step: 's1' } },
      { name: 'run_command', input: { command: `node cmd-probe.js ${port}`, timeout_seconds: 30 } },
    ]);
    const result = results[2]!;
    assert.ok(!result.isError, result.text);
    const line = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(result.text)?.[1] ?? '(no output)';
    assert.match(line('tcp'), /^blocked /, `the command must not reach the double's loopback port: ${result.text}`);
    assert.equal(line('data'), 'as proposed', 'the command must see the proposal, not the file on disk');
    assert.match(line('copy env'), /^refused /, 'the copy has no .env');
    assert.match(line('workspace env'), /^refused /, "the workspace's own .env is out of sight");
    assert.ok(!result.text.includes(CANARIES.env), 'the .env canary must not reach the model');
  });
});
