import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunTranscript } from '../../src/core/agent/transcript';
import { DEFAULT_REGEX_BUDGET_MS } from '../../src/node/search/timedSearch';
import { lastToolResults, lastUserText, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, openWindow, resetSettings, startDouble, stubWindow, type TestWindow, waitFor, waitForEnd, write, writePlan } from './agentSupport';

const isFix = (body: Parameters<typeof lastUserText>[0]): boolean => JSON.stringify(body).includes('revising one hunk');

describe('agent feedback in the extension host: fix tokens, failing checks, search limits, continue', function () {
  this.timeout(90_000);
  let double: MessagesDouble | undefined;
  let storage: string;
  let win: TestWindow | undefined;

  beforeEach(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-feedback-'));
  });
  afterEach(async () => {
    win?.dispose();
    win = undefined;
    await double?.close();
    double = undefined;
    await resetSettings();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  const endOf = (w: TestWindow, id: string) => waitFor(`run ${id} to end`, () => w.runs.get(id)?.state !== 'running' && w.runs.get(id), 60_000);

  it("counts a fix request's tokens for its run and for the plan", async () => {
    write('src/agent-fixcost/f.txt', 'f = 1\n');
    const plan = writePlan('agent-fixcost');
    double = await startDouble(({ body }) => {
      if (isFix(body)) {
        return turnOf(body) === 0
          ? toolReply(
              [{ name: 'propose_edit', input: { path: 'src/agent-fixcost/f.txt', old_string: 'f = 2', new_string: 'f = 20', step: 's1' } }],
              undefined,
              { outputTokens: 500 },
            )
          : textReply('Made it 20.', { outputTokens: 300 });
      }
      return turnOf(body) === 0
        ? toolReply([{ name: 'propose_edit', input: { path: 'src/agent-fixcost/f.txt', old_string: 'f = 1', new_string: 'f = 2', step: 's1' } }])
        : textReply('Set f.');
    });
    win = openWindow(storage);
    const started = await win.runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const run = await endOf(win, started.value);
    assert.equal(run.state, 'done', run.error);
    const hunk = win.session.get(run.changesetId!)!.changeset.files[0]!.hunks[0]!;
    const fixed = await win.runs.requestFix(run.changesetId!, hunk.id, 'make it 20');
    assert.ok(fixed.ok, fixed.ok ? '' : fixed.message);
    const after = win.runs.get(started.value)!;
    assert.equal(after.usage.output - run.usage.output, 800, "both fix turns' output tokens are on the run");
    assert.ok(after.usage.input + after.usage.cacheWrite > run.usage.input + run.usage.cacheWrite, 'and their input tokens');
    assert.deepEqual(win.runs.planUsage(plan), after.usage, "the plan's usage is its runs', fixes included");
    const stored = await waitFor('the stored record to have the fix', () => {
      const file = path.join(storage, 'runs', `${started.value}.json`);
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return text.includes(`"output":${after.usage.output}`) ? text : undefined;
    });
    assert.match(stored, /"fixUsage":\{"input":\d+,"output":800/, 'the fix tokens survive a reload');
  });

  it('feeds a failing plan check back to the model, which fixes its proposal; the final check state is stored', async () => {
    process.env.REDLINE_TEST_APPROVE_CHECKS = '1';
    write('src/agent-checkfix/sum.js', 'module.exports = (a, b) => a - b;\n');
    write(
      'agent-checkfix-check.js',
      "const sum = require('./src/agent-checkfix/sum.js');\nif (sum(1, 2) !== 3) { console.log('expected 3, got ' + sum(1, 2)); process.exit(1); }\nconsole.log('sum ok');\n",
    );
    const plan = writePlan('agent-checkfix', { steps: ['Fix sum'], checks: ['node agent-checkfix-check.js'] });
    double = await startDouble(({ body }) => {
      if (lastUserText(body).includes('checks ran against your proposals')) {
        return toolReply([{ name: 'propose_edit', input: { path: 'src/agent-checkfix/sum.js', old_string: 'a - b', new_string: 'a + b', step: 's1' } }]);
      }
      return lastToolResults(body).length > 0 ? textReply('Fixed sum.') : textReply('Nothing to do, I think.');
    });
    win = openWindow(storage);
    const started = await win.runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const run = await endOf(win, started.value);
    assert.equal(run.state, 'done', run.error);
    const told = double
      .messageRequests()
      .map((r) => lastUserText(r.body))
      .find((t) => t.includes('checks ran against your proposals'));
    assert.ok(told, 'the failing check was fed back');
    assert.match(told, /node agent-checkfix-check\.js\): exit code 1\nexpected 3, got -1/, told);
    assert.equal(
      fs.readFileSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'src/agent-checkfix/sum.js'), 'utf8'),
      'module.exports = (a, b) => a - b;\n',
      'the fix is a proposal',
    );
    const record = await waitFor('the final record', () => {
      const file = path.join(storage, 'runs', `${started.value}.json`);
      const parsed = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { transcript?: RunTranscript }) : undefined;
      return parsed?.transcript;
    });
    assert.deepEqual(
      record.finalChecks?.map((c) => [c.status, c.outcome.exitCode]),
      [['passed', 0]],
      'the checks ran again against the fix and passed',
    );
    assert.deepEqual(
      record.checks.map((c) => c.outcome.exitCode),
      [1, 0],
    );
  });

  it('a catastrophic search_text pattern: rg answers at once on disk, the time limit stops it on a proposal; the host stays responsive', async () => {
    write('src/agent-regex/trap.txt', `${'a'.repeat(40)}b\n`);
    const plan = writePlan('agent-regex');
    const search = { name: 'search_text', input: { pattern: '^(a+)+$', is_regex: true, glob: 'src/agent-regex/**' } };
    double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([search, { name: 'create_file', input: { path: 'src/agent-regex/proposed.txt', content: `${'a'.repeat(40)}b\n`, step: 's1' } }, search])
        : textReply('Done.'),
    );
    win = openWindow(storage);
    const startedAt = Date.now();
    const started = await win.runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const run = await endOf(win, started.value);
    assert.equal(run.state, 'done', run.error);
    const [onDisk, , onProposal] = lastToolResults(double.messageRequests()[1]!.body);
    // rg's engine does not backtrack: the file on disk is searched in full, and does not match.
    assert.deepEqual(onDisk && { isError: onDisk.isError, text: onDisk.text }, { isError: false, text: 'no matches for ^(a+)+$' });
    assert.ok(onProposal?.isError, `the timeout must be an is_error result: ${JSON.stringify(onProposal)}`);
    assert.match(onProposal.text, new RegExp(`ran longer than its ${DEFAULT_REGEX_BUDGET_MS} ms limit and was stopped \\(catastrophic backtracking`));
    assert.ok(Date.now() - startedAt < 30_000, 'the run did not hang on the pattern');
  });

  it('Redline: Continue Run continues a finished run of the extension with a message', async () => {
    const redline = await api();
    write('src/agent-continue/k.txt', 'k = 1\n');
    const plan = writePlan('agent-continue-cmd');
    double = await startDouble(({ body }) => {
      if (lastUserText(body) === 'Now make it 3.')
        return toolReply([{ name: 'propose_edit', input: { path: 'src/agent-continue/k.txt', old_string: 'k = 2', new_string: 'k = 3', step: 's1' } }]);
      if (turnOf(body) === 0)
        return toolReply([{ name: 'propose_edit', input: { path: 'src/agent-continue/k.txt', old_string: 'k = 1', new_string: 'k = 2', step: 's1' } }]);
      return textReply('Done.');
    });
    const runId = await redline.startRun({ plan, mode: 'build' });
    const first = await waitForEnd(redline, runId);
    assert.equal(first.state, 'done', first.error);
    const errors: string[] = [];
    const restore = stubWindow('showErrorMessage', async (m: unknown) => void errors.push(String(m)));
    try {
      assert.equal(await vscode.commands.executeCommand('redline.continueRun', 'run-nope', 'hello'), undefined);
      assert.match(errors.join('\n'), /no run 'run-nope'/, 'an unknown run says so');
      assert.equal(await vscode.commands.executeCommand('redline.continueRun', runId, '   '), undefined);
      assert.match(errors.join('\n'), /continued with a message/, 'an empty message says so');
    } finally {
      restore();
    }
    assert.equal(await vscode.commands.executeCommand('redline.continueRun', runId, 'Now make it 3.'), runId);
    const second = await waitForEnd(redline, runId);
    assert.equal(second.state, 'done', second.error);
    assert.equal(second.changesetId, first.changesetId);
    const hunks = redline.getChangeset(second.changesetId!)!.files[0]!.hunks;
    assert.equal(hunks.length, 1, 'the same change, revised');
    assert.ok(
      double.messageRequests().some((r) => lastUserText(r.body) === 'Now make it 3.'),
      'the message reached the model',
    );
  });
});
