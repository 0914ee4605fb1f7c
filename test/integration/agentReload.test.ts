import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hunkRegion } from '../../src/core/changeset/revise';
import { snapshotChangeset } from '../../src/core/changeset/snapshot';
import type { Logger } from '../../src/vscode/log';
import { focusKey, REVIEW_VIEW_TYPE } from '../../src/vscode/review/reviewPanel';
import { ReviewPanelSerializer } from '../../src/vscode/review/reviewPanelSerializer';
import { ReviewPanels } from '../../src/vscode/review/reviewPanels';
import { field, type Json } from '../double/json';
import { lastToolResults, lastUserText, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { openWindow, read, resetSettings, startDouble, type TestWindow, waitFor, write, writePlan } from './agentSupport';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
const files = ['a', 'b', 'c'].map((n) => `src/agent-reload/${n}.txt`);
const continuation = 'Also set a to 3.';

/** tools+system+messages as a request serialized them, without the closing brackets. */
const prefixOf = (body: Json): string => JSON.stringify([field(body, 'tools'), field(body, 'system'), field(body, 'messages')]).slice(0, -2);

/**
 * A window is the review session, its store and the agent over one storage folder; disposing it
 * and opening another on the same folder is what a reload does to Redline's state.
 */
describe('reviews and runs across a window reload', function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  let storage: string;
  const windows: TestWindow[] = [];
  const panels: ReviewPanels[] = [];
  const open = (): TestWindow => {
    const w = openWindow(storage);
    windows.push(w);
    return w;
  };

  before(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-reload-'));
  });
  after(async () => {
    for (const p of panels) p.dispose();
    for (const w of windows) w.dispose();
    await double?.close();
    await resetSettings();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('brings back the changeset rebased onto the files, the Review panel with its focus, and continues the run', async () => {
    files.forEach((f, i) => write(f, `${'abc'[i]} = 1\n`));
    const plan = writePlan('agent-reload', { steps: ['Set the values'] });
    double = await startDouble(({ body }) => {
      if (lastUserText(body).includes(continuation)) {
        return toolReply([{ name: 'propose_edit', input: { path: files[0]!, old_string: 'a = 2', new_string: 'a = 3', step: 's1' } }]);
      }
      if (lastToolResults(body).some((r) => r.text.includes('a.txt at lines'))) return textReply('a is 3 now.');
      return turnOf(body) === 0
        ? toolReply(
            files.map((f, i) => ({ name: 'propose_edit', input: { path: f, old_string: `${'abc'[i]} = 1`, new_string: `${'abc'[i]} = 2`, step: 's1' } })),
          )
        : textReply('Set a, b and c to 2.');
    });

    // The first window: a build run, then a review that rejects b and looks at a.
    const first = open();
    const started = await first.runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const runId = started.value;
    const done = await waitFor('the run to end', () => first.runs.get(runId)?.state !== 'running' && first.runs.get(runId));
    assert.equal(done.state, 'done', done.error);
    const changesetId = done.changesetId!;
    const hunkOf = (w: TestWindow, file: string) => w.session.get(changesetId)!.changeset.files.find((f) => f.path === file)!.hunks[0]!;
    assert.ok((await first.session.decide(changesetId, hunkOf(first, files[1]!).id, 'reject', 'leave b alone')).ok);
    first.session.markSeen(changesetId, hunkOf(first, files[0]!).id);
    await first.store.flush();
    // The run's record is written as the run ends, beside the window: close it once the record holds the end.
    await waitFor('the run record with its transcript', () => {
      try {
        const record = JSON.parse(fs.readFileSync(path.join(storage, 'runs', `${runId}.json`), 'utf8')) as {
          transcript?: unknown;
          snapshot?: { state?: string };
        };
        return record.transcript !== undefined && record.snapshot?.state === 'done';
      } catch {
        return false;
      }
    });
    const before = snapshotChangeset(first.session.get(changesetId)!.changeset);
    fs.writeFileSync(path.join(storage, 'changesets', 'cs-broken.json'), '{"version": 1, "changeset": ');
    first.dispose();

    // Meanwhile, c is changed on disk where the proposal would go.
    write(files[2]!, 'c = 100\n');

    const second = open();
    await second.restored;
    const restored = second.session.get(changesetId);
    assert.ok(restored, 'the changeset is back after the reload');
    const after = snapshotChangeset(restored.changeset);
    assert.deepEqual(
      after.files.map((f) => [f.path, f.hunks.map((h) => [h.id, h.state])]),
      before.files.map((f) => [f.path, f.hunks.map((h) => [h.id, f.path === files[2] ? 'stale' : h.state])]),
      'decisions kept; the hunk whose lines changed meanwhile is stale',
    );
    assert.equal(restored.changeset.files[1]!.hunks[0]!.reason, 'leave b alone');
    assert.ok(restored.seen.has(hunkOf(second, files[0]!).id), 'the seen hunk is still seen');
    assert.equal(read(files[2]!), 'c = 100\n', "the user's text is untouched");
    assert.equal((await second.session.decide(changesetId, hunkOf(second, files[2]!).id, 'accept')).ok, false, 'a stale hunk is never applied');
    assert.equal(read(files[2]!), 'c = 100\n');
    assert.ok(
      second.logged.some(
        (l) => /cs-broken\.json was skipped: changeset record: .* must be/.test(l) || /cs-broken\.json was skipped: it is not valid JSON/.test(l),
      ),
      `a damaged record is reported: ${second.logged.join('\n')}`,
    );
    const storedRun = await waitFor('the stored run to load', () => second.runs.get(runId));
    assert.equal(storedRun.changesetId, changesetId, 'the stored run still names its changeset, and it exists');

    // VS Code hands back the Review panel with what its webview saved.
    const reviewPanels = new ReviewPanels({
      extensionUri: vscode.extensions.getExtension('redline.redline')!.extensionUri,
      session: second.session,
      log: quiet,
      memento: second.memento,
      header: () => ({ title: 'Review', source: 'agent', claimMismatches: [] }),
      requestFix: async () => ({ ok: true, value: undefined }),
      openHunk: async () => undefined,
    });
    panels.push(reviewPanels);
    const serializer = new ReviewPanelSerializer(second.session, reviewPanels, second.restored, second.memento, quiet);
    const focused = hunkOf(second, files[0]!).id;
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, 'Review', vscode.ViewColumn.Active, {});
    await serializer.deserializeWebviewPanel(panel, { changesetId, focus: focused, layout: 'unified', scrollTop: 0, groupByStep: false });
    assert.equal(reviewPanels.get(changesetId)?.panel, panel, 'the restored panel reviews its changeset again');
    assert.equal(second.memento.get(focusKey(changesetId)), focused, 'and starts on the hunk that was in focus');
    for (const state of [undefined, 'junk', { changesetId: 'cs-unknown' }, { changesetId: 42 }]) {
      const orphan = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, 'Review', vscode.ViewColumn.Active, {});
      let closed = false;
      orphan.onDidDispose(() => (closed = true));
      await serializer.deserializeWebviewPanel(orphan, state);
      assert.ok(closed, `a panel restored with ${JSON.stringify(state)} must close`);
    }

    // The stored run continues: the model sees its earlier turns and its proposal where the review left it.
    const sentBefore = double.messageRequests().length;
    const lastOfFirst = double.messageRequests()[sentBefore - 1]!.body;
    const again = await second.runs.continueRun(runId, continuation);
    assert.ok(again.ok, again.ok ? '' : again.message);
    const ended = await waitFor('the continued run to end', () => second.runs.get(runId)?.state !== 'running' && second.runs.get(runId));
    assert.equal(ended.state, 'done', ended.error);
    const requests = double
      .messageRequests()
      .slice(sentBefore)
      .map((r) => r.body);
    assert.ok(prefixOf(requests[0]!).startsWith(prefixOf(lastOfFirst)), 'the continued request starts with the stored conversation, byte for byte');
    assert.equal(lastUserText(requests[0]!), continuation);
    const edit = lastToolResults(requests[1]!)[0];
    assert.ok(edit && !edit.isError, `the model edits its own proposal (a = 2), which only the seeded view has: ${edit?.text}`);
    assert.equal(ended.changesetId, changesetId, 'the continued run proposes into its changeset');
    const region = hunkRegion(second.session.get(changesetId)!.changeset, hunkOf(second, files[0]!).id);
    assert.ok(region.ok && region.value.newText === 'a = 3\n', 'the pending hunk now proposes a = 3');
    assert.equal(hunkOf(second, files[1]!).state, 'rejected', 'the rejection stands');
    assert.equal(read(files[0]!), 'a = 1\n', 'still only a proposal');
    assert.ok(ended.usage.output > done.usage.output, "the run's usage goes on from where it was");
    assert.deepEqual(
      second.runs.events(runId).filter((e) => e.type === 'user'),
      [{ type: 'user', text: continuation }],
      'the log shows the message',
    );
  });
});
