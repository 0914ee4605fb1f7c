import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoredRun } from '../../src/core/runs/runRecord';
import { asArray, field, type Json, withoutCacheControl } from '../double/json';
import { messagesOf, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { gate, openWindow, resetSettings, startDouble, type TestWindow, waitFor, write, writePlan } from './agentSupport';

/** The blocks of a request's last message, cache marks left out: `type:text` or `type:tool_use_id`. */
function lastBlocks(body: Json): string[] {
  const last = withoutCacheControl(messagesOf(body).at(-1) ?? null);
  return asArray(field(last, 'content')).map((b) => `${String(field(b, 'type'))}:${String(field(b, 'text') ?? field(b, 'tool_use_id'))}`);
}

describe('steering a running agent in the extension host: queued, withdrawn, stored, continued', function () {
  this.timeout(90_000);
  let double: MessagesDouble | undefined;
  let storage: string;
  const windows: TestWindow[] = [];

  beforeEach(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-steer-'));
  });
  afterEach(async () => {
    for (const w of windows.splice(0)) w.dispose();
    await double?.close();
    double = undefined;
    await resetSettings();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const open = (): TestWindow => {
    const w = openWindow(storage);
    windows.push(w);
    return w;
  };
  const endOf = (w: TestWindow, id: string) => waitFor(`run ${id} to end`, () => w.runs.get(id)?.state !== 'running' && w.runs.get(id), 60_000);
  /** The run's stored record, once it is written. */
  const stored = (id: string): StoredRun | undefined => {
    const file = path.join(storage, 'runs', `${id}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StoredRun) : undefined;
  };

  it('sends a queued message in the next request after the tool results, never a withdrawn one; the log keeps it over a reload', async () => {
    write('src/agent-steer/a.txt', 'a = 1\n');
    const plan = writePlan('agent-steer');
    const firstTurn = gate();
    double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([{ name: 'read_file', input: { path: 'src/agent-steer/a.txt' } }], undefined, { hold: firstTurn.opened })
        : textReply('Done.'),
    );
    const win = open();
    const started = await win.runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const id = started.value;
    await waitFor('the first turn to be asked', () => double!.messageRequests().length === 1);

    const kept = await win.runs.steering.add(id, 'Keep a = 1 as the default.');
    const withdrawn = await win.runs.steering.add(id, 'Delete the file instead.');
    assert.ok(kept.ok && withdrawn.ok);
    assert.deepEqual(await win.runs.steering.withdraw(id, withdrawn.value), { ok: true, value: undefined });
    assert.deepEqual(
      win.runs.steering.queued(id).map((m) => m.text),
      ['Keep a = 1 as the default.'],
    );
    firstTurn.open();
    const run = await endOf(win, id);
    assert.equal(run.state, 'done', run.error);

    const requests = double.messageRequests();
    const blocks = lastBlocks(requests[1]!.body);
    assert.match(blocks[0] ?? '', /^tool_result:/, `the tool result is not first: ${blocks.join(' | ')}`);
    assert.deepEqual(blocks.slice(1), ['text:Keep a = 1 as the default.'], 'the queued message is not in the next request, after the tool result');
    assert.ok(!requests.some((r) => r.raw.includes('Delete the file instead.')), 'the withdrawn message was sent');
    const late = await win.runs.steering.edit(id, kept.value, 'too late');
    assert.equal(late.ok ? 'edited' : late.code, 'E_SENT', 'a sent message could be edited');
    const refused = await win.runs.steering.add(id, 'after the end');
    assert.equal(refused.ok ? 'queued' : refused.code, 'E_STATE', 'a message was queued for an ended run');

    const record = await waitFor('the stored record to have the message', () => {
      const r = stored(id);
      return r?.snapshot.state === 'done' ? r : undefined;
    });
    assert.ok(
      record.events.some((e) => e.type === 'steer' && e.text === 'Keep a = 1 as the default.'),
      'the stored log has no message',
    );
    assert.ok(JSON.stringify(record.transcript?.messages).includes('Keep a = 1 as the default.'), 'the stored transcript has no message');
    win.dispose();
    const again = open();
    await again.runs.continuable();
    assert.ok(
      again.runs.events(id).some((e) => e.type === 'steer' && e.text === 'Keep a = 1 as the default.'),
      'the message is not in the log after a reload',
    );
  });

  it('a message the run ended before sending survives a reload, can still be edited, and Continue Run sends it first', async () => {
    write('src/agent-steer-left/b.txt', 'b = 1\n');
    const plan = writePlan('agent-steer-left');
    const firstTurn = gate();
    double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([{ name: 'read_file', input: { path: 'src/agent-steer-left/b.txt' } }], undefined, { hold: firstTurn.opened })
        : textReply('Done.'),
    );
    // After the double: starting it sets its own turn limit.
    await vscode.workspace.getConfiguration('redline').update('maxTurns', 1, vscode.ConfigurationTarget.Global);
    const win = open();
    const started = await win.runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const id = started.value;
    await waitFor('the first turn to be asked', () => double!.messageRequests().length === 1);
    const queued = await win.runs.steering.add(id, 'Make b two.');
    assert.ok(queued.ok);
    firstTurn.open();
    const ended = await endOf(win, id);
    assert.equal(ended.state, 'failed', 'the run did not stop at its one turn');
    assert.equal(double.messageRequests().length, 1, 'the run asked again after its last turn');
    await waitFor('the stored record to keep the message', () => (stored(id)?.queued?.[0]?.text === 'Make b two.' ? true : undefined));

    win.dispose();
    const again = open();
    await again.runs.continuable();
    assert.deepEqual(
      again.runs.steering.queued(id).map((m) => m.text),
      ['Make b two.'],
      'the message is lost after a reload',
    );
    assert.deepEqual(await again.runs.steering.edit(id, queued.value, 'Make b three.'), { ok: true, value: undefined });
    const continued = await again.runs.continueRun(id, '');
    assert.ok(continued.ok, continued.ok ? '' : continued.message);
    const run = await endOf(again, id);
    assert.equal(run.state, 'done', run.error);
    const blocks = lastBlocks(double.messageRequests()[1]!.body);
    assert.match(blocks[0] ?? '', /^tool_result:/);
    assert.deepEqual(blocks.slice(1), ['text:Make b three.'], 'Continue Run did not send the edited message first (and alone)');
    assert.deepEqual(again.runs.steering.queued(id), [], 'the sent message is still queued');
    const empty = await again.runs.continueRun(id, '  ');
    assert.equal(empty.ok ? 'continued' : empty.code, 'E_INPUT', 'an empty Continue Run with nothing queued went on');
  });
});
