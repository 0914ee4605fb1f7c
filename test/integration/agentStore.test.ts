import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ReviewSession } from '../../src/core/review/reviewSession';
import type { Runs } from '../../src/core/runs/runs';
import { createAgentRuns } from '../../src/vscode/agent/createAgentRuns';
import type { Logger } from '../../src/vscode/log';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { FAKE_KEY, MemoryMemento, resetSettings, startDouble, waitFor, write, writePlan } from './agentSupport';
import { policyRules } from '../../src/core/policy/policyRules';
import { Bundles } from '../../src/vscode/bundles';

/**
 * A second RunService over the same storage folder stands in for a reloaded window: what it
 * finds is what a reload would find.
 */
describe('agent transcripts in workspace storage', function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  let storage: string;
  const logged: string[] = [];
  const created: Runs[] = [];

  const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m), show: () => undefined };
  const runService = (): Runs => {
    const ext = vscode.extensions.getExtension('redline.redline')!;
    const paths = new WorkspacePaths(policyRules);
    const runs = createAgentRuns({
      model: () => new Bundles(ext.extensionPath).get('model'),
      context: {
        storageUri: vscode.Uri.file(storage),
        workspaceState: new MemoryMemento(),
        globalState: new MemoryMemento(),
        extensionMode: vscode.ExtensionMode.Test,
      },
      session: new ReviewSession(new VsCodeReviewWorkspace(paths), workspaceTrust, policyRules),
      keys: { get: async () => FAKE_KEY },
      paths,
      log,
    });
    created.push(runs);
    return runs;
  };

  before(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-storage-'));
  });
  after(async () => {
    for (const runs of created) runs.dispose();
    await double?.close();
    await resetSettings();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it("keeps a run's snapshot, events and transcript across a reload, redacted", async () => {
    const planted = 'sk-ant-api03-STOREDstoredSTOREDstored-abcdefghijklmnop0123';
    write('src/agent-store/s.txt', `token: ${planted}\nvalue = 1\n`);
    const plan = writePlan('agent-store');
    double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([
            { name: 'read_file', input: { path: 'src/agent-store/s.txt' } },
            { name: 'propose_edit', input: { path: 'src/agent-store/s.txt', old_string: 'value = 1', new_string: 'value = 2', step: 's1' } },
          ])
        : textReply('Set the value to 2.'),
    );
    const first = runService();
    const started = await first.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const id = started.value;
    const ended = await waitFor('the run to end', () => first.get(id)?.state !== 'running' && first.get(id));
    assert.equal(ended.state, 'done', ended.error);
    const files = await waitFor('the stored record', () => {
      // A record is written beside (`.json.tmp`) and renamed over: only the records count.
      const names = fs.existsSync(path.join(storage, 'runs')) ? fs.readdirSync(path.join(storage, 'runs')).filter((n) => n.endsWith('.json')) : [];
      const text = names.length === 1 ? fs.readFileSync(path.join(storage, 'runs', names[0]!), 'utf8') : '';
      return text.includes('"state":"done"') ? names : undefined;
    });
    assert.deepEqual(files, [`${id}.json`]);
    const stored = fs.readFileSync(path.join(storage, 'runs', files[0]!), 'utf8');
    assert.ok(!stored.includes(planted), 'the stored transcript carries a secret it read');
    assert.ok(!stored.includes(FAKE_KEY), 'the stored transcript carries the key');
    assert.ok(!logged.some((line) => line.includes(FAKE_KEY) || line.includes(planted)), 'a log line carries a secret');

    const reloaded = runService();
    assert.deepEqual(reloaded.runsOf(plan), [], 'nothing is read until asked (activation reads no files)');
    await waitFor('the stored runs to load', () => reloaded.runsOf(plan).length === 1);
    assert.deepEqual(reloaded.get(id), first.get(id), 'the snapshot must survive the reload as it was');
    assert.equal(reloaded.summary(id), 'Set the value to 2.');
    const events = reloaded.events(id);
    assert.deepEqual(
      events.map((e) => e.type).filter((t) => t === 'tool_call' || t === 'state'),
      ['state', 'tool_call', 'tool_call', 'state'],
    );
    const replayed = JSON.stringify(events);
    assert.ok(replayed.includes('value = 2') && !replayed.includes(planted), 'the events replay the run, redacted');
  });
});
